"""Figures for the home page, each through the scoping path."""

from __future__ import annotations

from django.db.models import Count, Q

from renbang.accounts.scoping import for_user


def home_summary(user) -> dict:
    from renbang.org.models import OrgUnit, Position
    from renbang.people.models import Employee, EmployeeStatus

    employees = for_user(Employee.objects.filter(active=True), user)
    counts = employees.aggregate(
        total=Count("pk"),
        pns=Count("pk", filter=Q(status__in=[EmployeeStatus.PNS, EmployeeStatus.CPNS])),
        pppk=Count("pk", filter=Q(status__in=[EmployeeStatus.PPPK, EmployeeStatus.PPPK_PART_TIME])),
    )
    return {
        "employees": counts["total"],
        "pns": counts["pns"],
        "pppk": counts["pppk"],
        "units": for_user(OrgUnit.objects.current(), user).count(),
        "positions": for_user(Position.objects.filter(active=True), user).count(),
    }
