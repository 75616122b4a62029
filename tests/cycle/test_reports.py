import datetime as dt
import io
import subprocess

import pytest
from openpyxl import load_workbook

from renbang.cycle.services import year_close

pytestmark = pytest.mark.django_db


def _rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return {name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames}


def test_it_exports_an_employees_history_in_siasn_columns(cycle, login):
    sheets = _rows(login(cycle.users.employee).get("/siklus/saya/riwayat.xlsx"))
    rows = sheets["Riwayat diklat-kursus"]
    assert rows[0] == ["NIP", "Nama", "Jenis riwayat", "Jenis diklat/kursus", "Nama diklat/kursus",
                       "Institusi penyelenggara", "Tanggal mulai", "Tanggal selesai", "Tahun", "Jumlah jam (JP)",
                       "Nomor sertifikat"]
    assert len(rows) == 2
    nip, name, record, kind, title, _provider, start, end, year, jp, cert = rows[1]
    assert name == cycle.staff.full_name and kind == "Mentoring"
    assert (nip, title, year, jp) == (cycle.staff.nip, "Mentoring Integritas 2026", 2026, 3.5)
    assert start.date() == dt.date(2026, 11, 3) and end.date() == dt.date(2026, 11, 17)
    assert record == "Kursus" and cert is None


def test_it_exports_one_employee_only_to_who_sees_them(cycle, login):
    url = f"/siklus/laporan/riwayat/{cycle.staff.pk}.xlsx"
    assert len(_rows(login(cycle.users.officer_a).get(url))["Riwayat diklat-kursus"]) == 2
    assert login(cycle.users.officer_b).get(url).status_code == 404


def test_it_exports_the_history_in_bulk_within_scope(cycle, login):
    rows = _rows(login(cycle.users.officer_b).get("/siklus/laporan/riwayat.xlsx"))["Riwayat diklat-kursus"]
    assert rows[1:] == []  # the only history (mentoring of staff) is in unit A
    rows = _rows(login(cycle.users.officer_a).get("/siklus/laporan/riwayat.xlsx?tahun=2026"))
    assert [r[0] for r in rows["Riwayat diklat-kursus"][1:]] == [cycle.staff.nip]
    rows = _rows(login(cycle.users.admin).get("/siklus/laporan/riwayat.xlsx?tahun=2025"))
    assert rows["Riwayat diklat-kursus"][1:] == []
    assert login(cycle.users.admin).get(f"/siklus/laporan/riwayat.xlsx?unit={cycle.unit_b.pk}").status_code == 200
    assert login(cycle.users.officer_b).get("/siklus/laporan/riwayat.xlsx?unit=999999").status_code == 404
    assert login(cycle.users.employee).get("/siklus/laporan/riwayat.xlsx").status_code == 403


def test_it_writes_the_yearly_report_as_excel(cycle, login):
    year_close(agency_id=cycle.agency.pk, year=2025)
    sheets = _rows(login(cycle.users.head).get("/siklus/laporan/tahunan/2025.xlsx"))
    assert list(sheets) == ["Ringkasan", "Per unit", "Per kompetensi", "RPK 7 unsur", "Efektivitas metode"]
    overview = dict(sheets["Ringkasan"][1:])
    assert overview["Tahun"] == 2025 and overview["Status tahun"] == "Ditutup"
    assert overview["Pegawai dinilai"] == 3 and overview["Pegawai dengan kesenjangan"] == 2
    assert overview["Kebutuhan dibawa ke tahun berikutnya"] == 6
    assert sheets["RPK 7 unsur"][0][:7] == ["(a) Jenis kompetensi", "(b) Target pegawai", "(c) Bentuk dan jalur",
                                            "(d) Penyelenggara", "(e) Jadwal", "(f) Kesesuaian standar kurikulum",
                                            "(g) Anggaran (Rp)"]
    overview = dict(_rows(login(cycle.users.admin).get("/siklus/laporan/tahunan/2026.xlsx"))["Ringkasan"][1:])
    assert overview["Kebutuhan dibawa dari tahun sebelumnya"] == 6
    assert overview["Status tahun"] == "Berjalan (angka sementara)"
    assert overview["Kebutuhan dibawa ke tahun berikutnya"] == "—"


def test_it_writes_the_yearly_report_as_pdf(cycle, login, tmp_path):
    year_close(agency_id=cycle.agency.pk, year=2025)
    response = login(cycle.users.head).get("/siklus/laporan/tahunan/2025.pdf")
    path = tmp_path / "r.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert cycle.agency.name.upper() in text and "LAPORAN PENGEMBANGAN KOMPETENSI PEGAWAI" in text
    assert "2 dari 3 pegawai yang dinilai memiliki kesenjangan" in text
    assert "6 kebutuhan dibawa ke tahun berikutnya" in text
    assert "Pasal 207 ayat 3" in text


def test_it_keeps_the_yearly_report_for_the_head_and_bkpsdm(cycle, login):
    assert login(cycle.users.officer_a).get("/siklus/laporan/tahunan/2025.pdf").status_code == 403
    assert login(cycle.users.head).get("/siklus/laporan/tahunan/1999.xlsx").status_code == 404
