"""Excel/CSV imports of technical competencies and of the whole standard. All-or-nothing: one invalid row and
nothing is written; the report lists every error by row (like the roster import). Re-importing the export of the
same data changes nothing."""

from __future__ import annotations

import dataclasses
import re

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renbang.competencies.exports import STANDARD_ALIASES, TECHNICAL_ALIASES
from renbang.competencies.models import Competency, CompetencyType, PositionStandard
from renbang.core.audit import values_of
from renbang.core.tabular import ImportReport, RowError, Table, TabularError, cell_text, map_columns, read_table
from renbang.org.models import JobFamily, Position

from .dictionary import LevelData, competency_save, split_indicators
from .standards import audit_standard_rows

Origin = PositionStandard.Origin
_YES = {"ya", "y", "yes", "1", "true", "aktif"}
_NO = {"tidak", "t", "no", "n", "0", "false", "nonaktif", "tidak aktif"}


def _missing_columns(found: dict, required: list[str], aliases: dict) -> None:
    missing = [aliases[f][0] for f in required if f not in found]
    if missing:
        raise TabularError(_("Kolom wajib tidak ditemukan: %(cols)s.") % {"cols": ", ".join(missing)})


def _level_number(text: str) -> int | None:
    try:
        number = int(float(text))
    except (ValueError, OverflowError):  # "abc", "nan"; "inf" / "1e999" overflow int()
        return None
    return number if 1 <= number <= 5 and float(text) == number else None


class _Abort(Exception):
    """Raised inside the atomic block to roll back a dry run or an import with errors."""


def technical_import(*, agency, data: bytes, filename: str = "", dry_run: bool = False) -> ImportReport:
    """Import technical competencies (one row per level: all five levels of each code). Creates unknown job
    families named in the file (noted in the report). Raises TabularError for a file that cannot be read."""
    table: Table = read_table(data, filename)
    cols = map_columns(table.headers, TECHNICAL_ALIASES)
    _missing_columns(cols, ["code", "name", "job_family", "level", "description"], TECHNICAL_ALIASES)
    report = ImportReport(total_rows=len(table.rows), dry_run=dry_run)

    def get(row, key):
        index = cols.get(key)
        return cell_text(row[index]) if index is not None and index < len(row) else ""

    national = set(Competency.objects.filter(agency__isnull=True).values_list("code", flat=True))
    own_types = dict(Competency.objects.filter(agency=agency).values_list("code", "competency_type"))
    groups: dict[str, dict] = {}
    for offset, row in enumerate(table.rows):
        number = table.first_row_number + offset
        code, level_text = get(row, "code"), get(row, "level")
        errors = []
        if not code:
            errors.append(RowError(number, "Kode", "", _("Kode kompetensi wajib diisi.")))
        elif code in national or own_types.get(code, CompetencyType.TECHNICAL) != CompetencyType.TECHNICAL:
            errors.append(RowError(number, "Kode", code, _("Kode ini milik kamus manajerial/sosial kultural; "
                                                           "impor hanya untuk kompetensi teknis.")))
        elif len(code) > 20:
            errors.append(RowError(number, "Kode", code[:40], _("Kode paling panjang 20 karakter.")))
        level = _level_number(level_text)
        if level is None:
            errors.append(RowError(number, "Level", level_text[:40], _("Level harus bilangan bulat 1–5.")))
        if not get(row, "description"):
            errors.append(RowError(number, "Deskripsi level", "", _("Deskripsi level wajib diisi.")))
        active_text = get(row, "active").lower()
        if active_text and active_text not in _YES | _NO:
            errors.append(RowError(number, "Aktif", active_text[:40], _("Isi Ya atau Tidak.")))
        if errors:
            report.errors += errors
            continue
        # None: no Aktif cell written for this code (yet), settled in _write_technical
        active = active_text not in _NO if active_text else None
        group = groups.setdefault(code, {"row": number, "name": get(row, "name"), "family": get(row, "job_family"),
                                         "definition": get(row, "definition"), "active": active, "levels": {}})
        if group["active"] is None:
            group["active"] = active
        if level in group["levels"]:
            report.errors.append(RowError(number, "Level", str(level), _("Level %(level)s untuk kode %(code)s "
                                                                         "muncul dua kali.") % {"level": level,
                                                                                                "code": code}))
            continue
        group["levels"][level] = LevelData(level=level, title=get(row, "title"), description=get(row, "description"),
                                           indicators=split_indicators(get(row, "indicators")))
    for code, group in groups.items():
        missing = sorted({1, 2, 3, 4, 5} - set(group["levels"]))
        if missing:
            report.errors.append(RowError(group["row"], "Level", code, _("Kode %(code)s tidak lengkap: level "
                                                                         "%(levels)s belum ada.") % {
                "code": code, "levels": ", ".join(map(str, missing))}))
        if not group["name"]:
            report.errors.append(RowError(group["row"], "Nama kompetensi", "", _("Nama kompetensi wajib diisi.")))
        if not group["family"]:
            report.errors.append(RowError(group["row"], "Rumpun jabatan", "", _("Rumpun jabatan wajib diisi.")))
    report.errors.sort(key=lambda e: e.row)
    if report.errors:
        return report
    try:
        with transaction.atomic():
            _write_technical(agency, groups, report, absent={k for k in _KEPT_WHEN_ABSENT if k not in cols})
            if dry_run or report.errors:
                raise _Abort
    except _Abort:
        pass
    report.written = not dry_run and not report.errors
    return report


def _family_for(agency, text: str, families: dict, report: ImportReport) -> JobFamily:
    key = text.strip().lower()
    if key in families:
        return families[key]
    code = re.sub(r"[^A-Z0-9]+", "", text.upper())[:20] or "RUMPUN"
    family = JobFamily(agency=agency, code=code, name=text.strip()[:120])
    family.full_clean()
    family.save()
    families[key] = families[code.lower()] = family
    report.notes.append(_("Rumpun jabatan baru dibuat: %(name)s (kode %(code)s).") % {"name": family.name,
                                                                                       "code": code})
    return family


#: Optional columns of the technical import: absent from the file (an older template), they leave an existing
#: competency's stored definition / active flag / level titles / indicators as they are (a new one gets the empty
#: value). Present with an empty cell, they mean empty, except "Aktif": empty is no answer, so an existing
#: competency keeps its flag (an empty cell must not re-activate a retired one) and a new one is active.
_KEPT_WHEN_ABSENT = ("definition", "active", "title", "indicators")


def _keep_absent(current: Competency, group: dict, levels: list[LevelData], absent: set[str]) -> list[LevelData]:
    if "definition" in absent:
        group["definition"] = current.definition
    if "active" in absent:
        group["active"] = current.active
    stored = {lvl.level: lvl for lvl in current.levels.all()}
    kept = []
    for item in levels:
        lvl = stored.get(item.level)
        if lvl is not None and "title" in absent:
            item = dataclasses.replace(item, title=lvl.title)
        if lvl is not None and "indicators" in absent:
            item = dataclasses.replace(item, indicators=[i.text for i in lvl.indicators.all()])
        kept.append(item)
    return kept


def _write_technical(agency, groups: dict, report: ImportReport, absent: set[str] = frozenset()) -> None:
    families = {}
    for family in JobFamily.objects.filter(agency=agency):
        families[family.name.lower()] = family
        families[family.code.lower()] = family
    existing = {c.code: c for c in Competency.objects.filter(agency=agency).prefetch_related("levels__indicators")}
    for code, group in groups.items():
        family = _family_for(agency, group["family"], families, report)
        current = existing.get(code)
        levels = [group["levels"][n] for n in range(1, 6)]
        if current is not None and absent:
            levels = _keep_absent(current, group, levels, absent)
        if group["active"] is None:
            group["active"] = current.active if current is not None else Competency._meta.get_field("active").default
        if current is not None and _same(current, group, family, levels):
            report.unchanged += 1
            continue
        try:
            competency_save(agency=agency, competency=current, code=code, name=group["name"],
                            definition=group["definition"], job_family=family, active=group["active"],
                            levels=levels)
        except ValidationError as exc:
            for message in exc.messages:
                report.errors.append(RowError(group["row"], "Kode", code, message))
            continue
        if current is None:
            report.created += 1
        else:
            report.updated += 1


def _same(competency, group, family, levels) -> bool:
    if (competency.name, competency.definition, competency.job_family_id, competency.active) != (
            group["name"], group["definition"], family.pk, group["active"]):
        return False
    stored = {lvl.level: lvl for lvl in competency.levels.all()}
    for item in levels:
        lvl = stored.get(item.level)
        if lvl is None or (lvl.title, lvl.description) != (item.title, item.description):
            return False
        if [i.text for i in lvl.indicators.all()] != item.indicators:
            return False
    return True


_ORIGINS = {}
for _choice in Origin:
    _ORIGINS[_choice.value] = _choice.value
    _ORIGINS[str(_choice.label).lower()] = _choice.value
_ORIGINS.update({"bawaan": Origin.DEFAULT, "rumpun jabatan": Origin.JOB_FAMILY, "": Origin.MANUAL})


def standard_import(*, agency, data: bytes, filename: str = "", dry_run: bool = False) -> ImportReport:
    """Import required levels (one row per position × competency code). A blank level removes the requirement.

    A new row takes the origin of the 'Asal' column (manual when empty); a changed level always becomes manual
    (it is a decision of BKPSDM); an unchanged level keeps its origin. Rows absent from the file stay as they are.
    """
    table = read_table(data, filename)
    cols = map_columns(table.headers, STANDARD_ALIASES)
    _missing_columns(cols, ["position", "code", "level"], STANDARD_ALIASES)
    report = ImportReport(total_rows=len(table.rows), dry_run=dry_run)

    def get(row, key):
        index = cols.get(key)
        return cell_text(row[index]) if index is not None and index < len(row) else ""

    positions = {name.lower(): pk for pk, name in Position.objects.filter(agency=agency).values_list("pk", "name")}
    competencies = {code: pk for pk, code in Competency.objects.filter(agency__isnull=True).values_list("pk", "code")}
    competencies.update({code: pk for pk, code in Competency.objects.filter(agency=agency).values_list("pk", "code")})
    wanted: dict[tuple[int, int], tuple[int | None, str, int]] = {}
    for offset, row in enumerate(table.rows):
        number = table.first_row_number + offset
        name, code, level_text, origin_text = get(row, "position"), get(row, "code"), get(row, "level"), get(
            row, "origin").lower()
        position_id, competency_id = positions.get(name.lower()), competencies.get(code)
        errors = []
        if position_id is None:
            errors.append(RowError(number, "Jabatan", name[:80], _("Jabatan tidak ditemukan di instansi ini.")))
        if competency_id is None:
            errors.append(RowError(number, "Kode kompetensi", code[:40], _("Kode kompetensi tidak dikenal.")))
        level = None
        if level_text:
            level = _level_number(level_text)
            if level is None:
                errors.append(RowError(number, "Level", level_text[:40], _("Level harus bilangan bulat 1–5 "
                                                                           "(kosongkan untuk menghapus).")))
        if origin_text not in _ORIGINS:
            errors.append(RowError(number, "Asal", origin_text[:40], _("Asal harus Bawaan, Rumpun, atau Manual.")))
        if not errors and (position_id, competency_id) in wanted:
            errors.append(RowError(number, "Kode kompetensi", code, _("Baris ganda untuk jabatan dan kompetensi yang "
                                                                      "sama (lihat baris %(row)s).") % {
                "row": wanted[(position_id, competency_id)][2]}))
        if errors:
            report.errors += errors
            continue
        wanted[(position_id, competency_id)] = (level, _ORIGINS[origin_text], number)
    if report.errors:
        return report
    with transaction.atomic():
        _write_standard(agency, wanted, report)
        if dry_run:
            transaction.set_rollback(True)
    report.written = not dry_run
    return report


def _write_standard(agency, wanted: dict, report: ImportReport) -> None:
    position_ids = sorted({pid for pid, _cid in wanted})
    existing = {}
    for start in range(0, len(position_ids), 2000):
        for row in PositionStandard.objects.filter(position_id__in=position_ids[start:start + 2000]):
            existing[(row.position_id, row.competency_id)] = row
    before = values_of(existing.values(), ("required_level", "origin"))
    creates, updates, deletes = [], [], []
    for key, (level, origin, _number) in wanted.items():
        row = existing.get(key)
        if level is None:
            if row is not None:
                deletes.append(row)
            else:
                report.unchanged += 1
        elif row is None:
            creates.append(PositionStandard(position_id=key[0], competency_id=key[1], required_level=level,
                                            origin=origin))
        elif row.required_level == level:
            report.unchanged += 1
        else:
            row.required_level, row.origin = level, Origin.MANUAL
            updates.append(row)
    PositionStandard.objects.bulk_create(creates, batch_size=2000)
    PositionStandard.objects.bulk_update(updates, ["required_level", "origin"], batch_size=2000)
    delete_ids = [row.pk for row in deletes]
    for start in range(0, len(delete_ids), 2000):
        PositionStandard.objects.filter(pk__in=delete_ids[start:start + 2000]).delete()
    report.created, report.updated = len(creates), len(updates)
    audit_standard_rows(creates=creates, updates=updates, before=before, deletes=deletes)
    if deletes:
        report.notes.append(_("%(n)s persyaratan dihapus (level dikosongkan).") % {"n": len(deletes)})
    if creates or updates or deletes:
        LogEntry.objects.log_create(agency, action=LogEntry.Action.UPDATE, changes={
            "standar kompetensi jabatan": ["", _("Impor standar: %(c)s dibuat, %(u)s diubah, %(d)s dihapus") % {
                "c": len(creates), "u": len(updates), "d": len(deletes)}]})
