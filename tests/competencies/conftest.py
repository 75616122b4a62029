from types import SimpleNamespace

import pytest

from renbang.competencies.models import Competency
from renbang.org.models import Agency, PositionLevel, PositionType

from ..factories import PositionFactory, UserFactory
from .factories import JobFamilyFactory, TechnicalCompetencyFactory


@pytest.fixture
def comp(world):
    """The world plus a finance family with two technical competencies, a functional ladder, another agency."""
    finance = JobFamilyFactory(agency=world.agency, code="KEU", name="Keuangan")
    teaching = JobFamilyFactory(agency=world.agency, code="PDK", name="Pendidikan")
    budgeting = TechnicalCompetencyFactory(agency=world.agency, job_family=finance, code="T.KEU.1",
                                           name="Penganggaran Daerah")
    accounting = TechnicalCompetencyFactory(agency=world.agency, job_family=finance, code="T.KEU.2",
                                            name="Akuntansi Pemerintahan")
    lesson = TechnicalCompetencyFactory(agency=world.agency, job_family=teaching, code="T.PDK.1",
                                        name="Perencanaan Pembelajaran")
    staff = world.positions.staff
    staff.job_family = finance
    staff.save()
    world.positions.pengawas.job_family = finance
    world.positions.pengawas.save()
    teachers = {
        level: PositionFactory(agency=world.agency, name=f"Guru Ahli {PositionLevel(level).label}",
                               position_type=PositionType.FUNCTIONAL_EXPERT, level=level, job_family=teaching)
        for level in (PositionLevel.PERTAMA, PositionLevel.MUDA, PositionLevel.MADYA, PositionLevel.UTAMA)
    }
    other_agency = Agency.objects.create(code="kota-binjai", name="Pemerintah Kota Binjai")
    foreign = TechnicalCompetencyFactory(agency=other_agency, code="T.BNJ.1", name="Kompetensi Binjai",
                                         job_family=JobFamilyFactory(agency=other_agency, code="BNJ", name="Binjai"))
    outsider = UserFactory(username="admin_binjai", agency=other_agency, role="bkpsdm_admin")
    return SimpleNamespace(
        world=world, finance=finance, teaching=teaching, budgeting=budgeting, accounting=accounting, lesson=lesson,
        teachers=teachers, other_agency=other_agency, foreign=foreign, outsider=outsider,
        national=list(Competency.objects.filter(agency__isnull=True).order_by("code")),
    )
