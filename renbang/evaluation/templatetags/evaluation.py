"""Number formatting for the evaluation pages: NaN (no data) shows as a dash, never as 'nan'."""

from __future__ import annotations

import math

from django import template
from django.utils.formats import number_format

register = template.Library()


def _missing(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


@register.filter
def pct(value, digits: int = 0) -> str:
    """A share in [0, 1] as a percentage: 0.345 → '35 %'."""
    if _missing(value):
        return "—"
    return f"{number_format(float(value) * 100, int(digits))} %"


@register.filter
def num(value, digits: int = 2) -> str:
    if _missing(value):
        return "—"
    return number_format(float(value), int(digits))


@register.filter
def get(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None
