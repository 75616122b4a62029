"""Reads of the catalogue, through the scoping path; and the offer the planner consumes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When

from renbang.accounts.scoping import for_user

from .models import Method, PlannedSession, Programme, ProgrammeCompetency, ProgrammeEligibility, SuggestionRule


def national_or_own(queryset: QuerySet, agency_id: int | None) -> QuerySet:
    """National reference rows (agency NULL) and the agency's own (conventions: not filterable by agency)."""
    return queryset.filter(Q(agency__isnull=True) | Q(agency_id=agency_id))


def methods_for_agency(agency_id: int | None, *, active_only: bool = False) -> QuerySet:
    """The methods in force for an agency: its own copies, and national rows it has not copied."""
    own_codes = Method.objects.filter(agency_id=agency_id).values("code")
    qs = Method.objects.filter(Q(agency_id=agency_id) | (Q(agency__isnull=True) & ~Q(code__in=own_codes)))
    if agency_id is None:
        qs = Method.objects.filter(agency__isnull=True)
    if active_only:
        qs = qs.filter(active=True)
    # The regulation's order: pendidikan, then pelatihan klasikal, then nonklasikal.
    route_order = Case(When(route="pendidikan", then=Value(0)), When(route="klasikal", then=Value(1)),
                       default=Value(2), output_field=IntegerField())
    return qs.order_by(route_order, "code")


def methods_for_user(user, *, active_only: bool = False) -> QuerySet:
    if not user.is_authenticated or (user.agency_id is None and not user.is_superuser):
        return Method.objects.none()
    return methods_for_agency(user.agency_id, active_only=active_only).annotate(
        n_programmes=Count("programmes", filter=Q(programmes__agency_id=user.agency_id)))


def method_by_code(agency_id: int | None, code: str) -> Method | None:
    return methods_for_agency(agency_id).filter(code=code).first()


def eligible_for(position_type: str) -> Q:
    """Programmes open to a position type: those naming it, and those naming no type at all."""
    any_rows = ProgrammeEligibility.objects.filter(programme=OuterRef("pk"))
    named = any_rows.filter(position_type=position_type)
    return Q(Exists(named)) | ~Q(Exists(any_rows))


def employees_eligible_for(programme) -> Q:
    """The catalogue's eligibility rule on the employee side (a Q on people.Employee): those whose position is of
    a type the programme names (none named: every type; the rule of `eligible_for`) and whose employment status
    it names (`employee_statuses`; none: every status — the CPNS basic training is for CPNS only). Reads
    `programme.eligibilities` (prefetch it for many programmes)."""
    types, statuses = programme.position_types, programme.employee_statuses
    return ((Q(position__position_type__in=types) if types else Q())
            & (Q(status__in=statuses) if statuses else Q()))


def programme_list_for_user(user, *, q: str = "", method=None, route: str = "", provider=None, competency=None,
                            delivery: str = "", position_type: str = "", active: bool | None = True,
                            sort: str = "title") -> QuerySet:
    qs = for_user(Programme.objects.all(), user).select_related("method", "provider")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(code__icontains=q))
    if method:
        qs = qs.filter(method=method)
    if route:
        qs = qs.filter(method__route=route)
    if provider:
        qs = qs.filter(provider=provider)
    if competency:
        qs = qs.filter(targets__competency=competency)
    if delivery:
        qs = qs.filter(delivery=delivery)
    if position_type:
        qs = qs.filter(eligible_for(position_type))
    if active is not None:
        qs = qs.filter(active=active)
    allowed = {"title", "-title", "cost_per_participant", "-cost_per_participant", "jp", "-jp", "code", "-code"}
    return qs.prefetch_related(
        Prefetch("targets", queryset=ProgrammeCompetency.objects.select_related("competency")),
        "eligibilities",
    ).order_by(sort if sort in allowed else "title", "pk")


def programme_for_user(user, pk: int) -> Programme | None:
    return for_user(Programme.objects.all(), user).select_related("method", "provider").prefetch_related(
        Prefetch("targets", queryset=ProgrammeCompetency.objects.select_related("competency")),
        "eligibilities", "recurrence_rules",
    ).filter(pk=pk).first()


def planned_sessions_for_user(user, *, year: int, month: int | None = None, programme=None) -> QuerySet:
    qs = for_user(PlannedSession.objects.all(), user).filter(year=year).select_related(
        "programme__method", "programme__provider")
    if month:
        qs = qs.filter(month=month)
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.order_by("date", "programme__title")


def suggestion_rules_for_agency(agency_id: int | None) -> QuerySet:
    """The agency's own rules once it has adopted (copied) them; the national defaults before that."""
    own = SuggestionRule.objects.filter(agency_id=agency_id)
    if agency_id is not None and own.exists():
        return own.order_by("order", "pk")
    return SuggestionRule.objects.filter(agency__isnull=True).order_by("order", "pk")


# ----- what the planner uses ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """One programme × competency the planner may choose, with the uplift it can expect.

    expected_uplift = uplift × effectiveness (the programme's override, else its method's default). The planner
    should cap it at the employee's gap (training past the standard earns nothing).
    """

    programme_id: int
    code: str
    title: str
    method_code: str
    route: str
    competency_id: int
    uplift: int
    effectiveness: Decimal
    expected_uplift: Decimal
    jp: int
    cost_per_participant: int
    capacity_per_session: int
    min_level: int
    max_level: int
    position_types: tuple[str, ...]  # empty: every position type
    employee_statuses: tuple[str, ...]  # empty: every employment status (Programme.employee_statuses)
    mandatory: bool
    session_ids: tuple[int, ...] = field(default=())
    session_dates: tuple = field(default=())
    #: where `effectiveness` comes from: "method" (the method's default), "programme" (the catalogue override) or
    #: the name of a registered source (e.g. "evaluation": measured in delivered sessions).
    effectiveness_source: str = "method"
    #: the catalogue's value (override or method default) before any registered source replaced it
    catalogue_effectiveness: Decimal | None = None


#: A source of measured effectiveness: fn(agency_id, programme_ids) -> {programme_id: Decimal in [0, 1]}.
EffectivenessSource = Callable[[int, set[int]], dict[int, Decimal]]
_EFFECTIVENESS_SOURCES: list[tuple[str, EffectivenessSource]] = []


def register_effectiveness_source(name: str, fn: EffectivenessSource) -> None:
    """Let a later app (evaluation) replace the catalogue's effectiveness with a measured one.

    Registered in the app's `ready()`; the last registered source that knows a programme wins. The catalogue
    cannot import evaluation (dependencies flow one way), so evaluation plugs in here.
    """
    _EFFECTIVENESS_SOURCES[:] = [(n, f) for n, f in _EFFECTIVENESS_SOURCES if n != name]
    _EFFECTIVENESS_SOURCES.append((name, fn))


def measured_effectiveness(agency_id: int, programme_ids: set[int]) -> dict[int, tuple[str, Decimal]]:
    """{programme_id: (source name, effectiveness)} from the registered sources."""
    found: dict[int, tuple[str, Decimal]] = {}
    for name, fn in _EFFECTIVENESS_SOURCES:
        for pid, value in fn(agency_id, programme_ids).items():
            found[pid] = (name, Decimal(value))
    return found


def programme_offers(agency_id: int, *, competency_ids=None, year: int | None = None) -> list[Offer]:
    """Every active programme × competency of an agency (3 queries), with planned sessions of `year` if given."""
    targets = ProgrammeCompetency.objects.filter(programme__agency_id=agency_id, programme__active=True)
    if competency_ids is not None:
        targets = targets.filter(competency_id__in=list(competency_ids))
    targets = targets.select_related("programme__method")
    rows = list(targets)
    programme_ids = {t.programme_id for t in rows}
    types: dict[int, list[str]] = {}
    for pid, ptype in ProgrammeEligibility.objects.filter(programme_id__in=programme_ids).values_list(
            "programme_id", "position_type"):
        types.setdefault(pid, []).append(ptype)
    sessions: dict[int, list[tuple[int, object]]] = {}
    if year is not None:
        for sid, pid, date in PlannedSession.objects.filter(programme_id__in=programme_ids, year=year).order_by(
                "date").values_list("pk", "programme_id", "date"):
            sessions.setdefault(pid, []).append((sid, date))
    measured = measured_effectiveness(agency_id, programme_ids) if programme_ids else {}
    offers = []
    for t in rows:
        p = t.programme
        catalogue_eff = p.effectiveness
        source = "programme" if p.effectiveness_override is not None else "method"
        source, eff = measured.get(p.pk, (source, catalogue_eff))
        ses = sessions.get(p.pk, [])
        offers.append(Offer(
            programme_id=p.pk, code=p.code, title=p.title, method_code=p.method.code, route=p.method.route,
            competency_id=t.competency_id, uplift=t.uplift, effectiveness=eff,
            expected_uplift=(Decimal(t.uplift) * eff).quantize(Decimal("0.01")), jp=p.jp,
            cost_per_participant=p.cost_per_participant, capacity_per_session=p.capacity_per_session,
            min_level=p.min_level, max_level=p.max_level, position_types=tuple(sorted(types.get(p.pk, []))),
            employee_statuses=tuple(sorted(p.employee_statuses or [])),
            mandatory=p.mandatory, session_ids=tuple(s for s, _ in ses), session_dates=tuple(d for _, d in ses),
            effectiveness_source=source, catalogue_effectiveness=catalogue_eff,
        ))
    return offers
