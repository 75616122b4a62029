"""Reads of accounts for the "Peran dan akses" page: people of the admin's agency, their roles, who holds what."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from .models import GRANTABLE_ROLES, Role, RoleGrant, User


def users_for(actor: User) -> QuerySet[User]:
    """Users the actor manages: their agency's (a superuser without agency: everyone)."""
    qs = User.objects.all()
    if actor.agency_id is not None or not actor.is_superuser:
        qs = qs.filter(agency_id=actor.agency_id)
    return qs.select_related("employee__unit", "unit").prefetch_related(
        Prefetch("role_grants", queryset=RoleGrant.objects.select_related("unit")))


def people_search(actor: User, text: str = "") -> QuerySet[User]:
    qs = users_for(actor)
    text = text.strip()
    if text:
        qs = qs.filter(Q(username__icontains=text) | Q(first_name__icontains=text) | Q(last_name__icontains=text)
                       | Q(employee__nip__icontains=text) | Q(employee__name__icontains=text))
    return qs.order_by("username")


def role_rows(user: User) -> list[dict]:
    """Every role a user holds, with its unit and where it comes from (primary role or a grant)."""
    rows = []
    if user.role != Role.EMPLOYEE:
        rows.append({"role": user.role, "label": user.get_role_display(), "unit": user.unit if
                     user.role == Role.HR_OFFICER else None, "primary": True, "grant": None})
    for grant in user.role_grants.all():
        rows.append({"role": grant.role, "label": grant.get_role_display(), "unit": grant.unit, "primary": False,
                     "grant": grant})
    return rows


def holders(actor: User) -> list[dict]:
    """Who holds what: for each grantable role, the users holding it (primary or granted) with their units."""
    users = list(users_for(actor).filter(
        Q(role__in=GRANTABLE_ROLES) | Q(role_grants__isnull=False)).distinct().order_by("username"))
    table = []
    for role in GRANTABLE_ROLES:
        people = []
        for user in users:
            units = [row["unit"] for row in role_rows(user) if row["role"] == role]
            if units:
                people.append({"user": user, "units": [u for u in units if u is not None]})
        table.append({"role": role, "label": Role(role).label, "people": people})
    return table
