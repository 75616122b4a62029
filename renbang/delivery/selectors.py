"""Reads of delivery, through the scoping path.

For evaluation and other apps — who attended/completed session S:
- `completers(session)`: enrolments of S with `completed=True` (closed by services.session_complete under the
  agency's completion rule, DeliverySettings.completion_percent);
- `attendees(session)`: enrolments of S with at least one day marked present or late (even if not completed).
Both return Enrolment querysets (use `.values("employee_id")` for the employees). They are not narrowed to a
user: wrap them in `renbang.accounts.scoping.for_user(..., user)` when showing them to someone.
"""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from renbang.accounts.scoping import for_user
from renbang.org.models import OrgUnit
from renbang.plans.models import PlanStatus

from .models import CODE_ALPHABET, Attendance, Certificate, Enrolment, ExternalClaim, Session


def completers(session):
    """Enrolments of `session` that completed it (the selector evaluation should use)."""
    return Enrolment.objects.filter(session=session, completed=True).select_related("employee")


def plan_spending(completed: QuerySet[Enrolment], plan, year: int) -> tuple[QuerySet[Enrolment], QuerySet[Enrolment]]:
    """The one rule for money spent against a year's approved development plan (RPK): split completed
    participation (`completed`: Enrolments with completed=True, already narrowed to an agency or a user's scope)
    into (realisation, outside), each annotated with `cost` (Rp for that participant).

    - realisation: completed participation in the sessions made from the items of any approved version of the
      plan's year (Session.plan_item; the latest approved version or one it superseded — PP 11/2017 lets the RPK
      be revised, and a session held under version 1 stays the plan's realisation after version 2 is set), at the
      cost per participant recorded in the item — the price the PPK approved (PP 11/2017 Pasal 207(3) huruf g;
      the item keeps a copy of the catalogue price, so a later catalogue change does not rewrite the budget, and a
      session has no cost of its own). The planned budget is the same price times the planned participants.
    - outside: completed participation in the year's other sessions (ending in `year`) — spending the plan did
      not budget — at the programme's catalogue cost per participant, the only price those sessions have. It is
      never part of the realisation.
    `plan` None (no approved plan): no realisation; all of the year's completed participation is outside."""
    outside = completed.filter(session__end_date__year=year)
    if plan is None:
        return completed.none().annotate(cost=F("session__plan_item__cost_per_participant")), outside.annotate(
            cost=F("session__programme__cost_per_participant"))
    in_plan = Q(session__plan_item__plan__agency_id=plan.agency_id, session__plan_item__plan__year=plan.year,
                session__plan_item__plan__status__in=(PlanStatus.APPROVED, PlanStatus.SUPERSEDED))
    return (completed.filter(in_plan).annotate(cost=F("session__plan_item__cost_per_participant")),
            outside.filter(Q(session__plan_item__isnull=True) | ~in_plan)
            .annotate(cost=F("session__programme__cost_per_participant")))


def attendees(session):
    """Enrolments of `session` with at least one day present (or late)."""
    present = Attendance.objects.filter(enrolment=OuterRef("pk"), status__in=Attendance.PRESENT_STATUSES)
    return Enrolment.objects.filter(session=session).filter(Exists(present)).select_related("employee")


# --- Lists for pages and the API (all through scoping.for_user) -------------------------------------------------

class _Filtered:
    def __init__(self, lookup: str, value) -> None:
        self.lookup, self.value = lookup, value

    def on(self, prefix: str) -> Q:
        return Q(**{f"{prefix}{self.lookup}": self.value})

    @property
    def filter(self) -> Q:
        return self.on("")


def _count_active() -> dict[str, _Filtered]:
    return {
        "n_active": _Filtered("status__in", Enrolment.ACTIVE),
        "n_confirmed": _Filtered("status", Enrolment.Status.CONFIRMED),
        "n_waitlist": _Filtered("status", Enrolment.Status.WAITLISTED),
        "n_completed": _Filtered("completed", True),
    }


def sessions_for_user(user, *, programme=None, method=None, unit=None, status=None, year=None, start=None,
                      end=None, q=""):
    qs = for_user(Session.objects.all(), user).select_related(
        "programme__method", "unit", "facilitator", "facilitator_employee")
    if programme:
        qs = qs.filter(programme_id=programme)
    if method:
        qs = qs.filter(programme__method__code=method) if isinstance(method, str) and not method.isdigit() \
            else qs.filter(programme__method_id=method)
    if unit:
        subtree = OrgUnit.objects.descendants(unit, include_self=True).values("pk")
        # Sessions held for the unit (or a unit below it), or with participants from it.
        staff = Enrolment.objects.filter(session=OuterRef("pk"), status__in=Enrolment.ACTIVE,
                                         employee__unit__in=subtree)
        qs = qs.filter(Q(unit__in=subtree) | Exists(staff))
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(start_date__year=year)
    if start:
        qs = qs.filter(end_date__gte=start)
    if end:
        qs = qs.filter(start_date__lte=end)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(programme__title__icontains=q) | Q(venue__icontains=q))
    return qs


def sessions_with_counts(qs):
    return qs.annotate(**{k: Count("enrolments", filter=v.on("enrolments__"), distinct=True)
                          for k, v in _count_active().items()})


def attach_counts(sessions) -> list:
    """Participant counts (n_active, n_confirmed, n_waitlist, n_completed) for a page of sessions, in one grouped
    query (cheaper than annotating a paginated queryset, whose COUNT would carry the joins)."""
    sessions = list(sessions)
    rows = {r["session_id"]: r for r in Enrolment.objects.filter(session_id__in=[s.pk for s in sessions])
            .values("session_id").annotate(**{k: Count("pk", filter=v.filter) for k, v in _count_active().items()})
            .order_by()}
    for session in sessions:
        row = rows.get(session.pk, {})
        for key in _count_active():
            setattr(session, key, row.get(key, 0))
    return sessions


def session_for_user(user, pk: int):
    return for_user(Session.objects.all(), user).select_related(
        "programme__method", "programme__provider", "unit", "facilitator", "facilitator_employee",
        "planned_session").filter(pk=pk).first()


def facilitator_grant(user, employee_lookup: str) -> Q | None:
    """Extra visibility for facilitators (scoping.register_grant, for Enrolment and Attendance only): the
    participants of the sessions they facilitate and their attendance — on the pages and through the API alike."""
    if not getattr(user, "pk", None):
        return None
    return Q(**{f"{employee_lookup.removesuffix('employee')}session__facilitator_id": user.pk})


def roster_for(user, session):
    """The session's participants a user may see: all of them for its facilitator (grant) and BKPSDM; otherwise
    the rows for_user allows (an employee's own, a supervisor's staff, an OPD officer's unit)."""
    return for_user(Enrolment.objects.filter(session=session), user).select_related(
        "employee__unit", "employee__position", "replaces__employee").order_by(
        "status", "waitlist_rank", "employee__name", "pk")


def my_enrolments(user):
    if not user.employee_id:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(employee_id=user.employee_id, session__agency_id=user.agency_id).select_related(
        "session__programme__method", "session__facilitator", "certificate").order_by("-session__start_date", "pk")


def staff_enrolments(user, *, upcoming_only: bool = True):
    """Enrolments of the people a supervisor / OPD officer / BKPSDM sees (never the user's own)."""
    qs = for_user(Enrolment.objects.all(), user).select_related(
        "session__programme", "employee__unit", "employee__position")
    if user.employee_id:
        qs = qs.exclude(employee_id=user.employee_id)
    if upcoming_only:
        qs = qs.filter(session__end_date__gte=timezone.localdate(),
                       status__in=(*Enrolment.ACTIVE, Enrolment.Status.WAITLISTED))
    return qs.order_by("session__start_date", "employee__name", "pk")


def facilitated_sessions(user):

    if not user.is_authenticated:
        return Session.objects.none()
    return sessions_with_counts(Session.objects.filter(facilitator_id=user.pk, agency_id=user.agency_id)
                                .select_related("programme")).order_by("-start_date", "pk")


def claims_for_user(user, *, status: str = ""):

    qs = for_user(ExternalClaim.objects.all(), user).select_related("employee__unit", "verified_by", "method")
    if status:
        qs = qs.filter(status=status)
    return qs


def certificate_by_code(code: str):
    """The public verification lookup: only a valid, not revoked certificate of a completed enrolment."""

    code = (code or "").strip().upper().replace("-", "").replace(" ", "")
    if not (8 <= len(code) <= 16) or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return Certificate.objects.filter(code=code, revoked=False, enrolment__completed=True).select_related(
        "enrolment__employee", "enrolment__session__programme", "enrolment__session__agency").first()
