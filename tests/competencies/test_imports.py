import io

import openpyxl
import pytest

from renbang.competencies import services
from renbang.competencies.exports import STANDARD_HEADERS, TECHNICAL_HEADERS, standard_rows, technical_rows
from renbang.competencies.models import Competency, PositionStandard
from renbang.competencies.services.imports import standard_import, technical_import
from renbang.core.exports import xlsx_bytes
from renbang.core.tabular import TabularError
from renbang.org.models import JobFamily

Origin = PositionStandard.Origin


def xlsx(headers, rows) -> bytes:
    return xlsx_bytes(headers, rows)


def technical_file(code="T.TIK.1", family="TIK", levels=range(1, 6), name="Keamanan Informasi") -> list[list]:
    return [[code, name, family, "Definisi", "Ya", n, "", f"Deskripsi {n}", f"Indikator {n}a\nIndikator {n}b"]
            for n in levels]


def test_it_imports_technical_competencies_and_creates_missing_families(comp):
    agency = comp.world.agency
    report = technical_import(agency=agency, data=xlsx(TECHNICAL_HEADERS, technical_file()), filename="t.xlsx")
    assert report.written and report.created == 1 and not report.errors
    competency = Competency.objects.get(agency=agency, code="T.TIK.1")
    assert competency.job_family.code == "TIK"
    assert competency.levels.count() == 5
    assert list(competency.levels.get(level=3).indicators.values_list("text", flat=True)) == [
        "Indikator 3a", "Indikator 3b"]
    assert report.notes


def test_it_round_trips_the_technical_export(comp):
    agency = comp.world.agency
    data = xlsx(TECHNICAL_HEADERS, list(technical_rows(agency.pk)))
    report = technical_import(agency=agency, data=data, filename="ekspor.xlsx")
    assert not report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)


def test_it_updates_a_changed_level_description(comp):
    agency = comp.world.agency
    rows = list(technical_rows(agency.pk))
    rows[2][7] = "Deskripsi baru"
    report = technical_import(agency=agency, data=xlsx(TECHNICAL_HEADERS, rows), filename="x.xlsx")
    assert report.updated == 1
    assert comp.accounting.levels.get(level=3).description == "Deskripsi baru" or \
        comp.budgeting.levels.get(level=3).description == "Deskripsi baru"


@pytest.mark.parametrize("rows, message", [
    (technical_file(levels=[1, 2, 3, 4]), "tidak lengkap"),
    (technical_file(levels=[1, 2, 3, 4, 5, 5]), "dua kali"),
    (technical_file(code="M.1"), "manajerial"),
    ([["T.X.1", "Nama", "TIK", "", "Ya", 7, "", "Desk", ""]] + technical_file(code="T.X.1", levels=[1, 2, 3, 4, 5]),
     "1–5"),
    (technical_file(family=""), "Rumpun"),
])
def test_it_refuses_a_file_with_a_bad_row_and_writes_nothing(comp, rows, message):
    agency = comp.world.agency
    good = technical_file(code="T.OK.1")
    before = Competency.objects.count(), JobFamily.objects.count()
    report = technical_import(agency=agency, data=xlsx(TECHNICAL_HEADERS, good + rows), filename="x.xlsx")
    assert report.errors and not report.written
    assert any(message.lower() in (e.message + e.column).lower() for e in report.errors)
    assert (Competency.objects.count(), JobFamily.objects.count()) == before


def test_it_writes_nothing_on_a_dry_run(comp):
    report = technical_import(agency=comp.world.agency, data=xlsx(TECHNICAL_HEADERS, technical_file()),
                              filename="x.xlsx", dry_run=True)
    assert report.created == 1 and not report.written
    assert not Competency.objects.filter(code="T.TIK.1").exists()
    assert not JobFamily.objects.filter(code="TIK").exists()


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4 not a sheet", b"PK\x03\x04garbage", b"Kode;Nama\n"])
def test_it_refuses_unreadable_files(comp, data):
    with pytest.raises(TabularError):
        technical_import(agency=comp.world.agency, data=data, filename="x.xlsx")


def test_it_round_trips_the_whole_standard(comp):
    agency = comp.world.agency
    services.standard_bulk_apply(agency=agency)
    services.standard_set_levels(position=comp.world.positions.staff, levels={comp.lesson.pk: 2})
    before = sorted(PositionStandard.objects.values_list("position_id", "competency_id", "required_level", "origin"))
    data = xlsx(STANDARD_HEADERS, list(standard_rows(agency.pk)))
    report = standard_import(agency=agency, data=data, filename="standar.xlsx")
    assert not report.errors and report.unchanged == len(before)
    after = sorted(PositionStandard.objects.values_list("position_id", "competency_id", "required_level", "origin"))
    assert after == before


def test_it_imports_changed_levels_as_manual_and_blank_levels_as_removals(comp):
    agency = comp.world.agency
    services.standard_bulk_apply(agency=agency)
    staff = comp.world.positions.staff.name
    rows = [[staff, "", "", "", "M.1", "", "", 3, "Bawaan"], [staff, "", "", "", "T.KEU.1", "", "", "", ""],
            [comp.world.positions.administrator.name, "", "", "", "T.PDK.1", "", "", 2, ""]]
    report = standard_import(agency=agency, data=xlsx(STANDARD_HEADERS, rows), filename="s.xlsx")
    assert not report.errors and (report.created, report.updated) == (1, 1)
    m1 = PositionStandard.objects.get(position=comp.world.positions.staff, competency__code="M.1")
    assert (m1.required_level, m1.origin) == (3, Origin.MANUAL)
    assert not PositionStandard.objects.filter(position=comp.world.positions.staff,
                                               competency__code="T.KEU.1").exists()


def test_it_refuses_a_standard_file_with_unknown_rows_and_writes_nothing(comp):
    agency = comp.world.agency
    rows = [[comp.world.positions.staff.name, "", "", "", "M.1", "", "", 2, ""],
            ["Jabatan Tak Ada", "", "", "", "M.1", "", "", 2, ""],
            [comp.world.positions.staff.name, "", "", "", "T.BNJ.1", "", "", 2, ""],
            [comp.world.positions.staff.name, "", "", "", "M.2", "", "", "enam", ""],
            [comp.world.positions.staff.name, "", "", "", "M.1", "", "", 3, ""]]
    report = standard_import(agency=agency, data=xlsx(STANDARD_HEADERS, rows), filename="s.xlsx")
    assert {e.row for e in report.errors} == {3, 4, 5, 6}
    assert not report.written and not PositionStandard.objects.exists()


def test_it_reads_the_export_headers_back(comp):
    services.standard_bulk_apply(agency=comp.world.agency)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx(STANDARD_HEADERS, list(standard_rows(comp.world.agency.pk))))).active
    assert [c.value for c in sheet[1]] == STANDARD_HEADERS
    assert sheet.max_row == PositionStandard.objects.count() + 1


@pytest.mark.parametrize("text", ["inf", "-inf", "1e999", "nan", "abc", "2.5", "0", "6"])
def test_it_reads_an_impossible_level_as_no_level(text):
    from renbang.competencies.services.imports import _level_number

    assert _level_number(text) is None


def _technical_state(agency) -> list[list]:
    return [list(r) for r in technical_rows(agency.pk)]


def test_a_file_without_the_optional_columns_keeps_what_it_does_not_carry(comp):
    """An older template without Definisi / Aktif / Judul level / Indikator perilaku: the stored values stay; the
    columns it carries update."""
    agency = comp.world.agency
    Competency.objects.filter(pk=comp.budgeting.pk).update(definition="Definisi anggaran", active=False)
    level = comp.budgeting.levels.get(level=2)
    level.title = "Judul dua"
    level.save()
    level.indicators.create(text="Menyusun RKA")
    before = _technical_state(agency)
    keep = [i for i, h in enumerate(TECHNICAL_HEADERS)
            if h not in ("Definisi", "Aktif", "Judul level", "Indikator perilaku")]
    rows = [[r[i] for i in keep] for r in before]
    headers = [TECHNICAL_HEADERS[i] for i in keep]
    report = technical_import(agency=agency, data=xlsx(headers, rows), filename="lama.xlsx")
    assert not report.errors and report.updated == 0 and report.unchanged == 3
    assert _technical_state(agency) == before
    row = next(r for r in rows if r[0] == "T.KEU.1" and r[headers.index("Level")] == 2)
    row[headers.index("Deskripsi level")] = "Deskripsi baru"
    report = technical_import(agency=agency, data=xlsx(headers, rows), filename="lama.xlsx")
    assert report.updated == 1
    budgeting = Competency.objects.get(pk=comp.budgeting.pk)
    assert (budgeting.definition, budgeting.active) == ("Definisi anggaran", False)
    level = budgeting.levels.get(level=2)
    assert (level.title, level.description) == ("Judul dua", "Deskripsi baru")
    assert "Menyusun RKA" in list(level.indicators.values_list("text", flat=True))


def test_an_empty_aktif_cell_keeps_a_retired_competency_retired_and_makes_a_new_one_active(comp):
    agency = comp.world.agency
    Competency.objects.filter(pk=comp.budgeting.pk).update(active=False)
    rows = _technical_state(agency)
    aktif, description = TECHNICAL_HEADERS.index("Aktif"), TECHNICAL_HEADERS.index("Deskripsi level")
    for row in rows:
        row[aktif] = None
    budgeting_rows = [r for r in rows if r[0] == comp.budgeting.code]
    budgeting_rows[1][description] = "Deskripsi baru"
    new = technical_file(code="T.TIK.9")
    for row in new:
        row[aktif] = None
    report = technical_import(agency=agency, data=xlsx(TECHNICAL_HEADERS, rows + new), filename="t.xlsx")
    assert not report.errors and (report.created, report.updated) == (1, 1)
    budgeting = Competency.objects.get(pk=comp.budgeting.pk)
    assert not budgeting.active and budgeting.levels.get(level=2).description == "Deskripsi baru"
    assert Competency.objects.get(agency=agency, code="T.TIK.9").active
