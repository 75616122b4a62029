"""Reads of the organisation: the unit tree and positions, through the scoping path."""

from __future__ import annotations

from django.db.models import Count, Q

from renbang.accounts.scoping import for_user

from .models import OrgUnit, Position


def unit_tree_for_user(user) -> list[dict]:
    """The current unit tree as nested dicts, with active employee counts, in two queries."""
    from renbang.people.models import Employee

    units = list(for_user(OrgUnit.objects.current(), user).values("pk", "name", "kind", "parent_id"))
    counts = dict(
        for_user(Employee.objects.filter(active=True), user).values_list("unit_id").annotate(n=Count("pk"))
    )
    by_id = {u["pk"]: {**u, "children": [], "employees": counts.get(u["pk"], 0)} for u in units}
    roots = []
    for node in by_id.values():
        parent = by_id.get(node["parent_id"])
        (parent["children"] if parent else roots).append(node)
    for node in by_id.values():
        node["children"].sort(key=lambda n: n["name"])
    roots.sort(key=lambda n: n["name"])
    return roots


def position_list_for_user(user, *, q: str = "", position_type: str = ""):
    qs = for_user(Position.objects.all(), user).select_related("job_family")
    if q:
        qs = qs.filter(name__icontains=q)
    if position_type:
        qs = qs.filter(position_type=position_type)
    return qs.annotate(holders=Count("employees", filter=Q(employees__active=True))).order_by("name")
