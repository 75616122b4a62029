"""The instance handed to the engine matches the database."""

from __future__ import annotations

from renbang.engine.optimizer import load_instance
from renbang.plans import adapter
from renbang.plans.models import ScenarioUnitBudget


def _by_id(rows):
    return {r["id"]: r for r in rows}


def test_it_builds_employees_with_their_needs_floors_and_caps(pw, world):
    inst = adapter.build(pw.scenario).instance
    emps = _by_id(inst["employees"])
    assert set(emps) == {str(e.pk) for e in (world.boss, world.chief, world.staff, world.other, pw.pppk)}
    staff = emps[str(world.staff.pk)]
    assert staff["needs"] == {str(pw.comp_a.pk): {"gap": 2.0, "weight": 0.8}}
    assert staff["jp_floor"] == 20 and staff["jp_cap"] == 120
    pppk = emps[str(pw.pppk.pk)]
    assert pppk["jp_floor"] == 0 and pppk["jp_cap"] == 24  # PP 49/2018 Pasal 40
    # next-position gap counts when the scenario includes it (PP 11/2017 Pasal 206)
    assert emps[str(world.boss.pk)]["needs"] == {str(pw.comp_b.pk): {"gap": 2.0, "weight": 0.3}}
    load_instance(inst)  # the engine accepts it


def test_it_leaves_out_next_position_gaps_when_the_scenario_says_so(pw, world):
    pw.scenario.include_next_position = False
    inst = adapter.build(pw.scenario).instance
    assert _by_id(inst["employees"])[str(world.boss.pk)]["needs"] == {}


def test_it_builds_programmes_sessions_and_eligibility_from_the_catalogue(pw, world):
    inst = adapter.build(pw.scenario).instance
    progs = _by_id(inst["programmes"])
    a = progs[str(pw.prog_a.pk)]
    assert a["uplift"] == {str(pw.comp_a.pk): 1.0}
    assert a["jp"] == 24 and a["cost"] == 1_000_000
    assert a["effectiveness"] == float(pw.method.effectiveness)
    assert a["sessions"] == [{"id": str(pw.s_a3.pk), "month": 3, "capacity": 2},
                             {"id": str(pw.s_a6.pk), "month": 6, "capacity": 2}]
    emps = _by_id(inst["employees"])
    # programme B is open to pengawas/administrator only: the staff member is not a candidate, the chief is
    assert f"p:{pw.prog_b.pk}" not in emps[str(world.staff.pk)]["tags"]
    assert f"p:{pw.prog_b.pk}" in emps[str(world.chief.pk)]["tags"]
    assert progs[str(pw.prog_b.pk)]["eligible_tags"] == [f"p:{pw.prog_b.pk}"]


def test_it_books_costs_on_the_nearest_unit_with_a_budget(pw, world):
    ScenarioUnitBudget.objects.create(scenario=pw.scenario, unit=world.field_a, amount=3_000_000)
    inst = adapter.build(pw.scenario).instance
    emps = _by_id(inst["employees"])
    assert emps[str(world.staff.pk)]["unit"] == str(world.field_a.pk)  # seksi → bidang with its own budget
    assert emps[str(world.other.pk)]["unit"] == str(world.unit_b.pk)  # top-level unit
    assert inst["budget"] == {"total": 10_000_000.0, "per_unit": {str(world.field_a.pk): 3_000_000.0}}
    assert inst["rules"] == {"max_sessions_per_month": 1, "jp_floor_weight": 0.05}


def test_it_proposes_sessions_for_programmes_without_a_schedule(pw):
    pw.s_b3.delete()
    pw.scenario.proposed_sessions = 2
    prep = adapter.build(pw.scenario)
    b = _by_id(prep.instance["programmes"])[str(pw.prog_b.pk)]
    assert [s["month"] for s in b["sessions"]] == [4, 10]
    assert all(int(s["id"]) < 0 and s["capacity"] == 10 for s in b["sessions"])


def test_it_subtracts_locked_assignments_from_the_instance(pw, world):
    locked = [adapter.Locked(world.staff.pk, pw.prog_a.pk, pw.s_a3.pk, 3)]
    inst = adapter.build(pw.scenario, locked=locked).instance
    staff = _by_id(inst["employees"])[str(world.staff.pk)]
    assert staff["jp_cap"] == 120 - 24 and staff["jp_floor"] == 0
    left = 2 - float(pw.method.effectiveness)
    assert abs(staff["needs"][str(pw.comp_a.pk)]["gap"] - left) < 1e-9
    a = _by_id(inst["programmes"])[str(pw.prog_a.pk)]
    assert a["sessions"][0]["capacity"] == 1
    assert inst["budget"]["total"] == 9_000_000
