"""BKPSDM's pages render with bounded queries; settings keep what was typed."""

import pytest
from django.urls import reverse

from renbang.evaluation.models import EvaluationSettings
from tests.catalog.factories import ProgrammeFactory, method

from .conftest import give_feedback, make_session


@pytest.fixture
def many(ev):
    for i in range(30):
        programme = ProgrammeFactory(agency=ev.world.agency, method=method("KL-BIM" if i % 2 else "NK-ELE"))
        session = make_session(programme, ev.people[:6])
        give_feedback(session, [1 + i % 5] * 6)
    give_feedback(ev.session_p, [1, 2, 1, 2, 2, 1, 2, 3, 4, 2, 1, 2])
    return ev


@pytest.mark.parametrize("name", ["evaluation:index", "evaluation:programme_list", "evaluation:method_comparison",
                                  "evaluation:flagged", "evaluation:response_rates"])
def test_it_renders_the_pages_with_bounded_queries(many, login, django_assert_max_num_queries, name):
    client = login(many.world.users.admin)
    with django_assert_max_num_queries(40):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_it_shows_the_flag_and_the_loop_on_the_dashboard(many, login):
    html = login(many.world.users.head).get(reverse("evaluation:index")).content.decode()
    assert "Bimtek Integritas" in html and "Belum diputuskan" in html
    assert "Umpan ke perencanaan berikutnya" in html


def test_it_renders_the_programme_report(many, login, django_assert_max_num_queries):
    client = login(many.world.users.admin)
    with django_assert_max_num_queries(45):
        html = client.get(reverse("evaluation:programme_report", args=[many.p.pk])).content.decode()
    assert "ditandai untuk ditinjau" in html and "E-learning Integritas" in html


def test_it_keeps_typed_settings_when_they_are_wrong(ev, login):
    client = login(ev.world.users.admin)
    data = {"min_responses": "12", "low_benefit_threshold": "1.5", "low_benefit_score": "2", "confidence": "0.95",
            "anonymity_min": "5", "followup_months": "6", "feedback_days": "60", "prior_strength": "10",
            "loop_min_responses": "5", "weight_l1": "1", "weight_l2": "1", "weight_l3": "2"}
    response = client.post(reverse("evaluation:settings"), data)
    assert response.status_code == 400 and 'value="12"' in response.content.decode()
    assert not EvaluationSettings.objects.exists()
    assert client.post(reverse("evaluation:settings"), data | {"low_benefit_threshold": "0.25"}).status_code == 302
    saved = EvaluationSettings.objects.get()
    assert (saved.min_responses, saved.followup_months, str(saved.low_benefit_threshold)) == (12, 6, "0.25")
    zero = data | {"low_benefit_threshold": "0.25", "weight_l1": "0", "weight_l2": "0", "weight_l3": "0"}
    assert client.post(reverse("evaluation:settings"), zero).status_code == 400
