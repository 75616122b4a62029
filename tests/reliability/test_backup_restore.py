"""Backups: a pg_dump of the database restores into a scratch database with every row (docs/deploy.md §7)."""

from __future__ import annotations

import os
import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from renbang.people.models import Employee
from tests.factories import EmployeeFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def pg_dump(path) -> None:
    s = connection.settings_dict
    subprocess.run(["pg_dump", "-Fc", "-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432), "-U",
                    s["USER"] or "postgres", "-d", s["NAME"], "-f", str(path)], check=True, timeout=600,
                   env={**os.environ, "PGPASSWORD": s["PASSWORD"] or ""})


def test_a_dump_restores_with_every_row_and_every_migration(world, tmp_path):
    dump = tmp_path / "renbang.dump"
    pg_dump(dump)
    out = StringIO()
    call_command("restore_check", str(dump), "--compare", stdout=out)
    text = out.getvalue()
    assert "cadangan dapat dipulihkan" in text
    assert f"people_employee: {Employee.objects.count()}" in text
    assert Employee.objects.count() >= 4


def test_it_reports_rows_missing_from_a_dump(world, tmp_path):
    dump = tmp_path / "renbang.dump"
    pg_dump(dump)
    EmployeeFactory(agency=world.agency, unit=world.unit_a)  # written after the backup
    with pytest.raises(CommandError, match="people_employee"):
        call_command("restore_check", str(dump), "--compare", stdout=StringIO())


def test_it_refuses_a_file_that_is_not_a_dump(world, tmp_path):
    bad = tmp_path / "bukan.dump"
    bad.write_bytes(b"bukan cadangan")
    with pytest.raises(CommandError, match="pg_restore gagal"):
        call_command("restore_check", str(bad), stdout=StringIO())
