"""Demo step of `people`: the Kota Medan workforce (default 15,000) with supervisors and SKP predicates.

Generation is pure (generate.py); this module maps unit codes and position names to ids and bulk-inserts,
supervisors first (level by level) so every row points at a saved supervisor. No per-row full_clean at this
size: tests full_clean a sample instead. Idempotent by detection: an agency that already has employees is
left alone.
"""

from __future__ import annotations

import datetime as dt

from renbang.core.demo import DemoContext
from renbang.org.demo import build_plan
from renbang.org.models import OrgUnit, Position
from renbang.people.models import Employee, PerformanceRecord

from .generate import PersonSpec, generate

__all__ = ["generate", "reference_date", "seed"]
BATCH = 2000


def reference_date(ctx: DemoContext) -> dt.date:
    """The demo's "now" for appointments and SKP years: 1 January of the demo year, never after today."""
    return min(dt.date(ctx.year, 1, 1), ctx.today)


def seed(ctx: DemoContext) -> None:
    agency = ctx.agency
    if agency is None or Employee.objects.filter(agency=agency).exists():
        ctx.log("  people: pegawai sudah ada; dilewati.")
        return
    people = generate(build_plan(), ctx.employees, ctx.rng("people"), reference_date(ctx))
    units = dict(OrgUnit.objects.filter(agency=agency).exclude(code="").values_list("code", "id"))
    positions = dict(Position.objects.filter(agency=agency).values_list("name", "id"))
    saved = _insert(agency, people, units, positions)
    records = [
        PerformanceRecord(employee_id=saved[i].pk, year=year, predicate=predicate, result_rating=result,
                          behaviour_rating=behaviour)
        for i, person in enumerate(people) if i in saved
        for year, predicate, result, behaviour in person.performance
    ]
    PerformanceRecord.objects.bulk_create(records, batch_size=BATCH)
    ctx.log(f"  people: {len(saved)} pegawai, {len(records)} catatan SKP.")


def _insert(agency, people: list[PersonSpec], units: dict[str, int], positions: dict[str, int]) -> dict[int, Employee]:
    """Insert level by level; a person whose unit or position was removed from the database is left out."""
    saved: dict[int, Employee] = {}
    for level in range(max((p.level for p in people), default=-1) + 1):
        rows: list[tuple[int, Employee]] = []
        for i, p in enumerate(people):
            if p.level != level or p.unit not in units or p.position not in positions:
                continue
            boss = saved.get(p.supervisor) if p.supervisor is not None else None
            rows.append((i, Employee(
                agency=agency, nip=p.nip, front_title=p.front_title, name=p.name, back_title=p.back_title, sex=p.sex,
                birth_date=p.birth_date, status=p.status, rank=p.rank, unit_id=units[p.unit],
                position_id=positions[p.position], position_since=p.position_since,
                supervisor_id=boss.pk if boss else None, education=p.education, education_major=p.education_major,
            )))
        Employee.objects.bulk_create([row for _i, row in rows], batch_size=BATCH)
        saved.update(rows)
    return saved
