"""Writes of the cycle: closing a planning year and carrying its open needs into the next year.

Closing is idempotent: a closed year is never recomputed (closing twice changes nothing), and the carried rows
are unique per (agency, year, employee, competency, origin), so a job re-delivered after a crash writes nothing
twice.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from renbang.core.jobs import start_job
from renbang.needs.models import Need

from . import selectors, sources
from .models import CarriedNeed, YearClosing

CLOSE_KIND = "cycle.close_year"
BATCH = 2000


class ClosingRefused(ValueError):
    """A closing that cannot start (shown to the user as is)."""

    user_message = True


def year_close_start(*, agency, year: int, user):
    """Record the closing and run it as a background job; refuse when the year is closed or being closed."""
    with transaction.atomic():
        closing = YearClosing.objects.select_for_update().filter(agency=agency, year=year).first()
        if closing and closing.is_closed:
            raise ClosingRefused(f"Tahun {year} sudah ditutup.")
        if closing and closing.job and not closing.job.is_finished:
            raise ClosingRefused(f"Penutupan tahun {year} sedang berjalan.")
        if closing is None:
            closing = YearClosing(agency=agency, year=year)
            closing.full_clean()
        job = start_job(kind=CLOSE_KIND, function_path="renbang.cycle.jobs.close_year",
                        params={"agency_id": agency.pk, "year": year, "user_id": user.pk}, user=user, agency=agency)
        closing.job, closing.closed_by, closing.status = job, user, YearClosing.Status.RUNNING
        closing.save()
    return job


def year_close(*, agency_id: int, year: int, user_id: int | None = None, report=None) -> YearClosing:
    """Close `year`: freeze realised vs planned and carry the open needs into year + 1. Idempotent."""
    report = report or (lambda percent, message: None)
    closing, _created = YearClosing.objects.get_or_create(agency_id=agency_id, year=year)
    if closing.is_closed:
        return closing
    report(5, "Menghitung realisasi dibanding rencana")
    summary = year_summary(agency_id, year)
    report(40, "Membawa kebutuhan yang belum terpenuhi ke tahun berikutnya")
    carried = carry_over(agency_id, year, report=report)
    with transaction.atomic():
        closing = YearClosing.objects.select_for_update().get(pk=closing.pk)
        if closing.is_closed:
            return closing
        closing.summary, closing.carried = summary, carried
        closing.status, closing.closed_at = YearClosing.Status.CLOSED, timezone.now()
        if user_id and not closing.closed_by_id:
            closing.closed_by_id = user_id
        closing.save()
    report(100, "Selesai")
    return closing


def year_summary(agency_id: int, year: int) -> dict:
    """Planned vs realised (participants, JP, budget) by top unit and by competency, plus the needs measured;
    `realised` is the plan's realisation and `outside` the year's other completed training (KINDS).

    Figures of apps that have no data for the year are None ("belum tersedia"), not zero.
    """
    from renbang.competencies.models import Competency
    from renbang.org.models import OrgUnit

    units = list(OrgUnit.objects.filter(agency_id=agency_id).values_list("pk", "parent_id", "name"))
    top_of, top_names = selectors.top_units(units)
    planned = sources.planned_figures(agency_id, year)
    delivered = sources.realised_figures(agency_id, year)
    by_unit: dict[int, dict] = defaultdict(_blank)
    by_comp: dict[int, dict] = defaultdict(_blank)
    for kind, rows in (("planned", planned), *(delivered or {}).items()):
        for row in rows or []:
            top = top_of.get(row.get("unit_id"))
            for key, table in ((top, by_unit), (row.get("competency_id"), by_comp)):
                if key is None:
                    continue
                for field in ("participants", "jp", "budget"):
                    table[key][kind][field] += int(row.get(field) or 0)
    campaign = selectors.campaign_of_year(agency_id, year)
    needs = {"campaign": campaign.name if campaign else None, "employees": 0, "with_gap": 0, "gap_sum": 0}
    if campaign:
        from django.db.models import Count, Sum

        agg = Need.objects.filter(campaign=campaign, required__gt=0).aggregate(
            employees=Count("employee_id", distinct=True),
            with_gap=Count("employee_id", filter=Q(gap__gt=0), distinct=True), gap_sum=Sum("gap"))
        needs = {"campaign": campaign.name, "employees": agg["employees"], "with_gap": agg["with_gap"],
                 "gap_sum": agg["gap_sum"] or 0}
    comps = dict(Competency.objects.filter(pk__in=list(by_comp)).values_list("pk", "code"))
    totals = _blank()
    for row in by_unit.values():
        for kind in KINDS:
            for field in ("participants", "jp", "budget"):
                totals[kind][field] += row[kind][field]
    return {
        "year": year, "has_plan": planned is not None, "has_delivery": delivered is not None,
        "totals": totals, "needs": needs,
        "by_unit": sorted(({"unit_id": k, "name": top_names.get(k, "?"), **v} for k, v in by_unit.items()),
                          key=lambda r: r["name"]),
        "by_competency": sorted(({"competency_id": k, "code": comps.get(k, "?"), **v} for k, v in by_comp.items()),
                                key=lambda r: r["code"]),
        "compliance": sources.jp_compliance(agency_id, year),
        "effectiveness": sources.effectiveness_by_method(agency_id, year),
    }


#: The figures of a year: the approved plan, its realisation (completed in the sessions made from its items, at
#: the item's price) and the year's completed training outside the plan (at the catalogue price; never counted as
#: realisation). Closings frozen before "outside" existed hold only the first two (their "realised" is every
#: completed session of the year).
KINDS = ("planned", "realised", "outside")


def _blank() -> dict:
    return {kind: {"participants": 0, "jp": 0, "budget": 0} for kind in KINDS}


def carry_over(agency_id: int, year: int, report=None) -> int:
    """Write the year's open needs and unfinished plan items as CarriedNeed rows of year + 1; return how many.

    The rows are derived data of the closing: until the year is closed they are rewritten as a whole (a job
    re-delivered after a crash starts clean), and a closed year is never carried again.
    """
    from renbang.needs.compute import bulk_insert

    report = report or (lambda percent, message: None)
    campaign = selectors.campaign_of_year(agency_id, year)
    done = sources.completed_pairs(agency_id, year) or set()
    rows: list[tuple] = []
    seen: set[tuple[int, int]] = set()
    if campaign:
        needs = (Need.objects.filter(campaign=campaign, employee__active=True)
                 .filter(Q(gap__gt=0) | Q(next_gap__gt=0))
                 .values_list("employee_id", "unit_id", "competency_id", "gap", "next_gap", "priority"))
        for employee_id, unit_id, competency_id, gap, next_gap, priority in needs.iterator(chunk_size=BATCH):
            if (employee_id, competency_id) in done:
                continue
            rows.append((agency_id, year, year + 1, employee_id, unit_id, competency_id, CarriedNeed.Origin.NEED,
                         gap, next_gap, priority or Decimal("0"), ""))
    for row in sources.unfinished_assignments(agency_id, year) or []:
        key = (row["employee_id"], row.get("competency_id"))
        if key[1] is None or key in seen:
            continue
        seen.add(key)
        rows.append((agency_id, year, year + 1, row["employee_id"], row["unit_id"], row["competency_id"],
                     CarriedNeed.Origin.PLAN, row.get("gap") or 0, 0, Decimal("0"),
                     (row.get("programme_title") or "")[:250]))
    report(60, "Menyimpan kebutuhan yang dibawa")
    with transaction.atomic():
        CarriedNeed.objects.filter(agency_id=agency_id, from_year=year).delete()
        bulk_insert(CarriedNeed, ["agency", "from_year", "year", "employee", "unit", "competency", "origin", "gap",
                                  "next_gap", "priority", "programme_title"], rows)
    report(95, "Kebutuhan yang dibawa tersimpan")
    return len(rows)
