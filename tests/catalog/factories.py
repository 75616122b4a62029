"""Factories for the catalogue (kept here to avoid conflicts in tests/factories.py)."""

from __future__ import annotations

import factory

from renbang.catalog.models import Method, Programme, ProgrammeCompetency, Provider
from renbang.competencies.models import Competency, CompetencyType
from tests.factories import AgencyFactory


def national(code: str, name: str, competency_type: str = CompetencyType.MANAGERIAL) -> Competency:
    """A national dictionary competency (created by a data migration once the competencies app loads it)."""
    competency, _ = Competency.objects.get_or_create(agency=None, code=code, defaults={
        "name": name, "competency_type": competency_type})
    return competency


def method(code: str) -> Method:
    return Method.objects.get(agency=None, code=code)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Lembaga Pelatihan {n}")
    kind = "vendor"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"UJI-{n:04d}")
    title = factory.Sequence(lambda n: f"Bimtek Uji {n}")
    method = factory.LazyFunction(lambda: method("KL-BIM"))
    provider = factory.SubFactory(ProviderFactory, agency=factory.SelfAttribute("..agency"))
    jp = 24
    cost_per_participant = 2_500_000
    capacity_per_session = 30


def target(programme, competency, uplift: int = 1) -> ProgrammeCompetency:
    return ProgrammeCompetency.objects.create(programme=programme, competency=competency, uplift=uplift)
