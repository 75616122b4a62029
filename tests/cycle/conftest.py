"""A small two-year world for the cycle: computed campaigns 2025 and 2026 with known gaps, a mentoring pair.

2025 (M.1 Integritas, M.2 Kerja Sama, standard 3 for everyone):
  staff M.1 gap 2, M.2 gap 1 · other M.1 gap 1, M.2 gap 0 · chief M.1 gap 0, M.2 gap 0
2026:
  staff M.1 gap 1, M.2 gap 0 · other M.1 gap 1, M.2 gap 1 · chief M.1 gap 0, M.2 gap 0
Mentoring: boss mentors staff; two meetings in November 2026 (2 JP and 1.5 JP), no feedback yet.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from renbang.mentoring.models import Log, MentoringProgramme, Pair, Participant
from renbang.needs.models import Campaign, JobMatch, Need
from tests.browser.conftest import browser, log_in, page  # noqa: F401 (browser fixtures for test_browser.py)
from tests.catalog.factories import method, national

GAPS = {
    2025: {"staff": {"M.1": 2, "M.2": 1}, "other": {"M.1": 1, "M.2": 0}, "chief": {"M.1": 0, "M.2": 0}},
    2026: {"staff": {"M.1": 1, "M.2": 0}, "other": {"M.1": 1, "M.2": 1}, "chief": {"M.1": 0, "M.2": 0}},
}


def make_campaign(world, year: int, gaps: dict, competencies: dict) -> Campaign:
    campaign = Campaign.objects.create(
        agency=world.agency, name=f"Penilaian {year}", year=year, status="closed",
        period_start=dt.date(year, 1, 5), period_end=dt.date(year, 1, 30), closed_at=timezone.now(),
        computed_at=timezone.now())
    for who, per_comp in gaps.items():
        employee = getattr(world, who)
        total_req = total_have = 0
        for code, gap in per_comp.items():
            Need.objects.create(campaign=campaign, employee=employee, unit=employee.unit,
                                competency=competencies[code], required=3, current=3 - gap, gap=gap,
                                next_required=4, next_gap=gap + 1, priority=Decimal(10 * gap))
            total_req, total_have = total_req + 3, total_have + 3 - gap
        jpm = Decimal(round(100 * total_have / total_req, 2))
        band = "optimal" if jpm >= 90 else "cukup_optimal" if jpm >= 78 else "kurang_optimal"
        JobMatch.objects.create(campaign=campaign, employee=employee, unit=employee.unit, jpm=jpm, band=band)
    return campaign


@pytest.fixture
def cycle(world):
    comps = {"M.1": national("M.1", "Integritas"), "M.2": national("M.2", "Kerja Sama")}
    world.comps = comps
    world.campaigns = {year: make_campaign(world, year, gaps, comps) for year, gaps in GAPS.items()}
    programme = MentoringProgramme.objects.create(
        agency=world.agency, title="Mentoring Integritas 2026", method=method("NK-MEN"),
        start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31), status="running")
    Participant.objects.create(programme=programme, employee=world.boss, role="mentor")
    Participant.objects.create(programme=programme, employee=world.staff, role="mentee")
    pair = Pair.objects.create(programme=programme, mentor=world.boss, mentee=world.staff, status="locked",
                               reason="uji")
    Log.objects.create(pair=pair, date=dt.date(2026, 11, 3), topic="Integritas di kantor", duration_minutes=90,
                       jp=Decimal("2"))
    Log.objects.create(pair=pair, date=dt.date(2026, 11, 17), topic="Studi kasus", duration_minutes=68,
                       jp=Decimal("1.5"))
    world.pair = pair
    return world
