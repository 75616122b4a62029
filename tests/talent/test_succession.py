"""Key positions (defaults, marking), candidates (career path, rank, service, retirement; ranked by readiness with
reasons), readiness labels, versioned succession groups of up to three."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from renbang.competencies.models import Competency, PositionStandard
from renbang.needs.models import Campaign, CurrentLevel, JobMatch
from renbang.org.models import PositionType
from renbang.people.models import PerformanceRecord, Predicate
from renbang.talent import services, succession
from renbang.talent.models import KeyPosition, Readiness, SuccessionGroup, TalentSettings
from tests.factories import EmployeeFactory, PositionFactory
from tests.needs.factories import CampaignFactory

TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def pool(world):
    """Key: the administrator position; the pengawas position leads to it. Three pengawas besides the chief."""
    admin_pos, pengawas = world.positions.administrator, world.positions.pengawas
    pengawas.next_positions.add(admin_pos)
    comps = list(Competency.objects.filter(agency__isnull=True).order_by("code")[:2])
    for c in comps:
        PositionStandard.objects.create(position=admin_pos, competency=c, required_level=3)
    campaign = CampaignFactory(agency=world.agency, status=Campaign.Status.CLOSED)
    strong = EmployeeFactory(agency=world.agency, unit=world.section_a, position=pengawas, name="Andi Kuat",
                             rank="III/d", birth_date=dt.date(1985, 1, 1))
    low_rank = EmployeeFactory(agency=world.agency, unit=world.section_a, position=pengawas, name="Budi Muda",
                               rank="III/a", birth_date=dt.date(1990, 1, 1))
    retiring = EmployeeFactory(agency=world.agency, unit=world.section_a, position=pengawas, name="Cici Senja",
                               rank="IV/a", birth_date=dt.date(1969, 3, 10))  # 58 → 1 April 2027
    levels = {strong: (3, 3), world.chief: (2, 2), low_rank: (3, 3), retiring: (3, 3)}
    for e, (a, b) in levels.items():
        for c, lv in zip(comps, (a, b), strict=True):
            CurrentLevel.objects.create(campaign=campaign, employee=e, competency=c, level=lv)
        JobMatch.objects.create(campaign=campaign, employee=e, unit=e.unit, jpm=Decimal(95 if a == 3 else 70))
        for year in (2024, 2025):
            PerformanceRecord.objects.create(employee=e, year=year, predicate=Predicate.VERY_GOOD)
    key = services.key_position_mark(agency=world.agency, position=admin_pos)
    return key, strong, low_rank, retiring


def test_defaults_mark_leaders_and_positions_whose_only_holder_retires(world):
    lone = PositionFactory(agency=world.agency, name="Analis Tunggal", position_type=PositionType.EXECUTIVE)
    EmployeeFactory(agency=world.agency, unit=world.unit_b, position=lone, birth_date=dt.date(1969, 1, 5))
    pair = PositionFactory(agency=world.agency, name="Analis Berdua", position_type=PositionType.EXECUTIVE)
    EmployeeFactory(agency=world.agency, unit=world.unit_b, position=pair, birth_date=dt.date(1969, 1, 5))
    EmployeeFactory(agency=world.agency, unit=world.unit_b, position=pair, birth_date=dt.date(1990, 1, 5))
    got = succession.default_key_positions(world.agency.pk, today=TODAY)
    assert got == {world.positions.administrator.pk: KeyPosition.Reason.LEADERSHIP,
                   lone.pk: KeyPosition.Reason.RETIREMENT}
    assert services.key_positions_apply_defaults(agency=world.agency, today=TODAY) == 2
    assert services.key_positions_apply_defaults(agency=world.agency, today=TODAY) == 0


def test_candidates_come_from_the_career_path_and_are_ranked_with_reasons(world, pool):
    key = pool[0]
    got = succession.candidates(key, today=TODAY)
    names = [c.employee.name for c in got]
    assert names[0] == "Andi Kuat" and set(names) == {"Andi Kuat", "Butet Siregar", "Budi Muda", "Cici Senja"}
    assert world.staff.name not in names  # pelaksana: not on the path to this position
    by_name = {c.employee.name: c for c in got}
    assert by_name["Andi Kuat"].eligible and by_name["Butet Siregar"].eligible
    assert by_name["Andi Kuat"].score > by_name["Butet Siregar"].score
    assert any("100 %" in r for r in by_name["Andi Kuat"].reasons)
    assert not by_name["Budi Muda"].eligible and any("Golongan III/a" in p for p in by_name["Budi Muda"].problems)
    assert not by_name["Cici Senja"].eligible and any("Pensiun 01-04-2027" in p for p in by_name["Cici Senja"].problems)
    assert [c.eligible for c in got] == [True, True, False, False]  # eligible first


def test_service_years_make_a_candidate_ineligible(world, pool):
    key, strong, *_ = pool
    TalentSettings.objects.create(agency=world.agency, min_service_years=30)
    got = {c.employee.pk: c for c in succession.candidates(key, today=TODAY)}
    assert not got[strong.pk].eligible and any("Masa kerja" in p for p in got[strong.pk].problems)


def test_readiness_labels_follow_the_editable_rules(world, pool):
    key, strong, *_ = pool
    got = {c.employee.pk: c for c in succession.candidates(key, today=TODAY)}
    assert got[strong.pk].readiness == Readiness.NOW  # 100 %, box 9
    assert got[world.chief.pk].readiness == Readiness.NOT_YET  # 67 %
    TalentSettings.objects.create(agency=world.agency, ready_soon_match=Decimal("60"))
    got = {c.employee.pk: c for c in succession.candidates(key, today=TODAY)}
    assert got[world.chief.pk].readiness == Readiness.SOON


def test_a_succession_group_is_saved_in_versions_of_up_to_three(world, pool):
    key, strong, low_rank, _ = pool
    first = services.succession_group_save(key=key, employee_ids=[strong.pk], user=world.users.admin, today=TODAY)
    second = services.succession_group_save(key=key, employee_ids=[world.chief.pk, strong.pk], today=TODAY)
    assert (first.version, second.version) == (1, 2)
    assert [m.employee_id for m in succession.current_group(key).members.all()] == [world.chief.pk, strong.pk]
    assert first.members.get().readiness == Readiness.NOW and first.members.get().reasons
    assert succession.successor_targets(world.agency.pk) == {world.chief.pk: key.position_id,
                                                             strong.pk: key.position_id}
    with pytest.raises(ValidationError, match="memenuhi syarat"):
        services.succession_group_save(key=key, employee_ids=[low_rank.pk], today=TODAY)
    with pytest.raises(ValidationError, match="paling banyak 3"):
        services.succession_group_save(key=key, employee_ids=[1, 2, 3, 4], today=TODAY)
    with pytest.raises(ValidationError, match="sekali"):
        services.succession_group_save(key=key, employee_ids=[strong.pk, strong.pk], today=TODAY)
    assert SuccessionGroup.objects.count() == 2
