import pytest

from renbang.competencies.models import Competency, CompetencyType, Indicator, Level
from renbang.competencies.reference import NATIONAL_CODES, load_national_dictionary, national_dictionary

pytestmark = pytest.mark.django_db


def test_it_loads_the_nine_national_competencies_on_migrate():
    codes = set(Competency.objects.filter(agency__isnull=True).values_list("code", flat=True))
    assert codes == set(NATIONAL_CODES)
    assert Competency.objects.get(code="M.1", agency__isnull=True).name == "Integritas"
    assert Competency.objects.get(code="SK.1", agency__isnull=True).competency_type == CompetencyType.SOCIOCULTURAL
    assert Competency.objects.filter(agency__isnull=True, competency_type=CompetencyType.MANAGERIAL).count() == 8


def test_it_gives_every_national_competency_five_levels_with_indicators_and_its_source():
    source = national_dictionary()["source"]
    assert "38" in source and "2017" in source
    for competency in Competency.objects.filter(agency__isnull=True):
        assert competency.definition
        assert competency.source == source
        levels = list(competency.levels.order_by("level"))
        assert [lvl.level for lvl in levels] == [1, 2, 3, 4, 5]
        for level in levels:
            assert level.description.strip()
            texts = list(level.indicators.values_list("text", flat=True))
            assert texts and all(t.strip() for t in texts)


def test_it_reloads_idempotently_without_overwriting_edits():
    m1 = Competency.objects.get(code="M.1", agency__isnull=True)
    m1.definition = "Diedit BKPSDM"
    m1.save()
    before = (Competency.objects.count(), Level.objects.count(), Indicator.objects.count())
    assert load_national_dictionary(Competency, Level, Indicator) == 0
    assert (Competency.objects.count(), Level.objects.count(), Indicator.objects.count()) == before
    m1.refresh_from_db()
    assert m1.definition == "Diedit BKPSDM"


def test_it_restores_a_missing_level_on_reload():
    Level.objects.filter(competency__code="M.3", level=4).delete()
    assert load_national_dictionary(Competency, Level, Indicator) > 0
    level = Level.objects.get(competency__code="M.3", level=4)
    assert level.indicators.exists()
