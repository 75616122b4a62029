"""The flag, the alternatives and BKPSDM's decision."""

from django.urls import reverse

from renbang.catalog.models import Programme
from renbang.evaluation.alternatives import alternatives_for
from renbang.evaluation.evidence import programme_evidence
from renbang.evaluation.models import EvaluationSettings, ProgrammeReview

from .conftest import give_feedback


def _disappoint(ev):
    give_feedback(ev.session_p, [1, 2, 1, 2, 2, 1, 2, 3, 4, 2, 1, 2])  # 10 of 12 low
    give_feedback(ev.session_q, [5, 4, 4, 5, 4, 5, 4, 4, 5, 3, 4, 5])


def test_it_flags_a_programme_with_many_low_benefit_answers(ev):
    _disappoint(ev)
    evidence = programme_evidence(ev.world.agency.pk)
    assert evidence[ev.p.pk].flagged and not evidence[ev.q.pk].flagged
    assert evidence[ev.p.pk].low == 10 and evidence[ev.p.pk].responses == 12
    assert evidence[ev.p.pk].value < evidence[ev.p.pk].prior < evidence[ev.q.pk].value


def test_it_does_not_flag_nine_unhappy_respondents(ev):
    give_feedback(ev.session_p, [1] * 9)
    assert not programme_evidence(ev.world.agency.pk)[ev.p.pk].flagged


def test_it_uses_the_editable_thresholds(ev):
    give_feedback(ev.session_p, [1, 2, 3, 4, 5, 4, 4, 5, 4, 4, 5, 4])  # 2 of 12 low: not flagged by default
    assert not programme_evidence(ev.world.agency.pk)[ev.p.pk].flagged
    EvaluationSettings.objects.create(agency=ev.world.agency, low_benefit_score=3, low_benefit_threshold="0.05")
    assert programme_evidence(ev.world.agency.pk)[ev.p.pk].flagged


def test_it_proposes_alternatives_for_the_same_competencies_and_participants(ev):
    _disappoint(ev)
    alternatives = alternatives_for(ev.p)
    programmes = [a.programme for a in alternatives if a.kind == "programme"]
    assert programmes == [ev.q]  # R covers another competency
    assert "mencakup 1 dari 1 kompetensi (M.1)" in alternatives[0].reason
    assert "lebih tinggi dari program yang ditandai" in alternatives[0].reason
    methods = [a for a in alternatives if a.kind == "method"]
    assert [m.method_id for m in methods] == [ev.q.method_id]


def test_it_does_not_propose_a_programme_for_other_position_types(ev):
    from renbang.catalog.models import ProgrammeEligibility

    _disappoint(ev)
    ProgrammeEligibility.objects.create(programme=ev.q, position_type="jpt")
    assert [a for a in alternatives_for(ev.p) if a.kind == "programme"] == []


def test_it_shows_flagged_programmes_with_alternatives_and_records_a_decision(ev, login):
    _disappoint(ev)
    client = login(ev.world.users.admin)
    html = client.get(reverse("evaluation:flagged")).content.decode()
    assert "Bimtek Integritas" in html and "E-learning Integritas" in html
    response = client.post(reverse("evaluation:review_create", args=[ev.p.pk]), {
        "prefix": f"p{ev.p.pk}", f"p{ev.p.pk}-decision": "ganti", f"p{ev.p.pk}-replacement": ev.q.pk,
        f"p{ev.p.pk}-note": "Ganti dengan e-learning yang lebih bermanfaat"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    review = ProgrammeReview.objects.get()
    assert (review.decision, review.replacement, review.flagged, review.responses) == ("ganti", ev.q, True, 12)
    assert review.decided_by == ev.world.users.admin
    assert "Ganti dengan program/metode lain" in client.get(reverse("evaluation:flagged")).content.decode()


def test_it_requires_a_replacement_and_a_note(ev, login):
    client = login(ev.world.users.admin)
    response = client.post(reverse("evaluation:review_create", args=[ev.p.pk]),
                           {"decision": "ganti", "note": "  "})
    assert response.status_code == 400
    response = client.post(reverse("evaluation:review_create", args=[ev.p.pk]),
                           {"decision": "ganti", "note": "Kurang bermanfaat"})
    assert response.status_code == 400
    assert "Pilih program atau metode pengganti" in response.content.decode()
    assert "Kurang bermanfaat" in response.content.decode()
    assert not ProgrammeReview.objects.exists()


def test_it_retires_a_programme_from_the_catalogue(ev, login):
    login(ev.world.users.admin).post(reverse("evaluation:review_create", args=[ev.p.pk]),
                                     {"decision": "hentikan", "note": "Tidak bermanfaat"})
    assert not Programme.objects.get(pk=ev.p.pk).active


def test_it_refuses_decisions_from_anyone_but_bkpsdm(ev, login):
    for actor in ("officer_a", "head", "employee"):
        response = login(getattr(ev.world.users, actor)).post(
            reverse("evaluation:review_create", args=[ev.p.pk]), {"decision": "hentikan", "note": "x"})
        assert response.status_code == 403
    assert not ProgrammeReview.objects.exists()


def test_it_renders_the_programme_report_as_pdf(ev, login):
    _disappoint(ev)
    response = login(ev.world.users.admin).get(reverse("evaluation:programme_pdf", args=[ev.p.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
