"""The plan and talent: no programme ends after an employee leaves (exclude), weights down (weight), successors'
gaps to their key position raise their share; the results show both."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renbang.catalog.models import PlannedSession
from renbang.competencies.models import PositionStandard
from renbang.engine.optimizer import load_instance, solve
from renbang.people.models import Employee
from renbang.plans import adapter, runner
from renbang.talent import planning, services
from tests.plans.conftest import make_plan_world


def leave_on(employee, day: dt.date) -> None:
    Employee.objects.filter(pk=employee.pk).update(retirement_date=day)


def planned(scenario) -> dict[int, list[int]]:
    """{employee id: [session months]} of a solved instance (no database write)."""
    prep = adapter.build(scenario)
    inst = load_instance(prep.instance)
    rows = solve(inst, time_limit=5).assignments(inst)
    out: dict[int, list[int]] = {}
    for r in rows:
        out.setdefault(int(r["employee"]), []).append(prep.sessions[int(r["session"])]["month"])
    return out


def test_exclude_gives_no_programme_that_ends_after_the_employee_leaves(world):
    pw = make_plan_world(world)
    leave_on(world.staff, dt.date(2026, 5, 1))  # can finish sessions up to April: the March session only
    assert 6 in {m for ms in planned(pw.scenario).values() for m in ms}  # someone takes June when nothing is on
    pw.scenario.retirement_rule = "exclude"
    pw.scenario.save()
    PlannedSession.objects.filter(pk=pw.s_a3.pk).update(month=7, date=dt.date(2026, 7, 7))
    got = planned(pw.scenario)
    assert world.staff.pk not in got  # both sessions of the only programme end after 1 May
    assert got  # the others are still planned


@given(leaves=st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=13)), min_size=5, max_size=5),
       months=st.tuples(st.integers(1, 12), st.integers(1, 12), st.integers(1, 12)))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_property_no_leaver_attends_a_session_after_leaving(world, leaves, months):
    with transaction.atomic():
        pw = make_plan_world(world)
        people = [world.staff, world.other, world.chief, world.boss, pw.pppk]
        for e, m in zip(people, leaves, strict=True):
            if m is not None:  # 0: left in December of the year before; 13: leaves in January of the next year
                leave_on(e, dt.date(2025, 12, 1) if m == 0 else dt.date(2027, 1, 1) if m == 13 else dt.date(2026, m, 1))
        for s, m in zip((pw.s_a3, pw.s_a6, pw.s_b3), months, strict=True):
            PlannedSession.objects.filter(pk=s.pk).update(month=m, date=dt.date(2026, m, 1))
        pw.scenario.retirement_rule = "exclude"
        pw.scenario.save()
        got = planned(pw.scenario)
        for e, m in zip(people, leaves, strict=True):
            limit = 12 if m is None or m == 13 else (0 if m == 0 else m - 1)
            assert all(month <= limit for month in got.get(e.pk, [])), (e.name, m, got.get(e.pk))
        transaction.set_rollback(True)


def test_weight_mode_lowers_the_weight_of_leavers(world):
    pw = make_plan_world(world)
    leave_on(world.staff, dt.date(2027, 3, 1))  # leaves next year
    before = adapter.build(pw.scenario)
    pw.scenario.retirement_rule, pw.scenario.retirement_weight = "weight", Decimal("0.25")
    pw.scenario.save()
    after = adapter.build(pw.scenario)
    i = list(before.emp_ids).index(world.staff.pk)
    assert after.need_weight[after.need_emp == i] == before.need_weight[before.need_emp == i] * 0.25
    others = after.need_emp != i
    assert np.array_equal(after.need_weight[others], before.need_weight[before.need_emp != i])


def test_successor_weighting_adds_target_gaps_and_raises_their_share(world, django_capture_on_commit_callbacks):
    pw = make_plan_world(world)
    target = world.positions.administrator
    world.positions.staff.next_positions.add(target)
    PositionStandard.objects.create(position=target, competency=pw.comp_a, required_level=4)
    Employee.objects.filter(pk=world.other.pk).update(rank="III/d")
    key = services.key_position_mark(agency=world.agency, position=target)
    services.succession_group_save(key=key, employee_ids=[world.other.pk])
    pw.scenario.budget_total = 1_000_000  # one seat of the integrity course: who gets it?
    pw.scenario.save()
    runner.run(pw.scenario)
    pw.scenario.refresh_from_db()
    base = pw.scenario.summary["talent"]
    assert base["successors"] == 1 and base["successor_share"] == 0.0  # the seat goes to the staff (priority 80)
    pw.scenario.successor_weight = Decimal("3")
    pw.scenario.save()
    prep = adapter.build(pw.scenario)
    i = list(prep.emp_ids).index(world.other.pk)
    mine = prep.need_emp == i
    assert prep.need_gap[mine].max() == 3  # required 4 at the target, current 1
    runner.run(pw.scenario)
    pw.scenario.refresh_from_db()
    got = pw.scenario.summary["talent"]
    assert got["successors"] == 1 and got["successor_share"] == 100.0 and got["cost_successors"] == 1_000_000


def test_the_results_show_spending_on_leavers(world):
    pw = make_plan_world(world)
    leave_on(world.staff, dt.date(2026, 9, 1))
    runner.run(pw.scenario)
    pw.scenario.refresh_from_db()
    off = pw.scenario.summary["talent"]
    assert off["leaving"] == 1 and off["cost_leaving"] > 0
    pw.scenario.retirement_rule = "exclude"
    pw.scenario.save()
    PlannedSession.objects.filter(programme=pw.prog_a).update(month=10, date=dt.date(2026, 10, 6))
    runner.run(pw.scenario)
    pw.scenario.refresh_from_db()
    assert pw.scenario.summary["talent"]["cost_leaving"] == 0


def test_last_months_of_the_plan_year(world):
    leave_on(world.staff, dt.date(2026, 1, 1))
    leave_on(world.other, dt.date(2026, 12, 1))
    leave_on(world.chief, dt.date(2027, 1, 1))
    ids = np.array([world.staff.pk, world.other.pk, world.chief.pk], dtype=np.int64)
    last, _dates = planning.last_months(world.agency.pk, ids, 2026)
    assert last.tolist() == [0, 11, 12]
