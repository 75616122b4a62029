"""Reads of employees; every one goes through scoping.for_user."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from renbang.accounts.scoping import for_user
from renbang.org.models import OrgUnit

from .models import Employee

SORTS = {
    "name": "name", "-name": "-name", "nip": "nip", "-nip": "-nip", "rank": "rank", "-rank": "-rank",
    "unit": "unit__name", "-unit": "-unit__name", "position": "position__name", "-position": "-position__name",
}


def employee_list_for_user(user, *, q: str = "", unit: int | None = None, position_type: str = "",
                           status: str = "", rank: str = "", active: bool | None = True,
                           sort: str = "name") -> QuerySet[Employee]:
    """Employees the user may see, filtered and sorted for the list page, export and API."""
    qs = for_user(Employee.objects.all(), user).select_related("unit", "position")
    if active is not None:
        qs = qs.filter(active=active)
    q = q.strip()
    if q:
        digits = "".join(ch for ch in q if ch.isdigit())
        if digits and len(digits) == len(q.replace(" ", "")):
            qs = qs.filter(nip__startswith=digits)
        else:
            qs = qs.filter(Q(name__icontains=q) | Q(nip__startswith=q))
    if unit:
        qs = qs.filter(unit__in=OrgUnit.objects.descendants(unit, include_self=True).values("pk"))
    if position_type:
        qs = qs.filter(position__position_type=position_type)
    if status:
        qs = qs.filter(status=status)
    if rank:
        qs = qs.filter(rank=rank)
    return qs.order_by(SORTS.get(sort, "name"), "nip")


def employee_detail_for_user(user, pk: int) -> Employee | None:
    return (
        for_user(Employee.objects.all(), user)
        .select_related("unit", "position", "position__job_family", "supervisor", "agency")
        .filter(pk=pk)
        .first()
    )
