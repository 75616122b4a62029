"""Instance format v1: malformed input is refused with a message naming the field."""

import copy
import json

import numpy as np
import pytest

from renbang.engine.optimizer import InstanceError, generate, instance_to_dict, load_instance

VALID = {
    "version": 1,
    "employees": [
        {
            "id": "e1",
            "unit": "u1",
            "tags": ["pengawas"],
            "jp_floor": 20,
            "jp_cap": 80,
            "needs": {"M.1": {"gap": 2, "weight": 1.5}, "T.KEU.1": {"gap": 1, "weight": 1.0}},
        },
        {"id": "e2", "unit": "u2", "needs": {"M.1": {"gap": 1, "weight": 1.0}}},
    ],
    "programmes": [
        {
            "id": "p1",
            "uplift": {"M.1": 1},
            "effectiveness": 0.8,
            "jp": 24,
            "cost": 3500000,
            "eligible_tags": ["pengawas", "administrator"],
            "sessions": [{"id": "s1", "month": 3, "capacity": 30}],
        },
        {
            "id": "p2",
            "uplift": {"T.KEU.1": 1},
            "effectiveness": 0.5,
            "jp": 16,
            "cost": 1000000,
            "sessions": [{"id": "s2", "month": 4, "capacity": 1}],
        },
    ],
    "budget": {"total": 1500000000, "per_unit": {"u1": 200000000}},
    "rules": {"max_sessions_per_month": 1, "jp_floor_weight": 0.05},
}


def broken(path: str, value: object = "__delete__") -> dict:
    """VALID with one field changed (or deleted), addressed like 'employees.0.needs.M.1.gap'."""
    data = copy.deepcopy(VALID)
    *parents, last = path.split("/")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value == "__delete__":
        del node[int(last) if isinstance(node, list) else last]
    else:
        node[int(last) if isinstance(node, list) else last] = value
    return data


def test_it_loads_the_example_of_the_issue():
    inst = load_instance(VALID)
    assert inst.n_employees == 2 and inst.n_sessions == 2
    assert inst.eligible[inst.employee_tagclass[0]].tolist() == [True, True]
    assert inst.eligible[inst.employee_tagclass[1]].tolist() == [False, True]  # no tags, p1 restricted
    assert np.isinf(inst.jp_cap[1]) and inst.jp_floor[1] == 0


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("employees/0/needs/M.1/gap", -1, "employees[0].needs.M.1.gap: harus bilangan >= 0"),
        ("employees/0/needs/M.1/gap", "__delete__", "employees[0].needs.M.1.gap: wajib ada"),
        ("employees/1/needs/M.1/weight", "berat", "employees[1].needs.M.1.weight: harus bilangan >= 0"),
        ("employees/1/id", "e1", "employees[1].id: duplikat 'e1'"),
        ("employees/0/unit", "__delete__", "employees[0].unit: wajib ada"),
        ("employees/0/tags", "pengawas", "employees[0].tags: harus daftar"),
        ("employees/0/jp_cap", True, "employees[0].jp_cap: harus bilangan"),
        ("programmes/1/id", "p1", "programmes[1].id: duplikat 'p1'"),
        ("programmes/0/effectiveness", 1.5, "programmes[0].effectiveness: harus bilangan >= 0 dan <= 1"),
        ("programmes/0/sessions/0/month", 13, "programmes[0].sessions[0].month: harus bilangan bulat >= 1"),
        ("programmes/0/sessions/0/capacity", 2.5, "programmes[0].sessions[0].capacity: harus bilangan bulat"),
        ("programmes/1/sessions/0/id", "s1", "programmes[1].sessions[0].id: duplikat 's1'"),
        ("programmes/0/sessions", "__delete__", "programmes[0].sessions: wajib ada"),
        ("budget/total", "__delete__", "budget.total: wajib ada"),
        ("budget/per_unit/u1", -5, "budget.per_unit.u1: harus bilangan >= 0"),
        ("rules/max_sessions_per_month", 1.5, "rules.max_sessions_per_month: harus bilangan bulat >= 0"),
        ("version", 2, "version: harus 1"),
    ],
)
def test_it_names_the_field_of_a_malformed_instance(path, value, message):
    with pytest.raises(InstanceError) as err:
        load_instance(broken(path, value))
    assert str(err.value).startswith(message)


def test_it_refuses_a_document_that_is_not_an_object():
    with pytest.raises(InstanceError, match=r"^instance: harus objek JSON"):
        load_instance([1, 2])  # type: ignore[arg-type]


def test_it_reports_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "rusak.json"
    path.write_text("{ bukan json", encoding="utf-8")
    with pytest.raises(InstanceError, match="bukan JSON yang sah"):
        load_instance(path)


def test_it_round_trips_a_generated_instance_through_json():
    inst = generate("tiny", 5)
    again = load_instance(json.loads(json.dumps(instance_to_dict(inst))))
    assert again.employee_ids == inst.employee_ids and again.session_ids == inst.session_ids
    assert np.array_equal(again.need_gap, inst.need_gap)
    assert np.array_equal(again.unit_budget, inst.unit_budget)
    assert instance_to_dict(again) == instance_to_dict(inst)
