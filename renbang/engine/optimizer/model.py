"""Instance format v1: validation of the JSON shape and its array form for the solver.

The JSON (see issue 4) is what the app and the CLI exchange; the solver only sees `Instance`, a set of
flat numpy arrays (CSR for the ragged parts), so that 500,000 employees cost arrays, not Python objects.
Every validation error names the offending field, e.g. ``employees[3].needs.M.1.gap: harus bilangan >= 0``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

MONTHS = 12


class InstanceError(ValueError):
    """A malformed instance or plan; the message starts with the path of the offending field."""


@dataclass(frozen=True, eq=False)
class Instance:
    """One planning problem in array form (indices everywhere, ids only for input and output)."""

    employee_ids: list[str]
    employee_unit: np.ndarray  # int32 (n,), index into unit_ids
    employee_tagclass: np.ndarray  # int32 (n,), index into tagclasses
    tagclasses: list[frozenset[str]]
    jp_floor: np.ndarray  # float64 (n,)
    jp_cap: np.ndarray  # float64 (n,), inf = no cap
    need_ptr: np.ndarray  # int64 (n+1,), CSR over employees
    need_comp: np.ndarray  # int32, index into comp_ids
    need_gap: np.ndarray  # float64
    need_weight: np.ndarray  # float64
    comp_ids: list[str]
    unit_ids: list[str]
    programme_ids: list[str]
    uplift_ptr: np.ndarray  # int64 (P+1,), CSR over programmes
    uplift_comp: np.ndarray  # int32
    uplift_amount: np.ndarray  # float64
    effectiveness: np.ndarray  # float64 (P,)
    prog_jp: np.ndarray  # float64 (P,)
    prog_cost: np.ndarray  # float64 (P,)
    prog_eligible: list[frozenset[str] | None]
    session_ids: list[str]
    session_prog: np.ndarray  # int32 (S,)
    session_month: np.ndarray  # int16 (S,), 1..12
    session_capacity: np.ndarray  # int64 (S,)
    budget_total: float
    unit_budget: np.ndarray  # float64 (U,), inf = no unit limit
    max_sessions_per_month: int
    jp_floor_weight: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def n_employees(self) -> int:
        return len(self.employee_ids)

    @property
    def n_programmes(self) -> int:
        return len(self.programme_ids)

    @property
    def n_sessions(self) -> int:
        return len(self.session_ids)

    @cached_property
    def eligible(self) -> np.ndarray:
        """Boolean (tagclass, programme): who may attend what (null eligible_tags = everyone)."""
        out = np.ones((len(self.tagclasses), self.n_programmes), dtype=bool)
        for p, tags in enumerate(self.prog_eligible):
            if tags is not None:
                out[:, p] = [bool(tags & tc) for tc in self.tagclasses]
        return out

    @cached_property
    def need_employee(self) -> np.ndarray:
        """Employee index of each need entry (the CSR row expanded)."""
        return np.repeat(np.arange(self.n_employees, dtype=np.int32), np.diff(self.need_ptr))

    @cached_property
    def session_index(self) -> dict[str, int]:
        return {s: k for k, s in enumerate(self.session_ids)}

    @cached_property
    def employee_index(self) -> dict[str, int]:
        return {e: k for k, e in enumerate(self.employee_ids)}


def _path(parent: str, key: str | int) -> str:
    return f"{parent}[{key}]" if isinstance(key, int) else (f"{parent}.{key}" if parent else key)


def _number(value: Any, where: str, *, minimum: float = 0.0, maximum: float | None = None) -> float:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < minimum or (maximum is not None and value > maximum):
        upper = f" dan <= {maximum:g}" if maximum is not None else ""
        raise InstanceError(f"{where}: harus bilangan >= {minimum:g}{upper}")
    return float(value)


def _integer(value: Any, where: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool)
    if not ok or value < minimum or (maximum is not None and value > maximum):
        upper = f" dan <= {maximum}" if maximum is not None else ""
        raise InstanceError(f"{where}: harus bilangan bulat >= {minimum}{upper}")
    return int(value)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise InstanceError(f"{where}: harus teks yang tidak kosong")
    return value


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InstanceError(f"{where}: harus objek JSON")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InstanceError(f"{where}: harus daftar (array) JSON")
    return value


def _required(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise InstanceError(f"{_path(where, key)}: wajib ada")
    return obj[key]


def _tags(value: Any, where: str) -> frozenset[str]:
    return frozenset(_text(t, _path(where, k)) for k, t in enumerate(_list(value, where)))


def load_instance(source: dict[str, Any] | str | Path) -> Instance:
    """Validate an instance (a dict, a JSON file path) and build its array form.

    Optional fields: ``tags`` (default none), ``jp_floor`` (0), ``jp_cap`` (null = no cap),
    ``eligible_tags`` (null = everyone), ``budget.per_unit`` (none).
    """
    if isinstance(source, (str, Path)):
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InstanceError(f"{source}: tidak dapat dibaca ({exc.strerror})") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InstanceError(f"{source}: bukan JSON yang sah ({exc})") from exc
    else:
        data = source
    root = _mapping(data, "instance")
    if _required(root, "version", "") != 1:
        raise InstanceError("version: harus 1")
    units: dict[str, int] = {}
    comps: dict[str, int] = {}
    tagclass_index: dict[frozenset[str], int] = {}

    emps = _list(_required(root, "employees", ""), "employees")
    n = len(emps)
    ids: list[str] = []
    seen: set[str] = set()
    unit = np.empty(n, np.int32)
    tagclass = np.empty(n, np.int32)
    floor = np.empty(n)
    cap = np.empty(n)
    ptr = np.zeros(n + 1, np.int64)
    ncomp: list[int] = []
    ngap: list[float] = []
    nweight: list[float] = []
    for i, emp in enumerate(emps):
        where = f"employees[{i}]"
        emp = _mapping(emp, where)
        eid = _text(_required(emp, "id", where), f"{where}.id")
        if eid in seen:
            raise InstanceError(f"{where}.id: duplikat '{eid}'")
        seen.add(eid)
        ids.append(eid)
        uid = _text(_required(emp, "unit", where), f"{where}.unit")
        unit[i] = units.setdefault(uid, len(units))
        tags = _tags(emp.get("tags") or [], f"{where}.tags")
        tagclass[i] = tagclass_index.setdefault(tags, len(tagclass_index))
        floor[i] = _number(emp.get("jp_floor", 0), f"{where}.jp_floor")
        raw_cap = emp.get("jp_cap")
        cap[i] = math.inf if raw_cap is None else _number(raw_cap, f"{where}.jp_cap")
        needs = _mapping(_required(emp, "needs", where), f"{where}.needs")
        for comp, need in needs.items():
            nwhere = f"{where}.needs.{comp}"
            need = _mapping(need, nwhere)
            ncomp.append(comps.setdefault(comp, len(comps)))
            ngap.append(_number(_required(need, "gap", nwhere), f"{nwhere}.gap"))
            nweight.append(_number(_required(need, "weight", nwhere), f"{nwhere}.weight"))
        ptr[i + 1] = len(ncomp)

    progs = _list(_required(root, "programmes", ""), "programmes")
    pids: list[str] = []
    sids: list[str] = []
    pseen: set[str] = set()
    sseen: set[str] = set()
    uptr = [0]
    ucomp: list[int] = []
    uamount: list[float] = []
    eff, jp, cost = [], [], []
    elig: list[frozenset[str] | None] = []
    sprog: list[int] = []
    smonth: list[int] = []
    scap: list[int] = []
    for p, prog in enumerate(progs):
        where = f"programmes[{p}]"
        prog = _mapping(prog, where)
        pid = _text(_required(prog, "id", where), f"{where}.id")
        if pid in pseen:
            raise InstanceError(f"{where}.id: duplikat '{pid}'")
        pseen.add(pid)
        pids.append(pid)
        for comp, amount in _mapping(_required(prog, "uplift", where), f"{where}.uplift").items():
            ucomp.append(comps.setdefault(comp, len(comps)))
            uamount.append(_number(amount, f"{where}.uplift.{comp}"))
        uptr.append(len(ucomp))
        eff.append(_number(_required(prog, "effectiveness", where), f"{where}.effectiveness", maximum=1.0))
        jp.append(_number(_required(prog, "jp", where), f"{where}.jp"))
        cost.append(_number(_required(prog, "cost", where), f"{where}.cost"))
        raw_tags = prog.get("eligible_tags")
        elig.append(None if raw_tags is None else _tags(raw_tags, f"{where}.eligible_tags"))
        for k, sess in enumerate(_list(_required(prog, "sessions", where), f"{where}.sessions")):
            swhere = f"{where}.sessions[{k}]"
            sess = _mapping(sess, swhere)
            sid = _text(_required(sess, "id", swhere), f"{swhere}.id")
            if sid in sseen:
                raise InstanceError(f"{swhere}.id: duplikat '{sid}'")
            sseen.add(sid)
            sids.append(sid)
            sprog.append(p)
            smonth.append(_integer(_required(sess, "month", swhere), f"{swhere}.month", minimum=1, maximum=MONTHS))
            scap.append(_integer(_required(sess, "capacity", swhere), f"{swhere}.capacity"))

    budget = _mapping(_required(root, "budget", ""), "budget")
    total = _number(_required(budget, "total", "budget"), "budget.total")
    unit_budget = np.full(len(units), math.inf)
    per_unit = budget.get("per_unit") or {}
    for uid, limit in _mapping(per_unit, "budget.per_unit").items():
        value = _number(limit, f"budget.per_unit.{uid}")
        if uid in units:  # a unit without employees in this instance cannot spend anything
            unit_budget[units[uid]] = value
    rules = _mapping(_required(root, "rules", ""), "rules")
    per_month = _integer(_required(rules, "max_sessions_per_month", "rules"), "rules.max_sessions_per_month")
    floor_weight = _number(_required(rules, "jp_floor_weight", "rules"), "rules.jp_floor_weight")

    return Instance(
        employee_ids=ids,
        employee_unit=unit,
        employee_tagclass=tagclass,
        tagclasses=list(tagclass_index),
        jp_floor=floor,
        jp_cap=cap,
        need_ptr=ptr,
        need_comp=np.asarray(ncomp, np.int32),
        need_gap=np.asarray(ngap, np.float64),
        need_weight=np.asarray(nweight, np.float64),
        comp_ids=list(comps),
        unit_ids=list(units),
        programme_ids=pids,
        uplift_ptr=np.asarray(uptr, np.int64),
        uplift_comp=np.asarray(ucomp, np.int32),
        uplift_amount=np.asarray(uamount, np.float64),
        effectiveness=np.asarray(eff, np.float64),
        prog_jp=np.asarray(jp, np.float64),
        prog_cost=np.asarray(cost, np.float64),
        prog_eligible=elig,
        session_ids=sids,
        session_prog=np.asarray(sprog, np.int32),
        session_month=np.asarray(smonth, np.int16),
        session_capacity=np.asarray(scap, np.int64),
        budget_total=total,
        unit_budget=unit_budget,
        max_sessions_per_month=per_month,
        jp_floor_weight=floor_weight,
    )


def subset_employees(inst: Instance, idx: np.ndarray) -> Instance:
    """The same instance restricted to employees `idx` (limits untouched; programmes all kept)."""
    idx = np.asarray(idx, np.int64)
    counts = np.diff(inst.need_ptr)[idx]
    owner = np.repeat(np.arange(len(idx)), counts)
    entry = inst.need_ptr[idx][owner] + np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
    return replace(
        inst,
        employee_ids=[inst.employee_ids[i] for i in idx.tolist()],
        employee_unit=inst.employee_unit[idx],
        employee_tagclass=inst.employee_tagclass[idx],
        jp_floor=inst.jp_floor[idx],
        jp_cap=inst.jp_cap[idx],
        need_ptr=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        need_comp=inst.need_comp[entry],
        need_gap=inst.need_gap[entry],
        need_weight=inst.need_weight[entry],
        extra={},
    )


def instance_to_dict(inst: Instance) -> dict[str, Any]:
    """The JSON form of an instance (inverse of `load_instance`, up to optional defaults)."""
    emps = []
    for i, eid in enumerate(inst.employee_ids):
        lo, hi = inst.need_ptr[i], inst.need_ptr[i + 1]
        needs = {
            inst.comp_ids[c]: {"gap": float(g), "weight": float(w)}
            for c, g, w in zip(inst.need_comp[lo:hi], inst.need_gap[lo:hi], inst.need_weight[lo:hi], strict=True)
        }
        cap = inst.jp_cap[i]
        emps.append(
            {
                "id": eid,
                "unit": inst.unit_ids[inst.employee_unit[i]],
                "tags": sorted(inst.tagclasses[inst.employee_tagclass[i]]),
                "jp_floor": float(inst.jp_floor[i]),
                "jp_cap": None if math.isinf(cap) else float(cap),
                "needs": needs,
            }
        )
    sessions_of: list[list[dict[str, Any]]] = [[] for _ in inst.programme_ids]
    for s, sid in enumerate(inst.session_ids):
        sessions_of[inst.session_prog[s]].append(
            {"id": sid, "month": int(inst.session_month[s]), "capacity": int(inst.session_capacity[s])}
        )
    progs = []
    for p, pid in enumerate(inst.programme_ids):
        lo, hi = inst.uplift_ptr[p], inst.uplift_ptr[p + 1]
        tags = inst.prog_eligible[p]
        progs.append(
            {
                "id": pid,
                "uplift": {
                    inst.comp_ids[c]: float(a)
                    for c, a in zip(inst.uplift_comp[lo:hi], inst.uplift_amount[lo:hi], strict=True)
                },
                "effectiveness": float(inst.effectiveness[p]),
                "jp": float(inst.prog_jp[p]),
                "cost": float(inst.prog_cost[p]),
                "eligible_tags": None if tags is None else sorted(tags),
                "sessions": sessions_of[p],
            }
        )
    per_unit = {inst.unit_ids[u]: float(b) for u, b in enumerate(inst.unit_budget) if math.isfinite(b)}
    return {
        "version": 1,
        "employees": emps,
        "programmes": progs,
        "budget": {"total": float(inst.budget_total), "per_unit": per_unit},
        "rules": {
            "max_sessions_per_month": int(inst.max_sessions_per_month),
            "jp_floor_weight": float(inst.jp_floor_weight),
        },
    }
