"""Reads of accounts: the "Akun pegawai" page and its jobs (employees in the caller's scope, account states, OPDs)
and the "Peran dan akses" page (people of the admin's agency, their roles, who holds what)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When

from .models import GRANTABLE_ROLES, Role, RoleGrant, User
from .scoping import CHANGE, for_user, officer_units_q

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


def account_rows(user, unit_id: int | None = None) -> QuerySet:
    """The employees in scope with their account's state as plain annotations (the REST list of the "Akun pegawai"
    page): username, account_active, disabled_reason, activated, last_login, last_activation_sent."""
    from .activation import Activation

    latest = Activation.objects.filter(user_id=OuterRef("user__pk")).order_by("-created_at").values("created_at")
    return employees_in_scope(user, unit_id).select_related("unit").annotate(
        username=F("user__username"),
        account_active=Case(When(user__is_active=True, then=Value(True)), default=Value(False),
                            output_field=BooleanField()),
        disabled_reason=F("user__disabled_reason"),
        activated=Case(When(ACTIVATED, then=Value(True)), default=Value(False), output_field=BooleanField()),
        last_login=F("user__last_login"),
        last_activation_sent=Subquery(latest[:1]),
    ).order_by("name", "nip", "pk")


def units_in_scope(user) -> list[tuple[int, str]]:
    """Units the caller may filter by (their subtree for an OPD officer), ordered by name."""
    from renbang.org.models import OrgUnit

    units = OrgUnit.objects.filter(agency_id=user.agency_id)
    if not user.is_bkpsdm_admin:
        units = units.filter(officer_units_q(user))
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
