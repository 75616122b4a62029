"""Demo step of `org`: Pemerintah Kota Medan, its unit tree, job families and positions with career ladders.

Idempotent by detection: when the agency already has units, nothing is written (the data may have been
edited since; re-seeding must not undo that). Codes of units and names of positions are the keys later steps
use to find what this step created.
"""

from __future__ import annotations

from renbang.core.demo import DEMO_AGENCY_CODE, DemoContext
from renbang.org.models import Agency, JobFamily, OrgUnit, Position

from .plan import OrgPlan, build_plan
from .positions import JOB_FAMILIES

__all__ = ["build_plan", "seed"]


def seed(ctx: DemoContext) -> None:
    agency, _created = Agency.objects.get_or_create(
        code=DEMO_AGENCY_CODE,
        defaults={
            "name": "Pemerintah Kota Medan", "region": "Kota Medan", "hr_agency_name": "BKPSDM Kota Medan",
            "head_title": "Wali Kota Medan", "address": "Jl. Kapten Maulana Lubis No. 2, Medan 20112",
        },
    )
    ctx.agency = agency
    plan = build_plan()
    if OrgUnit.objects.filter(agency=agency).exists():
        ctx.log("  org: unit kerja sudah ada; dilewati.")
        return
    families = _families(agency)
    positions = _positions(agency, plan, families)
    units = _units(agency, plan)
    ctx.shared["org"] = {"units": units, "positions": positions}
    ctx.log(f"  org: {len(units)} unit kerja, {len(positions)} jabatan, {len(families)} rumpun jabatan.")


def _families(agency: Agency) -> dict[str, JobFamily]:
    rows = [JobFamily(agency=agency, code=code, name=name) for code, name in JOB_FAMILIES.items()]
    JobFamily.objects.bulk_create(rows)
    return {f.code: f for f in JobFamily.objects.filter(agency=agency)}


def _positions(agency: Agency, plan: OrgPlan, families: dict[str, JobFamily]) -> dict[str, int]:
    rows = [Position(agency=agency, name=s.name, position_type=s.position_type, level=s.level,
                     job_family=families[s.family]) for s in plan.positions.values()]
    Position.objects.bulk_create(rows, batch_size=500)
    ids = dict(Position.objects.filter(agency=agency).values_list("name", "id"))
    through = Position.next_positions.through
    through.objects.bulk_create(
        [through(from_position_id=ids[low], to_position_id=ids[high]) for low, high in plan.ladders], batch_size=1000,
    )
    return ids


def _units(agency: Agency, plan: OrgPlan) -> dict[str, int]:
    """Insert the tree level by level: a child needs its parent's id (and a closed unit its successor's)."""
    ids: dict[str, int] = {}
    pending = list(plan.units)
    while pending:
        ready = [u for u in pending if (u.parent is None or u.parent in ids)
                 and (u.replaced_by is None or u.replaced_by in ids)]
        if not ready:
            raise RuntimeError("Rencana unit demo memiliki induk yang tidak ada.")  # a bug in plan.py
        rows = [OrgUnit(agency=agency, code=u.code, name=u.name, kind=u.kind, parent_id=ids.get(u.parent or ""),
                        valid_from=u.valid_from, valid_to=u.valid_to, replaced_by_id=ids.get(u.replaced_by or ""))
                for u in ready]
        OrgUnit.objects.bulk_create(rows, batch_size=500)
        ids.update({row.code: row.pk for row in rows})
        done = {u.code for u in ready}
        pending = [u for u in pending if u.code not in done]
    return ids
