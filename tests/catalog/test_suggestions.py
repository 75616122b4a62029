from decimal import Decimal

from renbang.catalog.models import SuggestionRule
from renbang.catalog.selectors import programme_offers
from renbang.catalog.services import (
    planned_sessions_generate,
    recurrence_rule_save,
    suggestion_rule_delete,
    suggestion_rule_save,
)
from renbang.catalog.suggestions import suggest
from renbang.competencies.models import Competency, CompetencyType

from .factories import ProgrammeFactory, method, national, target


def _codes(results):
    return [s.method.code for s in results]


def test_it_suggests_mentoring_or_coaching_for_a_one_level_managerial_gap(world):
    results = suggest(competency=national("M.2", "Kerja Sama"), gap=1, position_type="pelaksana",
                      agency=world.agency)
    assert _codes(results)[:2] == ["NK-MEN", "NK-COA"]
    assert "mentoring" in results[0].reason


def test_it_suggests_classical_training_for_larger_gaps(world):
    m2 = national("M.2", "Kerja Sama")
    assert _codes(suggest(competency=m2, gap=3, position_type="pelaksana", agency=world.agency))[0] == "KL-MAN"
    assert _codes(suggest(competency=m2, gap=2, position_type="pengawas", agency=world.agency))[0] == "KL-STR"


def test_it_suggests_bimtek_for_technical_and_e_learning_for_ict(world):
    finance = Competency.objects.create(agency=world.agency, code="T.KEU.1", name="Pengelolaan Keuangan Daerah",
                                        competency_type=CompetencyType.TECHNICAL)
    ict = Competency.objects.create(agency=world.agency, code="T.TIK.1", name="Pengelolaan Data",
                                    competency_type=CompetencyType.TECHNICAL)
    assert _codes(suggest(competency=finance, gap=1, agency=world.agency))[0] == "KL-BIM"
    assert _codes(suggest(competency=finance, gap=2, agency=world.agency))[0] == "KL-TEK"
    assert _codes(suggest(competency=ict, gap=1, agency=world.agency))[0] == "NK-ELE"


def test_it_follows_a_changed_rule_for_this_agency_only(world):
    m2 = national("M.2", "Kerja Sama")
    rule = SuggestionRule.objects.get(agency=None, name="Manajerial, kesenjangan 1 level")
    suggestion_rule_save(agency=world.agency, rule=rule, data={"method_codes": ["KL-WOR", "NK-MEN"]})
    results = suggest(competency=m2, gap=1, agency=world.agency)
    assert _codes(results)[0] == "KL-WOR"
    assert SuggestionRule.objects.get(pk=rule.pk).method_codes == ["NK-MEN", "NK-COA", "KL-MAN"]
    assert _codes(suggest(competency=m2, gap=1, agency=None))[0] == "NK-MEN"  # national defaults unchanged


def test_it_suggests_nothing_once_the_matching_rule_is_deleted(world):
    m2 = national("M.2", "Kerja Sama")
    for name in ("Manajerial, kesenjangan 1 level",):
        suggestion_rule_delete(agency=world.agency, rule=SuggestionRule.objects.get(agency=None, name=name))
    assert suggest(competency=m2, gap=1, agency=world.agency) == []


def test_it_adds_a_bonus_for_a_routine_programme_and_lists_the_programmes(world):
    m2 = national("M.2", "Kerja Sama")
    coaching = ProgrammeFactory(agency=world.agency, method=method("NK-COA"), title="Coaching Kerja Sama Tim")
    target(coaching, m2, uplift=2)
    rule = recurrence_rule_save(programme=coaching, data={"mode": "nth_weekday", "weekday": 1, "nth": 2})
    planned_sessions_generate(rule=rule, year=2026)
    results = suggest(competency=m2, gap=1, agency=world.agency)
    assert _codes(results) == ["NK-MEN", "NK-COA", "KL-MAN"]
    coaching_suggestion = results[1]
    assert coaching_suggestion.score == Decimal("0.667") + Decimal("0.10") + Decimal("0.05")
    assert results[2].score == Decimal("0.333") and results[2].programmes == []
    option = coaching_suggestion.programmes[0]
    assert option.programme == coaching and option.expected_uplift == Decimal("0.60")  # min(2, gap 1) × 0.60
    assert option.has_sessions


def test_it_filters_programmes_by_position_type_and_level_range(world):
    m2 = national("M.2", "Kerja Sama")
    programme = ProgrammeFactory(agency=world.agency, method=method("NK-MEN"), min_level=2, max_level=3)
    target(programme, m2)
    programme.eligibilities.create(position_type="pengawas")
    mentoring = lambda **kw: next(s for s in suggest(competency=m2, gap=1, agency=world.agency, **kw)  # noqa: E731
                                  if s.method.code == "NK-MEN")
    assert mentoring(position_type="pengawas", current_level=2).programmes
    assert not mentoring(position_type="pelaksana").programmes
    assert not mentoring(position_type="pengawas", current_level=1).programmes


def test_it_offers_the_planner_uplift_times_effectiveness(world):
    m2 = national("M.2", "Kerja Sama")
    programme = ProgrammeFactory(agency=world.agency, method=method("KL-MAN"), effectiveness_override=None)
    target(programme, m2, uplift=2)
    other = ProgrammeFactory(agency=world.agency, method=method("KL-MAN"), effectiveness_override=Decimal("0.90"))
    target(other, m2, uplift=1)
    offers = {o.programme_id: o for o in programme_offers(world.agency.pk, competency_ids=[m2.pk], year=2026)}
    assert offers[programme.pk].expected_uplift == Decimal("1.30")  # 2 × 0.65 (method default)
    assert offers[other.pk].expected_uplift == Decimal("0.90")
    assert offers[programme.pk].position_types == ()


def test_it_lets_a_registered_source_replace_the_catalogue_effectiveness(world):
    from decimal import Decimal

    from renbang.catalog import selectors

    m2 = Competency.objects.get(code="M.2", agency=None)
    programme = ProgrammeFactory(agency=world.agency)
    programme.targets.create(competency=m2, uplift=2)
    selectors.register_effectiveness_source("test-measured", lambda agency_id, ids: {programme.pk: Decimal("0.25")})
    try:
        offer = next(o for o in selectors.programme_offers(world.agency.pk, competency_ids=[m2.pk])
                     if o.programme_id == programme.pk)
    finally:
        selectors._EFFECTIVENESS_SOURCES[:] = [
            (n, f) for n, f in selectors._EFFECTIVENESS_SOURCES if n != "test-measured"]
    assert offer.effectiveness_source == "test-measured"
    assert offer.effectiveness == Decimal("0.25")
    assert offer.expected_uplift == Decimal("0.50")
    assert offer.catalogue_effectiveness == programme.effectiveness
