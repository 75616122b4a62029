"""Seeded instance generator with the shapes of a real Indonesian local government.

Competencies follow the ASN framework (Permenpan-RB 38/2017): 8 managerial (M.*), 1 socio-cultural (SK.1)
and technical ones per field (T.<field>.<k>). Employees sit in units (OPD) that mostly belong to one
technical field; about half of their ~15 needs have a gap. PP 11/2017 Pasal 203 sets the 20 JP yearly
floor. Budgets are set to about half of what a "train everyone" plan would cost, so they bind.
Built straight into arrays so that the 500,000-employee stress case takes seconds, not minutes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import MONTHS, Instance

FIELDS = ["KEU", "KES", "PDD", "PU", "HUB", "PERT", "KOM", "HKM", "PRW", "LH", "DUK", "PAJ"]
JABATAN = ["pelaksana", "fungsional", "pengawas", "administrator", "jpt"]
JABATAN_SHARE = [0.45, 0.35, 0.12, 0.06, 0.02]
LEADERS = frozenset({"pengawas", "administrator", "jpt"})


@dataclass(frozen=True)
class Shape:
    """Size knobs of a generated instance."""

    employees: int
    programmes: int
    sessions: int
    units: int
    capacity: tuple[int, int]
    budget_share: float = 0.5
    # "open": the app's catalogue shape with every programme open to everyone (see `_open_catalogue`).
    catalogue: str = "fields"


SHAPES = {
    "tiny": Shape(employees=12, programmes=8, sessions=16, units=3, capacity=(1, 4)),
    "small": Shape(employees=2_000, programmes=60, sessions=240, units=12, capacity=(8, 25)),
    "medan": Shape(employees=25_000, programmes=150, sessions=600, units=60, capacity=(20, 45)),
    "national": Shape(employees=500_000, programmes=250, sessions=2_500, units=500, capacity=(100, 400)),
    # The planner's instance without a candidate short-list: 15,000 employees, every programme eligible.
    "open": Shape(employees=15_000, programmes=150, sessions=600, units=60, capacity=(20, 100), catalogue="open"),
}


def generate(shape: Shape | str, seed: int = 0) -> Instance:
    """A random instance of the given shape; the same (shape, seed) always gives the same instance."""
    sh = SHAPES[shape] if isinstance(shape, str) else shape
    rng = np.random.default_rng(seed)
    n, n_fields = sh.employees, len(FIELDS)
    comp_ids = [f"M.{k}" for k in range(1, 9)] + ["SK.1"]
    comp_ids += [f"T.{f}.{k}" for f in FIELDS for k in range(1, 6)]
    tech0 = 9  # first technical competency index; field f owns tech0 + 5f .. tech0 + 5f + 4

    unit_field = rng.integers(0, n_fields, sh.units)
    unit_size = rng.lognormal(0.0, 0.8, sh.units)
    emp_unit = np.sort(rng.choice(sh.units, n, p=unit_size / unit_size.sum())).astype(np.int32)
    own_field = rng.random(n) < 0.85
    emp_field = np.where(own_field, unit_field[emp_unit], rng.integers(0, n_fields, n))
    jabatan = rng.choice(len(JABATAN), n, p=JABATAN_SHARE).astype(np.int32)

    # 15 needs: 8 managerial, SK.1, the 5 of the own field and one from another field.
    other = (emp_field + rng.integers(1, n_fields, n)) % n_fields
    comps = np.empty((n, 15), np.int32)
    comps[:, :9] = np.arange(9)
    comps[:, 9:14] = tech0 + 5 * emp_field[:, None] + np.arange(5)
    comps[:, 14] = tech0 + 5 * other + rng.integers(0, 5, n)
    gap = rng.choice([0, 1, 2, 3], (n, 15), p=[0.5, 0.32, 0.14, 0.04]).astype(np.float64)
    leader = np.isin(jabatan, [2, 3, 4])
    weight = rng.choice([0.5, 1.0, 1.5, 2.0], (n, 15), p=[0.2, 0.4, 0.25, 0.15])
    weight[:, :8] *= np.where(leader, 1.5, 0.6)[:, None]  # managerial gaps matter more for leaders

    jp_cap = None
    if sh.catalogue == "open":
        gap = rng.choice([0, 1, 2, 3], (n, 15), p=[0.38, 0.36, 0.18, 0.08]).astype(np.float64)
        weight = np.round(rng.uniform(0.25, 0.95, (n, 15)), 2)  # the app's priority score / 100
        uptr, ucomp, uamount, elig, jp, cost, eff, wide = _open_catalogue(rng, sh.programmes, n_fields, tech0)
        pppk = rng.random(n) < 0.2
        jp_cap = np.where(pppk, 24.0, 80.0)  # PP 49/2018 Pasal 40 for PPPK; the app's general cap
    else:
        # Programmes: 20% managerial (a third of them for leaders only), 4% socio-cultural, rest technical.
        n_man = max(1, int(0.2 * sh.programmes))
        n_sk = max(1, int(0.04 * sh.programmes))
        uptr, ucomp, uamount, elig = [0], [], [], []
        for p in range(sh.programmes):
            if p < n_man:
                chosen = rng.choice(8, rng.integers(1, 3), replace=False)
                elig.append(frozenset(LEADERS) if p % 3 == 0 else None)
            elif p < n_man + n_sk:
                chosen = np.array([8])
                elig.append(None)
            else:
                f = (p - n_man - n_sk) % n_fields
                chosen = tech0 + 5 * f + rng.choice(5, rng.integers(1, 4), replace=False)
                elig.append(frozenset({"fungsional"}) if rng.random() < 0.15 else None)
            ucomp.extend(sorted(chosen.tolist()))
            uamount.extend(rng.choice([1.0, 2.0], len(chosen), p=[0.85, 0.15]).tolist())
            uptr.append(len(ucomp))
        jp = rng.choice([8.0, 16.0, 24.0, 32.0, 40.0], sh.programmes, p=[0.15, 0.25, 0.3, 0.2, 0.1])
        cost = np.round(jp * rng.uniform(100_000, 300_000, sh.programmes), -4)
        eff = np.round(rng.uniform(0.5, 0.95, sh.programmes), 2)
        wide = None

    per_prog = rng.multinomial(sh.sessions - sh.programmes, np.full(sh.programmes, 1 / sh.programmes)) + 1
    per_prog = np.minimum(per_prog, MONTHS)
    sess_prog = np.repeat(np.arange(sh.programmes, dtype=np.int32), per_prog)
    months = np.concatenate([np.sort(rng.choice(MONTHS, k, replace=False)) + 1 for k in per_prog])
    capacity = rng.integers(sh.capacity[0], sh.capacity[1] + 1, len(sess_prog))
    if wide is not None:  # e-learning classes take a hundred, classroom ones 20-40 (the app's catalogue)
        capacity = np.where(wide[sess_prog], 100, rng.integers(20, 41, len(sess_prog)))

    # Budget: a share of one average programme per employee, so that it binds; 70% of units get a limit.
    total = float(np.round(sh.budget_share * n * cost.mean(), -6))
    heads = np.bincount(emp_unit, minlength=sh.units)
    limit = np.round(total * heads / n * rng.uniform(0.6, 1.3, sh.units), -5)
    unit_budget = np.where(rng.random(sh.units) < 0.7, limit, np.inf)

    tagclasses = [frozenset({j}) for j in JABATAN]
    return Instance(
        employee_ids=[f"E{i:06d}" for i in range(n)],
        employee_unit=emp_unit,
        employee_tagclass=jabatan,
        tagclasses=tagclasses,
        jp_floor=np.full(n, 20.0) if jp_cap is None else np.where(jp_cap < 80, 0.0, 20.0),  # PPPK: no PNS floor
        jp_cap=rng.choice([60.0, 80.0, 100.0], n, p=[0.3, 0.5, 0.2]) if jp_cap is None else jp_cap,
        need_ptr=np.arange(0, 15 * n + 1, 15, dtype=np.int64),
        need_comp=comps.ravel(),
        need_gap=gap.ravel(),
        need_weight=weight.ravel(),
        comp_ids=comp_ids,
        unit_ids=[f"U{u:03d}" for u in range(sh.units)],
        programme_ids=[f"P{p:03d}" for p in range(sh.programmes)],
        uplift_ptr=np.asarray(uptr, np.int64),
        uplift_comp=np.asarray(ucomp, np.int32),
        uplift_amount=np.asarray(uamount, np.float64),
        effectiveness=eff,
        prog_jp=jp,
        prog_cost=cost,
        prog_eligible=elig,
        session_ids=[f"S{s:04d}" for s in range(len(sess_prog))],
        session_prog=sess_prog,
        session_month=months.astype(np.int16),
        session_capacity=capacity.astype(np.int64),
        budget_total=total,
        unit_budget=unit_budget,
        max_sessions_per_month=1,
        jp_floor_weight=0.05,
    )


def _open_catalogue(rng: np.random.Generator, n_prog: int, n_fields: int, tech0: int):
    """The app's demo catalogue (renbang/catalog/demo.py): a fifth managerial or socio-cultural courses
    lifting 1-3 competencies, the rest single-competency technical variants (e-learning 12 JP almost free,
    Bimtek 24 JP, Pelatihan Teknis 40 JP lifting two levels); nobody is excluded (eligible_tags absent).
    Returns the uplift CSR, eligibility, JP, cost, effectiveness and which programmes are e-learning."""
    n_man = max(1, int(0.2 * n_prog))
    uptr, ucomp, uamount = [0], [], []
    jp, cost, wide = np.zeros(n_prog), np.zeros(n_prog), np.zeros(n_prog, bool)
    for p in range(n_prog):
        if p < n_man:
            chosen = sorted(rng.choice(9, rng.integers(1, 4), replace=False).tolist())
            amounts = [1.0] * len(chosen)
            jp[p] = rng.choice([8.0, 16.0, 24.0, 32.0])
            wide[p] = rng.random() < 0.25
            cost[p] = 0.0 if wide[p] else np.round(rng.uniform(1_000_000, 4_000_000), -5)
        else:
            comp = tech0 + (p - n_man) % (5 * n_fields)
            variant = rng.choice(3, p=[0.4, 0.3, 0.3])  # Bimtek, Pelatihan Teknis, e-learning
            chosen = [int(comp)]
            amounts = [2.0 if variant == 1 else 1.0]
            jp[p] = (24.0, 40.0, 12.0)[variant]
            low, high = ((2_000_000, 5_000_000), (3_500_000, 6_500_000), (0, 500_000))[variant]
            cost[p] = np.round(rng.uniform(low, high), -5)
            wide[p] = variant == 2
        ucomp.extend(chosen)
        uamount.extend(amounts)
        uptr.append(len(ucomp))
    eff = np.round(rng.uniform(0.5, 0.95, n_prog), 2)
    return uptr, ucomp, uamount, [None] * n_prog, jp, cost, eff, wide


def random_small(seed: int, employees: int = 6, programmes: int = 5) -> Instance:
    """A tiny instance with randomised rules and tight limits, for property-based tests."""
    rng = np.random.default_rng(seed)
    shape = Shape(
        employees=employees,
        programmes=programmes,
        sessions=int(programmes * rng.uniform(1, 2.5)),
        units=int(rng.integers(1, 3)),
        capacity=(0, 3),
        budget_share=float(rng.uniform(0.1, 0.8)),
    )
    inst = generate(shape, seed)
    from dataclasses import replace

    return replace(
        inst,
        max_sessions_per_month=int(rng.choice([1, 1, 2])),
        jp_floor_weight=float(rng.choice([0.0, 0.05, 0.3])),
        jp_cap=rng.choice([16.0, 40.0, np.inf], employees),
        session_month=rng.integers(1, 4, len(inst.session_ids)).astype(np.int16),  # crowded months
    )
