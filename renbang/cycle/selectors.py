"""Reads of the cycle: my development, the leaders' dashboard, year comparison. Every queryset goes through
scoping.for_user; figures of the later apps come through `sources` (None while an app has no data)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Avg, Count, Max, Q, Sum

from renbang.accounts.scoping import for_user, shared_viewer
from renbang.competencies.models import Competency
from renbang.core import figures
from renbang.mentoring.models import Feedback, Log, MentoringProgramme, Pair, Participant
from renbang.needs import results as needs_results
from renbang.needs.models import Campaign, JobMatch, Need
from renbang.org.models import OrgUnit
from renbang.people.models import Employee

from . import sources
from .models import CarriedNeed, YearClosing

#: PP 17/2020 (perubahan PP 11/2017) Pasal 203 ayat (4): at least 20 JP a year for every PNS. The planning
#: scenario holds the editable value; this is only the label's default when no plan says otherwise.
JP_FLOOR = 20


# --- campaigns and years -----------------------------------------------------------------------------------

def computed_campaigns(agency_id: int):
    return Campaign.objects.filter(agency_id=agency_id, computed_at__isnull=False)


def campaign_of_year(agency_id: int, year: int) -> Campaign | None:
    """The year's latest computed campaign (the needs the year was planned on)."""
    return computed_campaigns(agency_id).filter(year=year).order_by("-computed_at", "-pk").first()


def campaigns_by_year(agency_id: int) -> dict[int, Campaign]:
    """{year: the latest computed campaign of that year}, oldest year first (one query)."""
    result: dict[int, Campaign] = {}
    for campaign in computed_campaigns(agency_id).order_by("year", "computed_at", "pk"):
        result[campaign.year] = campaign
    return result


def years_of(agency_id: int) -> list[int]:
    years = set(computed_campaigns(agency_id).values_list("year", flat=True))
    years |= set(YearClosing.objects.filter(agency_id=agency_id).values_list("year", flat=True))
    return sorted(years)


def closing_of(user, year: int) -> YearClosing | None:
    return for_user(YearClosing.objects.all(), user).filter(year=year).select_related("job", "closed_by").first()


def closings_for_user(user):
    return for_user(YearClosing.objects.all(), user).select_related("closed_by").order_by("-year")


def carried_for_user(user, year: int):
    """Needs carried into `year` (from the previous year's closing) that the user may see."""
    return (for_user(CarriedNeed.objects.filter(year=year), user)
            .select_related("employee", "employee__position", "unit", "competency"))


def carried_for_plans(agency_id: int, year: int) -> list:
    """The needs carried into `year` by the closing of an earlier year, in the planner's terms
    (registered with `renbang.plans.carried` in CycleConfig.ready()). Plain rows, priority as a float in SQL:
    no per-row Decimal conversion over a whole agency's carried needs."""
    from django.db.models import FloatField
    from django.db.models.functions import Cast

    from renbang.plans.carried import Carried

    rows = (CarriedNeed.objects.filter(agency_id=agency_id, year=year).order_by()
            .annotate(p=Cast("priority", FloatField()))
            .values_list("employee_id", "competency_id", "origin", "gap", "next_gap", "p", "from_year"))
    return list(map(Carried._make, rows.iterator(chunk_size=5000)))


def units_in_scope(user, agency_id: int) -> list[tuple[int, int | None, str]]:
    return list(for_user(OrgUnit.objects.filter(agency_id=agency_id), user).values_list("pk", "parent_id", "name"))


def top_units(units: list[tuple[int, int | None, str]]) -> tuple[dict[int, int], dict[int, str]]:
    """({unit_id: its highest visible ancestor}, {top_id: name}) for the unit rows of the summaries."""
    visible = {pk for pk, _p, _n in units}
    names = {pk: name for pk, parent, name in units if parent not in visible}
    return needs_results._top_map(units, set(names)), names


# --- my development ----------------------------------------------------------------------------------------

def my_development(user, year: int) -> dict:
    """Everything one employee sees about their own development (scoped to themself: the user's employee)."""
    employee = (for_user(Employee.objects.filter(pk=user.employee_id), user)
                .select_related("unit", "position", "agency").first())
    if employee is None:
        return {"employee": None}
    campaign = (computed_campaigns(employee.agency_id).filter(needs__employee=employee)
                .order_by("-year", "-computed_at").first())
    profile = needs_results.employee_profile(campaign, user, employee) if campaign else None
    gaps = [n for n in (profile["needs"] if profile else []) if n.gap or n.next_gap]
    pairs = list(for_user(Pair.objects.filter(Q(mentor=employee) | Q(mentee=employee)), user)
                 .exclude(status=Pair.Status.REMOVED).select_related("programme", "mentor", "mentee")
                 .annotate(n_logs=Count("logs"), total_jp=Sum("logs__jp"))
                 .order_by("-programme__start_date"))
    mentoring_jp = (for_user(Log.objects.filter(pair__mentee=employee, date__year=year), user)
                    .aggregate(s=Sum("jp"))["s"] or 0)
    jp = sources.jp_row(employee, year)
    feedback_owed = sources.feedback_owed(user, employee) or []
    mentoring_owed = mentoring_feedback_owed(employee)
    return {
        "employee": employee, "campaign": campaign, "profile": profile, "gaps": gaps,
        "carried": list(carried_for_user(user, year).filter(employee=employee)),
        "idp": sources.my_idp(user, employee, year),
        "sessions": sources.my_sessions(user, employee, year),
        "certificates": sources.my_certificates(user, employee),
        "jp": jp.get("total", 0.0), "jp_floor": jp["target"], "jp_upcoming": jp.get("upcoming", 0.0),
        "jp_at_risk": jp.get("at_risk", False), "mentoring_jp": mentoring_jp,
        "pairs": pairs,
        "feedback_owed": feedback_owed, "mentoring_feedback_owed": mentoring_owed,
        "owed_count": len(feedback_owed) + len(mentoring_owed),
        "pppk": employee.is_pppk,
    }


def mentoring_feedback_owed(employee) -> list[Pair]:
    """Pairs that have met at least once where this employee's side (mentor or mentee) gave no feedback yet."""
    pairs = list(Pair.objects.filter(Q(mentor=employee) | Q(mentee=employee), logs__isnull=False)
                 .exclude(status=Pair.Status.REMOVED).distinct().select_related("programme", "mentor", "mentee"))
    given = set(Feedback.objects.filter(pair__in=[p.pk for p in pairs]).values_list("pair_id", "side"))
    owed = []
    for pair in pairs:
        side = Participant.Role.MENTOR if pair.mentor_id == employee.pk else Participant.Role.MENTEE
        if (pair.pk, side) not in given:
            owed.append(pair)
    return owed


# --- the leaders' dashboard --------------------------------------------------------------------------------

def biggest_gaps(user, campaign: Campaign, limit: int = 8) -> list[dict]:
    """Unit × competency cells (top units in the user's scope) ranked by the share of the unit's measured employees
    below standard, not their head count (which would always put the largest office first). Cells of units with
    fewer measured employees than RENBANG["DASHBOARD_GAP_MIN_EMPLOYEES"] rank after the others and are marked
    `small`: a 2-person unit at 100 % says less than 40 of 120."""
    min_n = int(settings.RENBANG["DASHBOARD_GAP_MIN_EMPLOYEES"])
    table = needs_results.heatmap(campaign, user)
    cells = [dict(cell, unit_id=row["unit_id"], unit=row["name"], small=cell["n"] < min_n)
             for row in table["rows"] for cell in row["cells"] if cell and cell["with_gap"]]
    cells.sort(key=lambda c: (c["small"], -c["with_gap"] / c["n"], -c["with_gap"], -c["mean_gap"], c["unit"],
                              c["competency"].code))
    return cells[:limit]


def mentoring_activity(user, year: int, month: int) -> dict:
    pairs = for_user(Pair.objects.exclude(status=Pair.Status.REMOVED)
                     .exclude(programme__status=MentoringProgramme.Status.CLOSED), user)
    logs = for_user(Log.objects.filter(date__year=year, date__month=month), user)
    agg = logs.aggregate(n=Count("pk"), jp=Sum("jp"), pairs=Count("pair_id", distinct=True))
    return {"active_pairs": pairs.count(), "logs": agg["n"], "jp": agg["jp"] or 0, "pairs_logged": agg["pairs"]}


#: The permissions the dashboard's figures ask (the links they carry): part of the key they are cached under.
DASHBOARD_PERMS = ("plans.view_plans", "delivery.view_compliance", "evaluation.view_results")


def dashboard(user, today: dt.date) -> dict:
    """The state of the cycle for a leader, in their scope; each figure comes with the link to its list, and
    `computed_at`: when the figures were computed. They are computed once per scope (the whole agency, an OPD
    officer's unit subtrees: `scoping.shared_viewer`) and data version (`core.figures`), and shared by everyone of
    that scope; a user whose rows are theirs alone (a supervisor's staff) has entries of their own."""
    viewer = shared_viewer(user, DASHBOARD_PERMS)
    if viewer is not None:
        key = viewer.key
    else:
        key = f"user{user.pk}-" + "".join("1" if user.has_perm(p) else "0" for p in DASHBOARD_PERMS)
    # The ranking's threshold is a setting: part of the key, so a changed setting is never served old rankings.
    data, computed_at = figures.cached("dashboard", [key, today.isoformat(),
                                                     settings.RENBANG["DASHBOARD_GAP_MIN_EMPLOYEES"]],
                                       lambda: _dashboard(viewer or user, today))
    return {**data, "computed_at": computed_at}


def _dashboard(user, today: dt.date) -> dict:
    year, month = today.year, today.month
    campaign = None
    if user.agency_id:
        campaign = (for_user(computed_campaigns(user.agency_id), user)
                    .order_by("-year", "-computed_at").first())
    gaps = biggest_gaps(user, campaign) if campaign else []
    bands = needs_results.band_summary(campaign, user) if campaign else {}
    return {
        "year": year, "month": month, "today": today, "campaign": campaign,
        "gaps": gaps, "bands": bands, "band_labels": JobMatch.BAND_LABELS,
        "carried": carried_for_user(user, year).count(),
        "plan_progress": sources.plan_progress(user, year, month),
        "budget": sources.budget(user, year),
        "at_risk": sources.jp_at_risk(user, year),
        "flagged": sources.flagged_programmes(user, year),
        "mentoring": mentoring_activity(user, year, month),
    }


# --- comparing years ---------------------------------------------------------------------------------------

def year_comparison(user, agency_id: int, competency_limit: int = 8) -> dict:
    """Per year (its latest computed campaign): mean gap per competency and per top unit, the JPM distribution,
    20 JP compliance and effectiveness by method. A fixed number of queries whatever the data size."""
    by_year = campaigns_by_year(agency_id)
    years = sorted(by_year)
    campaign_year = {c.pk: y for y, c in by_year.items()}
    needs = for_user(Need.objects.filter(campaign_id__in=list(campaign_year), required__gt=0), user)
    per_comp = (needs.values("campaign_id", "competency_id")
                .annotate(mean=Avg("gap"), with_gap=Count("pk", filter=Q(gap__gt=0)), n=Count("pk")))
    comp_series: dict[int, dict[int, float]] = defaultdict(dict)
    for row in per_comp:
        comp_series[row["competency_id"]][campaign_year[row["campaign_id"]]] = round(float(row["mean"] or 0), 2)
    units = units_in_scope(user, agency_id)
    top_of, top_names = top_units(units)
    per_unit = needs.values("campaign_id", "unit_id").annotate(s=Sum("gap"), n=Count("pk"))
    unit_acc: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row in per_unit:
        top = top_of.get(row["unit_id"])
        if top is not None:
            acc = unit_acc[top][campaign_year[row["campaign_id"]]]
            acc[0] += row["s"] or 0
            acc[1] += row["n"]
    bands = (for_user(JobMatch.objects.filter(campaign_id__in=list(campaign_year)), user)
             .values("campaign_id", "band").annotate(n=Count("pk")))
    band_table: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(JobMatch.BAND_LABELS, 0))
    for row in bands:
        band_table[campaign_year[row["campaign_id"]]][row["band"]] = row["n"]
    competencies = {c.pk: c for c in Competency.objects.filter(pk__in=list(comp_series))}
    latest = years[-1] if years else None
    comp_rows = sorted(
        ({"competency": competencies[cid], "values": [series.get(y) for y in years],
          "trend": _trend(series, years)} for cid, series in comp_series.items() if cid in competencies),
        key=lambda r: (-(r["values"][-1] or 0) if latest else 0, r["competency"].code))
    unit_rows = sorted(({"unit_id": uid, "name": top_names[uid],
                         "values": [round(acc[y][0] / acc[y][1], 2) if acc[y][1] else None for y in years],
                         "trend": _trend({y: acc[y][0] / acc[y][1] for y in years if acc[y][1]}, years)}
                        for uid, acc in unit_acc.items()), key=lambda r: r["name"])
    return {
        "years": years,
        "competencies": comp_rows, "chart_competencies": comp_rows[:competency_limit],
        "units": unit_rows,
        "bands": [{"year": y, **band_table[y]} for y in years], "band_labels": JobMatch.BAND_LABELS,
        "compliance": {y: sources.jp_compliance(agency_id, y) for y in years},
        "effectiveness": {y: sources.effectiveness_by_method(agency_id, y) for y in years},
    }


def _trend(series: dict[int, float], years: list[int]) -> float | None:
    """Change of the mean gap from the first to the last year that has a value (negative: gap closing)."""
    values = [series[y] for y in years if series.get(y) is not None]
    return round(values[-1] - values[0], 2) if len(values) >= 2 else None


def latest_activity(agency_id: int):
    return computed_campaigns(agency_id).aggregate(last=Max("year"))["last"]
