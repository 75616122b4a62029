"""The main menu, assembled from what each app registers in its AppConfig.ready().

Apps add their entries here instead of editing a shared template, so the cycle's apps stay independent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str  # lazy translation
    url_name: str
    icon: str
    order: int
    visible: Callable[[object], bool] = lambda user: True
    section: str = ""


_items: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _items[item.key] = item


def items_for(user) -> list[dict]:
    result = []
    for item in sorted(_items.values(), key=lambda i: i.order):
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        result.append({"key": item.key, "label": item.label, "url": url, "icon": item.icon,
                       "section": item.section})
    return result
