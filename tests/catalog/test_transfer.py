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
