"""The demo step: a computed campaign for the year before the demo year, closed, its open needs carried."""

import pytest

from renbang.core.demo import DemoContext
from renbang.cycle import demo
from renbang.cycle.models import CarriedNeed, YearClosing
from renbang.needs.models import Campaign, JobMatch, Need

pytestmark = pytest.mark.django_db


def test_it_seeds_an_earlier_year_and_closes_it_once(cycle):
    Need.objects.filter(campaign=cycle.campaigns[2025]).delete()
    cycle.campaigns[2025].delete()  # the demo makes its own 2025 from the 2026 campaign
    Campaign.objects.filter(pk=cycle.campaigns[2026].pk).update(name="Penilaian Kompetensi 2026")
    ctx = DemoContext(agency=cycle.agency, year=2026, log=lambda *a: None)
    demo.seed(ctx)
    previous = Campaign.objects.get(agency=cycle.agency, name="Penilaian Kompetensi 2025")
    now = {(n.employee_id, n.competency_id): n for n in Need.objects.filter(campaign=cycle.campaigns[2026])}
    before = {(n.employee_id, n.competency_id): n for n in Need.objects.filter(campaign=previous)}
    assert before.keys() == now.keys()
    # a year earlier: each gap is the same or one level wider, never narrower
    assert all(before[k].gap - now[k].gap in (0, 1) for k in now)
    assert JobMatch.objects.filter(campaign=previous).count() == 3
    closing = YearClosing.objects.get(agency=cycle.agency, year=2025)
    assert closing.is_closed and closing.carried == CarriedNeed.objects.filter(from_year=2025).count() > 0
    counts = (Need.objects.count(), JobMatch.objects.count(), CarriedNeed.objects.count())
    demo.seed(ctx)
    assert (Need.objects.count(), JobMatch.objects.count(), CarriedNeed.objects.count()) == counts
