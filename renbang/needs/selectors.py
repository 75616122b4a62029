"""Reads of the needs analysis. Every queryset shown to a user goes through scoping.for_user."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from renbang.accounts.scoping import for_user, officer_units_q
from renbang.competencies import selectors as competency_selectors
from renbang.org.models import OrgUnit
from renbang.people.models import Employee

from .models import Assessment, Campaign, JobMatch, Need, Source


def career_required_levels(position_ids: Iterable[int]) -> tuple[dict[int, dict[int, int]], dict[int, dict[int, int]]]:
    """Required levels of the current positions and of their next positions on the career path (three queries).

    Both come from the competencies app's selectors (the one reader of the standards): several next positions
    → the highest required level per competency across them (PP 11/2017 Pasal 206); a position without a next
    position has no next requirement.
    """
    ids = set(position_ids)
    return competency_selectors.required_levels_for(ids), competency_selectors.next_required_levels_for(ids)


def target_employees(campaign: Campaign) -> QuerySet[Employee]:
    """Active employees of the campaign's target units and every unit below them (all units if none chosen)."""
    qs = Employee.objects.filter(agency_id=campaign.agency_id, active=True)
    unit_ids = list(campaign.target_units.values_list("pk", flat=True))
    if unit_ids:
        qs = qs.filter(unit_id__in=list(OrgUnit.objects.with_tree_fields().filter(
            _under_any(unit_ids)).values_list("pk", flat=True)))
    return qs


def _under_any(unit_ids: Iterable[int]) -> Q:
    """Units at or below any of `unit_ids` (on a query with tree fields): one recursive query for all of them."""
    under = Q(pk__in=[])
    for unit_id in unit_ids:
        under |= Q(tree_path__contains=unit_id)
    return under


def units_in_charge(user) -> QuerySet[OrgUnit]:
    """Units whose unit-level records (FGDs, agreed needs) a user sees: the agency for BKPSDM and the head,
    the unit subtree for an OPD officer, their own unit (and their staff's) otherwise.

    Unit-level records carry no employee lookup, so scoping.for_user treats them as reference data; this
    keeps an FGD's minutes within the units the officer manages.
    """
    units = for_user(OrgUnit.objects.all(), user)
    if user.is_bkpsdm_admin or user.is_head:
        return units
    q = Q(pk__in=[])
    if user.is_hr_officer:
        q |= officer_units_q(user)
    if user.employee_id:
        q |= Q(pk__in=for_user(Employee.objects.all(), user).values("unit_id"))
    return units.filter(q)


def campaigns_for_user(user) -> QuerySet[Campaign]:
    return for_user(Campaign.objects.all(), user).order_by("-year", "-period_start")


def latest_closed_campaign(user) -> Campaign | None:
    return campaigns_for_user(user).filter(status=Campaign.Status.CLOSED, computed_at__isnull=False).first()


def open_campaigns_for(user) -> list[Campaign]:
    return list(campaigns_for_user(user).filter(status=Campaign.Status.OPEN))


def is_target(campaign: Campaign, employee: Employee) -> bool:
    """Whether the employee (as loaded) is one of target_employees(campaign), in at most two queries whatever the
    number of target units: their unit or one above it is a target unit (or the campaign targets every unit)."""
    if not employee.active or employee.agency_id != campaign.agency_id:
        return False
    unit_ids = list(campaign.target_units.values_list("pk", flat=True))
    if not unit_ids:
        return True
    if employee.unit_id is None:
        return False
    return OrgUnit.objects.with_tree_fields().filter(_under_any(unit_ids), pk=employee.unit_id).exists()


def assessment_with_scores(campaign: Campaign, employee_id: int, source: str) -> tuple[Assessment | None,
                                                                                          dict[int, int]]:
    """An employee's questionnaire of one source in a campaign (the first, for a self-assessment the only one) and
    its {competency_id: level}, in one query (the assessment LEFT JOIN its scores)."""
    fields = [f.attname for f in Assessment._meta.concrete_fields]
    rows = list(Assessment.objects.filter(campaign=campaign, employee_id=employee_id, source=source)
                .order_by("pk").values_list(*fields, "scores__competency_id", "scores__level"))
    if not rows:
        return None, {}
    first = rows[0][0]
    assessment = Assessment.from_db(Assessment.objects.db, fields, rows[0][:len(fields)])
    assessment.campaign = campaign
    scores = {row[-2]: row[-1] for row in rows if row[0] == first and row[-2] is not None}
    return assessment, scores


def direct_subordinates(campaign: Campaign, employee_id: int) -> QuerySet[Employee]:
    return (target_employees(campaign).filter(supervisor_id=employee_id)
            .select_related("position").order_by("name", "nip"))


def assessments_to_fill(user, campaign: Campaign) -> QuerySet[Assessment]:
    """Questionnaires the user fills as an assessor (self, supervisor, peer).

    Filtered on the assessor, not through for_user: a peer fills a colleague's form without gaining any other
    sight of that colleague's data (the form shows only names and the dictionary).
    """
    if not user.employee_id:
        return Assessment.objects.none()
    return Assessment.objects.filter(campaign=campaign, assessor_id=user.employee_id)


@dataclass(frozen=True)
class Owed:
    """The questionnaires of one open campaign that a user fills as an assessor, and how many are still open."""

    campaign: Campaign
    self_due: bool  # the campaign asks for a self-assessment and the user is one of its targets
    own: Assessment | None  # their self-assessment, draft or sent
    staff: int  # direct subordinates to assess (0 when the campaign has no supervisor questionnaire)
    staff_open: int  # of them, not yet sent by the user
    peers: int  # peer questionnaires assigned to the user
    peers_open: int  # of them, still drafts

    @property
    def self_open(self) -> bool:
        return self.self_due and not (self.own is not None and self.own.is_submitted)


def questionnaires_owed(user, campaign: Campaign) -> Owed | None:
    """What the user (as an employee) owes in a campaign: self, supervisor and peer questionnaires. The needs
    home and the home page both read this. A few queries per campaign, whatever the number of subordinates."""
    if not user.employee_id:
        return None
    me = user.employee_id
    own = (Assessment.objects.filter(campaign=campaign, employee_id=me, source=Source.SELF).first()
           if campaign.self_on else None)
    staff = {"n": 0, "open": 0}
    if campaign.supervisor_on:
        sent = Assessment.objects.filter(campaign=campaign, employee_id=OuterRef("pk"), assessor_id=me,
                                         source=Source.SUPERVISOR, status=Assessment.Status.SUBMITTED)
        staff = direct_subordinates(campaign, me).aggregate(n=Count("pk"), open=Count("pk", filter=~Q(Exists(sent))))
    peers = {"n": 0, "open": 0}
    if campaign.peer_on:
        peers = assessments_to_fill(user, campaign).filter(source=Source.PEER).aggregate(
            n=Count("pk"), open=Count("pk", filter=Q(status=Assessment.Status.DRAFT)))
    return Owed(campaign=campaign, self_due=campaign.self_on and is_target(campaign, user.employee), own=own,
                staff=staff["n"], staff_open=staff["open"], peers=peers["n"], peers_open=peers["open"])


def progress_by_unit(campaign: Campaign, user, parent_id: int | None = None) -> list[dict]:
    """Per unit (children of `parent_id`, or the top units the user sees): targets and submitted counts."""
    employees = for_user(target_employees(campaign), user)
    units = list(for_user(OrgUnit.objects.filter(agency_id=campaign.agency_id), user)
                 .values_list("pk", "parent_id", "name"))
    rows_units = _row_units(units, parent_id, user)
    top_of = _top_map(units, {pk for pk, _n in rows_units})
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {"targets": 0, "supervised": 0, "self": 0,
                                                             "supervisor": 0})
    per_unit = employees.values_list("unit_id").annotate(n=Count("pk"), m=Count("supervisor_id"))
    for unit_id, n, m in per_unit.values_list("unit_id", "n", "m"):
        if unit_id in top_of:
            counts[top_of[unit_id]]["targets"] += n
            counts[top_of[unit_id]]["supervised"] += m  # only they can get a supervisor's questionnaire
    submitted = (Assessment.objects.filter(campaign=campaign, status=Assessment.Status.SUBMITTED,
                                           employee__in=employees.values("pk"),
                                           source__in=[Source.SELF, Source.SUPERVISOR])
                 .values_list("employee__unit_id", "source").annotate(n=Count("employee_id", distinct=True)))
    for unit_id, source, n in submitted.values_list("employee__unit_id", "source", "n"):
        if unit_id in top_of:
            counts[top_of[unit_id]][source] += n
    parents = {p for _pk, p, _n in units}
    result = []
    for pk, name in rows_units:
        c = counts[pk]
        if not c["targets"]:
            continue
        result.append({"unit_id": pk, "name": name, **c, "has_children": pk in parents,
                       "self_pct": round(100 * c["self"] / c["targets"]),
                       "supervisor_pct": round(100 * c["supervisor"] / c["supervised"]) if c["supervised"] else 0})
    return result


def _row_units(units: list[tuple[int, int | None, str]], parent_id: int | None, user) -> list[tuple[int, str]]:
    """The units shown as rows: children of parent_id, else the highest units the user can see."""
    visible = {pk for pk, _p, _n in units}
    if parent_id:
        return sorted(((pk, name) for pk, parent, name in units if parent == parent_id), key=lambda r: r[1])
    return sorted(((pk, name) for pk, parent, name in units if parent not in visible), key=lambda r: r[1])


def _top_map(units: list[tuple[int, int | None, str]], rows: set[int]) -> dict[int, int]:
    """{unit_id: the row unit it belongs to} for every unit under one of `rows`."""
    parent = {pk: p for pk, p, _n in units}
    result: dict[int, int] = {}
    for pk in parent:
        node, seen = pk, 0
        while node is not None and node not in rows and seen < 50:
            node, seen = parent.get(node), seen + 1
        if node in rows:
            result[pk] = node
    return result


def waiting_employees(campaign: Campaign, user, unit_id: int | None = None) -> QuerySet[Employee]:
    """Target employees (in scope) whose self or supervisor questionnaire is not submitted yet."""
    employees = for_user(target_employees(campaign), user)
    if unit_id:
        employees = employees.filter(unit__in=OrgUnit.objects.descendants(unit_id, include_self=True).values("pk"))
    done_self = Assessment.objects.filter(campaign=campaign, source=Source.SELF,
                                          status=Assessment.Status.SUBMITTED).values("employee_id")
    done_sup = Assessment.objects.filter(campaign=campaign, source=Source.SUPERVISOR,
                                         status=Assessment.Status.SUBMITTED).values("employee_id")
    cond = Q()
    if campaign.self_on:
        cond |= ~Q(pk__in=done_self)
    if campaign.supervisor_on:
        cond |= Q(supervisor__isnull=False) & ~Q(pk__in=done_sup)
    return employees.filter(cond).select_related("unit", "supervisor").order_by("unit__name", "name")


def reminder_recipients(campaign: Campaign, user) -> QuerySet[Employee]:
    """Employees in the user's scope who still owe a questionnaire: their own self form, the supervisor form of
    a waiting subordinate, or an assigned peer form."""
    waiting = waiting_employees(campaign, user)
    done_sup = Assessment.objects.filter(campaign=campaign, source=Source.SUPERVISOR,
                                         status=Assessment.Status.SUBMITTED).values("employee_id")
    done_self = Assessment.objects.filter(campaign=campaign, source=Source.SELF,
                                          status=Assessment.Status.SUBMITTED).values("employee_id")
    cond = Q(pk__in=[])
    if campaign.self_on:
        cond |= Q(pk__in=waiting.exclude(pk__in=done_self).values("pk"))
    if campaign.supervisor_on:
        cond |= Q(pk__in=waiting.exclude(pk__in=done_sup).values("supervisor_id"))
    if campaign.peer_on:
        in_scope = for_user(target_employees(campaign), user).values("pk")
        cond |= Q(pk__in=Assessment.objects.filter(campaign=campaign, source=Source.PEER, employee__in=in_scope,
                                                   status=Assessment.Status.DRAFT).values("assessor_id"))
    return Employee.objects.filter(cond, active=True).order_by("pk")


def peer_assessments_for(user, campaign: Campaign) -> QuerySet[Assessment]:
    """The peer questionnaires assigned to the user (as assessor) in a campaign."""
    return (assessments_to_fill(user, campaign).filter(source=Source.PEER)
            .select_related("employee", "employee__position", "employee__unit").order_by("employee__name"))


def needs_for_user(user, campaign: Campaign) -> QuerySet[Need]:
    return for_user(Need.objects.filter(campaign=campaign), user)


def job_matches_for_user(user, campaign: Campaign) -> QuerySet[JobMatch]:
    return for_user(JobMatch.objects.filter(campaign=campaign), user)
