"""Roster import: rules per row and across the file, modes (all-or-nothing, skip invalid, dry run), upserts."""

from __future__ import annotations

import datetime as dt

import pytest

from renbang.org.models import OrgUnit, Position, PositionType
from renbang.people.importing import import_employees
from renbang.people.models import Employee, PerformanceRecord

from ..factories import AgencyFactory, EmployeeFactory
from .builders import SIASN, make_csv, make_xlsx, nip, person, team


def run(world, data, *, filename="roster.csv", dry_run=False, skip_invalid=False, agency=None):
    return import_employees(data=data, filename=filename, agency=agency or world.agency, dry_run=dry_run,
                            skip_invalid=skip_invalid)


def imported():
    return Employee.objects.filter(name__startswith="Pegawai Impor")


def messages_of(report):
    return [(e.row, e.column, e.message) for e in report.errors]


def test_it_imports_a_team_with_its_supervisor_unit_and_position(world):
    report = run(world, make_csv(team(4)))
    assert (report.created, report.updated, report.unchanged, report.written) == (4, 0, 0, True)
    head = imported().get(name="Pegawai Impor 1")
    assert head.position.position_type == PositionType.ADMINISTRATOR
    assert head.unit.name == "Dinas Uji Impor" and head.unit.parent is None
    assert set(imported().exclude(pk=head.pk).values_list("supervisor_id", flat=True)) == {head.pk}
    staff = imported().get(name="Pegawai Impor 2")
    assert (staff.sex, staff.birth_date, staff.education, staff.back_title) == ("P", staff.birth_date, "s1", "S.Kom.")
    assert staff.birth_date.strftime("%Y%m%d") == staff.nip[:8]  # derived from the NIP when the column is absent
    assert any("Unit kerja baru" in n and "Dinas Uji Impor" in n for n in report.notes)
    assert any("Jabatan baru: Kepala Bidang Uji (Administrator)" in n for n in report.notes)


def test_it_changes_nothing_when_the_same_file_is_imported_again(world):
    data = make_xlsx(team(5))
    run(world, data, filename="roster.xlsx")
    units, positions = OrgUnit.objects.count(), Position.objects.count()
    snapshot = list(imported().order_by("nip").values())
    report = run(world, data, filename="roster.xlsx")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert (OrgUnit.objects.count(), Position.objects.count()) == (units, positions)
    assert list(imported().order_by("nip").values()) == snapshot
    assert report.notes == []


def test_it_updates_changed_rows_and_keeps_absent_columns(world):
    rows = team(3)
    run(world, make_csv(rows))
    rows[1]["rank"] = "III/b"
    rows[2]["name"] = "Pegawai Impor Tiga Baru"
    report = run(world, make_csv(rows))
    assert (report.created, report.updated, report.unchanged) == (0, 2, 1)
    assert imported().get(nip=rows[1]["nip"]).rank == "III/b"
    partial = [{"nip": rows[1]["nip"], "email": "baru@pemkomedan.go.id"}]
    report = run(world, make_csv(partial))
    assert report.updated == 1 and not report.errors
    employee = imported().get(nip=rows[1]["nip"])
    assert (employee.email, employee.rank, employee.unit.name) == ("baru@pemkomedan.go.id", "III/b", "Dinas Uji Impor")


def test_it_updates_an_existing_employee_of_the_world_by_nip(world):
    report = run(world, make_csv([{"nip": world.staff.nip, "name": "Ahmad Lubis", "rank": "III/c"}]))
    assert report.updated == 1
    world.staff.refresh_from_db()
    assert world.staff.rank == "III/c" and world.staff.supervisor == world.chief  # absent Atasan column kept


def test_it_links_a_supervisor_that_already_exists_in_the_database(world):
    report = run(world, make_csv([person(1, supervisor=world.chief.nip)]))
    assert report.created == 1
    assert imported().get().supervisor == world.chief


def test_it_matches_units_and_positions_case_insensitively_and_creates_under_the_parent_unit(world):
    rows = [person(1, unit="bidang pembinaan  sd", position="pengolah data"),
            person(2, unit="Seksi Baru", parent_unit="DINAS KESEHATAN", position="Analis Kebijakan Ahli Muda"),
            person(3, unit="Seksi Kurikulum SD", parent_unit="Dinas Pendidikan dan Kebudayaan",
                   position="Pranata Komputer Terampil")]
    report = run(world, make_csv(rows))
    assert report.created == 3, report.errors
    one, two, three = (imported().get(nip=r["nip"]) for r in rows)
    assert one.unit == world.field_a and one.position == world.positions.staff
    assert two.unit.parent == world.unit_b and two.unit.kind == "seksi"
    assert (two.position.position_type, two.position.level) == (PositionType.FUNCTIONAL_EXPERT, "muda")
    assert three.unit == world.section_a
    assert (three.position.position_type, three.position.level) == (PositionType.FUNCTIONAL_SKILLED, "terampil")
    assert OrgUnit.objects.filter(name="Seksi Baru").count() == 1


def test_it_refuses_an_ambiguous_unit_name_without_a_parent_unit(world):
    OrgUnit.objects.create(agency=world.agency, name="Subbagian Umum", parent=world.unit_a)
    OrgUnit.objects.create(agency=world.agency, name="Subbagian Umum", parent=world.unit_b)
    report = run(world, make_csv([person(1, unit="Subbagian Umum")]))
    assert not report.written
    assert "ada lebih dari satu" in report.errors[0].message and report.errors[0].column == "Unit Kerja"
    report = run(world, make_csv([person(1, unit="Subbagian Umum", parent_unit="Dinas Kesehatan")]))
    assert imported().get().unit.parent == world.unit_b


@pytest.mark.parametrize(("name", "jenis", "expected"), [
    ("Kepala Dinas Pendidikan", "Struktural", ("jpt", "pratama")),
    ("Sekretaris Dinas Kesehatan", "", ("administrator", "")),
    ("Camat Medan Baru", "", ("administrator", "")),
    ("Kepala Bidang Anggaran", "", ("administrator", "")),
    ("Kepala Seksi Pelayanan", "", ("pengawas", "")),
    ("Kepala Subbagian Umum", "Struktural", ("pengawas", "")),
    ("Lurah Titi Rantai", "", ("pengawas", "")),
    ("Guru Ahli Pertama", "Fungsional Tertentu", ("fungsional_keahlian", "pertama")),
    ("Dokter Ahli Madya", "", ("fungsional_keahlian", "madya")),
    ("Perawat Penyelia", "", ("fungsional_keterampilan", "penyelia")),
    ("Guru Muda", "Fungsional", ("fungsional_keahlian", "muda")),
    ("Pengadministrasi Umum", "Pelaksana", ("pelaksana", "")),
    ("Pengelola Keuangan", "", ("pelaksana", "")),
])
def test_it_guesses_the_type_of_a_new_position_from_its_name(world, name, jenis, expected):
    report = run(world, make_csv([person(1, position=name, position_type=jenis)]))
    assert report.created == 1, report.errors
    position = imported().get().position
    assert (position.position_type, position.level) == expected


def test_it_refuses_a_functional_position_whose_level_cannot_be_guessed(world):
    report = run(world, make_csv([person(1, position="Penyuluh Pertanian", position_type="Fungsional Tertentu")]))
    assert not report.written and report.errors[0].column == "Jabatan"
    assert "Jenjang jabatan fungsional" in report.errors[0].message


BAD_ROWS = [
    ({"nip": "19800101200501100"}, "NIP", "harus 18 digit"),
    ({"nip": "1980010120050110AB"}, "NIP", "hanya boleh berisi angka"),
    ({"nip": "198013012005011001"}, "NIP", "bukan tanggal lahir yang sah"),
    ({"nip": "198001012005013001"}, "NIP", "digit 15 harus 1"),
    ({"nip": "198001012005131001"}, "NIP", "bulan pengangkatan CPNS 13"),
    ({"nip": "198001011995011001"}, "NIP", "sebelum usia 18"),
    ({"nip": "198001019999011001"}, "NIP", "masa depan"),
    ({"nip": ""}, "NIP", "wajib"),
    ({"birth_date": "31-02-1980"}, "Tanggal Lahir", "tidak dikenali"),
    ({"birth_date": "02-01-1970"}, "Tanggal Lahir", "tidak sama dengan NIP"),
    ({"sex": "X"}, "Jenis Kelamin", "L/Laki-laki"),
    ({"status": "Honorer"}, "Status", "PNS, CPNS, PPPK"),
    ({"rank": "IX"}, "Golongan", "Golongan PNS harus I/a sampai IV/e"),
    ({"rank": "V/f"}, "Golongan", "Golongan PNS"),
    ({"status": "PPPK", "rank": "III/a"}, "Golongan", "Golongan PPPK harus I sampai XVII"),
    ({"supervisor": nip(999)}, "Atasan", "tidak ditemukan"),
    ({"supervisor": "123"}, "Atasan", "18 digit"),
    ({"email": "bukan-surel"}, "Email", "surel tidak sah"),
    ({"education": "Pesantren Kilat"}, "Pendidikan", "Pendidikan tidak dikenal"),
    ({"since": "kemarin"}, "TMT Jabatan", "tidak dikenali"),
    ({"active": "mungkin"}, "Aktif", "Ya/Tidak"),
    ({"name": ""}, "Nama", "wajib"),
    ({"unit": ""}, "Unit Kerja", "wajib"),
    ({"name": "x" * 151}, "Nama", "Terlalu panjang"),
]


@pytest.mark.parametrize(("change", "column", "message"), BAD_ROWS)
def test_it_writes_nothing_when_a_row_breaks_a_rule_and_says_which(world, change, column, message):
    rows = team(3)
    rows[2] = {**rows[2], **change}
    report = run(world, make_csv(rows))
    assert not report.written
    assert imported().count() == 0
    assert [(e.row, e.column) for e in report.errors] == [(4, column)], messages_of(report)
    assert message in report.errors[0].message
    assert (report.created, report.invalid_rows) == (2, 1)


@pytest.mark.parametrize(("change", "column", "message"), BAD_ROWS)
def test_it_writes_the_valid_rows_only_when_asked_to_skip_invalid_ones(world, change, column, message):
    rows = team(3)
    rows[2] = {**rows[2], **change}
    report = run(world, make_csv(rows), skip_invalid=True)
    assert report.written and report.created == 2 and report.skipped == 1
    assert set(imported().values_list("nip", flat=True)) == {rows[0]["nip"], rows[1]["nip"]}


def test_it_accepts_sex_words_pppk_status_and_ranks_in_other_spellings(world):
    pppk_nip = nip(5, appointment=(2023, 0 + 1))
    rows = [person(1, sex="Laki-laki", rank="3a"), person(2, sex="perempuan", rank="Penata Muda (III/a)"),
            person(5, nip=pppk_nip[:8] + "202300" + pppk_nip[14:], status="PPPK Paruh Waktu", rank="gol. IX",
                   sex="L"),
            person(7, status="cpns", rank="ii/A")]
    report = run(world, make_csv(rows))
    assert report.created == 4, messages_of(report)
    assert sorted(imported().values_list("status", "rank")) == sorted(
        [("pns", "III/a"), ("pns", "III/a"), ("pppk_pw", "IX"), ("cpns", "II/a")])


def test_it_refuses_a_nip_of_another_agency(world):
    other = AgencyFactory(code="kab-deli", name="Pemerintah Kabupaten Deli Serdang")
    stranger = EmployeeFactory(agency=other)
    report = run(world, make_csv([person(1), person(2, nip=stranger.nip)]))
    assert not report.written and report.errors[0].row == 3 and "instansi lain" in report.errors[0].message
    report = run(world, make_csv([person(1, supervisor=stranger.nip)]))
    assert "instansi yang sama" in report.errors[0].message


def test_it_reports_a_duplicate_nip_on_the_later_row(world):
    rows = team(3)
    rows.append({**rows[1], "name": "Pegawai Impor Ganda"})
    report = run(world, make_csv(rows))
    assert [(e.row, e.column) for e in report.errors] == [(5, "NIP")]
    assert "baris 3" in report.errors[0].message


def test_it_refuses_a_cycle_of_supervisors_inside_the_file(world):
    a, b, c = person(1), person(2), person(3)
    a["supervisor"], b["supervisor"], c["supervisor"] = b["nip"], c["nip"], a["nip"]
    report = run(world, make_csv([a, b, c, person(4, supervisor=a["nip"])]), skip_invalid=True)
    assert sorted(e.row for e in report.errors) == [2, 3, 4]
    assert all("lingkaran" in e.message for e in report.errors)
    assert report.skipped == 3
    # the 4th row is valid; its supervisor (row 2) is not written, so it is written without one, with a note
    assert report.created == 1 and imported().get().supervisor is None
    assert any("Baris 5: atasan (baris 2) tidak valid" in n for n in report.notes)


def test_it_refuses_a_self_supervisor_and_a_cycle_through_existing_employees(world):
    me = person(1)
    report = run(world, make_csv([{**me, "supervisor": me["nip"]}]))
    assert "dirinya sendiri" in report.errors[0].message
    # the world's boss would report to their own staff: boss → staff → chief → boss
    report = run(world, make_csv([{"nip": world.boss.nip, "supervisor": world.staff.nip}]))
    assert not report.written and "lingkaran" in report.errors[0].message


def test_it_finds_a_cycle_that_appears_only_once_invalid_rows_are_dropped(world):
    # File: other → chief, boss → other, chief → nobody (but the chief row is invalid). Taken whole the file has
    # no cycle; once the chief row is dropped, chief keeps its stored supervisor (boss): boss → other → chief → boss.
    rows = [{"nip": world.other.nip, "supervisor": world.chief.nip, "email": ""},
            {"nip": world.boss.nip, "supervisor": world.other.nip, "email": ""},
            {"nip": world.chief.nip, "supervisor": "", "email": "salah"}]
    report = run(world, make_csv(rows), skip_invalid=True)
    assert sorted((e.row, e.column) for e in report.errors) == [(2, "Atasan"), (3, "Atasan"), (4, "Email")]
    assert "lingkaran" in report.errors[0].message
    world.boss.refresh_from_db()
    world.other.refresh_from_db()
    assert world.boss.supervisor is None and world.other.supervisor is None


def test_it_keeps_subordinates_of_an_invalid_new_supervisor_without_supervisor_when_skipping(world):
    rows = team(3)
    rows[0]["email"] = "salah"
    report = run(world, make_csv(rows), skip_invalid=True)
    assert report.created == 2 and report.skipped == 1
    assert set(imported().values_list("supervisor", flat=True)) == {None}
    assert any("Baris 3: atasan (baris 2) tidak valid" in n for n in report.notes)


def test_it_writes_nothing_on_a_dry_run_and_reports_what_would_change(world):
    report = run(world, make_csv(team(3)), dry_run=True)
    assert (report.created, report.written, report.dry_run) == (3, False, True)
    assert imported().count() == 0 and not OrgUnit.objects.filter(name="Dinas Uji Impor").exists()
    assert any("Dinas Uji Impor" in n for n in report.notes)


def test_it_reads_siasn_headers_and_kedudukan_hukum(world):
    rows = team(2)
    rows[1].update(active="Pensiun", birth_date=rows[1]["nip"][6:8] + "-" + rows[1]["nip"][4:6] + "-"
                   + rows[1]["nip"][:4], since="2021-01-04")
    report = run(world, make_csv(rows, names=SIASN))
    assert report.created == 2, messages_of(report)
    retired = imported().get(nip=rows[1]["nip"])
    assert retired.active is False and retired.position_since == dt.date(2021, 1, 4)


def test_it_imports_performance_records_when_the_columns_are_present(world):
    rows = [person(1, **{"Tahun SKP": 2025, "Predikat Kinerja": "Sangat Baik"}),
            person(2, **{"Tahun SKP": "", "Predikat Kinerja": ""})]
    report = run(world, make_csv(rows))
    assert report.created == 2
    assert list(PerformanceRecord.objects.values_list("year", "predicate")) == [(2025, "sangat_baik")]
    assert run(world, make_csv(rows)).unchanged == 2
    rows[0]["Predikat Kinerja"] = "Baik"
    assert run(world, make_csv(rows)).updated == 1
    assert PerformanceRecord.objects.get().predicate == "baik"
    rows[1]["Predikat Kinerja"] = "Luar Biasa"
    assert "Predikat kinerja harus" in run(world, make_csv(rows)).errors[0].message


def test_it_requires_name_unit_and_position_columns_for_new_employees_only(world):
    report = run(world, make_csv([{"nip": nip(1), "name": "Pegawai Impor 1"}]))
    assert {e.column for e in report.errors} == {"Unit Kerja", "Jabatan"}
    assert run(world, make_csv([{"nip": world.staff.nip, "rank": "III/b"}])).updated == 1


def test_it_notes_ignored_columns(world):
    report = run(world, make_csv([person(1, **{"Hobi": "catur"})]))
    assert any("Hobi" in n for n in report.notes)


def test_a_written_import_starts_new_cached_figures_and_a_dry_run_does_not(world, django_capture_on_commit_callbacks):
    """The import writes in bulk, past the model signals that renew the shared figures (renbang.core.figures):
    here it only updates employees that exist (no new unit, position or account to save one by one)."""
    from renbang.core import figures

    rows = team(3)
    with django_capture_on_commit_callbacks(execute=True):
        run(world, make_csv(rows))
    rows[1]["name"] = "Pegawai Pindah Nama"
    before = figures.version()
    run(world, make_csv(rows), dry_run=True)
    assert figures.version() == before
    with django_capture_on_commit_callbacks(execute=True):
        report = run(world, make_csv(rows))
    assert report.written and report.updated == 1 and figures.version() != before
