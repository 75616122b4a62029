"""Excel import/export of L2 test scores (per session) and the evaluation exports.

The score export and import share columns, so an exported file re-imports unchanged. Import is all-or-nothing:
one invalid row (unknown NIP, not a participant, a participant who declined or was cancelled, a score above the
maximum) → nothing written, every error listed.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from renbang.core.tabular import ImportReport, RowError, cell_text, map_columns, read_table

from .models import TestScore
from .services import not_scored_reason, scored_enrolments, session_not_scored_reason, test_scores_save

SCORE_HEADERS = ["NIP", "Nama", "Pre-test", "Post-test", "Nilai maksimal"]
SCORE_ALIASES = {"nip": ["NIP", "NIP / NI PPPK", "nipBaru"], "pre": ["Pre-test", "Pre test", "Pretest", "Nilai awal"],
                 "post": ["Post-test", "Post test", "Posttest", "Nilai akhir"],
                 "maximum": ["Nilai maksimal", "Maksimal", "Skor maksimal"]}


def score_rows(session) -> list[list[Any]]:
    scores = {t.enrolment_id: t for t in TestScore.objects.filter(enrolment__session=session)}
    rows = []
    for e in scored_enrolments(session).select_related("employee").order_by("employee__name"):
        t = scores.get(e.pk)
        rows.append([e.employee.nip, e.employee.name, None if t is None else t.pre, None if t is None else t.post,
                     100 if t is None else t.maximum])
    return rows


def _number(text: str) -> Decimal | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    value = Decimal(text)
    if not value.is_finite() or abs(value) >= 10000:
        raise InvalidOperation
    return value


def import_scores(*, session, data: bytes, filename: str) -> ImportReport:
    """Read an uploaded sheet of scores for `session`; write all rows or none."""
    from renbang.delivery.models import Enrolment

    table = read_table(data, filename)
    columns = map_columns(table.headers, SCORE_ALIASES)
    report = ImportReport(total_rows=len(table.rows))
    if reason := session_not_scored_reason(session):
        report.errors.append(RowError(1, "", "", reason))
        return report
    if "nip" not in columns or not ({"pre", "post"} & set(columns)):
        report.errors.append(RowError(1, "NIP", "", _("Kolom NIP dan Pre-test/Post-test wajib ada.")))
        return report
    enrolments = {e.employee.nip: e for e in Enrolment.objects.filter(session=session).select_related("employee")}
    # A score column absent from the file (e.g. only Pre-test, before the post-test), or an empty cell, keeps the
    # stored score: a post-test sheet with an empty Pre-test column must not wipe the pre-test (the entry form is
    # where one score is cleared).
    existing = {e: {"pre": pre, "post": post, "maximum": maximum} for e, pre, post, maximum in TestScore.objects
                .filter(enrolment__session=session).values_list("enrolment_id", "pre", "post", "maximum")}
    rows, seen = [], set()
    for offset, raw in enumerate(table.rows):
        number = table.first_row_number + offset

        def cell(key, raw=raw):
            return cell_text(raw[columns[key]]) if key in columns and columns[key] < len(raw) else ""

        nip = cell("nip").replace(" ", "")
        enrolment = enrolments.get(nip)
        if enrolment is None:
            report.errors.append(RowError(number, "NIP", nip[:30], _("Bukan peserta sesi ini.")))
            continue
        if nip in seen:
            report.errors.append(RowError(number, "NIP", nip[:30], _("NIP tercantum dua kali.")))
            continue
        if reason := not_scored_reason(enrolment):
            report.errors.append(RowError(number, "NIP", nip[:30], reason))
            continue
        seen.add(nip)
        values = {}
        for key, label in (("pre", "Pre-test"), ("post", "Post-test"), ("maximum", "Nilai maksimal")):
            try:
                values[key] = _number(cell(key))
            except InvalidOperation:
                report.errors.append(RowError(number, label, cell(key)[:30], _("Bukan angka yang sah.")))
        if len(values) < 3:
            continue
        if values["pre"] is None and values["post"] is None:
            report.skipped += 1  # a participant without scores yet (e.g. the exported list): nothing to do
            continue
        for key in ("pre", "post", "maximum"):
            if values[key] is None and enrolment.pk in existing:
                values[key] = existing[enrolment.pk][key]
        row = {"enrolment": enrolment, **values}
        probe = TestScore(enrolment=enrolment, pre=values["pre"], post=values["post"],
                          maximum=values["maximum"] if values["maximum"] is not None else Decimal("100"))
        try:
            probe.full_clean(exclude=["enrolment"])
        except ValidationError as exc:
            for field, msgs in exc.message_dict.items():
                report.errors.append(RowError(number, field, "", " ".join(msgs)))
            continue
        rows.append(row)
        if enrolment.pk in existing:
            report.updated += 1
        else:
            report.created += 1
    if report.errors:
        report.created = report.updated = 0
        return report
    test_scores_save(session=session, rows=rows)
    report.written = True
    return report
