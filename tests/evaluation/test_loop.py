"""Closing the loop: measured effectiveness replaces the catalogue's in the planner's offers, and a flagged
low-effectiveness programme gets fewer participants in the next optimised plan."""

from decimal import Decimal

from renbang.catalog.models import Programme
from renbang.catalog.selectors import programme_offers
from renbang.engine.optimizer import load_instance, solve
from renbang.evaluation.evidence import programme_evidence
from renbang.evaluation.models import EvaluationSettings

from .conftest import give_feedback


def _disappoint(ev):
    give_feedback(ev.session_p, [1, 2, 1, 2, 2, 1, 2, 3, 4, 2, 1, 2])
    give_feedback(ev.session_q, [5, 4, 4, 5, 4, 5, 4, 4, 5, 3, 4, 5])


def _instance(offers, n_employees=20, seats=10):
    """20 pelaksana with a gap of 2 on the offers' competency; budget for `seats` participants in all."""
    programmes = {}
    for o in offers:
        p = programmes.setdefault(o.programme_id, {
            "id": str(o.programme_id), "uplift": {}, "effectiveness": float(o.effectiveness), "jp": o.jp,
            "cost": o.cost_per_participant, "eligible_tags": list(o.position_types) or None,
            "sessions": [{"id": f"s{o.programme_id}", "month": 6, "capacity": seats}]})
        p["uplift"][str(o.competency_id)] = o.uplift
    comp = str(offers[0].competency_id)
    return load_instance({
        "version": 1,
        "employees": [{"id": f"e{i}", "unit": "u", "tags": ["pelaksana"], "needs": {comp: {"gap": 2, "weight": 1}}}
                      for i in range(n_employees)],
        "programmes": list(programmes.values()),
        "budget": {"total": seats * offers[0].cost_per_participant},
        "rules": {"max_sessions_per_month": 1, "jp_floor_weight": 0},
    })


def _participants(result, inst, programme_id) -> int:
    return sum(1 for a in result.assignments(inst) if a["session"] == f"s{programme_id}")


def test_it_replaces_the_catalogue_effectiveness_in_the_offers(ev):
    _disappoint(ev)
    offers = {o.programme_id: o for o in programme_offers(ev.world.agency.pk, competency_ids=[ev.m1.pk])}
    p, q = offers[ev.p.pk], offers[ev.q.pk]
    assert p.effectiveness_source == q.effectiveness_source == "evaluation"
    evidence = programme_evidence(ev.world.agency.pk)
    assert p.effectiveness == Decimal(str(round(evidence[ev.p.pk].value, 2)))
    assert p.catalogue_effectiveness == ev.p.effectiveness
    assert p.expected_uplift == (p.uplift * p.effectiveness).quantize(Decimal("0.01"))


def test_it_keeps_the_catalogue_value_without_enough_evidence(ev):
    give_feedback(ev.session_p, [1, 1, 1, 1])  # 4 < loop minimum 5
    offer = next(o for o in programme_offers(ev.world.agency.pk) if o.programme_id == ev.p.pk)
    assert offer.effectiveness_source == "method" and offer.effectiveness == ev.p.method.effectiveness
    EvaluationSettings.objects.create(agency=ev.world.agency, loop_min_responses=4)
    offer = next(o for o in programme_offers(ev.world.agency.pk) if o.programme_id == ev.p.pk)
    assert offer.effectiveness_source == "evaluation" and offer.effectiveness < ev.p.method.effectiveness


def test_it_gives_a_flagged_programme_fewer_participants_in_the_next_plan(ev):
    # Before evaluation the catalogue rates the Bimtek above the e-learning, so the plan fills the Bimtek.
    Programme.objects.filter(pk=ev.p.pk).update(effectiveness_override=Decimal("0.90"))
    Programme.objects.filter(pk=ev.q.pk).update(effectiveness_override=Decimal("0.40"))
    before_offers = programme_offers(ev.world.agency.pk, competency_ids=[ev.m1.pk])
    before = _instance(before_offers)
    plan_before = solve(before, time_limit=10)
    _disappoint(ev)
    assert programme_evidence(ev.world.agency.pk)[ev.p.pk].flagged
    after_offers = programme_offers(ev.world.agency.pk, competency_ids=[ev.m1.pk])
    assert {o.effectiveness_source for o in after_offers} == {"evaluation"}
    after = _instance(after_offers)
    plan_after = solve(after, time_limit=10)
    p_before, p_after = _participants(plan_before, before, ev.p.pk), _participants(plan_after, after, ev.p.pk)
    assert p_before == 10
    assert p_after < p_before
    assert _participants(plan_after, after, ev.q.pk) > _participants(plan_before, before, ev.q.pk)
