"""Roster import: every accepted format, header variants, and files that must be refused (nothing written)."""

from __future__ import annotations

import io
import zipfile

import pytest

from renbang.core.exports import xlsx_bytes
from renbang.core.tabular import TabularError, read_table
from renbang.people.importing import import_employees
from renbang.people.models import Employee

from .builders import SIASN, make_csv, make_table_xlsx, make_xlsx, person, team


def run(world, data, filename="roster.csv", **kwargs):
    options = {"dry_run": False, "skip_invalid": False, **kwargs}
    return import_employees(data=data, filename=filename, agency=world.agency, **options)


def count():
    return Employee.objects.count()


@pytest.mark.parametrize("build", [
    pytest.param(lambda rows: make_xlsx(rows), id="xlsx"),
    pytest.param(lambda rows: make_csv(rows), id="csv-comma"),
    pytest.param(lambda rows: make_csv(rows, delimiter=";"), id="csv-semicolon"),
    pytest.param(lambda rows: make_csv(rows, bom=True), id="csv-utf8-bom"),
    pytest.param(lambda rows: make_csv(rows, delimiter=";", encoding="cp1252"), id="csv-cp1252"),
    pytest.param(lambda rows: make_csv(rows, names=SIASN), id="csv-siasn-headers"),
    pytest.param(lambda rows: make_xlsx(rows, names=SIASN), id="xlsx-siasn-headers"),
])
def test_it_imports_every_accepted_format(world, build):
    rows = team(3)
    rows[1]["name"] = "Jürgen Öberg Siregar"
    rows[2]["name"] = "Renée Hutapea"
    report = run(world, build(rows))
    assert report.created == 3 and report.written, report.errors
    assert set(Employee.objects.filter(nip__in=[r["nip"] for r in rows]).values_list("name", flat=True)) == {
        "Pegawai Impor 1", "Jürgen Öberg Siregar", "Renée Hutapea"}


def test_it_ignores_case_spacing_and_punctuation_in_headers(world):
    names = {"nip": "  n.i.p ", "name": "NAMA", "unit": "unit   kerja", "position": "JABATAN",
             "rank": "golongan", "sex": "Jenis_Kelamin", "supervisor": "NIP ATASAN", "email": "e-mail",
             "back_title": "GELAR belakang", "status": "status pegawai", "education": "Pendidikan Terakhir",
             "major": "jurusan", "active": "AKTIF", "front_title": "gelar depan"}
    report = run(world, make_csv(team(2), names=names))
    assert report.created == 2 and not report.notes[:-2], report.notes


def test_it_refuses_nip_cells_stored_as_numbers_which_excel_rounds(world):
    # Excel keeps 15 significant digits: an 18-digit NIP typed as a number has already lost its last digits.
    rounded = make_table_xlsx(["NIP", "Nama", "Unit Kerja", "Jabatan"],
                              [[int(person(2)["nip"]), "Pegawai Impor 2", "Dinas Uji", "Pengolah Data"]])
    report = run(world, rounded, "b.xlsx")
    assert "format kolom NIP sebagai Teks" in report.errors[0].message and not report.written
    sci = make_csv([{**person(3), "nip": "1,98E+17"}])
    assert "notasi ilmiah" in run(world, sci).errors[0].message


def test_it_reads_excel_dates_and_apostrophe_prefixed_nips(world):
    import datetime as dt
    row = person(1)
    birth = dt.datetime.strptime(row["nip"][:8], "%Y%m%d")
    data = make_table_xlsx(["NIP", "Nama", "Unit Kerja", "Jabatan", "Tanggal Lahir", "TMT Jabatan"],
                           [["'" + row["nip"], "Pegawai Impor 1", "Dinas Uji", "Pengolah Data", birth, 44927]])
    report = run(world, data, "a.xlsx")
    assert report.created == 1, report.errors
    assert Employee.objects.get(nip=row["nip"]).position_since == dt.date(2023, 1, 1)


def test_it_stores_formula_text_from_csv_as_text_and_exports_it_defused(world):
    report = run(world, make_csv([person(1, name="=cmd|' /C calc'!A0", back_title="+1+1")]))
    assert report.created == 1
    employee = Employee.objects.get(name__startswith="=cmd")
    assert employee.back_title == "+1+1"
    from openpyxl import load_workbook
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["Nama"], [[employee.name]]))).active
    assert sheet["A2"].value == "'=cmd|' /C calc'!A0" and sheet["A2"].data_type == "s"


def test_it_never_evaluates_a_formula_cell_of_an_xlsx(world):
    row = person(1)
    data = make_table_xlsx(["NIP", "Nama", "Unit Kerja", "Jabatan", "Gelar Belakang"],
                           [[row["nip"], "=1+1", "Dinas Uji", "Pengolah Data", '=HYPERLINK("http://x","y")']])
    report = run(world, data, "a.xlsx")
    assert not report.written and report.errors[0].column == "Nama"  # no cached value: read as empty, not "2"
    assert count() == 4


def test_the_error_report_csv_defuses_formulas(world):
    report = run(world, make_csv([person(1, email="=HYPERLINK(1)")]))
    out = io.StringIO()
    report.write_csv(out)
    assert "'=HYPERLINK(1)" in out.getvalue()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


def _corrupt_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<not-xml")
    return buffer.getvalue()


MALICIOUS = [
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 20, "bukan spreadsheet", id="pdf"),
    pytest.param(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 200, "bukan", id="png"),
    pytest.param(bytes(range(256)) * 40, "bukan", id="random-binary"),
    pytest.param(b"", "kosong", id="empty"),
    pytest.param(b"   \r\n\r\n", "kosong", id="blank"),
    pytest.param(b"NIP,Nama,Unit Kerja\r\n", "hanya berisi judul", id="header-only"),
    pytest.param(b"Nama;Unit Kerja\r\nBudi;Dinas\r\n", "Kolom NIP tidak ditemukan", id="no-nip-column"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls lama", id="old-xls"),
    pytest.param(b"PK\x03\x04garbage" * 10, "rusak", id="broken-zip"),
    pytest.param(_corrupt_xlsx(), "tidak dapat dibaca", id="corrupt-xlsx"),
    pytest.param(_zip_bomb(), "zip bomb", id="zip-bomb"),
    pytest.param("NIP,Nama\r\n".encode("utf-16"), "UTF-16", id="utf16"),
]


@pytest.mark.parametrize(("data", "message"), MALICIOUS)
def test_it_refuses_files_that_are_not_usable_rosters_and_writes_nothing(world, data, message):
    before = count()
    with pytest.raises(TabularError) as refused:
        run(world, data, "roster.xlsx")
    assert message in str(refused.value)
    assert count() == before


def test_it_refuses_an_oversized_file(world, settings):
    settings.RENBANG = {**settings.RENBANG, "IMPORT_MAX_BYTES": 2000}
    with pytest.raises(TabularError, match="terlalu besar"):
        run(world, make_csv(team(40)))


def test_it_refuses_a_file_with_too_many_rows(world, settings):
    settings.RENBANG = {**settings.RENBANG, "IMPORT_MAX_ROWS": 10}
    with pytest.raises(TabularError, match="Terlalu banyak baris"):
        run(world, make_csv(team(12)))
    assert read_table(make_csv(team(12)), sniff_rows=5).headers[0] == "NIP"  # the quick check does not count


def test_it_refuses_an_xlsx_that_unpacks_beyond_the_limit(world, settings):
    settings.RENBANG = {**settings.RENBANG, "IMPORT_MAX_UNPACKED_BYTES": 5000}
    with pytest.raises(TabularError, match="zip bomb"):
        run(world, make_xlsx(team(30)), "a.xlsx")
