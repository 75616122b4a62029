"""Reads for the "Akun pegawai" page and its jobs: employees in the caller's scope, account states, OPDs."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from .scoping import CHANGE, for_user

#: An account is "activated" once it has a usable password or has logged in (e.g. through SSO).
#: Django's unusable passwords start with "!" (make_password(None)).
_UNUSABLE = Q(user__password__startswith="!")  # noqa: S106 (a prefix test, not a password)
ACTIVATED = Q(user__is_active=True) & (~_UNUSABLE | Q(user__last_login__isnull=False))
NOT_ACTIVATED = Q(user__is_active=True, user__last_login__isnull=True) & _UNUSABLE
DISABLED = Q(user__is_active=False)
NO_ACCOUNT = Q(user__isnull=True, active=True)


@dataclass(frozen=True)
class Filters:
    """Which employees an action is about (the page's filter form, stored in a job's params)."""

    unit: int | None = None
    email: str = ""  # "yes", "no" or "" (any)
    state: str = "not_activated"  # "not_activated", "activated", "no_account", "disabled" or "" (any)
    q: str = ""

    def as_params(self) -> dict:
        return {"unit": self.unit, "email": self.email, "state": self.state, "q": self.q}

    @classmethod
    def from_params(cls, data: dict) -> Filters:
        return cls(unit=data.get("unit"), email=data.get("email", ""), state=data.get("state", ""),
                   q=data.get("q", ""))


STATES = {"not_activated": NOT_ACTIVATED, "activated": ACTIVATED, "no_account": NO_ACCOUNT, "disabled": DISABLED}


def employees_in_scope(user, unit_id: int | None = None) -> QuerySet:
    """Employees whose accounts `user` manages: the agency (BKPSDM), the unit subtree (OPD officer)."""
    from renbang.org.models import OrgUnit
    from renbang.people.models import Employee

    qs = for_user(Employee.objects.filter(agency_id=user.agency_id), user, CHANGE)
    if unit_id:
        qs = qs.filter(unit__in=OrgUnit.objects.descendants(unit_id, include_self=True).values("pk"))
    return qs


def units_in_scope(user) -> list[tuple[int, str]]:
    """Units the caller may filter by (their subtree for an OPD officer), ordered by name."""
    from renbang.org.models import OrgUnit

    units = OrgUnit.objects.filter(agency_id=user.agency_id)
    if not user.is_bkpsdm_admin:
        units = units.filter(pk__in=OrgUnit.objects.descendants(user.unit_id, include_self=True).values("pk"))
    return list(units.order_by("name").values_list("pk", "name"))


def filtered(user, filters: Filters) -> QuerySet:
    qs = employees_in_scope(user, filters.unit)
    if filters.state in STATES:
        qs = qs.filter(STATES[filters.state])
    if filters.email == "yes":
        qs = qs.filter(~Q(email="") | Q(user__email__gt=""))
    elif filters.email == "no":
        qs = qs.filter(email="").filter(Q(user__isnull=True) | Q(user__email=""))
    if filters.q:
        qs = qs.filter(Q(nip__startswith=filters.q) | Q(name__icontains=filters.q))
    return qs


def counts(user, unit_id: int | None = None) -> dict[str, int]:
    """How many employees in scope have no account, an account not activated yet, activated, disabled."""
    return employees_in_scope(user, unit_id).aggregate(
        total=Count("pk", filter=Q(active=True)),
        no_account=Count("pk", filter=NO_ACCOUNT),
        not_activated=Count("pk", filter=NOT_ACTIVATED),
        activated=Count("pk", filter=ACTIVATED),
        disabled=Count("pk", filter=DISABLED),
    )


def top_unit_names(agency_id: int) -> tuple[dict[int, int], dict[int, str]]:
    """({unit id: its top-level unit (the OPD)}, {unit id: name}) of an agency's units."""
    from renbang.org.models import OrgUnit

    rows = list(OrgUnit.objects.filter(agency_id=agency_id).values_list("pk", "parent_id", "name"))
    parent = {pk: p for pk, p, _n in rows}
    names = {pk: n for pk, _p, n in rows}
    top: dict[int, int] = {}
    for pk in parent:
        chain, node = [], pk
        while node is not None and node not in top:
            chain.append(node)
            node = parent.get(node)
        root = top[node] if node is not None else chain[-1]
        for item in chain:
            top[item] = root
    return top, names
