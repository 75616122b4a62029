"""Factories of the needs tests: competencies with their five levels, standards, campaigns."""

from __future__ import annotations

import datetime as dt

import factory

from renbang.competencies.models import Competency, CompetencyType, Indicator, Level, PositionStandard
from renbang.needs.models import Campaign


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    agency = None
    code = factory.Sequence(lambda n: f"M.{n + 1}")
    name = factory.Sequence(lambda n: f"Kompetensi Uji {n + 1}")
    competency_type = CompetencyType.MANAGERIAL
    definition = "Definisi kompetensi uji."

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if not create or obj.levels.exists():
            return
        for n in range(1, 6):
            level = Level.objects.create(competency=obj, level=n, title=f"Level {n} {obj.name}",
                                         description=f"Deskripsi level {n}.")
            Indicator.objects.create(level=level, order=1, text=f"Indikator perilaku {obj.code} level {n}.")


class PositionStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PositionStandard

    competency = factory.SubFactory(CompetencyFactory)
    required_level = 2


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Penilaian Kompetensi {2026 + n}")
    year = 2026
    period_start = dt.date(2026, 1, 5)
    period_end = dt.date(2026, 1, 30)
    status = Campaign.Status.OPEN
