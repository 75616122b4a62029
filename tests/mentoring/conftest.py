import datetime as dt

import pytest

from renbang.competencies.models import PositionStandard
from renbang.mentoring.models import Participant
from renbang.mentoring.services import programme_save
from tests.catalog.factories import method, national


@pytest.fixture
def mentoring(world):
    """A programme on M.2 and M.6; standards: administrator 3, pengawas 2, pelaksana 1 (proxy levels).

    Mentors: boss (administrator, IV/a) and chief (pengawas, III/d); mentees: staff (same seksi as chief) and
    other (Dinas Kesehatan). Chief can mentor staff (2 ≥ 1 + 1); boss can mentor both.
    """
    m2, m6 = national("M.2", "Kerja Sama"), national("M.6", "Pengembangan Diri dan Orang Lain")
    for position, level in ((world.positions.administrator, 3), (world.positions.pengawas, 2),
                            (world.positions.staff, 1)):
        for competency in (m2, m6):
            PositionStandard.objects.create(position=position, competency=competency, required_level=level)
    programme = programme_save(agency=world.agency, competencies=[m2, m6], data={
        "title": "Mentoring Kepemimpinan 2026", "method": method("NK-MEN"), "start_date": dt.date(2026, 1, 1),
        "end_date": dt.date(2026, 12, 31), "capacity_per_mentor": 1})
    for employee, role in ((world.boss, "mentor"), (world.chief, "mentor"), (world.staff, "mentee"),
                           (world.other, "mentee")):
        Participant.objects.create(programme=programme, employee=employee, role=role)
    world.programme = programme
    world.m2, world.m6 = m2, m6
    return world
