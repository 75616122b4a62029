"""The main menu, assembled from what each app registers in its AppConfig.ready().

Apps add their entries here instead of editing a shared template, so the cycle's apps stay independent. An
entry may name a `group` (one of GROUPS: the stages of the cycle that hold several pages); a group becomes a
dropdown, or a plain link when the user sees only one of its entries. The menu stays one row on a laptop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str  # lazy translation
    url_name: str
    icon: str
    order: int
    visible: Callable[[object], bool] = lambda user: True
    section: str = ""
    group: str = ""


@dataclass(frozen=True)
class NavGroup:
    label: str
    icon: str
    order: int


#: The stages of the cycle that hold several pages (master data, standards, strategy).
GROUPS: dict[str, NavGroup] = {
    "data": NavGroup(_("Data"), "bi-database", 10),
    "standards": NavGroup(_("Standar"), "bi-bar-chart-steps", 30),
    "strategy": NavGroup(_("Strategi"), "bi-journal-bookmark", 40),
    "talent": NavGroup(_("Talenta"), "bi-person-up", 38),
}

_items: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _items[item.key] = item


def items_for(user) -> list[dict]:
    """The visible menu: entries and groups in order; a group is {"children": [...]} unless it has one entry."""
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    for item in sorted(_items.values(), key=lambda i: i.order):
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        # The label in the active language (not the lazy string): the menu is cached per user and language.
        entry = {"key": item.key, "label": str(item.label), "url": url, "icon": item.icon, "section": item.section,
                 "order": item.order}
        group = GROUPS.get(item.group)
        if group is None:
            entries.append(entry)
            continue
        if item.group not in groups:
            groups[item.group] = {"key": item.group, "label": str(group.label), "icon": group.icon,
                                  "order": group.order, "children": []}
            entries.append(groups[item.group])
        groups[item.group]["children"].append(entry)
    result = []
    for entry in entries:
        children = entry.get("children")
        if children is not None and len(children) == 1:
            entry = children[0]
        result.append(entry)
    return sorted(result, key=lambda e: e["order"])
