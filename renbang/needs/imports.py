"""Import of assessment-centre results (xlsx/csv: NIP, kode kompetensi, level, tanggal, asesor).

Same rules as the roster import (core/tabular): the whole file is checked first; by default one invalid row
means nothing is written; `skip_invalid` writes the valid rows only; a re-import of the same file changes
nothing (a result is identified by employee, date, assessor and competency).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.competencies.models import Competency
from renbang.core.tabular import ImportReport, RowError, cell_text, map_columns, parse_date, read_table
from renbang.people.models import Employee

from .models import Assessment, AssessmentScore, Source

ALIASES = {
    "nip": ["NIP", "nipBaru", "NIP Baru", "NI PPPK"],
    "code": ["Kode kompetensi", "kode", "kodeKompetensi", "kompetensi"],
    "level": ["Level", "level kompetensi", "nilai", "level capaian"],
    "date": ["Tanggal", "tanggal asesmen", "tgl asesmen", "tanggal penilaian"],
    "assessor": ["Asesor", "nama asesor", "lembaga asesor", "penilai"],
}
LABELS = {"nip": "NIP", "code": "kode kompetensi", "level": "level", "date": "tanggal", "assessor": "asesor"}


def import_assessments(data: bytes, filename: str, *, agency, dry_run: bool = False,
                       skip_invalid: bool = False) -> ImportReport:
    """Check and (unless dry_run) write the results; raises TabularError for an unreadable file."""
    table = read_table(data, filename)
    columns = map_columns(table.headers, ALIASES)
    report = ImportReport(total_rows=len(table.rows), dry_run=dry_run)
    missing = [LABELS[f] for f in ALIASES if f not in columns]
    if missing:
        message = _("Kolom wajib tidak ditemukan: %(cols)s.") % {"cols": ", ".join(missing)}
        report.errors.append(RowError(1, ", ".join(missing), "", message))
        return report
    raw = [(table.first_row_number + i, {f: row[columns[f]] if columns[f] < len(row) else None for f in columns})
           for i, row in enumerate(table.rows)]
    nips = {cell_text(r["nip"]) for _n, r in raw}
    employees = dict(Employee.objects.filter(agency=agency, nip__in=nips).values_list("nip", "pk"))
    codes = {}
    for pk, code, national in Competency.objects.filter(Q(agency__isnull=True) | Q(agency=agency), active=True) \
            .values_list("pk", "code", "agency_id"):
        if code.upper() not in codes or national is not None:  # an agency's own code shadows a national one
            codes[code.upper()] = pk
    today = timezone.localdate()
    valid: list[tuple[int, int, int, dt.date, str, int]] = []
    seen: dict[tuple, int] = {}
    for number, row in raw:
        errors = _check_row(number, row, employees, codes, today)
        if not errors:
            key = (employees[cell_text(row["nip"])], codes[cell_text(row["code"]).upper()],
                   parse_date(row["date"]), cell_text(row["assessor"]))
            level = int(float(cell_text(row["level"])))
            if key in seen and seen[key] != level:
                message = _("Baris ganda dengan level berbeda untuk pegawai, kompetensi dan tanggal sama.")
                errors.append(RowError(number, "level", str(level), message))
            seen[key] = level
        if errors:
            report.errors.extend(errors)
        else:
            valid.append((number, *key[:2], key[2], key[3], level))
    if report.errors and not skip_invalid:
        return report
    report.skipped = report.invalid_rows
    if dry_run:
        _count(valid, report)
        return report
    with transaction.atomic():
        _write(valid, report)
    report.written = True
    return report


def _check_row(number, row, employees, codes, today) -> list[RowError]:
    errors = []
    nip = cell_text(row["nip"])
    if nip not in employees:
        errors.append(RowError(number, "NIP", nip[:40], _("NIP tidak ditemukan di instansi ini.")))
    code = cell_text(row["code"])
    if code.upper() not in codes:
        errors.append(RowError(number, "kode kompetensi", code[:40], _("Kode kompetensi tidak ada di kamus.")))
    level = cell_text(row["level"])
    try:
        ok = float(level).is_integer() and 1 <= int(float(level)) <= 5
    except ValueError:
        ok = False
    if not ok:
        errors.append(RowError(number, "level", level[:40], _("Level harus bilangan bulat 1 sampai 5.")))
    try:
        day = parse_date(row["date"])
        if day is None:
            errors.append(RowError(number, "tanggal", "", _("Tanggal asesmen wajib diisi.")))
        elif day > today or day.year < 2000:
            errors.append(RowError(number, "tanggal", day.isoformat(), _("Tanggal asesmen tidak masuk akal.")))
    except ValueError as exc:
        errors.append(RowError(number, "tanggal", cell_text(row["date"])[:40], str(exc)))
    assessor = cell_text(row["assessor"])
    if not assessor or len(assessor) > 200:
        errors.append(RowError(number, "asesor", assessor[:40], _("Nama asesor wajib diisi (paling panjang 200).")))
    return errors


def _existing(valid) -> tuple[dict, dict]:
    keys = {(e, d, a) for _n, e, _c, d, a, _l in valid}
    assessments = {}
    for assessment in Assessment.objects.filter(source=Source.ASSESSMENT_CENTRE,
                                                employee_id__in={k[0] for k in keys}):
        assessments[(assessment.employee_id, assessment.assessed_on, assessment.assessor_name)] = assessment
    scores = {}
    for score in AssessmentScore.objects.filter(assessment__in=[assessments[k] for k in keys if k in assessments]):
        scores[(score.assessment_id, score.competency_id)] = score
    return assessments, scores


def _count(valid, report: ImportReport) -> None:
    assessments, scores = _existing(valid)
    for _n, e, c, d, a, level in valid:
        assessment = assessments.get((e, d, a))
        score = scores.get((assessment.pk, c)) if assessment else None
        if score is None:
            report.created += 1
        elif score.level == level:
            report.unchanged += 1
        else:
            report.updated += 1


def _write(valid, report: ImportReport) -> None:
    assessments, scores = _existing(valid)
    grouped = defaultdict(list)
    for _n, e, c, d, a, level in valid:
        grouped[(e, d, a)].append((c, level))
    now = timezone.now()
    for (e, d, a), items in grouped.items():
        assessment = assessments.get((e, d, a))
        if assessment is None:
            assessment = Assessment(employee_id=e, assessed_on=d, assessor_name=a, source=Source.ASSESSMENT_CENTRE,
                                    status=Assessment.Status.SUBMITTED, submitted_at=now)
            assessment.full_clean(validate_constraints=False)
            assessment.save()
        for c, level in items:
            score = scores.get((assessment.pk, c))
            if score is None:
                score = AssessmentScore(assessment=assessment, competency_id=c, level=level)
                score.full_clean(validate_constraints=False)
                score.save()
                scores[(assessment.pk, c)] = score
                report.created += 1
            elif score.level == level:
                report.unchanged += 1
            else:
                score.level = level
                score.save(update_fields=["level"])
                report.updated += 1
