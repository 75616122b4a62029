"""Form widgets for long option lists."""

from __future__ import annotations

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


@lru_cache(maxsize=64)
def _options(items: tuple[tuple[str, str], ...]) -> str:
    """The <option> elements of (value, label) pairs, none selected. Kept per list: the units of one scope are the
    same list on every page of the officers of that scope."""
    return "".join(f'<option value="{escape(key)}">{escape(label)}</option>' for key, label in items)


class PlainSelect(forms.Select):
    """A flat <select> written out in Python, one string for all options: Django's template rendering includes one
    template per option, which costs about 1 ms per 25 options (the unit filter of a city has 900 units; most of
    the employee list's CPU). No option groups; the same attributes, values and labels as forms.Select."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        options = _options(tuple((str(key), str(label)) for key, label in self.choices))
        for chosen in {str(v) for v in self.format_value(value)}:
            plain = f'<option value="{escape(chosen)}">'
            options = options.replace(plain, f'{plain[:-1]} selected>', 1)
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))  # noqa: S308 (escaped above)
