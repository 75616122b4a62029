"""Body fields that accept what the schema states: a text field takes a JSON string (DRF also turns the number 0
into "0"), a boolean takes true/false (DRF also reads 0, 1, "yes", "on"…). Form posts, still accepted though only
JSON is documented, send text: "true"/"false" and strings pass as before.

`install()` (ApiConfig.ready) maps the model fields of every ModelSerializer to these, so every endpoint, present
and future, gets them without naming them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class _StrictText:
    default_error_messages = {"not_text": _("Isi dengan teks.")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class CharField(_StrictText, serializers.CharField):
    pass


class EmailField(_StrictText, serializers.EmailField):
    pass


class URLField(_StrictText, serializers.URLField):
    pass


class SlugField(_StrictText, serializers.SlugField):
    pass


class BooleanField(serializers.BooleanField):
    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        text = data.lower() if isinstance(data, str) else None
        if text in ("true", "false"):
            return text == "true"
        if self.allow_null and (data is None or text in ("", "null")):
            return None
        self.fail("invalid", input=data)


def install() -> None:
    mapping = serializers.ModelSerializer.serializer_field_mapping
    mapping.update({
        models.CharField: CharField, models.TextField: CharField, models.EmailField: EmailField,
        models.URLField: URLField, models.SlugField: SlugField, models.BooleanField: BooleanField,
    })
