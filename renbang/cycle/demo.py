"""Demo step: a second, earlier year so that trends and the carry-over show.

The needs demo computes the demo year's campaign. Here the year before gets its own computed campaign whose
levels are a little lower (development happened in between: about half of the gaps were one level wider a
year earlier), then that year is closed through the same service BKPSDM runs, which carries its open needs
into the demo year. Vectorised with numpy and written with the needs app's bulk insert (COPY on PostgreSQL).

Runs right after the needs step and before the plans step (`SEED_BEFORE`): as in real use, last year is closed
before this year's plan is optimised, so the demo plan starts from the carried needs.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import numpy as np
from django.utils import timezone

from renbang.core.demo import DEMO_AGENCY_CODE
from renbang.engine import gaps as engine
from renbang.needs.compute import bulk_insert
from renbang.needs.models import Campaign, JobMatch, Need
from renbang.org.models import Agency

from .services import year_close

SEED_BEFORE = "plans"


def seed(ctx) -> None:
    agency = ctx.agency or Agency.objects.filter(code=DEMO_AGENCY_CODE).first()
    if agency is None:
        return
    current = (Campaign.objects.filter(agency=agency, year=ctx.year, computed_at__isnull=False)
               .order_by("-computed_at").first())
    if current is None:
        ctx.log("  cycle: belum ada kampanye terhitung; tahun sebelumnya dilewati.")
        return
    started = time.perf_counter()
    previous = _previous_campaign(ctx, agency, current)
    closing = year_close(agency_id=agency.pk, year=previous.year)
    ctx.log(f"  cycle: tahun {previous.year} ditutup, {closing.carried} kebutuhan dibawa ke {ctx.year} "
            f"({time.perf_counter() - started:.1f} s)")


def _previous_campaign(ctx, agency, current: Campaign) -> Campaign:
    year = ctx.year - 1
    name = f"Penilaian Kompetensi {year}"
    existing = Campaign.objects.filter(agency=agency, name=name).first()
    if existing and existing.computed_at:
        return existing  # idempotent
    campaign = existing or Campaign.objects.create(
        agency=agency, name=name, year=year, period_start=dt.date(year, 1, 6), period_end=dt.date(year, 2, 14),
        status=Campaign.Status.CLOSED, closed_at=timezone.now(), peer_on=False)
    rows = list(Need.objects.filter(campaign=current).order_by("employee_id", "competency_id").values_list(
        "employee_id", "unit_id", "competency_id", "required", "current", "next_required", "priority"))
    if not rows:
        Campaign.objects.filter(pk=campaign.pk).update(computed_at=timezone.now())
        campaign.refresh_from_db()
        return campaign
    rng = np.random.default_rng(ctx.rng("cycle").randrange(2**32))
    emp = np.array([r[0] for r in rows])
    req = np.array([r[3] for r in rows], dtype=float)
    cur_now = np.array([np.nan if r[4] is None else r[4] for r in rows], dtype=float)
    nxt = np.array([r[5] for r in rows], dtype=float)
    prio = np.array([float(r[6]) for r in rows])
    lower = (rng.random(len(rows)) < 0.5) & (cur_now > 1)
    cur = np.where(lower, cur_now - 1, cur_now)
    gap = engine.gaps(req, cur)
    next_gap = engine.gaps(nxt, cur)
    priority = np.minimum(100.0, np.where(lower, prio + 10.0, prio))
    priority = np.where(gap + next_gap > 0, np.maximum(priority, 1.0), 0.0)
    bulk_insert(Need, ["campaign", "employee", "unit", "competency", "required", "current", "gap", "next_required",
                       "next_gap", "priority"],
                [(campaign.pk, int(e), r[1], r[2], r[3], None if c != c else int(c), int(g), r[5], int(n),
                  Decimal(f"{p:.2f}")) for e, r, c, g, n, p in zip(emp, rows, cur, gap, next_gap, priority,
                                                                  strict=True)])
    # JPM per employee = Σ min(current, required) / Σ required × 100 (engine.gaps; Peraturan BRIN 3/2023 Pasal 33)
    ids, index = np.unique(emp, return_inverse=True)
    measured = (req > 0) & ~np.isnan(cur)
    have = np.bincount(index, weights=np.where(measured, np.minimum(np.nan_to_num(cur), req), 0), minlength=len(ids))
    need = np.bincount(index, weights=np.where(measured, req, 0), minlength=len(ids))
    jpm = np.where(need > 0, np.minimum(100.0, 100.0 * have / np.where(need > 0, need, 1)), np.nan)
    units = {r[0]: r[1] for r in rows}
    bulk_insert(JobMatch, ["campaign", "employee", "unit", "jpm", "band", "performance_gap", "predicate"],
                [(campaign.pk, int(e), units[int(e)], None if j != j else Decimal(f"{j:.2f}"),
                  engine.jpm_band(j) if j == j else engine.UNMEASURED, Decimal("0"), "")
                 for e, j in zip(ids, jpm, strict=True)])
    Campaign.objects.filter(pk=campaign.pk).update(computed_at=timezone.now())
    campaign.refresh_from_db()
    return campaign
