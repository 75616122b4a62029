from __future__ import annotations

import factory

from renbang.competencies.models import Competency, CompetencyType, Indicator, Level
from renbang.org.models import JobFamily

from ..factories import AgencyFactory


class JobFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobFamily

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"RJ{n}")
    name = factory.Sequence(lambda n: f"Rumpun Uji {n}")


class TechnicalCompetencyFactory(factory.django.DjangoModelFactory):
    """A technical competency with its five levels and one indicator each."""

    class Meta:
        model = Competency
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"T.UJI.{n}")
    name = factory.Sequence(lambda n: f"Kompetensi Teknis Uji {n}")
    competency_type = CompetencyType.TECHNICAL
    definition = "Definisi uji."
    job_family = factory.SubFactory(JobFamilyFactory, agency=factory.SelfAttribute("..agency"))

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if not create:
            return
        for n in range(1, 6):
            level = Level.objects.create(competency=obj, level=n, description=f"Deskripsi level {n}")
            Indicator.objects.create(level=level, order=1, text=f"Indikator level {n}")
