"""The talent box: performance (SKP, last two years) × potential (JPM, next-position match, AC) on the 3 × 3 box,
editable thresholds, and who may see whom (never themself, never peers)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from renbang.competencies.models import Competency
from renbang.needs.models import Campaign, CurrentLevel, JobMatch, Need
from renbang.people.models import Employee, PerformanceRecord, Predicate
from renbang.talent import box
from renbang.talent.models import TalentSettings
from tests.needs.factories import CampaignFactory


@pytest.fixture
def measured(world):
    """boss: SB+SB, JPM 95 → box 9; chief: B+B, JPM 80 → box 5; staff: BP+B, JPM 60 → box 1; other: no SKP."""
    campaign = CampaignFactory(agency=world.agency, status=Campaign.Status.CLOSED)
    comps = list(Competency.objects.filter(agency__isnull=True).order_by("code")[:2])
    plan = {world.boss: (Predicate.VERY_GOOD, Predicate.VERY_GOOD, 95),
            world.chief: (Predicate.GOOD, Predicate.GOOD, 80),
            world.staff: (Predicate.NEEDS_IMPROVEMENT, Predicate.GOOD, 60)}
    for e, (p1, p2, jpm) in plan.items():
        PerformanceRecord.objects.create(employee=e, year=2024, predicate=p1)
        PerformanceRecord.objects.create(employee=e, year=2025, predicate=p2)
        JobMatch.objects.create(campaign=campaign, employee=e, unit=e.unit, jpm=Decimal(jpm))
    PerformanceRecord.objects.create(employee=world.other, year=2020, predicate=Predicate.VERY_GOOD)  # too old
    JobMatch.objects.create(campaign=campaign, employee=world.other, unit=world.other.unit, jpm=Decimal(99))
    return campaign, comps


def test_it_places_each_employee_in_the_box(world, measured):
    got = box.compute(world.agency.pk)
    assert got.years == (2024, 2025)
    assert got.of(world.boss.pk)["box"] == 9
    assert got.of(world.chief.pk)["box"] == 5
    assert got.of(world.staff.pk)["box"] == 1  # performance 1.5 < 1.75, potential 60 < 78
    other = got.of(world.other.pk)
    assert other["box"] == 0 and other["performance"] is None and other["pot_level"] == 3


def test_the_thresholds_are_editable(world, measured):
    TalentSettings.objects.create(agency=world.agency, performance_mid=Decimal("1.50"),
                                  potential_mid=Decimal("60"), potential_high=Decimal("96"))
    got = box.compute(world.agency.pk)
    assert got.of(world.staff.pk)["box"] == 5  # 1.5 is middle now, 60 % too
    assert got.of(world.boss.pk)["box"] == 8  # 95 % is no longer high
    TalentSettings.objects.filter(agency=world.agency).update(performance_years=1)
    assert box.compute(world.agency.pk).of(world.staff.pk)["perf_level"] == 2  # 2025 alone: Baik


def test_potential_blends_jpm_next_position_and_assessment_centre(world, measured):
    campaign, comps = measured
    e = world.chief
    for comp, current, nxt in ((comps[0], 2, 4), (comps[1], 3, 3)):
        Need.objects.create(campaign=campaign, employee=e, unit=e.unit, competency=comp, required=3,
                            current=current, next_required=nxt)
        CurrentLevel.objects.create(campaign=campaign, employee=e, competency=comp, level=current, from_ac=True)
    got = box.compute(world.agency.pk).of(e.pk)
    assert got["next_match"] == pytest.approx(100 * 5 / 7)
    assert got["ac_match"] == pytest.approx(100 * 5 / 6)
    expected = (0.5 * 80 + 0.3 * 100 * 5 / 7 + 0.2 * 100 * 5 / 6) / 1.0
    assert got["potential"] == pytest.approx(expected)


def test_the_grid_counts_each_cell(world, measured):
    got = box.compute(world.agency.pk)
    cells = {c["box"]: c["count"] for row in box.grid(got, TalentSettings().box_numbers) for c in row}
    assert cells[9] == 1 and cells[5] == 1 and cells[1] == 1 and sum(cells.values()) == 3
    assert np.count_nonzero(got.box == 0) == 1


@pytest.mark.parametrize(("actor", "allowed", "sees"), [
    ("admin", True, {"boss", "chief", "staff", "other"}),
    ("head", True, {"boss", "chief", "staff", "other"}),
    ("officer_a", True, {"boss", "chief", "staff"}),
    ("officer_b", True, {"other"}),
    ("supervisor", True, {"staff"}),  # the chief: their subordinate, not themself, not their boss
    ("mentor", True, {"chief", "staff"}),  # the boss supervises both
    ("employee", False, set()),
    ("facilitator", False, set()),
])
def test_the_box_is_shown_to_allowed_actors_only(world, actor, allowed, sees):
    user = getattr(world.users, actor)
    assert user.has_perm("talent.view_box") is allowed
    names = {n: getattr(world, n).pk for n in ("boss", "chief", "staff", "other")}
    visible = set(box.visible_employees(user).values_list("pk", flat=True)) if allowed else set()
    assert visible == {names[n] for n in sees}
    assert Employee.objects.count() == 4
