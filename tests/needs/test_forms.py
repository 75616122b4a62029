"""The questionnaires: self form, supervisor grid, drafts, submit once, no anchoring."""

from renbang.needs.models import Assessment, Source


def url(name, *args):
    from django.urls import reverse

    return reverse(f"needs:{name}", args=args)


def test_it_shows_the_self_form_with_the_level_indicators(needs_world, login):
    w = needs_world
    from django.utils.html import escape

    from renbang.competencies.models import Indicator

    page = login(w.users.employee).get(url("self_form", w.campaign.pk)).content.decode()
    indicator = Indicator.objects.filter(level__competency=w.comps[0], level__level=3).first()
    assert "Integritas" in page and escape(indicator.text) in page
    assert f'name="c{w.comps[0].pk}"' in page


def test_it_saves_a_draft_then_submits_once(needs_world, login):
    w = needs_world
    client = login(w.users.employee)
    m1, m2, m3 = w.comps
    client.post(url("self_form", w.campaign.pk), {f"c{m1.pk}": "3", "save": "1"})
    assessment = Assessment.objects.get(employee=w.staff, source=Source.SELF)
    assert assessment.status == "draft" and assessment.scores.count() == 1
    response = client.post(url("self_form", w.campaign.pk), {f"c{m2.pk}": "2", "submit": "1"}, follow=True)
    assert "belum dinilai" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    client.post(url("self_form", w.campaign.pk), {f"c{m2.pk}": "2", f"c{m3.pk}": "4", "submit": "1"})
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    response = client.post(url("self_form", w.campaign.pk), {f"c{m1.pk}": "5", "save": "1"}, follow=True)
    assert "tidak dapat diubah" in response.content.decode()
    assert assessment.scores.get(competency=m1).level == 3


def test_it_refuses_bad_levels_without_an_error_page(needs_world, login):
    w = needs_world
    response = login(w.users.employee).post(url("self_form", w.campaign.pk),
                                            {f"c{w.comps[0].pk}": "9", f"c{w.comps[1].pk}": "<x>", "save": "1"})
    assert response.status_code == 200
    assert "Pilih level 1 sampai 5" in response.content.decode()
    assert not Assessment.objects.filter(employee=w.staff).exists()


def test_it_ignores_competencies_outside_the_standard(needs_world, login):
    w = needs_world
    from .factories import CompetencyFactory

    other = CompetencyFactory(code="M.9", name="Lain")
    login(w.users.employee).post(url("self_form", w.campaign.pk), {f"c{other.pk}": "3", "save": "1"})
    assert not Assessment.objects.filter(employee=w.staff, scores__competency=other).exists()


def test_it_lets_the_supervisor_rate_all_staff_on_one_page(needs_world, login):
    w = needs_world
    client = login(w.users.supervisor)
    m1 = w.comps[0]
    page = client.get(url("supervisor_grid", w.campaign.pk, m1.pk)).content.decode()
    assert w.staff.name in page and f'name="e{w.staff.pk}"' in page
    response = client.post(url("supervisor_grid", w.campaign.pk, m1.pk), {f"e{w.staff.pk}": "2", "next": "1"})
    assert response.status_code == 302 and str(w.comps[1].pk) in response["Location"]
    assessment = Assessment.objects.get(employee=w.staff, source=Source.SUPERVISOR)
    assert assessment.assessor == w.chief and assessment.scores.get().level == 2


def test_it_hides_the_self_rating_until_the_supervisor_has_submitted(needs_world, login):
    w = needs_world
    login(w.users.employee).post(url("self_form", w.campaign.pk),
                                 {**{f"c{c.pk}": "5" for c in w.comps}, "submit": "1"})
    client = login(w.users.supervisor)
    m1 = w.comps[0]
    for comp in w.comps:
        client.post(url("supervisor_grid", w.campaign.pk, comp.pk), {f"e{w.staff.pk}": "2"})
    page = client.get(url("supervisor_grid", w.campaign.pk, m1.pk)).content.decode()
    assert '<td class="text-center">5</td>' not in page
    client.post(url("supervisor", w.campaign.pk), {"employee": [str(w.staff.pk)]})
    assert Assessment.objects.get(employee=w.staff, source=Source.SUPERVISOR).status == "submitted"
    page = client.get(url("supervisor_grid", w.campaign.pk, m1.pk)).content.decode()
    assert '<td class="text-center">5</td>' in page


def test_it_keeps_an_incomplete_supervisor_form_as_a_draft(needs_world, login):
    w = needs_world
    client = login(w.users.supervisor)
    client.post(url("supervisor_grid", w.campaign.pk, w.comps[0].pk), {f"e{w.staff.pk}": "2"})
    client.post(url("supervisor", w.campaign.pk), {"employee": [str(w.staff.pk)]})
    assert Assessment.objects.get(employee=w.staff, source=Source.SUPERVISOR).status == "draft"


def test_it_refuses_the_grid_to_someone_without_staff(needs_world, login):
    w = needs_world
    assert login(w.users.employee).get(url("supervisor", w.campaign.pk)).status_code == 404


def test_it_refuses_forms_of_a_closed_campaign(needs_world, login):
    w = needs_world
    w.campaign.status = "closed"
    w.campaign.save()
    response = login(w.users.employee).post(url("self_form", w.campaign.pk), {f"c{w.comps[0].pk}": "3"})
    assert response.status_code == 200 and "tidak sedang dibuka" in response.content.decode()
    assert not Assessment.objects.filter(employee=w.staff).exists()


def test_it_saves_and_audits_only_the_levels_that_change(needs_world):
    import pytest
    from auditlog.models import LogEntry
    from django.core.exceptions import ValidationError

    from renbang.needs import services
    from renbang.needs.models import AssessmentScore

    from .factories import CompetencyFactory

    w = needs_world
    m1, m2, m3 = w.comps
    allowed = {c.pk for c in w.comps}
    assessment = services.self_assessment_get_or_create(campaign=w.campaign, employee=w.staff)
    services.assessment_save_scores(assessment=assessment, scores={m1.pk: 3, m2.pk: 2}, allowed_competencies=allowed)
    entries = LogEntry.objects.get_for_model(AssessmentScore)
    assert entries.count() == 2
    services.assessment_save_scores(assessment=assessment, scores={m1.pk: 3, m2.pk: 4, m3.pk: 1},
                                    allowed_competencies=allowed)
    assert dict(assessment.scores.values_list("competency_id", "level")) == {m1.pk: 3, m2.pk: 4, m3.pk: 1}
    assert entries.count() == 4  # m2 changed, m3 created; m1 unchanged: no entry
    services.assessment_save_scores(assessment=assessment, scores={m3.pk: None}, allowed_competencies=allowed)
    assert set(assessment.scores.values_list("competency_id", flat=True)) == {m1.pk, m2.pk} and entries.count() == 5
    with pytest.raises(ValidationError):
        services.assessment_save_scores(assessment=assessment, scores={m1.pk: 9}, allowed_competencies=allowed)
    other = CompetencyFactory(code="M.9", name="Lain")
    with pytest.raises(ValidationError):
        services.assessment_save_scores(assessment=assessment, scores={m2.pk: 1, other.pk: 3},
                                        allowed_competencies=allowed)
    assert dict(assessment.scores.values_list("competency_id", "level")) == {m1.pk: 3, m2.pk: 4}
