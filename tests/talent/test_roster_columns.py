"""The roster import reads SIASN's BUP / TMT pensiun and the PPPK contract end (issue 21)."""

from __future__ import annotations

import datetime as dt

from renbang.people.importing import import_employees
from renbang.people.models import Employee
from tests.people.builders import INDONESIAN, make_csv, person

NAMES = {**INDONESIAN, "bup": "bupPensiun", "tmt": "tmtPensiun", "end": "Akhir Perjanjian Kerja"}


def run(world, rows):
    return import_employees(data=make_csv(rows, names=NAMES), filename="r.csv", agency=world.agency,
                            dry_run=False, skip_invalid=False)


def test_it_imports_bup_retirement_date_and_contract_end(world):
    report = run(world, [person(1, bup="60", tmt="01-05-2030", end="")])
    assert report.written, report.errors
    e = Employee.objects.get(name="Pegawai Impor 1")
    assert (e.bup_age, e.retirement_date, e.contract_end) == (60, dt.date(2030, 5, 1), None)


def test_it_refuses_an_impossible_bup_with_a_clear_message(world):
    report = run(world, [person(1, bup="120", tmt="", end="")])
    assert not report.written
    assert any("BUP harus" in e.message and e.column == "bupPensiun" for e in report.errors)
