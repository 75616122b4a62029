"""Importer fuzzing (issue 10, item 3): every importer of the app gets hypothesis-generated spreadsheets and CSVs
(wrong types, missing or repeated columns, huge cells, odd encodings, duplicate keys, formula cells, junk bytes).

For each file: no exception other than TabularError (the file refused as a whole); every message, refusal or
row error, is Indonesian text for the user, never a Python error; a report that says nothing was written (or a
dry run, or a refusal) leaves every table of the apps concerned with the row counts it had.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renbang.catalog.transfer import HEADERS as CATALOGUE_HEADERS
from renbang.catalog.transfer import import_catalogue
from renbang.competencies.exports import STANDARD_HEADERS, TECHNICAL_HEADERS
from renbang.competencies.models import Competency
from renbang.competencies.services.imports import standard_import, technical_import
from renbang.core.tabular import ImportReport, TabularError
from renbang.evaluation.transfer import SCORE_HEADERS, import_scores
from renbang.needs.imports import import_assessments
from renbang.people.importing import import_employees
from tests.people.builders import INDONESIAN, person

APPS = ("org", "people", "competencies", "needs", "catalog", "delivery", "evaluation")
EXAMPLES = 20  # per importer: enough to find the crashes seen so far, small enough for `make test`


@dataclass(frozen=True)
class Importer:
    name: str
    headers: list[str]
    valid_row: Callable[[Any, int], list[Any]]  # (world, n) → one plausible row, in `headers` order
    run: Callable[..., ImportReport]  # (world, data, filename, dry_run, skip_invalid) → report
    group: int = 1  # rows that only make sense together (the five levels of a technical competency)


def _roster_row(world, n: int) -> list[Any]:
    row = person(n, unit=world.unit_a.name, position=world.positions.staff.name)
    return [row.get(key, "") for key in ROSTER_KEYS]


ROSTER_KEYS = ["nip", "name", "sex", "status", "rank", "position", "unit", "supervisor", "education", "email",
               "active"]


def _assessment_row(world, n: int) -> list[Any]:
    employee = [world.staff, world.chief, world.other][n % 3]
    return [employee.nip, f"M.{1 + n % 3}", 1 + n % 5, f"{1 + n % 28:02d}-03-2025", "UPT Penilaian Kompetensi"]


def _technical_row(world, n: int) -> list[Any]:
    level = 1 + (n - 1) % 5
    return [f"T.UJI.{(n - 1) // 5}", "Keamanan Informasi", "TIK", "Definisi", "Ya", level, "", f"Deskripsi {level}",
            f"Indikator {level}a\nIndikator {level}b"]


def _standard_row(world, n: int) -> list[Any]:
    position = [world.positions.staff, world.positions.pengawas][n % 2]
    return [position.name, "", "", "", f"M.{1 + n % 3}", "", "", 1 + n % 5, ""]


def _catalogue_row(world, n: int) -> list[Any]:
    values = {"Kode": f"UJI-{n}", "Judul": f"Pelatihan Uji {n}", "Kode metode": "KL-STR",
              "Penyelenggara": "BPSDM Provinsi", "Kompetensi (kode:kenaikan)": "M.1:1", "Level minimal": 1,
              "Level maksimal": 4, "Jenis jabatan": "pelaksana", "JP": 24, "Biaya per peserta (Rp)": 1_500_000,
              "Kapasitas per angkatan": 30, "Moda": "Tatap muka", "Wajib": "Tidak", "Aktif": "Ya", "Deskripsi": "Uji"}
    return [values.get(h, "") for h in CATALOGUE_HEADERS]


def _score_session(world):
    """A completed session with six participants (made once per world), for the L2 score import."""
    if hasattr(world, "score_session"):
        return world.score_session
    from renbang.delivery.models import Enrolment
    from tests.delivery.helpers import make_session
    from tests.factories import EmployeeFactory

    session = make_session(world)
    extra = [EmployeeFactory(agency=world.agency, unit=world.unit_b, position=world.positions.staff) for _ in range(3)]
    for employee in [world.staff, world.chief, world.other, *extra]:
        Enrolment.objects.create(session=session, employee=employee, status="confirmed", completed=True)
    world.score_session = session
    world.score_nips = [e.employee.nip for e in session.enrolments.select_related("employee").order_by("pk")]
    return session


def _score_row(world, n: int) -> list[Any]:
    _score_session(world)
    pre = n * 7 % 60
    return [world.score_nips[(n - 1) % 6], f"Peserta {n}", pre, f"{pre + 20},5", 100]


IMPORTERS = [
    Importer("roster", [INDONESIAN[k] for k in ROSTER_KEYS], _roster_row,
             lambda w, data, name, dry, skip: import_employees(data=data, filename=name, agency=w.agency,
                                                               dry_run=dry, skip_invalid=skip)),
    Importer("assessments", ["NIP", "Kode kompetensi", "Level", "Tanggal", "Asesor"], _assessment_row,
             lambda w, data, name, dry, skip: import_assessments(data, name, agency=w.agency, dry_run=dry,
                                                                 skip_invalid=skip)),
    Importer("technical competencies", TECHNICAL_HEADERS, _technical_row,
             lambda w, data, name, dry, skip: technical_import(agency=w.agency, data=data, filename=name,
                                                               dry_run=dry), group=5),
    Importer("competency standard", STANDARD_HEADERS, _standard_row,
             lambda w, data, name, dry, skip: standard_import(agency=w.agency, data=data, filename=name,
                                                              dry_run=dry)),
    Importer("catalogue", CATALOGUE_HEADERS, _catalogue_row,
             lambda w, data, name, dry, skip: import_catalogue(agency=w.agency, data=data, filename=name,
                                                               dry_run=dry, skip_invalid=skip)),
    # evaluation's L2 test scores of one session (all-or-nothing, no dry run: the page shows the errors instead)
    Importer("test scores", SCORE_HEADERS, _score_row,
             lambda w, data, name, dry, skip: import_scores(session=_score_session(w), data=data, filename=name)),
]

# -- generated files ---------------------------------------------------------------------------------------------
odd_cell = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30),
    st.text(alphabet="0123456789", min_size=17, max_size=19),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["=1+1", "=HYPERLINK(\"http://x\",\"klik\")", "@SUM(A1:A2)", "+62-812", "-3", "3.5", "1e309",
                     "NaN", "III/a", "ya", "tidak", "M.1", "T.UJI.0", "KL-STR", "Pengolah Data", "Dinas Kesehatan",
                     "31-02-1980", "\u200b", "1e5", "-0", "sNaN", "Infinity", "1,5,5", "100,0",
                     "Ñandú ÄÖÜ – “kutip”", "0", "6", "99999999999999999999"]),
    st.integers(min_value=2001, max_value=6000).map(lambda n: "x" * n),  # past IMPORT_MAX_CELL_CHARS
)


@st.composite
def spreadsheets(draw, importer: Importer, world) -> tuple[bytes, str]:
    headers = list(importer.headers)
    count = draw(st.integers(min_value=1, max_value=2 if importer.group > 1 else 6)) * importer.group
    rows = [importer.valid_row(world, n) for n in range(1, count + 1)]
    if draw(st.integers(0, 3)) == 0:  # a good file, so that writes are exercised too
        return _xlsx(headers, rows), "berkas.xlsx"
    for row in rows:  # wrong types, huge cells, formulas
        for index in draw(st.lists(st.integers(0, len(headers) - 1), max_size=3)):
            row[index] = draw(odd_cell)
    if draw(st.booleans()) and rows:  # duplicate keys: the same row again, maybe changed
        copy = list(draw(st.sampled_from(rows)))
        rows.append(copy)
    for index in sorted(draw(st.lists(st.integers(0, len(headers) - 1), max_size=2, unique=True)), reverse=True):
        if draw(st.booleans()):  # a missing column
            del headers[index]
            for row in rows:
                del row[index]
        else:  # a renamed / repeated column
            headers[index] = draw(st.sampled_from(["", headers[0], "Kolom Lain", "NIP", "=A1"]))
    if draw(st.integers(0, 9)) == 0:  # ragged rows
        rows = [row[: draw(st.integers(0, len(row)))] for row in rows]
    form = draw(st.sampled_from(["xlsx", "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "junk"]))
    if form == "junk":
        return draw(st.binary(max_size=200)), "berkas.csv"
    if form == "xlsx":
        return _xlsx(headers, rows), "berkas.xlsx"
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])))
    writer.writerow(headers)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue().encode(form, errors="replace"), "berkas.csv"


def _xlsx(headers: list, rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(headers)
    for row in rows:
        # A text starting with "=" is written as a formula without a saved value (as a file from a script is).
        sheet.append([_xlsx_value(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    if isinstance(value, str):
        value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", value)  # characters XML cannot hold
    return value


# -- checks ------------------------------------------------------------------------------------------------------
INDONESIAN_WORDS = {
    "tidak", "berkas", "kolom", "baris", "wajib", "terlalu", "bukan", "tanggal", "harus", "ditemukan", "kosong",
    "nip", "level", "kode", "ganda", "diisi", "antara", "dikenal", "dikenali", "belum", "sudah", "salah", "angka",
    "jabatan", "kompetensi", "panjang", "tanpa", "ada", "ditolak", "isi", "unit", "karakter", "valid", "boleh",
    "hanya", "satu", "dengan", "atau", "dan", "nilai", "pilihan", "kenaikan", "metode", "pegawai", "golongan",
    "peserta", "sesi", "sah", "dua", "kali", "lebih", "maksimal",
}
PYTHON_LEAKS = ("Traceback", "Error(", "NoneType", "object has no attribute", "invalid literal", "not supported "
                "between", "unsupported operand", "could not convert", "list index", "KeyError", "object is not")


def assert_user_message(message: str) -> None:
    assert message.strip(), "empty message"
    assert not any(leak in message for leak in PYTHON_LEAKS), message
    words = set(re.findall(r"[a-z]+", message.lower()))
    assert words & INDONESIAN_WORDS, f"not an Indonesian message: {message!r}"


def counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for label in APPS
            for model in apps.get_app_config(label).get_models()}


@pytest.fixture
def references(world):
    """The competencies and the method the valid rows name (national rows: present once the data migrations ran)."""
    for code in ("M.1", "M.2", "M.3"):
        assert Competency.objects.filter(agency=None, code=code).exists()
    return world


@pytest.mark.parametrize("importer", IMPORTERS, ids=[i.name for i in IMPORTERS])
def test_every_importer_refuses_bad_files_clearly_and_never_half_writes(references, importer):
    world = references

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(data=st.data(), dry_run=st.booleans(), skip_invalid=st.booleans())
    def check(data, dry_run, skip_invalid):
        content, filename = data.draw(spreadsheets(importer, world))
        with transaction.atomic():
            before = counts()
            try:
                report = importer.run(world, content, filename, dry_run, skip_invalid)
            except TabularError as exc:
                assert_user_message(str(exc))
                report = None
            after = counts()
            if report is None or not report.written:
                assert after == before
            if report is not None:
                for error in report.errors:
                    assert_user_message(error.message)
                assert not (report.written and report.dry_run)
            transaction.set_rollback(True)

    check()


def test_the_message_check_can_fail():
    with pytest.raises(AssertionError):
        assert_user_message("invalid literal for int() with base 10: 'x'")
    with pytest.raises(AssertionError):
        assert_user_message("Value must be a number")


@pytest.mark.parametrize("importer", IMPORTERS, ids=[i.name for i in IMPORTERS])
def test_the_valid_rows_the_fuzzing_starts_from_are_written(references, importer):
    """The generated files start from valid rows: unchanged, they are imported (so the fuzzing also exercises
    writes, and the all-or-nothing check above is not vacuous)."""
    world = references
    rows = [importer.valid_row(world, n) for n in range(1, 1 + (2 * importer.group if importer.group > 1 else 6))]
    before = counts()
    report = importer.run(world, _xlsx(list(importer.headers), rows), "berkas.xlsx", False, False)
    assert report.written and not report.errors, [e.message for e in report.errors]
    assert counts() != before
