"""Import of assessment-centre results: good, bad and malicious files; nothing half-written."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from renbang.core.tabular import TabularError
from renbang.needs.imports import import_assessments
from renbang.needs.models import Assessment, AssessmentScore


def csv_bytes(rows, header="NIP;Kode kompetensi;Level;Tanggal;Asesor"):
    return ("\n".join([header, *rows]) + "\n").encode()


def good(w):
    return [f"{w.staff.nip};M.1;3;15-03-2025;UPT Penilaian Kompetensi",
            f"{w.staff.nip};m.2;4;15-03-2025;UPT Penilaian Kompetensi",
            f"{w.chief.nip};M.1;2;2025-04-01;Lembaga X"]


def test_it_imports_results_and_reimports_without_change(needs_world):
    w = needs_world
    report = import_assessments(csv_bytes(good(w)), "ac.csv", agency=w.agency)
    assert (report.written, report.created, report.errors) == (True, 3, [])
    assert Assessment.objects.filter(source="ac").count() == 2
    again = import_assessments(csv_bytes(good(w)), "ac.csv", agency=w.agency)
    assert (again.created, again.unchanged, again.updated) == (0, 3, 0)


def test_it_reads_excel_files(needs_world):
    w = needs_world
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["nipBaru", "kode", "level", "tanggal asesmen", "nama asesor"])
    sheet.append([w.staff.nip, "M.3", 2, "01/02/2025", "BKN"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_assessments(buffer.getvalue(), "ac.xlsx", agency=w.agency)
    assert report.created == 1 and AssessmentScore.objects.get().level == 2


@pytest.mark.parametrize("row", [
    "999999999999999999;M.1;3;15-03-2025;A",  # unknown NIP
    "{nip};X.99;3;15-03-2025;A",  # unknown competency
    "{nip};M.1;7;15-03-2025;A",  # level out of range
    "{nip};M.1;tiga;15-03-2025;A",  # not a number
    "{nip};M.1;3;31-02-2025;A",  # impossible date
    "{nip};M.1;3;01-01-2099;A",  # future date
    "{nip};M.1;3;15-03-2025;",  # no assessor
])
def test_it_writes_nothing_when_one_row_is_invalid(needs_world, row):
    w = needs_world
    report = import_assessments(csv_bytes([*good(w), row.format(nip=w.staff.nip)]), "ac.csv", agency=w.agency)
    assert not report.written and report.invalid_rows == 1
    assert not Assessment.objects.exists()


def test_its_messages_follow_the_language_of_the_user(needs_world):
    from django.utils import translation

    w = needs_world
    rows = [f"{w.staff.nip};M.1;9;15-03-2025;A", f"{w.staff.nip};M.1;3;31-02-2025;A"]
    report = import_assessments(csv_bytes(rows), "ac.csv", agency=w.agency)
    assert report.errors[0].message == "Level harus bilangan bulat 1 sampai 5."
    with translation.override("en"):
        report = import_assessments(csv_bytes(rows), "ac.csv", agency=w.agency)
        with pytest.raises(TabularError, match=r"Empty file: no rows to import\."):
            import_assessments(b"  ", "ac.csv", agency=w.agency)
    assert [e.message for e in report.errors] == [
        "Level must be a whole number from 1 to 5.",
        "date '31-02-2025' not recognised (use DD-MM-YYYY or YYYY-MM-DD)",
    ]


def test_it_writes_the_valid_rows_when_asked_to_skip_invalid_ones(needs_world):
    w = needs_world
    report = import_assessments(csv_bytes([*good(w), f"{w.staff.nip};M.1;9;15-03-2025;A"]), "ac.csv",
                                agency=w.agency, skip_invalid=True)
    assert report.written and report.created == 3 and report.skipped == 1


def test_it_refuses_contradicting_duplicate_rows(needs_world):
    w = needs_world
    rows = [f"{w.staff.nip};M.1;3;15-03-2025;A", f"{w.staff.nip};M.1;4;15-03-2025;A"]
    report = import_assessments(csv_bytes(rows), "ac.csv", agency=w.agency)
    assert not report.written and report.errors[0].column == "level"


def test_it_reports_missing_columns(needs_world):
    report = import_assessments(csv_bytes(["1;2"], header="NIP;Level"), "ac.csv", agency=needs_world.agency)
    assert not report.written and "kode kompetensi" in report.errors[0].message


def test_it_dry_runs_without_writing(needs_world):
    w = needs_world
    report = import_assessments(csv_bytes(good(w)), "ac.csv", agency=w.agency, dry_run=True)
    assert report.created == 3 and not report.written and not Assessment.objects.exists()


@pytest.mark.parametrize("data", [b"%PDF-1.4 not a spreadsheet", b"PK\x03\x04broken zip", b"", b"\x00\x01\x02"])
def test_it_refuses_files_that_are_not_spreadsheets(needs_world, data):
    with pytest.raises(TabularError):
        import_assessments(data, "ac.xlsx", agency=needs_world.agency)


def test_it_neutralises_formulas_in_the_error_report(needs_world, tmp_path):
    w = needs_world
    source = tmp_path / "ac.csv"
    source.write_bytes(csv_bytes(["=HYPERLINK(\"http://x\");M.1;3;15-03-2025;A"]))
    out = tmp_path / "errors.csv"
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_assessments", str(source), "--report", str(out), agency=w.agency.code)
    assert exit_info.value.code == 1
    assert "'=HYPERLINK" in out.read_text() and not Assessment.objects.exists()


def test_it_imports_from_the_command_line(needs_world, tmp_path, capsys):
    w = needs_world
    source = tmp_path / "ac.csv"
    source.write_bytes(csv_bytes(good(w)))
    call_command("import_assessments", str(source), agency=w.agency.code)
    assert "tersimpan" in capsys.readouterr().out and AssessmentScore.objects.count() == 3


def test_it_uploads_results_on_the_web_page_for_admins_only(needs_world, login):
    w = needs_world
    upload = io.BytesIO(csv_bytes(good(w)))
    upload.name = "ac.csv"
    response = login(w.users.admin).post(reverse("needs:ac_import"), {"file": upload})
    assert response.status_code == 200 and AssessmentScore.objects.count() == 3
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "ac.csv"
    response = login(w.users.admin).post(reverse("needs:ac_import"), {"file": upload})
    assert response.status_code == 200 and "bukan spreadsheet" in response.content.decode()
    assert login(w.users.officer_a).post(reverse("needs:ac_import"), {}).status_code == 403
