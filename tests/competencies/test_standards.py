import pytest
from django.core.exceptions import ValidationError

from renbang.competencies import selectors, services
from renbang.competencies.defaults import initial_level
from renbang.competencies.models import Competency, CompetencyType, PositionStandard, StandardDefault
from renbang.org.models import PositionLevel, PositionType

from ..factories import PositionFactory

Origin = PositionStandard.Origin


def levels_of(position) -> dict[str, tuple[int, str]]:
    return {s.competency.code: (s.required_level, s.origin)
            for s in PositionStandard.objects.filter(position=position).select_related("competency")}


def test_it_creates_the_unverified_default_table_once(comp):
    agency = comp.world.agency
    assert services.standard_defaults_ensure(agency=agency) == 42
    assert services.standard_defaults_ensure(agency=agency) == 0
    table = selectors.default_levels_for_agency(agency.pk)
    for (ptype, plevel), expected in {
        (PositionType.JPT, PositionLevel.UTAMA): 5, (PositionType.JPT, PositionLevel.MADYA): 5,
        (PositionType.JPT, PositionLevel.PRATAMA): 4, (PositionType.ADMINISTRATOR, ""): 3,
        (PositionType.SUPERVISORY, ""): 2, (PositionType.EXECUTIVE, ""): 1,
        (PositionType.FUNCTIONAL_EXPERT, PositionLevel.UTAMA): 5,
        (PositionType.FUNCTIONAL_EXPERT, PositionLevel.PERTAMA): 2,
        (PositionType.FUNCTIONAL_SKILLED, PositionLevel.PEMULA): 1,
    }.items():
        assert table[(ptype, plevel, CompetencyType.MANAGERIAL)] == expected
        assert table[(ptype, plevel, CompetencyType.SOCIOCULTURAL)] == expected


def test_it_gives_a_position_managerial_sociocultural_and_its_family_technical_competencies(comp):
    result = services.standard_apply_defaults(position=comp.world.positions.staff)
    levels = levels_of(comp.world.positions.staff)
    assert result.created == 11
    assert {code for code in levels if code.startswith(("M.", "SK."))} == {c.code for c in comp.national}
    assert levels["M.1"] == (1, Origin.DEFAULT)
    assert levels["T.KEU.1"] == (1, Origin.JOB_FAMILY)
    assert "T.PDK.1" not in levels


def test_it_requires_higher_levels_of_more_senior_positions(comp):
    services.standard_apply_defaults(position=comp.world.positions.administrator)
    services.standard_apply_defaults(position=comp.world.positions.pengawas)
    assert levels_of(comp.world.positions.administrator)["M.8"] == (3, Origin.DEFAULT)
    assert levels_of(comp.world.positions.pengawas)["T.KEU.2"] == (2, Origin.JOB_FAMILY)


def test_it_keeps_a_manual_level_when_defaults_are_applied_again(comp):
    staff = comp.world.positions.staff
    services.standard_apply_defaults(position=staff)
    services.standard_set_levels(position=staff, levels={comp.budgeting.pk: 3})
    result = services.standard_apply_defaults(position=staff)
    assert levels_of(staff)["T.KEU.1"] == (3, Origin.MANUAL)
    assert result.kept_manual == 1 and result.changed == 0


def test_it_overwrites_manual_levels_only_when_asked(comp):
    staff = comp.world.positions.staff
    services.standard_apply_defaults(position=staff)
    services.standard_set_levels(position=staff, levels={comp.budgeting.pk: 3, comp.lesson.pk: 2})
    services.standard_apply_defaults(position=staff, overwrite_manual=True)
    levels = levels_of(staff)
    assert levels["T.KEU.1"] == (1, Origin.JOB_FAMILY)
    assert "T.PDK.1" not in levels  # a manual extra is removed by a reset


def test_it_applies_an_edited_default_table(comp):
    agency = comp.world.agency
    services.standard_apply_defaults(position=comp.world.positions.staff)
    services.standard_defaults_save(agency=agency, values={
        (PositionType.EXECUTIVE, "", CompetencyType.MANAGERIAL): 2,
        (PositionType.EXECUTIVE, "", CompetencyType.TECHNICAL): 3})
    result = services.standard_bulk_apply(agency=agency, position_type=PositionType.EXECUTIVE)
    levels = levels_of(comp.world.positions.staff)
    assert levels["M.4"] == (2, Origin.DEFAULT)
    assert levels["SK.1"] == (1, Origin.DEFAULT)
    assert levels["T.KEU.2"] == (3, Origin.JOB_FAMILY)
    assert result.updated == 10


def test_it_bulk_applies_to_one_type_only_and_respects_manual_levels(comp):
    agency = comp.world.agency
    staff, pengawas = comp.world.positions.staff, comp.world.positions.pengawas
    services.standard_apply_defaults(position=staff)
    services.standard_set_levels(position=staff, levels={comp.national[0].pk: 4})
    manual_code = comp.national[0].code
    result = services.standard_bulk_apply(agency=agency, position_type=PositionType.EXECUTIVE)
    assert levels_of(staff)[manual_code] == (4, Origin.MANUAL)
    assert result.kept_manual == 1
    assert levels_of(pengawas) == {}
    services.standard_bulk_apply(agency=agency, position_type=PositionType.EXECUTIVE, overwrite_manual=True)
    assert levels_of(staff)[manual_code] == (1, Origin.DEFAULT)


def test_it_bulk_applies_in_a_bounded_number_of_queries(comp, django_assert_max_num_queries):
    agency = comp.world.agency
    for n in range(40):
        PositionFactory(agency=agency, name=f"Pengelola Keuangan {n}", position_type=PositionType.EXECUTIVE,
                        job_family=comp.finance)
    # 15 for the apply itself + the per-row audit (issue 10): 3 lookups and one INSERT per ~66 entries on SQLite
    # (its 999-parameter limit; one per 2,000 on PostgreSQL) for the ~520 rows written here.
    with django_assert_max_num_queries(28):
        result = services.standard_bulk_apply(agency=agency)
    assert result.positions >= 47
    assert PositionStandard.objects.filter(position__name="Pengelola Keuangan 7").count() == 11


def test_it_gives_functional_positions_their_family_technical_level_by_seniority(comp):
    services.standard_bulk_apply(agency=comp.world.agency, job_family=comp.teaching)
    expected = {PositionLevel.PERTAMA: 2, PositionLevel.MUDA: 3, PositionLevel.MADYA: 4, PositionLevel.UTAMA: 5}
    for level, position in comp.teachers.items():
        assert levels_of(position)["T.PDK.1"] == (expected[level], Origin.JOB_FAMILY)
        assert levels_of(position)["M.2"][0] == initial_level(PositionType.FUNCTIONAL_EXPERT, level)


def test_it_follows_a_change_of_job_family_but_keeps_manual_rows(comp):
    staff = comp.world.positions.staff
    services.standard_apply_defaults(position=staff)
    services.standard_set_levels(position=staff, levels={comp.accounting.pk: 2})
    staff.job_family = comp.teaching
    staff.save()
    services.standard_apply_defaults(position=staff)
    levels = levels_of(staff)
    assert "T.KEU.1" not in levels
    assert levels["T.KEU.2"] == (2, Origin.MANUAL)
    assert levels["T.PDK.1"] == (1, Origin.JOB_FAMILY)


def test_it_drops_a_retired_competency_from_default_standards(comp):
    staff = comp.world.positions.staff
    services.standard_apply_defaults(position=staff)
    services.competency_set_active(competency=comp.budgeting, active=False)
    services.standard_apply_defaults(position=staff)
    assert "T.KEU.1" not in levels_of(staff)


def test_it_refuses_another_agencys_competency_in_a_standard(comp):
    with pytest.raises(ValidationError):
        services.standard_set_levels(position=comp.world.positions.staff, levels={comp.foreign.pk: 2})
    assert not PositionStandard.objects.exists()


def test_it_removes_a_requirement_left_blank_in_the_grid(comp):
    staff = comp.world.positions.staff
    services.standard_apply_defaults(position=staff)
    result = services.standard_set_levels(position=staff, levels={comp.budgeting.pk: None})
    assert result.deleted == 1 and "T.KEU.1" not in levels_of(staff)


def test_it_returns_required_levels_for_many_positions_in_one_query(comp, django_assert_num_queries):
    services.standard_bulk_apply(agency=comp.world.agency)
    staff, admin = comp.world.positions.staff, comp.world.positions.administrator
    m1 = Competency.objects.get(code="M.1", agency__isnull=True)
    with django_assert_num_queries(1):
        levels = selectors.required_levels_for([staff, admin.pk])
    assert levels[staff.pk][m1.pk] == 1
    assert levels[admin.pk][m1.pk] == 3
    assert levels[staff.pk][comp.budgeting.pk] == 1


def test_it_takes_the_highest_level_over_several_next_positions(comp, django_assert_num_queries):
    agency = comp.world.agency
    services.standard_bulk_apply(agency=agency)
    staff, pengawas, admin = (comp.world.positions.staff, comp.world.positions.pengawas,
                              comp.world.positions.administrator)
    services.career_set_next(position=staff, next_positions=[pengawas, admin])
    m1 = Competency.objects.get(code="M.1", agency__isnull=True)
    with django_assert_num_queries(2):
        upcoming = selectors.next_required_levels_for([staff, pengawas])
    assert upcoming[staff.pk][m1.pk] == 3  # max(pengawas 2, administrator 3)
    assert upcoming[staff.pk][comp.budgeting.pk] == 2  # only the pengawas (finance family) requires it
    assert upcoming[pengawas.pk] == {}


def test_it_keeps_standard_defaults_unique_per_agency(comp):
    services.standard_defaults_ensure(agency=comp.world.agency)
    services.standard_defaults_ensure(agency=comp.other_agency)
    assert StandardDefault.objects.filter(agency=comp.other_agency).count() == 42
