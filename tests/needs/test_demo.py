"""The demo step: a completed campaign with needs, deterministic and idempotent."""

from renbang.core.demo import DemoContext
from renbang.needs import demo
from renbang.needs.models import Assessment, Campaign, CurrentLevel, Need
from tests.factories import EmployeeFactory

from .factories import CompetencyFactory


def test_it_seeds_a_completed_campaign_once(needs_world):
    w = needs_world
    for i in range(12):
        EmployeeFactory(agency=w.agency, unit=w.section_a, position=w.positions.staff, supervisor=w.chief,
                        name=f"Staf Demo {i}")
    ctx = DemoContext(agency=w.agency, year=2026, log=lambda *a: None)
    demo.seed(ctx)
    campaign = Campaign.objects.get(agency=w.agency, name="Penilaian Kompetensi 2026")
    assert campaign.status == "closed" and campaign.computed_at
    assert Need.objects.filter(campaign=campaign).count() >= 13 * 3
    assert CurrentLevel.objects.filter(campaign=campaign).exists()
    assert campaign.focus_groups.exists()
    counts = (Assessment.objects.count(), Need.objects.count())
    demo.seed(ctx)
    assert (Assessment.objects.count(), Need.objects.count()) == counts


def test_it_rates_self_a_little_above_the_supervisor(needs_world):
    w = needs_world
    for i in range(40):
        EmployeeFactory(agency=w.agency, unit=w.section_a, position=w.positions.staff, supervisor=w.chief,
                        name=f"Staf Demo {i}")
    demo.seed(DemoContext(agency=w.agency, year=2026, log=lambda *a: None))
    levels = CurrentLevel.objects.filter(self_level__isnull=False, supervisor_level__isnull=False)
    diff = [c.self_level - c.supervisor_level for c in levels]
    assert len(diff) > 50 and 0.1 < sum(diff) / len(diff) < 1.2


def test_it_applies_default_standards_when_none_exist(world):
    CompetencyFactory(code="M.1", name="Integritas")
    messages = []
    demo.seed(DemoContext(agency=world.agency, year=2026, log=messages.append))
    assert any("standar bawaan" in m for m in messages)
    assert Need.objects.filter(employee=world.boss, required=3).exists()  # administrator → level 3


def test_it_skips_without_a_dictionary(world):
    from renbang.competencies.models import Competency

    Competency.objects.update(active=False)  # as on a database where the dictionary was never loaded
    messages = []
    demo.seed(DemoContext(agency=world.agency, year=2026, log=messages.append))
    assert any("dilewati" in m for m in messages) and not Campaign.objects.exists()
