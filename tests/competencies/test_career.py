import pytest
from django.core.exceptions import ValidationError

from renbang.competencies import services
from renbang.org.models import PositionLevel, PositionType

from ..factories import PositionFactory


def test_it_proposes_the_next_functional_jenjang_by_name(comp):
    t = comp.teachers
    assert services.career_default_next(position=t[PositionLevel.PERTAMA]) == [t[PositionLevel.MUDA]]
    assert services.career_default_next(position=t[PositionLevel.MUDA]) == [t[PositionLevel.MADYA]]
    assert services.career_default_next(position=t[PositionLevel.MADYA]) == [t[PositionLevel.UTAMA]]
    assert services.career_default_next(position=t[PositionLevel.UTAMA]) == []


def test_it_proposes_the_skilled_ladder(comp):
    agency = comp.world.agency
    nurses = {level: PositionFactory(agency=agency, name=f"Perawat {PositionLevel(level).label}",
                                     position_type=PositionType.FUNCTIONAL_SKILLED, level=level,
                                     job_family=comp.finance)
              for level in (PositionLevel.PEMULA, PositionLevel.TERAMPIL, PositionLevel.MAHIR, PositionLevel.PENYELIA)}
    assert services.career_default_next(position=nurses[PositionLevel.PEMULA]) == [nurses[PositionLevel.TERAMPIL]]
    assert services.career_default_next(position=nurses[PositionLevel.TERAMPIL]) == [nurses[PositionLevel.MAHIR]]
    assert services.career_default_next(position=nurses[PositionLevel.MAHIR]) == [nurses[PositionLevel.PENYELIA]]
    assert services.career_default_next(position=nurses[PositionLevel.PENYELIA]) == []


def test_it_proposes_the_administrative_ladder_up_to_jpt_pratama(comp):
    w = comp.world.positions
    head = PositionFactory(agency=comp.world.agency, name="Kepala Dinas", position_type=PositionType.JPT,
                           level=PositionLevel.PRATAMA)
    assert services.career_default_next(position=w.staff) == [w.pengawas]  # same family (finance)
    assert services.career_default_next(position=w.pengawas) == [w.administrator]  # open post without family
    assert services.career_default_next(position=w.administrator) == [head]


def test_it_fills_only_empty_career_paths_in_bulk(comp):
    agency = comp.world.agency
    w = comp.world.positions
    services.career_set_next(position=w.staff, next_positions=[w.administrator])
    filled = services.career_apply_defaults(agency=agency)
    assert list(w.staff.next_positions.all()) == [w.administrator]
    assert list(comp.teachers[PositionLevel.PERTAMA].next_positions.all()) == [comp.teachers[PositionLevel.MUDA]]
    assert filled >= 4
    assert services.career_apply_defaults(agency=agency) == 0


def test_it_refuses_a_next_position_of_another_agency_or_itself(comp):
    w = comp.world.positions
    stranger = PositionFactory(agency=comp.other_agency, name="Jabatan Binjai")
    with pytest.raises(ValidationError):
        services.career_set_next(position=w.staff, next_positions=[stranger])
    with pytest.raises(ValidationError):
        services.career_set_next(position=w.staff, next_positions=[w.staff])
    assert not w.staff.next_positions.exists()
