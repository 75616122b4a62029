"""The one access path: every list, detail, export and API endpoint narrows its queryset here.

Like NetBox's RestrictedQuerySet.restrict(user, action): a view never filters by unit on its own. Each app
registers its models with the lookups that lead to the agency, the unit and the employee a row is about;
`for_user` then keeps the rows a user may see:

- BKPSDM admin and head (PPK): the whole agency;
- OPD HR officer: employees of their unit and every unit below it;
- any user linked to an employee: themself, plus their direct and indirect subordinates (supervisors);
- reference rows (units, positions, catalogue): the whole agency, read-only for non-admins.
Extra grants (a mentor's mentees, a facilitator's participants) are added by the apps that own them through
`register_grant`, so this module stays the only place where visibility is decided.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

VIEW, CHANGE = "view", "change"


@dataclass(frozen=True)
class Scope:
    agency: str
    unit: str | None = None
    employee: str | None = None  # None: reference data, not personal


_registry: dict[type[Model], Scope] = {}
#: Extra visibility by relation: (user, employee_lookup) -> Q, e.g. a mentor's mentees; with the models it is
#: limited to (None: every model about a person).
_grants: list[tuple[Callable[[object, str], Q | None], frozenset | None]] = []


def register(model: type[Model], *, agency: str, unit: str | None = None, employee: str | None = None) -> None:
    _registry[model] = Scope(agency=agency, unit=unit, employee=employee)


def register_grant(grant: Callable[[object, str], Q | None], *, models: tuple[type[Model], ...] = ()) -> None:
    """Add a function (user, employee_lookup) -> Q of extra rows a user may view (never change), for every model
    about a person or, with `models`, only for those (a facilitator sees their sessions' enrolments, not the
    participants' other records). Pages and API both get it: they all read through for_user."""
    entry = (grant, frozenset(models) if models else None)
    if entry not in _grants:
        _grants.append(entry)


def scope_of(model: type[Model]) -> Scope:
    try:
        return _registry[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered with accounts.scoping") from None


def _join(prefix: str, lookup: str) -> str:
    return lookup if prefix == "pk" else f"{prefix}__{lookup}"


def officer_units_q(user, lookup: str = "pk") -> Q:
    """Q over `lookup` (a path to an OrgUnit) for the units an OPD HR officer manages: each of their units with
    every unit below it (an officer of two units sees both subtrees)."""
    from renbang.org.models import OrgUnit

    q = Q(pk__in=[]) if lookup == "pk" else Q(**{f"{lookup}__in": []})
    if not user.is_hr_officer:
        return q
    for unit_id in user.officer_unit_ids:
        q |= Q(**{f"{lookup}__in": OrgUnit.objects.descendants(unit_id, include_self=True).values("pk")})
    return q


def employee_q(user, employee_lookup: str, action: str = VIEW, model: type[Model] | None = None) -> Q:
    """Q over `employee_lookup` (a path to an Employee, or 'pk' on Employee) for rows about people (of `model`:
    the grants limited to other models are left out)."""
    from renbang.people.models import Employee

    if user.is_bkpsdm_admin or (user.is_head and action == VIEW):
        return Q()
    q = Q(pk__in=[])
    if user.is_hr_officer:
        q |= officer_units_q(user, _join(employee_lookup, "unit"))
    if user.employee_id and action == VIEW:
        q |= Q(**{employee_lookup: user.employee_id})
        q |= Q(**{_join(employee_lookup, "pk__in") if employee_lookup != "pk" else "pk__in":
                  Employee.objects.subordinates_of(user.employee_id).values("pk")})
    if action == VIEW:
        for grant, models in _grants:
            if models is not None and model not in models:
                continue
            extra = grant(user, employee_lookup)
            if extra is not None:
                q |= extra
    return q


def for_user(queryset: QuerySet, user, action: str = VIEW) -> QuerySet:
    """Rows of `queryset` that `user` may see (action='view') or change (action='change')."""
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    scope = scope_of(queryset.model)
    if user.agency_id is None and not user.is_superuser:
        return queryset.none()
    if user.agency_id is not None:
        queryset = queryset.filter(**{scope.agency: user.agency_id})
    if scope.employee is None:  # reference data: everyone reads, only BKPSDM admins change
        return queryset if action == VIEW or user.is_bkpsdm_admin else queryset.none()
    return queryset.filter(employee_q(user, scope.employee, action, queryset.model))


def can(user, action: str, obj: Model) -> bool:
    """Object-level check through the same path (for detail pages and API object permissions)."""
    return for_user(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


# --- Figures shared by everyone of a scope ---------------------------------------------------------------------

@dataclass(frozen=True)
class Viewer:
    """Stands for every user who sees exactly the same rows: the whole agency (BKPSDM admin, PPK) or the unit
    subtrees of an OPD officer, and nothing of their own (no employee, no grants). Computing an aggregate with a
    Viewer instead of the user gives figures that depend on `key` alone, so they may be cached under it and served
    to each user `shared_viewer` maps to the same key. `has_perm` answers only the permissions named when the
    Viewer was made (they are part of the key): any other question is a programming error, not a silent share."""

    key: str
    agency_id: int
    whole_agency: bool
    officer_unit_ids: tuple[int, ...]
    perms: frozenset[str]
    asked: frozenset[str]
    user: object  # the user it was made for: only their agency is read through it

    is_authenticated = True
    is_active = True
    is_superuser = False
    employee_id = None
    pk = None

    @property
    def agency(self):
        return self.user.agency

    @property
    def is_bkpsdm_admin(self) -> bool:
        return self.whole_agency

    @property
    def is_head(self) -> bool:
        return self.whole_agency

    @property
    def sees_whole_agency(self) -> bool:
        return self.whole_agency

    @property
    def is_hr_officer(self) -> bool:
        return bool(self.officer_unit_ids)

    def has_perm(self, perm: str) -> bool:
        if perm not in self.asked:
            raise LookupError(f"{perm} is not part of this viewer's key")
        return perm in self.perms


def _sees_beyond_units(user) -> bool:
    """Whether an OPD officer sees people outside their unit subtrees (themself, staff or mentees elsewhere, the
    participants of the sessions they facilitate): then their figures are their own, not the subtree's."""
    from renbang.people.models import Employee

    if for_user(Employee.objects.all(), user).exclude(officer_units_q(user, "unit")).exists():
        return True
    for grant, models in _grants:
        for model in models or ():
            lookup = scope_of(model).employee
            extra = grant(user, lookup)
            if extra is not None and model._default_manager.filter(extra).exclude(
                    officer_units_q(user, _join(lookup, "unit"))).exists():
                return True
    return False


def shared_viewer(user, perms: tuple[str, ...] = ()) -> Viewer | None:
    """The Viewer whose figures `user` may be shown (those they would compute themself), or None when the user's
    rows are theirs alone (a supervisor; an officer who also sees people outside their units). `perms`: the
    permissions the figures' computation asks (links it shows); they become part of the key. The officer's check
    costs a query or three: it is cached with the figures' data version (a new pair, a moved employee, a new
    facilitator: a new version)."""
    from renbang.core import figures

    if not user.is_authenticated or not user.is_active or not user.agency_id:
        return None
    granted = frozenset(p for p in perms if user.has_perm(p))
    bits = "".join("1" if p in granted else "0" for p in perms)
    common = {"agency_id": user.agency_id, "perms": granted, "asked": frozenset(perms), "user": user}
    if user.sees_whole_agency:
        return Viewer(key=f"a{user.agency_id}-{bits}", whole_agency=True, officer_unit_ids=(), **common)
    if not user.is_hr_officer:
        return None
    beyond, _at = figures.cached("beyond-units", [f"user{user.pk}"], lambda: _sees_beyond_units(user))
    if beyond:
        return None
    units = user.officer_unit_ids
    return Viewer(key=f"a{user.agency_id}-u{'.'.join(map(str, units))}-{bits}", whole_agency=False,
                  officer_unit_ids=units, **common)
