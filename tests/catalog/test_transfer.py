import io

import pytest
from openpyxl import load_workbook

from renbang.catalog.models import Programme, Provider
from renbang.catalog.transfer import HEADERS, export_rows, import_catalogue
from renbang.core.exports import xlsx_bytes
from renbang.core.tabular import TabularError

from .factories import ProgrammeFactory, method, national, target


def _export(agency) -> bytes:
    qs = Programme.objects.filter(agency=agency).prefetch_related("targets__competency", "eligibilities")
    return xlsx_bytes(HEADERS, export_rows(qs), "Katalog")


def _rows(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@pytest.fixture
def catalogue(world):
    m2, m6 = national("M.2", "Kerja Sama"), national("M.6", "Pengembangan Diri dan Orang Lain")
    pkp = ProgrammeFactory(agency=world.agency, code="PKP-01", title="Pelatihan Kepemimpinan Pengawas (PKP)",
                           method=method("KL-STR"), jp=390, cost_per_participant=25_000_000, mandatory=True)
    target(pkp, m2, 1)
    target(pkp, m6, 2)
    pkp.eligibilities.create(position_type="pengawas")
    ProgrammeFactory(agency=world.agency, code="BIM-01", title="Bimtek Penyusunan SKP", jp=16)
    return world


def test_it_round_trips_the_catalogue_through_excel(catalogue):
    data = _export(catalogue.agency)
    report = import_catalogue(agency=catalogue.agency, data=data, filename="katalog.xlsx")
    assert report.written and report.unchanged == 2 and report.created == report.updated == 0


def test_it_creates_and_updates_programmes_from_a_spreadsheet(catalogue):
    rows = _rows(_export(catalogue.agency))
    header, body = rows[0], rows[1:]
    pkp = next(r for r in body if r[0] == "PKP-01")
    pkp[header.index("JP")] = 400
    new = list(pkp)
    new[0], new[1], new[4] = "PKP-02", "PKP Angkatan II", "BPSDM Provinsi Sumatera Utara"
    data = xlsx_bytes(header, [*body, new])
    report = import_catalogue(agency=catalogue.agency, data=data, filename="katalog.xlsx")
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert Programme.objects.get(code="PKP-01").jp == 400
    second = Programme.objects.get(code="PKP-02")
    assert second.provider.name == "BPSDM Provinsi Sumatera Utara"
    assert sorted(f"{t.competency.code}:{t.uplift}" for t in second.targets.all()) == ["M.2:1", "M.6:2"]
    assert second.position_types == ["pengawas"]
    assert Provider.objects.filter(name="BPSDM Provinsi Sumatera Utara").exists()


def test_it_writes_nothing_when_one_row_is_invalid(catalogue):
    csv = (b"Kode,Judul,Kode metode,Kompetensi (kode:kenaikan),JP\n"
           b"N-1,Workshop SRIKANDI,KL-WOR,M.2:1,8\n"
           b"N-2,Kursus Excel,XX-BAD,M.2:1,8\n"
           b"N-3,Kursus Word,KL-KUR,Z.9:1,abc\n")
    report = import_catalogue(agency=catalogue.agency, data=csv, filename="k.csv")
    assert not report.written and report.invalid_rows == 2
    assert {e.row for e in report.errors} == {3, 4}
    assert not Programme.objects.filter(code="N-1").exists()
    report = import_catalogue(agency=catalogue.agency, data=csv, filename="k.csv", skip_invalid=True)
    assert report.written and report.created == 1 and Programme.objects.filter(code="N-1").exists()


def test_it_refuses_a_file_that_is_not_a_spreadsheet(catalogue):
    with pytest.raises(TabularError):
        import_catalogue(agency=catalogue.agency, data=b"%PDF-1.4 \x00\x01", filename="x.xlsx")


def test_it_names_missing_required_columns(catalogue):
    report = import_catalogue(agency=catalogue.agency, data=b"Judul,Biaya\nA,1\n", filename="k.csv")
    assert not report.written and "Kode metode" in report.errors[0].message


def test_its_row_errors_follow_the_language_of_the_user(catalogue):
    from django.utils import translation

    csv = b"Kode,Judul,Kode metode,Kompetensi (kode:kenaikan),JP\nN-2,Kursus Excel,XX-BAD,M.2:1,8\n"
    report = import_catalogue(agency=catalogue.agency, data=csv, filename="k.csv")
    assert report.errors[0].message == "kode metode 'XX-BAD' tidak dikenal"
    with translation.override("en"):
        report = import_catalogue(agency=catalogue.agency, data=csv, filename="k.csv")
        missing = import_catalogue(agency=catalogue.agency, data=b"Judul,Biaya\nA,1\n", filename="k.csv")
    assert report.errors[0].message == "method code 'XX-BAD' is not recognised"
    assert missing.errors[0].message == "Required columns missing: Kode metode, JP"


def _without(data: bytes, *labels: str) -> bytes:
    rows = _rows(data)
    keep = [i for i, label in enumerate(rows[0]) if label not in labels]
    return xlsx_bytes([rows[0][i] for i in keep], [[r[i] for i in keep] for r in rows[1:]])


def _state(agency) -> list:
    return _rows(_export(agency))


def test_it_keeps_what_an_older_template_does_not_carry(catalogue):
    """A file without the optional columns (an older template) updates what it carries and nothing else."""
    pkp = Programme.objects.get(code="PKP-01")
    Programme.objects.filter(pk=pkp.pk).update(employee_statuses=["pns"], description="Untuk pengawas",
                                               curriculum_reference="Perlan 5/2022", capacity_per_session=25)
    before = _state(catalogue.agency)
    optional = [h for h in HEADERS if h not in ("Kode", "Judul", "Kode metode", "JP")]
    data = _without(_export(catalogue.agency), *optional)
    report = import_catalogue(agency=catalogue.agency, data=data, filename="katalog.xlsx")
    assert report.written and report.unchanged == 2 and report.updated == 0
    assert _state(catalogue.agency) == before
    rows = _rows(data)
    rows[1 + [r[0] for r in rows[1:]].index("PKP-01")][rows[0].index("JP")] = 400
    report = import_catalogue(agency=catalogue.agency, data=xlsx_bytes(rows[0], rows[1:]), filename="k.xlsx")
    assert report.updated == 1
    pkp.refresh_from_db()
    assert pkp.jp == 400 and pkp.employee_statuses == ["pns"] and pkp.position_types == ["pengawas"]
    assert (pkp.cost_per_participant, pkp.mandatory, pkp.capacity_per_session) == (25_000_000, True, 25)
    assert sorted(f"{t.competency.code}:{t.uplift}" for t in pkp.targets.all()) == ["M.2:1", "M.6:2"]
    assert (pkp.description, pkp.curriculum_reference) == ("Untuk pengawas", "Perlan 5/2022")


def test_it_updates_a_present_column_and_an_empty_cell_lifts_the_restriction(catalogue):
    """Jenis jabatan / Status kepegawaian present: their value replaces the stored one; empty means everyone
    (docs/panduan/katalog-dan-mentoring.md: "kosong = semua")."""
    rows = _rows(_export(catalogue.agency))
    header = rows[0]
    pkp = next(r for r in rows[1:] if r[0] == "PKP-01")
    bim = next(r for r in rows[1:] if r[0] == "BIM-01")
    pkp[header.index("Jenis jabatan")] = None
    bim[header.index("Status kepegawaian")] = "cpns, pppk"
    bim[header.index("Jenis jabatan")] = "pelaksana"
    report = import_catalogue(agency=catalogue.agency, data=xlsx_bytes(header, rows[1:]), filename="k.xlsx")
    assert report.updated == 2
    assert Programme.objects.get(code="PKP-01").position_types == []
    bim_programme = Programme.objects.get(code="BIM-01")
    assert bim_programme.employee_statuses == ["cpns", "pppk"] and bim_programme.position_types == ["pelaksana"]
    report = import_catalogue(agency=catalogue.agency, data=_export(catalogue.agency), filename="k.xlsx")
    assert report.unchanged == 2 and report.updated == 0


def test_a_new_programme_from_an_older_template_takes_the_defaults(catalogue):
    csv = b"Kode,Judul,Kode metode,JP\nN-1,Workshop SRIKANDI,KL-WOR,8\n"
    report = import_catalogue(agency=catalogue.agency, data=csv, filename="k.csv")
    assert report.created == 1
    new = Programme.objects.get(code="N-1")
    assert (new.employee_statuses, new.position_types, new.active, new.capacity_per_session) == ([], [], True, 30)


def test_a_file_without_codes_refuses_to_copy_a_programme_already_in_the_catalogue(catalogue):
    # Imported twice, a file without the Kode column would otherwise create every programme a second time.
    data = _without(_export(catalogue.agency), "Kode")
    report = import_catalogue(agency=catalogue.agency, data=data, filename="katalog.xlsx")
    assert not report.written and report.created == 0
    assert len(report.errors) == 2
    assert "sudah ada (kode PKP-01)" in " ".join(e.message for e in report.errors)
    assert Programme.objects.filter(agency=catalogue.agency).count() == 2


def test_two_rows_without_a_code_for_the_same_new_programme_make_one_error_not_two_programmes(catalogue):
    csv = b"Judul,Kode metode,JP\nWorkshop SRIKANDI,KL-WOR,8\nWorkshop SRIKANDI,KL-WOR,8\nLatihan Baru,KL-WOR,8\n"
    report = import_catalogue(agency=catalogue.agency, data=csv, filename="k.csv")
    assert not report.written and [e.row for e in report.errors] == [3]
    assert not Programme.objects.filter(title__in=["Workshop SRIKANDI", "Latihan Baru"]).exists()


def test_an_empty_cost_cell_keeps_the_stored_cost_and_a_written_zero_makes_it_free(catalogue):
    rows = _rows(_export(catalogue.agency))
    header = rows[0]
    pkp = next(r for r in rows[1:] if r[0] == "PKP-01")
    pkp[header.index("Biaya per peserta (Rp)")] = None
    pkp[header.index("JP")] = 400
    report = import_catalogue(agency=catalogue.agency, data=xlsx_bytes(header, rows[1:]), filename="k.xlsx")
    assert report.written and report.updated == 1 and report.unchanged == 1
    stored = Programme.objects.get(code="PKP-01")
    assert (stored.jp, stored.cost_per_participant) == (400, 25_000_000)
    pkp[header.index("Biaya per peserta (Rp)")] = 0
    report = import_catalogue(agency=catalogue.agency, data=xlsx_bytes(header, rows[1:]), filename="k.xlsx")
    assert report.updated == 1 and Programme.objects.get(code="PKP-01").cost_per_participant == 0


def test_empty_cells_on_an_existing_programme_keep_its_levels_capacity_mode_and_flags(catalogue):
    pkp = Programme.objects.get(code="PKP-01")
    Programme.objects.filter(pk=pkp.pk).update(min_level=2, max_level=3, capacity_per_session=25, delivery="daring",
                                               mandatory=True, active=False)
    rows = _rows(_export(catalogue.agency))
    header = rows[0]
    row = next(r for r in rows[1:] if r[0] == "PKP-01")
    for label in ("Level minimal", "Level maksimal", "Kapasitas per angkatan", "Moda", "Wajib", "Aktif"):
        row[header.index(label)] = None
    row[header.index("JP")] = 400
    report = import_catalogue(agency=catalogue.agency, data=xlsx_bytes(header, rows[1:]), filename="k.xlsx")
    assert report.written and report.updated == 1 and report.unchanged == 1
    pkp.refresh_from_db()
    assert pkp.jp == 400
    assert (pkp.min_level, pkp.max_level, pkp.capacity_per_session, pkp.delivery, pkp.mandatory, pkp.active) == (
        2, 3, 25, "daring", True, False)


def test_a_new_programme_needs_the_cost_levels_capacity_and_mode_the_form_requires(catalogue):
    csv = (b"Kode,Judul,Kode metode,JP,Biaya per peserta (Rp),Level minimal,Level maksimal,Kapasitas,Moda,Wajib,Aktif\n"
           b"N-1,Workshop SRIKANDI,KL-WOR,8,,2,4,20,Daring,,\n"
           b"N-2,Kursus Word,KL-KUR,8,0,,,,,,\n"
           b"N-3,Kursus Excel,KL-KUR,8,0,2,4,20,Daring,,\n")
    report = import_catalogue(agency=catalogue.agency, data=csv, filename="k.csv")
    assert not report.written and [(e.row, e.value, e.message) for e in report.errors] == [
        (2, "N-1", "Biaya per peserta wajib diisi untuk program baru (tulis 0 bila tanpa biaya)"),
        (3, "N-2", "Level minimal, Level maksimal, Kapasitas per angkatan, Moda wajib diisi untuk program baru")]
    assert not Programme.objects.filter(code__in=["N-1", "N-2", "N-3"]).exists()
    report = import_catalogue(agency=catalogue.agency, data=csv, filename="k.csv", skip_invalid=True)
    assert report.created == 1 and not Programme.objects.filter(code__in=["N-1", "N-2"]).exists()
    # Wajib and Aktif are optional on the programme form: empty gives their defaults
    new = Programme.objects.get(code="N-3")
    assert (new.cost_per_participant, new.min_level, new.max_level, new.capacity_per_session, new.delivery,
            new.mandatory, new.active) == (0, 2, 4, 20, "daring", False, True)
