"""Query filters of the API whose published types are the ones they accept (a true OpenAPI contract).

Every list endpoint filters through `FilterBackend` (settings.REST_FRAMEWORK), whose FilterSet maps model fields to:

- relations (`?programme=3`): an integer id in 1..2^63-1 (int64: SQLite INTEGER, PostgreSQL bigint); an id that
  names no row the caller may see simply matches nothing — no 400 that would tell whether another agency's row
  exists, and no 500 for a 26-digit number;
- integer fields (`?year=2026`): an int64; anything else is a 400;
- booleans (`?active=true`): exactly `true` or `false`; anything else is a 400 (django-filter's own widget ignores
  an unknown value, so `?active=maybe` would silently list everything);
- fields with choices (`?status=`): one of the choices, published as an enum (django-filter's ChoiceFilter).

An explicit FilterSet of an app subclasses `renbang.api.filters.FilterSet` to get the same mapping.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters import filters
from django_filters.fields import ChoiceField
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.rest_framework import FilterSet as DrfFilterSet
from drf_spectacular.utils import extend_schema_field

#: The largest integer a filter or id accepts: int64, the range of SQLite's INTEGER and PostgreSQL's bigint.
INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


class _PresentIntegerField(forms.IntegerField):
    """An integer; `?employee=` (present but empty) is refused like any other value that is not an integer (the
    schema says integer), an absent parameter means no filter."""

    def clean(self, value):
        if value == "":
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().clean(value)


class IdField(_PresentIntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", INT64_MAX)
        super().__init__(*args, **kwargs)


class Int64Field(_PresentIntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", INT64_MIN)
        kwargs.setdefault("max_value", INT64_MAX)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.Field):
    """`true` or `false` (any case); an empty value means no filter; anything else is refused."""

    default_error_messages = {"invalid": _("Isi dengan true atau false.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text not in ("true", "false"):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return text == "true"


class StrictChoiceField(ChoiceField):
    """One of the choices; `?status=` (empty) is refused like any value outside the enum (absent: no filter)."""

    def clean(self, value):
        if value == "":
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                        params={"value": value})
        return super().clean(value)


class StrictChoiceFilter(filters.ChoiceFilter):
    """A model field's choices without its blank choice (a position's level may be left blank: "—"), which an
    empty query value cannot ask for: the published enum and the accepted values agree."""

    field_class = StrictChoiceField

    def __init__(self, *args, **kwargs):
        choices = kwargs.get("choices")
        if choices is not None and not callable(choices):
            kwargs["choices"] = [(key, label) for key, label in choices if key != ""]
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": INT64_MAX})
class IdFilter(filters.NumberFilter):
    field_class = IdField


@extend_schema_field({"type": "integer", "minimum": INT64_MIN, "maximum": INT64_MAX})
class IntFilter(filters.NumberFilter):
    field_class = Int64Field


@extend_schema_field({"type": "boolean"})
class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


_RELATION = {"filter_class": IdFilter}
_INTEGER = {"filter_class": IntFilter}

FILTER_DEFAULTS = {
    **DrfFilterSet.FILTER_DEFAULTS,
    models.ForeignKey: _RELATION,
    models.OneToOneField: _RELATION,
    models.OneToOneRel: _RELATION,
    models.ManyToManyField: _RELATION,
    models.ManyToOneRel: _RELATION,
    models.ManyToManyRel: _RELATION,
    models.AutoField: _INTEGER,
    models.BigAutoField: _INTEGER,
    models.SmallAutoField: _INTEGER,
    models.IntegerField: _INTEGER,
    models.BigIntegerField: _INTEGER,
    models.SmallIntegerField: _INTEGER,
    models.PositiveIntegerField: _INTEGER,
    models.PositiveBigIntegerField: _INTEGER,
    models.PositiveSmallIntegerField: _INTEGER,
    models.BooleanField: {"filter_class": StrictBooleanFilter},
}


class FilterSet(DrfFilterSet):
    FILTER_DEFAULTS = FILTER_DEFAULTS

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        return (StrictChoiceFilter if filter_class is filters.ChoiceFilter else filter_class), params


class FilterBackend(DjangoFilterBackend):
    filterset_base = FilterSet
