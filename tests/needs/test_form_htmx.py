"""The self form's HTMX draft save: only the status line comes back, the levels are saved and audited; the submit
replaces the form by the read-only questionnaire; bad input and refused actors change nothing."""

from auditlog.models import LogEntry
from django.urls import reverse

from renbang.accounts.models import Role
from renbang.needs.models import Assessment, AssessmentScore, Source
from tests.factories import EmployeeFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(w):
    return reverse("needs:self_form", args=[w.campaign.pk])


def test_an_htmx_draft_save_answers_the_status_line_and_saves_and_audits_the_levels(needs_world, login):
    w = needs_world
    m1, m2, _m3 = w.comps
    response = login(w.users.employee).post(url(w), {f"c{m1.pk}": "3", f"c{m2.pk}": "4", "save": "1"}, **HTMX)
    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith('<div id="save-status"') and "Draf tersimpan pukul" in text
    assert "2 dari 3 kompetensi dinilai" in text and "<html" not in text and "<form" not in text
    assessment = Assessment.objects.get(employee=w.staff, source=Source.SELF)
    assert dict(assessment.scores.values_list("competency_id", "level")) == {m1.pk: 3, m2.pk: 4}
    entries = list(LogEntry.objects.get_for_model(AssessmentScore))
    assert len(entries) == 2 and {e.actor for e in entries} == {w.users.employee}
    assert sorted(e.changes["level"] for e in entries) == [["None", "3"], ["None", "4"]]
    # a second save changes one level: one row updated, one entry more
    login(w.users.employee).post(url(w), {f"c{m1.pk}": "3", f"c{m2.pk}": "2", "save": "1"}, **HTMX)
    assert assessment.scores.get(competency=m2).level == 2
    entries = LogEntry.objects.get_for_model(AssessmentScore)
    assert entries.count() == 3 and entries.get(action=LogEntry.Action.UPDATE).changes == {"level": ["4", "2"]}


def test_the_form_posts_drafts_through_htmx_without_inline_script(needs_world, login):
    w = needs_world
    page = login(w.users.employee).get(url(w)).content.decode()
    assert f'hx-post="{url(w)}"' in page and 'hx-target="#save-status"' in page and 'id="save-status"' in page
    assert "onclick" not in page and "onsubmit" not in page


def test_an_htmx_submit_replaces_the_form_by_the_read_only_questionnaire(needs_world, login):
    w = needs_world
    data = {**{f"c{c.pk}": "4" for c in w.comps}, "submit": "1"}
    response = login(w.users.employee).post(url(w), data, **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#questionnaire" and response["HX-Reswap"] == "outerHTML"
    text = response.content.decode()
    assert "Penilaian diri terkirim" in text and "tidak dapat diubah lagi" in text
    assert 'name="submit"' not in text and " disabled" in text and " checked" in text
    assessment = Assessment.objects.get(employee=w.staff, source=Source.SELF)
    assert assessment.status == "submitted" and assessment.scores.count() == 3


def test_an_incomplete_htmx_submit_keeps_the_draft_and_says_what_is_missing(needs_world, login):
    w = needs_world
    response = login(w.users.employee).post(url(w), {f"c{w.comps[0].pk}": "2", "submit": "1"}, **HTMX)
    assert response.status_code == 200 and "Masih ada 2 kompetensi yang belum dinilai" in response.content.decode()
    assessment = Assessment.objects.get(employee=w.staff, source=Source.SELF)
    assert assessment.status == "draft" and assessment.scores.get().level == 2


def test_bad_htmx_input_is_refused_in_indonesian_and_nothing_is_saved(needs_world, login):
    w = needs_world
    response = login(w.users.employee).post(url(w), {f"c{w.comps[0].pk}": "9", f"c{w.comps[1].pk}": "2",
                                                     "save": "1"}, **HTMX)
    assert response.status_code == 200
    assert "Pilih level 1 sampai 5 untuk setiap kompetensi." in response.content.decode()
    assert not AssessmentScore.objects.exists()


def test_bad_input_without_javascript_keeps_the_typed_levels(needs_world, login):
    w = needs_world
    m1, m2, _m3 = w.comps
    response = login(w.users.employee).post(url(w), {f"c{m1.pk}": "9", f"c{m2.pk}": "4", "save": "1"})
    text = response.content.decode()
    assert response.status_code == 200 and "Pilih level 1 sampai 5" in text
    assert f'id="c{m2.pk}-4" value="4" checked' in text and "border-danger" in text
    assert not AssessmentScore.objects.exists()


def test_a_sent_questionnaire_refuses_an_htmx_save(needs_world, login):
    w = needs_world
    client = login(w.users.employee)
    client.post(url(w), {**{f"c{c.pk}": "3" for c in w.comps}, "submit": "1"})
    response = client.post(url(w), {f"c{w.comps[0].pk}": "5", "save": "1"}, **HTMX)
    assert response.status_code == 200 and "tidak dapat diubah" in response.content.decode()
    assert AssessmentScore.objects.get(competency=w.comps[0]).level == 3


def test_the_cached_questions_never_show_one_employee_anothers_choices(needs_world, login):
    w = needs_world
    mate = EmployeeFactory(agency=w.agency, unit=w.section_a, position=w.positions.staff, supervisor=w.chief)
    mate_user = UserFactory(username="rekan", agency=w.agency, role=Role.EMPLOYEE, employee=mate)
    m1 = w.comps[0]
    login(w.users.employee).post(url(w), {f"c{m1.pk}": "4", "save": "1"}, **HTMX)
    assert f'id="c{m1.pk}-4" value="4" checked' in login(w.users.employee).get(url(w)).content.decode()
    page = login(mate_user).get(url(w)).content.decode()
    assert f'id="c{m1.pk}-4" value="4"' in page and " checked" not in page
    login(mate_user).post(url(w), {f"c{m1.pk}": "2", "save": "1"}, **HTMX)
    assert f'id="c{m1.pk}-2" value="2" checked' in login(mate_user).get(url(w)).content.decode()
    mine = login(w.users.employee).get(url(w)).content.decode()
    assert f'id="c{m1.pk}-4" value="4" checked' in mine and f'id="c{m1.pk}-2" value="2" checked' not in mine


def test_refused_actors_cannot_save_a_self_form(needs_world, login):
    w = needs_world
    w.campaign.target_units.set([w.unit_a])
    outsider = UserFactory(username="luar", agency=w.agency, role=Role.EMPLOYEE, employee=w.other)
    data = {f"c{w.comps[0].pk}": "3", "save": "1"}
    assert login(outsider).post(url(w), data, **HTMX).status_code == 404  # not a target of the campaign
    assert login(w.users.officer_b).post(url(w), data, **HTMX).status_code == 403  # no employee record
    assert not Assessment.objects.exists() and not AssessmentScore.objects.exists()
    # the employee's own draft is theirs alone: a colleague saving "the" self form saves their own
    mate = EmployeeFactory(agency=w.agency, unit=w.section_a, position=w.positions.staff, supervisor=w.chief)
    mate_user = UserFactory(username="rekan", agency=w.agency, role=Role.EMPLOYEE, employee=mate)
    login(w.users.employee).post(url(w), data, **HTMX)
    login(mate_user).post(url(w), {f"c{w.comps[0].pk}": "5", "save": "1"}, **HTMX)
    assert Assessment.objects.get(employee=w.staff).scores.get().level == 3
    assert Assessment.objects.get(employee=mate).scores.get().level == 5


def test_the_supervisor_grid_refuses_someone_elses_staff(needs_world, login):
    w = needs_world
    grid = reverse("needs:supervisor_grid", args=[w.campaign.pk, w.comps[0].pk])
    assert login(w.users.employee).post(grid, {f"e{w.staff.pk}": "2"}).status_code == 404  # no staff of their own
    # the head of bidang supervises the chief, not the chief's staff: the staff member's field is ignored
    login(w.users.mentor).post(grid, {f"e{w.staff.pk}": "2", f"e{w.chief.pk}": "3"})
    assert not Assessment.objects.filter(employee=w.staff, source=Source.SUPERVISOR).exists()
    assert Assessment.objects.get(employee=w.chief, source=Source.SUPERVISOR).scores.get().level == 3
