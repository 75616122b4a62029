"""The objective and the rules, recomputed from a plan given by ids."""

import copy

import pytest

from renbang.engine.optimizer import InstanceError, check_feasibility, load_instance, objective

BASE = {
    "version": 1,
    "employees": [
        {
            "id": "ani",
            "unit": "keu",
            "tags": ["pengawas"],
            "jp_floor": 20,
            "jp_cap": 48,
            "needs": {"M.1": {"gap": 1, "weight": 2.0}, "T.1": {"gap": 2, "weight": 1.0}},
        },
        {
            "id": "budi",
            "unit": "pu",
            "tags": [],
            "jp_floor": 20,
            "jp_cap": 80,
            "needs": {"T.1": {"gap": 1, "weight": 1.0}},
        },
    ],
    "programmes": [
        {
            "id": "lead",
            "uplift": {"M.1": 2},
            "effectiveness": 0.8,
            "jp": 24,
            "cost": 100,
            "eligible_tags": ["pengawas"],
            "sessions": [
                {"id": "lead-3", "month": 3, "capacity": 1},
                {"id": "lead-4", "month": 4, "capacity": 5},
            ],
        },
        {
            "id": "tech",
            "uplift": {"T.1": 1},
            "effectiveness": 0.5,
            "jp": 16,
            "cost": 50,
            "sessions": [
                {"id": "tech-3", "month": 3, "capacity": 5},
                {"id": "tech-5", "month": 5, "capacity": 5},
            ],
        },
        {
            "id": "more",
            "uplift": {"T.1": 1},
            "effectiveness": 1.0,
            "jp": 16,
            "cost": 50,
            "sessions": [{"id": "more-6", "month": 6, "capacity": 5}],
        },
    ],
    "budget": {"total": 1000, "per_unit": {"pu": 60}},
    "rules": {"max_sessions_per_month": 1, "jp_floor_weight": 0.1},
}


def plan(*rows):
    return [{"employee": e, "session": s} for e, s in rows]


def test_it_caps_each_need_at_its_gap_and_adds_the_jp_floor_term():
    inst = load_instance(BASE)
    # ani: M.1 min(1, 0.8*2)=1 -> 2.0; T.1 min(2, 0.5+1.0)=1.5 -> 1.5; JP 24+16+16=56 -> min(56,20)*0.1=2.0
    rows = plan(("ani", "lead-4"), ("ani", "tech-5"), ("ani", "more-6"))
    assert objective(inst, rows) == pytest.approx(2.0 + 1.5 + 2.0)
    # budi: T.1 min(1, 0.5) = 0.5; JP 16 -> 1.6
    assert objective(inst, plan(("budi", "tech-3"))) == pytest.approx(0.5 + 1.6)


def test_it_accepts_a_plan_that_keeps_every_rule():
    inst = load_instance(BASE)
    assert check_feasibility(inst, plan(("ani", "lead-3"), ("ani", "tech-5"), ("budi", "tech-3"))) == []


@pytest.mark.parametrize(
    ("rows", "fragment"),
    [
        (plan(("budi", "lead-4")), "tidak memenuhi syarat"),
        (plan(("ani", "tech-3"), ("ani", "tech-5")), "diikuti lebih dari sekali"),
        (plan(("ani", "lead-3"), ("ani", "tech-3")), "sesi di bulan 3"),
        (plan(("ani", "lead-4"), ("ani", "tech-5"), ("ani", "more-6")), "melebihi batas 48"),
        (plan(("budi", "tech-5"), ("budi", "more-6")), "anggaran unit pu"),
    ],
)
def test_it_reports_each_broken_rule(rows, fragment):
    violations = check_feasibility(load_instance(BASE), rows)
    assert any(fragment in v for v in violations), violations


def test_it_reports_full_sessions_and_the_total_budget():
    data = copy.deepcopy(BASE)
    data["budget"]["total"] = 120
    data["employees"].append({"id": "citra", "unit": "keu", "tags": ["pengawas"], "needs": {}})
    violations = check_feasibility(load_instance(data), plan(("ani", "lead-3"), ("citra", "lead-3")))
    assert any("melebihi kapasitas 1" in v for v in violations)
    assert any(v.startswith("anggaran total") for v in violations)


def test_it_names_an_unknown_session_or_employee_in_a_plan():
    inst = load_instance(BASE)
    with pytest.raises(InstanceError, match=r"^assignments\[1\]\.session: tidak dikenal 'x'"):
        objective(inst, plan(("ani", "lead-3"), ("ani", "x")))
    with pytest.raises(InstanceError, match=r"^assignments\[0\]\.employee: tidak dikenal 'zaki'"):
        check_feasibility(inst, plan(("zaki", "lead-3")))
