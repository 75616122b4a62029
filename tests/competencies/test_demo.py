import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from renbang.competencies.models import Competency, CompetencyType, PositionStandard
from renbang.core.demo import DEMO_AGENCY_CODE
from renbang.org.models import Agency, JobFamily, Position


@pytest.mark.django_db
def test_it_gives_every_demo_position_a_complete_standard_idempotently():
    call_command("seed_demo", employees=200, stdout=io.StringIO())
    agency = Agency.objects.get(code=DEMO_AGENCY_CODE)
    families = JobFamily.objects.filter(agency=agency).annotate(n=Count("competencies"))
    assert families.exists() and all(3 <= f.n <= 6 for f in families)
    for competency in Competency.objects.filter(agency=agency):
        assert competency.competency_type == CompetencyType.TECHNICAL and competency.code.startswith("T.")
        assert competency.levels.count() == 5
        assert all(level.indicators.exists() for level in competency.levels.all())
    positions = Position.objects.filter(agency=agency).annotate(
        general=Count("standards", filter=~Q(standards__competency__competency_type=CompetencyType.TECHNICAL)),
        technical=Count("standards", filter=Q(standards__competency__competency_type=CompetencyType.TECHNICAL)))
    assert positions.count() > 100
    for position in positions:
        assert position.general == 9, position.name
        expected = Competency.objects.filter(job_family_id=position.job_family_id, active=True).count()
        assert position.technical == expected, position.name
    rows = PositionStandard.objects.count()
    call_command("seed_demo", employees=200, stdout=io.StringIO())
    assert PositionStandard.objects.count() == rows
