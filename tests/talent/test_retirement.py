"""BUP and TMT pensiun (PP 11/2017 Pasal 239 jo. PP 17/2020): every position type, boundary birthdays, SIASN wins,
PPPK contract end, the outlook and the `retirement_outlook` command."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from django.core.management import call_command

from renbang.org.models import PositionType
from renbang.people.models import EmployeeStatus
from renbang.talent import outlook, retirement
from renbang.talent.models import TalentSettings
from tests.factories import EmployeeFactory, PositionFactory

D = dt.date


def one(birth: dt.date, bup: int, rule: str = retirement.NEXT_MONTH) -> dt.date:
    return retirement.retirement_dates(np.array([birth], dtype="datetime64[D]"), np.array([bup]), rule=rule)[0] \
        .astype(object)


@pytest.mark.parametrize(("ptype", "level", "bup"), [
    ("jpt", "utama", 60), ("jpt", "madya", 60), ("jpt", "pratama", 60),
    ("administrator", "", 58), ("pengawas", "", 58), ("pelaksana", "", 58),
    ("fungsional_keahlian", "utama", 65), ("fungsional_keahlian", "madya", 60),
    ("fungsional_keahlian", "muda", 58), ("fungsional_keahlian", "pertama", 58),
    ("fungsional_keterampilan", "penyelia", 58), ("fungsional_keterampilan", "mahir", 58),
    ("fungsional_keterampilan", "terampil", 58), ("fungsional_keterampilan", "pemula", 58),
])
def test_it_gives_the_bup_of_every_position_type(ptype, level, bup):
    assert retirement.bup_for(ptype, level, "Analis") == bup


def test_it_applies_special_cases_by_position_name_and_they_are_editable():
    assert retirement.bup_for("fungsional_keahlian", "pertama", "Guru Ahli Pertama") == 60
    assert retirement.bup_for("fungsional_keahlian", "pertama", "Guru Ahli Pertama", special=[]) == 58
    assert retirement.bup_for("pelaksana", "", "Pengadministrasi Umum",
                              table={"pelaksana": 56}) == 56


@pytest.mark.parametrize(("birth", "bup", "expected"), [
    (D(1968, 5, 15), 58, D(2026, 6, 1)),  # an ordinary birthday
    (D(1968, 5, 31), 58, D(2026, 6, 1)),  # last day of a month
    (D(1968, 12, 31), 58, D(2027, 1, 1)),  # last day of the year: the next year
    (D(1968, 2, 29), 58, D(2026, 3, 1)),  # 29 February, BUP year without it
    (D(1968, 2, 29), 60, D(2028, 3, 1)),  # 29 February, BUP year with it
    (D(1968, 3, 1), 58, D(2026, 4, 1)),  # BUP reached on the first of a month: the month after
    (D(1966, 1, 1), 60, D(2026, 2, 1)),
    (D(1961, 7, 10), 65, D(2026, 8, 1)),
])
def test_it_starts_the_pension_on_the_first_of_the_month_after_the_bup(birth, bup, expected):
    assert one(birth, bup) == expected


@pytest.mark.parametrize(("birth", "bup", "expected"), [
    (D(1968, 5, 31), 58, D(2026, 5, 31)),
    (D(1968, 2, 29), 58, D(2026, 3, 1)),
    (D(1968, 2, 29), 60, D(2028, 2, 29)),
    (D(1968, 3, 1), 58, D(2026, 3, 1)),
])
def test_it_can_use_the_birthday_rule_instead(birth, bup, expected):
    assert one(birth, bup, retirement.BIRTHDAY) == expected


def test_the_birthday_rule_agrees_with_employee_age_on(db):
    e = EmployeeFactory(birth_date=D(1968, 2, 29))
    reached = one(e.birth_date, 58, retirement.BIRTHDAY)
    assert e.age_on(reached) == 58
    assert e.age_on(reached - dt.timedelta(days=1)) == 57


def test_siasn_values_win_over_the_computed_ones(db):
    pos = PositionFactory(position_type=PositionType.EXECUTIVE)
    plain = EmployeeFactory(position=pos, birth_date=D(1970, 4, 10))
    given_bup = EmployeeFactory(position=pos, birth_date=D(1970, 4, 10), bup_age=60)
    given_date = EmployeeFactory(position=pos, birth_date=D(1970, 4, 10), bup_age=58, retirement_date=D(2029, 1, 1))
    got = outlook.retirements(plain.agency_id).as_dict()
    assert got[plain.pk] == (58, D(2028, 5, 1), retirement.SOURCE_BUP)
    assert got[given_bup.pk] == (60, D(2030, 5, 1), retirement.SOURCE_BUP)
    assert got[given_date.pk][1:] == (D(2029, 1, 1), retirement.SOURCE_SIASN)


def test_pppk_leaves_the_day_after_the_contract_end(db):
    pos = PositionFactory(position_type=PositionType.EXECUTIVE)
    with_end = EmployeeFactory(position=pos, status=EmployeeStatus.PPPK, rank="IX", birth_date=D(1990, 1, 1),
                               nip="199001012023211001", contract_end=D(2027, 12, 31))
    got = outlook.retirements(with_end.agency_id).as_dict()
    assert got[with_end.pk] == (0, D(2028, 1, 1), retirement.SOURCE_CONTRACT)


def test_the_agency_settings_change_the_table_and_the_rule(db):
    e = EmployeeFactory(position=PositionFactory(position_type=PositionType.EXECUTIVE), birth_date=D(1968, 5, 31))
    TalentSettings.objects.create(agency=e.agency, bup_table={"pelaksana": 60}, pension_rule=retirement.BIRTHDAY)
    assert outlook.retirement_of(e) == (60, D(2028, 5, 31), retirement.SOURCE_BUP)


def test_the_settings_refuse_a_bad_table(db):
    e = EmployeeFactory()
    conf = TalentSettings(agency=e.agency, bup_table={"pelaksana": 20}, box_numbers={"1-1": 1})
    with pytest.raises(Exception) as info:
        conf.full_clean()
    assert set(info.value.message_dict) >= {"bup_table", "box_numbers"}


def test_the_outlook_counts_leavers_by_year_unit_type_and_competency(world):
    from renbang.competencies.models import Competency, PositionStandard

    comp = Competency.objects.filter(agency__isnull=True).order_by("code").first()
    PositionStandard.objects.create(position=world.positions.administrator, competency=comp, required_level=3)
    world.boss.birth_date = D(1968, 6, 15)  # administrator: 58 → 1 July 2026
    world.boss.save()
    world.other.birth_date = D(1970, 1, 20)  # pelaksana: 58 → 1 February 2028
    world.other.save()
    got = outlook.outlook(world.agency.pk, years=5, start=D(2026, 1, 1))
    assert got["total"] == 2
    assert {r["year"]: r["count"] for r in got["by_year"]}[2026] == 1
    assert {r["year"]: r["count"] for r in got["by_year"]}[2028] == 1
    units = {r["unit"]: r["total"] for r in got["by_unit"]}
    assert units == {"Dinas Pendidikan dan Kebudayaan": 1, "Dinas Kesehatan": 1}
    assert {r["type"]: r["total"] for r in got["by_type"]} == {"administrator": 1, "pelaksana": 1}
    assert got["competencies"][0]["code"] == comp.code and got["competencies"][0]["leavers"] == 1
    assert [r["name"] for r in got["leavers"]] == ["Rahmat Hasibuan", "Siti Nasution"]
    assert outlook.outlook(world.agency.pk, years=1, start=D(2026, 1, 1))["total"] == 1


def test_the_command_writes_every_active_employee(world, tmp_path):
    world.staff.bup_age = 60
    world.staff.save()
    out = tmp_path / "o.json"
    call_command("retirement_outlook", "--years", "5", "--json", str(out))
    data = json.loads(out.read_text())
    rows = {r["nip"]: r for r in data["employees"]}
    assert len(rows) == 4
    staff = rows[world.staff.nip]
    b = world.staff.birth_date
    assert staff["bup_age"] == 60
    assert staff["retirement_date"] == one(b, 60).isoformat()
    assert rows[world.boss.nip]["bup_age"] == 58
