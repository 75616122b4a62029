"""Job competency standards (SKJ, PP 11/2017 Pasal 165–166): defaults, bulk apply and manual levels.

How a position's standard is made:
- managerial (M.1–M.8) and socio-cultural (SK.1) competencies at the level of the agency's editable default
  table for the position's type and jenjang (origin "default");
- the technical competencies of the position's job family at the table's "teknis" level, which follows the
  position's seniority (origin "rumpun");
- anything BKPSDM sets by hand (origin "manual") wins: applying defaults again leaves it alone unless
  `overwrite_manual=True`, which resets the position to the defaults (removing manual extras too).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renbang.competencies.defaults import COMPETENCY_TYPES, POSITION_KINDS, initial_level
from renbang.competencies.models import Competency, CompetencyType, PositionStandard, StandardDefault
from renbang.competencies.selectors import applicable_competencies, default_levels_for_agency
from renbang.core.audit import audit_created, audit_deleted, audit_updated, values_of
from renbang.org.models import Position

STANDARD_FIELDS = ("position_id", "competency_id", "required_level", "origin")

Origin = PositionStandard.Origin


@dataclass
class ApplyResult:
    positions: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept_manual: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


@transaction.atomic
def standard_defaults_ensure(*, agency) -> int:
    """Create the agency's default table on first use (UNVERIFIED initial values, see defaults.py)."""
    existing = set(StandardDefault.objects.filter(agency=agency).values_list(
        "position_type", "level", "competency_type"))
    missing = [
        StandardDefault(agency=agency, position_type=ptype, level=plevel, competency_type=ctype,
                        required_level=initial_level(ptype, plevel))
        for ptype, plevel in POSITION_KINDS for ctype in COMPETENCY_TYPES
        if (ptype, plevel, ctype) not in existing
    ]
    StandardDefault.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


@transaction.atomic
def standard_defaults_save(*, agency, values: dict[tuple[str, str, str], int]) -> int:
    """Save edited default levels {(position_type, level, competency_type): required_level}; returns changes.

    Does not touch existing standards: BKPSDM applies them on purpose (bulk apply) after checking.
    """
    standard_defaults_ensure(agency=agency)
    changed = 0
    for default in StandardDefault.objects.filter(agency=agency):
        key = (default.position_type, default.level, default.competency_type)
        if key in values and values[key] != default.required_level:
            default.required_level = values[key]
            default.full_clean()
            default.save()  # one row at a time: each edit is in the audit trail
            changed += 1
    return changed


def _desired(position, defaults, applicable) -> dict[int, tuple[int, str]]:
    """{competency_id: (level, origin)} that the defaults give a position."""
    ptype, plevel = position.position_type, position.level

    def level_of(ctype: str) -> int:
        return defaults.get((ptype, plevel, ctype)) or initial_level(ptype, plevel)

    wanted = {c.pk: (level_of(c.competency_type), Origin.DEFAULT) for c in applicable["general"]}
    if position.job_family_id:
        technical = level_of(CompetencyType.TECHNICAL)
        for competency in applicable["by_family"].get(position.job_family_id, []):
            wanted[competency.pk] = (technical, Origin.JOB_FAMILY)
    return wanted


def _plan(position, wanted, existing: dict[int, PositionStandard], overwrite_manual: bool, result: ApplyResult):
    creates, updates, deletes = [], [], []
    for competency_id, (level, origin) in wanted.items():
        row = existing.get(competency_id)
        if row is None:
            creates.append(PositionStandard(position_id=position.pk, competency_id=competency_id,
                                            required_level=level, origin=origin))
        elif row.origin == Origin.MANUAL and not overwrite_manual:
            result.kept_manual += 1
        elif row.required_level != level or row.origin != origin:
            row.required_level, row.origin = level, origin
            updates.append(row)
    for competency_id, row in existing.items():
        if competency_id in wanted:
            continue
        if row.origin != Origin.MANUAL or overwrite_manual:
            deletes.append(row)
        else:
            result.kept_manual += 1
    return creates, updates, deletes


@transaction.atomic
def standard_apply_defaults(*, position: Position, overwrite_manual: bool = False) -> ApplyResult:
    """Give one position its default standard; manual levels win unless `overwrite_manual`.

    Row by row (a position has ~10–20 rows) so that every change is in the audit trail.
    """
    standard_defaults_ensure(agency=position.agency)
    defaults = default_levels_for_agency(position.agency_id)
    applicable = applicable_competencies(agency_id=position.agency_id, job_family_ids=[position.job_family_id])
    existing = {row.competency_id: row for row in PositionStandard.objects.filter(position=position)}
    result = ApplyResult(positions=1)
    creates, updates, deletes = _plan(position, _desired(position, defaults, applicable), existing,
                                      overwrite_manual, result)
    for row in creates + updates:
        row.full_clean(validate_unique=False)
        row.save()
    for row in deletes:
        row.delete()
    result.created, result.updated, result.deleted = len(creates), len(updates), len(deletes)
    return result


def standard_apply_positions(*, agency, positions, overwrite_manual: bool = False,
                             audit_note: str = "") -> ApplyResult:
    """The bulk engine: default standards for many positions in a handful of queries (bulk create/update/delete).

    Positions must belong to `agency`. Records one summary entry in the audit trail (on the agency) instead of
    one per row, so that applying to thousands of positions stays fast.
    """
    positions = list(positions)
    if any(p.agency_id != agency.pk for p in positions):
        raise ValidationError(_("Jabatan harus dari instansi yang sama."))
    standard_defaults_ensure(agency=agency)
    defaults = default_levels_for_agency(agency.pk)
    applicable = applicable_competencies(agency_id=agency.pk, job_family_ids={p.job_family_id for p in positions})
    existing: dict[int, dict[int, PositionStandard]] = defaultdict(dict)
    ids = [p.pk for p in positions]
    for start in range(0, len(ids), 2000):
        for row in PositionStandard.objects.filter(position_id__in=ids[start:start + 2000]):
            existing[row.position_id][row.competency_id] = row
    result = ApplyResult(positions=len(positions))
    before = values_of([row for rows in existing.values() for row in rows.values()], ("required_level", "origin"))
    creates, updates, deletes = [], [], []
    for position in positions:
        c, u, d = _plan(position, _desired(position, defaults, applicable), existing.get(position.pk, {}),
                        overwrite_manual, result)
        creates += c
        updates += u
        deletes += d
    PositionStandard.objects.bulk_create(creates, batch_size=2000)
    PositionStandard.objects.bulk_update(updates, ["required_level", "origin"], batch_size=2000)
    delete_ids = [row.pk for row in deletes]
    for start in range(0, len(delete_ids), 2000):
        PositionStandard.objects.filter(pk__in=delete_ids[start:start + 2000]).delete()
    result.created, result.updated, result.deleted = len(creates), len(updates), len(deletes)
    audit_standard_rows(creates=creates, updates=updates, before=before, deletes=deletes)
    if result.changed and audit_note:
        LogEntry.objects.log_create(agency, action=LogEntry.Action.UPDATE, changes={
            "standar kompetensi jabatan": ["", _("%(note)s: %(n)s jabatan, %(c)s dibuat, %(u)s diubah, %(d)s dihapus")
                                           % {"note": audit_note, "n": result.positions, "c": result.created,
                                              "u": result.updated, "d": result.deleted}]})
    return result


def audit_standard_rows(*, creates: list, updates: list, before: dict, deletes: list) -> None:
    """One audit entry per standard row written in bulk (PP 11/2017 standards are decisions: who set what)."""
    rows = [*creates, *updates, *deletes]
    if not rows:
        return
    names: dict[int, str] = {}
    codes: dict[int, str] = {}
    position_ids, competency_ids = sorted({r.position_id for r in rows}), sorted({r.competency_id for r in rows})
    for start in range(0, len(position_ids), 2000):
        names.update(Position.objects.filter(pk__in=position_ids[start:start + 2000]).values_list("pk", "name"))
    for start in range(0, len(competency_ids), 2000):
        codes.update(Competency.objects.filter(pk__in=competency_ids[start:start + 2000]).values_list("pk", "code"))

    def describe(row) -> str:
        return f"{names.get(row.position_id, row.position_id)} · {codes.get(row.competency_id)} ≥ {row.required_level}"

    audit_created(creates, STANDARD_FIELDS, describe=describe)
    audit_updated(updates, ("required_level", "origin"), before, describe=describe)
    audit_deleted(deletes, STANDARD_FIELDS, describe=describe)


@transaction.atomic
def standard_bulk_apply(*, agency, position_type: str = "", level: str | None = None, job_family=None,
                        overwrite_manual: bool = False) -> ApplyResult:
    """Apply the defaults to every active position of a type (optionally one jenjang and/or one job family).

    An empty position_type means every active position of the agency.
    """
    qs = Position.objects.filter(agency=agency, active=True).only("pk", "agency_id", "position_type", "level",
                                                                  "job_family_id")
    label = [position_type or _("semua jenis")]
    if position_type:
        qs = qs.filter(position_type=position_type)
    if level is not None:
        qs = qs.filter(level=level)
        label.append(level)
    if job_family is not None:
        qs = qs.filter(job_family=job_family)
        label.append(str(job_family))
    note = _("Terapkan default massal (%(what)s%(reset)s)") % {
        "what": " ".join(x for x in label if x), "reset": _(", timpa manual") if overwrite_manual else ""}
    return standard_apply_positions(agency=agency, positions=qs, overwrite_manual=overwrite_manual, audit_note=note)


@transaction.atomic
def standard_set_levels(*, position: Position, levels: dict[int, int | None]) -> ApplyResult:
    """Save the grid of one position: {competency_id: level or None (not required)}.

    A changed or new level becomes "manual"; an unchanged one keeps its origin; None removes the requirement
    (applying defaults again brings a default competency back). Competencies must be national or the agency's.
    """
    allowed = set(Competency.objects.filter(pk__in=list(levels)).filter(
        agency__isnull=True).values_list("pk", flat=True)) | set(Competency.objects.filter(
            pk__in=list(levels), agency_id=position.agency_id).values_list("pk", flat=True))
    unknown = set(levels) - allowed
    if unknown:
        raise ValidationError(_("Kompetensi tidak dikenal untuk instansi ini."))
    existing = {row.competency_id: row for row in PositionStandard.objects.filter(position=position)}
    result = ApplyResult(positions=1)
    for competency_id, level in levels.items():
        row = existing.get(competency_id)
        if level is None:
            if row is not None:
                row.delete()
                result.deleted += 1
            continue
        if row is not None and row.required_level == level:
            continue
        if row is None:
            row = PositionStandard(position=position, competency_id=competency_id)
            result.created += 1
        else:
            result.updated += 1
        row.required_level, row.origin = level, Origin.MANUAL
        row.full_clean(validate_unique=False)
        row.save()
    return result
