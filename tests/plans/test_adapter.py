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


def _need_level(pw, employee, competency, current):
    from renbang.needs.models import Need

    Need.objects.filter(campaign=pw.campaign, employee=employee, competency=competency).update(current=current)


def test_it_offers_a_programme_only_to_employees_whose_level_is_in_its_range(pw, world):
    # INT-1 (competency M.1) is meant for current levels 2–3: staff at level 1 and the PPPK at level 4 are out
    pw.prog_a.min_level, pw.prog_a.max_level = 2, 3
    pw.prog_a.save()
    _need_level(pw, world.staff, pw.comp_a, 1)
    _need_level(pw, world.other, pw.comp_a, 2)
    _need_level(pw, pw.pppk, pw.comp_a, 4)
    emps = _by_id(adapter.build(pw.scenario).instance["employees"])
    tag = f"p:{pw.prog_a.pk}"
    assert tag not in emps[str(world.staff.pk)]["tags"]
    assert tag in emps[str(world.other.pk)]["tags"]
    assert tag not in emps[str(pw.pppk.pk)]["tags"]


def test_it_treats_a_level_not_assessed_as_within_the_range(pw, world):
    pw.prog_a.min_level, pw.prog_a.max_level = 4, 5
    pw.prog_a.save()
    _need_level(pw, world.staff, pw.comp_a, None)  # not assessed: allowed
    _need_level(pw, world.other, pw.comp_a, 2)  # assessed below the range: refused
    emps = _by_id(adapter.build(pw.scenario).instance["employees"])
    assert f"p:{pw.prog_a.pk}" in emps[str(world.staff.pk)]["tags"]
    assert f"p:{pw.prog_a.pk}" not in emps[str(world.other.pk)]["tags"]


def test_it_counts_employees_out_of_every_programmes_level_range_as_not_eligible(pw, world):
    from renbang.plans import metrics

    pw.prog_a.min_level = 3
    pw.prog_a.save()
    _need_level(pw, world.staff, pw.comp_a, 1)
    prep = adapter.build(pw.scenario)
    left = metrics.left_out(prep, planned=set())
    assert world.staff.pk in left["samples"][metrics.LEFT_NOT_ELIGIBLE]


def _three_programmes_for_m1(pw):
    from renbang.catalog.models import PlannedSession, Programme, ProgrammeCompetency

    for n in range(3):
        p = Programme.objects.create(agency=pw.prog_a.agency, code=f"INT-X{n}", title=f"Integritas lanjutan {n}",
                                     method=pw.method, jp=8, cost_per_participant=100_000 * (n + 1),
                                     capacity_per_session=5)
        ProgrammeCompetency.objects.create(programme=p, competency=pw.comp_a, uplift=1)
        PlannedSession.objects.create(programme=p, date=pw.s_a3.date, year=2026, month=3, capacity=5)


def test_it_keeps_the_best_k_candidates_and_every_one_when_k_is_zero(pw, world):
    _three_programmes_for_m1(pw)  # with INT-1: four programmes serve the staff member's M.1 gap
    pw.scenario.candidates_per_employee = 2
    assert len(_by_id(adapter.build(pw.scenario).instance["employees"])[str(world.staff.pk)]["tags"]) == 2
    pw.scenario.candidates_per_employee = 0
    inst = adapter.build(pw.scenario).instance
    staff = _by_id(inst["employees"])[str(world.staff.pk)]
    assert len(staff["tags"]) == 4
    # still only programmes that serve a gap: the chief (M.4 gap) gets none of the M.1 programmes
    chief = _by_id(inst["employees"])[str(world.chief.pk)]
    assert chief["tags"] == [f"p:{pw.prog_b.pk}"]
    load_instance(inst)
