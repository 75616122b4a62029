"""Needs carried over by closing a year (cycle) enter next year's planning scenarios (through the registry in
renbang.plans.carried: plans does not import cycle)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from renbang.cycle.models import CarriedNeed
from renbang.cycle.services import year_close
from renbang.needs.models import Campaign, Need
from renbang.plans import adapter, services
from renbang.plans.carried import CARRIED_ITEM_PRIORITY, Carried, merge
from renbang.plans.models import PlanAssignment, PlanningScenario


def _by_id(rows):
    return {r["id"]: r for r in rows}


@pytest.fixture
def closed_2026(ran, world):
    """The 2026 plan approved by the PPK and never delivered, then 2026 closed; a 2027 campaign that measured
    only the chief's M.4."""
    plan = ran.plan
    Campaign.objects.filter(pk=ran.campaign.pk).update(computed_at=timezone.now())  # the year's needs, for cycle
    services.plan_submit(plan=plan, user=world.users.admin, expected_version=plan.lock_version)
    plan.refresh_from_db()
    services.plan_approve(plan=plan, user=world.users.head, expected_version=plan.lock_version)
    year_close(agency_id=world.agency.pk, year=2026)
    c27 = Campaign.objects.create(agency=world.agency, name="Penilaian 2027", year=2027, status="closed",
                                  period_start=dt.date(2027, 1, 4), period_end=dt.date(2027, 1, 29))
    Need.objects.create(campaign=c27, employee=world.chief, unit=world.chief.unit, competency=ran.comp_b,
                        required=3, current=2, gap=1, next_required=3, next_gap=0, priority=Decimal("50"))
    ran.c27 = c27
    ran.s27 = PlanningScenario.objects.create(agency=world.agency, year=2027, name="Dasar 2027",
                                              budget_total=10_000_000, proposed_sessions=2, time_limit=10)
    return ran


def test_closing_a_year_puts_its_open_needs_into_next_years_scenario(closed_2026, world):
    pw = closed_2026
    assert CarriedNeed.objects.filter(agency=world.agency, year=2027, employee=world.staff).exists()
    prep = adapter.build(pw.s27)
    emps = _by_id(prep.instance["employees"])
    # the 2027 campaign did not measure the staff member's M.1: the carried gap (2, priority 80) is planned
    staff_need = emps[str(world.staff.pk)]["needs"][str(pw.comp_a.pk)]
    assert staff_need["gap"] == 2.0
    # the staff member's 2026 item was planned and not carried out: weight 0.8 × 1.5
    assert PlanAssignment.objects.filter(plan=pw.plan, employee=world.staff, competency=pw.comp_a).exists()
    assert staff_need["weight"] == pytest.approx(0.8 * 1.5)
    # the campaign's own measurement wins where it has one: the chief's M.4 keeps the 2027 gap and weight
    assert emps[str(world.chief.pk)]["needs"][str(pw.comp_b.pk)]["gap"] == 1.0
    assert prep.carried["added"] >= 1 and prep.carried["from_years"] == [2026]
    # programmes without a 2027 schedule get proposed sessions, so the carried need can be planned
    assert any(f"p:{pw.prog_a.pk}" == t for t in emps[str(world.staff.pk)]["tags"])


def test_a_scenario_can_leave_the_carried_needs_out(closed_2026, world):
    pw = closed_2026
    pw.s27.use_carried_needs = False
    prep = adapter.build(pw.s27)
    assert _by_id(prep.instance["employees"])[str(world.staff.pk)]["needs"] == {}
    assert prep.carried == {"enabled": False, "boost": 1.5, "available": 0, "added": 0, "boosted": 0,
                            "from_years": []}


def test_the_result_page_says_what_the_carried_needs_did(closed_2026, world, login,
                                                          django_capture_on_commit_callbacks):
    pw = closed_2026
    with django_capture_on_commit_callbacks(execute=True):
        services.scenario_run(scenario=pw.s27, user=world.users.admin)
    pw.s27.refresh_from_db()
    assert pw.s27.status == "done"
    html = login(world.users.admin).get(f"/rencana/skenario/{pw.s27.pk}/").content.decode()
    assert "Kebutuhan yang dibawa dari penutupan tahun 2026" in html
    assert f"{pw.s27.summary['carried']['added']} ditambahkan sebagai kebutuhan" in html
    assert "bobot item belum terlaksana ×1,50" in html or "bobot item belum terlaksana ×1.50" in html


def test_merge_boosts_an_unfinished_item_where_the_campaign_still_finds_the_gap():
    rows = [Carried(1, 10, "plan", gap=1), Carried(2, 10, "plan", gap=2), Carried(3, 10, "need", gap=1,
                                                                                   priority=40.0),
            Carried(4, 10, "need", gap=0, next_gap=1, priority=30.0), Carried(9, 10, "need", gap=3)]
    m = merge(rows, measured={(1, 10), (3, 10)}, with_gap={(1, 10)}, employees={1, 2, 3, 4},
              competencies=None, include_next_position=False)
    # 1: measured with a gap → boosted, not added; 2: not measured → added with the item priority and boosted;
    # 3: measured (the campaign no longer finds a gap) → neither; 4: only a next-position gap, not included;
    # 9: outside the scenario's employees
    assert m.added == [(2, 10, 2, 0, None, -1, -1, CARRIED_ITEM_PRIORITY)]
    assert m.boost == {(1, 10), (2, 10)}
    assert m.available == 4


def test_the_scenario_form_offers_the_carried_needs_option(world, login):
    html = login(world.users.admin).get("/rencana/skenario/baru/").content.decode()
    assert 'name="use_carried_needs"' in html and 'name="carried_boost"' in html
    assert "0 = tanpa batas" in html
