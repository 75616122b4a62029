"""Query parameters of plain API views, read through a serializer that is also their published schema
(`@extend_schema(parameters=[TheQuerySerializer])`): what the schema states is what is accepted, the rest is a 400
with the field's message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "boolean"})
class StrictBooleanField(serializers.Field):
    """`true` or `false` only (DRF's BooleanField also takes 1, yes, on…, which the schema does not state)."""

    default_error_messages = {"invalid": _("Isi dengan true atau false.")}

    def to_internal_value(self, data):
        text = str(data).strip().lower()
        if text not in ("true", "false"):
            self.fail("invalid")
        return text == "true"

    def to_representation(self, value):
        return bool(value)


def read_query(request, serializer_class) -> dict:
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data
