"""manage.py import_employees: exit codes, printed summary and the --report file."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from renbang.people.models import Employee

from ..factories import AgencyFactory
from .builders import make_csv, make_xlsx, team


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_it_imports_a_file_and_exits_zero(world, tmp_path, capsys):
    call_command("import_employees", write(tmp_path, "roster.xlsx", make_xlsx(team(3))))
    out = capsys.readouterr().out
    assert "dibuat 3" in out and "Impor selesai" in out
    assert Employee.objects.filter(name__startswith="Pegawai Impor").count() == 3


def test_it_writes_nothing_on_a_dry_run(world, tmp_path, capsys):
    call_command("import_employees", write(tmp_path, "r.csv", make_csv(team(3))), "--dry-run")
    assert "akan dibuat 3" in capsys.readouterr().out
    assert not Employee.objects.filter(name__startswith="Pegawai Impor").exists()


def test_it_exits_one_with_a_report_when_rows_are_invalid(world, tmp_path, capsys):
    rows = team(3)
    rows[2]["rank"] = "V/z"
    report = tmp_path / "laporan.csv"
    with pytest.raises(CommandError) as failed:
        call_command("import_employees", write(tmp_path, "r.csv", make_csv(rows)), "--report", str(report))
    assert failed.value.returncode == 1
    assert "baris 4, kolom Golongan" in capsys.readouterr().out
    lines = list(csv.reader(report.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0] == ["baris", "kolom", "nilai", "pesan"]
    assert lines[1][:3] == ["4", "Golongan", "V/z"] and "Golongan PNS" in lines[1][3]
    assert not Employee.objects.filter(name__startswith="Pegawai Impor").exists()


def test_it_writes_the_valid_rows_and_exits_zero_with_skip_invalid(world, tmp_path):
    rows = team(3)
    rows[2]["rank"] = "V/z"
    call_command("import_employees", write(tmp_path, "r.csv", make_csv(rows)), "--skip-invalid")
    assert Employee.objects.filter(name__startswith="Pegawai Impor").count() == 2


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4 not a roster", b"Nama\r\nBudi\r\n"])
def test_it_exits_two_for_a_refused_file(world, tmp_path, data):
    with pytest.raises(CommandError) as refused:
        call_command("import_employees", write(tmp_path, "r.csv", data))
    assert refused.value.returncode == 2 and "Berkas ditolak" in str(refused.value)


def test_it_exits_two_for_a_missing_file_or_unknown_agency(world, tmp_path):
    with pytest.raises(CommandError) as missing:
        call_command("import_employees", str(tmp_path / "tidak-ada.csv"))
    assert missing.value.returncode == 2
    with pytest.raises(CommandError) as unknown:
        call_command("import_employees", write(tmp_path, "r.csv", make_csv(team(2))), "--agency", "entah")
    assert unknown.value.returncode == 2


def test_it_picks_the_agency_by_code(world, tmp_path):
    other = AgencyFactory(code="kab-deli", name="Pemerintah Kabupaten Deli Serdang")
    call_command("import_employees", write(tmp_path, "r.csv", make_csv(team(2))), "--agency", "kab-deli")
    assert Employee.objects.filter(agency=other).count() == 2
