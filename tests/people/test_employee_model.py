import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from renbang.people.nip import make_nip

from ..factories import AgencyFactory, EmployeeFactory


def test_it_refuses_a_nip_inconsistent_with_the_birth_date_and_sex(world):
    employee = world.staff
    employee.birth_date = dt.date(1990, 5, 5)
    employee.sex = "P"
    with pytest.raises(ValidationError) as info:
        employee.full_clean()
    assert "birth_date" in info.value.message_dict and "sex" in info.value.message_dict


def test_it_refuses_a_pns_rank_for_a_pppk(world):
    employee = world.staff
    employee.status = "pppk"
    employee.rank = "III/a"
    with pytest.raises(ValidationError) as info:
        employee.full_clean()
    assert "Golongan PPPK" in info.value.message_dict["rank"][0]


def test_it_refuses_a_supervisor_cycle(world):
    boss = world.boss
    boss.supervisor = world.staff  # staff reports (indirectly) to boss
    with pytest.raises(ValidationError) as info:
        boss.full_clean()
    assert "lingkaran" in info.value.message_dict["supervisor"][0]


def test_it_refuses_a_supervisor_from_another_agency(world):
    outsider = EmployeeFactory(agency=AgencyFactory(code="kota-binjai", name="Pemerintah Kota Binjai"))
    world.staff.supervisor = outsider
    with pytest.raises(ValidationError) as info:
        world.staff.full_clean()
    assert "instansi yang sama" in info.value.message_dict["supervisor"][0]


def test_it_accepts_a_consistent_employee(world):
    world.staff.full_clean()
    assert world.staff.nip == make_nip(world.staff.birth_date, (world.staff.birth_date.year + 23, 3), "L",
                                       int(world.staff.nip[-3:]))
