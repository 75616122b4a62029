"""The needs app in the audit trail (issue 10): a survey answer and an FGD attachment are logged with who made them;
the derived rows a campaign's computation writes in bulk (current levels, JPM, needs) are not, row by row."""

import datetime as dt

import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renbang.needs import services
from renbang.needs.models import (
    Assessment,
    Campaign,
    CurrentLevel,
    FocusGroupAttachment,
    JobMatch,
    Need,
    NeedsSurvey,
    Source,
    SurveyResponse,
)
from tests.factories import EmployeeFactory

from .test_compute import rate
from .test_fgd import PDF, make_group


def entries(model):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))


@time_machine.travel(dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC))
def test_a_survey_answer_and_its_wished_competencies_are_logged_with_the_employee(needs_world, login):
    w = needs_world
    survey = NeedsSurvey.objects.create(agency=w.agency, title="Survei 2026", opens_on=dt.date(2026, 3, 1),
                                        closes_on=dt.date(2026, 3, 31))
    url = reverse("needs:survey_answer", args=[survey.pk])
    login(w.users.employee).post(url, {"competencies": [w.comps[2].pk], "wish": "Kursus Excel lanjutan"})
    answer = SurveyResponse.objects.get(employee=w.staff)
    logged = entries(SurveyResponse).filter(object_id=answer.pk)
    created = logged.get(action=LogEntry.Action.CREATE)
    assert created.actor == w.users.employee and "Kursus Excel" in str(created.changes)
    wished = logged.get(action=LogEntry.Action.UPDATE)  # the many-to-many set
    assert wished.actor == w.users.employee and "competencies" in wished.changes
    # refused: an officer cannot answer for anyone, so nothing more is logged
    before = logged.count()
    login(w.users.officer_b).post(url, {"competencies": [w.comps[0].pk], "wish": "Lain"})
    assert entries(SurveyResponse).filter(object_id=answer.pk).count() == before


def test_an_fgd_attachment_is_logged_with_its_uploader(needs_world, login):
    w = needs_world
    group = make_group(w, login)
    login(w.users.officer_a).post(reverse("needs:fgd", args=[group.pk]),
                                  {"file": SimpleUploadedFile("daftar hadir.pdf", PDF)})
    attachment = FocusGroupAttachment.objects.get()
    entry = entries(FocusGroupAttachment).get(object_id=attachment.pk, action=LogEntry.Action.CREATE)
    assert entry.actor == w.users.officer_a and "daftar_hadir.pdf" in str(entry.changes)
    # refused: an employee cannot attach files; nothing logged
    login(w.users.employee).post(reverse("needs:fgd", args=[group.pk]),
                                 {"file": SimpleUploadedFile("lain.pdf", PDF)})
    assert entries(FocusGroupAttachment).count() == 1


def test_computing_a_campaign_writes_no_audit_entry_per_derived_row(needs_world):
    w = needs_world
    rate(w.campaign, w.staff, Source.SELF, dict.fromkeys(w.comps, 2), assessor=w.staff)
    rate(w.campaign, w.staff, Source.SUPERVISOR, dict.fromkeys(w.comps, 1), assessor=w.chief)
    services.campaign_close(campaign=w.campaign)
    assert CurrentLevel.objects.exists() and Need.objects.exists() and JobMatch.objects.exists()
    for model in (CurrentLevel, Need, JobMatch):
        assert not entries(model).exists(), model


def test_opening_a_peer_rated_campaign_logs_each_draft_peer_questionnaire_with_who_opened_it(needs_world, login):
    """The drafts are written in bulk (no model signal); each still gets its CREATE entry, once."""
    w = needs_world
    mates = [EmployeeFactory(agency=w.agency, unit=w.staff.unit, position=w.staff.position, supervisor=w.chief)
             for _ in range(2)]
    Campaign.objects.filter(pk=w.campaign.pk).update(status=Campaign.Status.DRAFT, peer_on=True, weight_peer=1,
                                                     peers_per_employee=2)
    url = reverse("needs:campaign_action", args=[w.campaign.pk, "buka"])
    # refused: an OPD officer cannot open a campaign; no draft, nothing logged
    assert login(w.users.officer_a).post(url).status_code == 403
    assert not entries(Assessment).exists()
    login(w.users.admin).post(url)
    drafts = Assessment.objects.filter(campaign=w.campaign, source=Source.PEER)
    assert drafts.count() == 6
    logged = entries(Assessment).filter(action=LogEntry.Action.CREATE)
    assert sorted(int(pk) for pk in logged.values_list("object_pk", flat=True)) == sorted(d.pk for d in drafts)
    entry = logged.get(object_id=drafts.get(employee=w.staff, assessor=mates[0]).pk)
    assert entry.actor == w.users.admin
    assert entry.changes["assessor"] == ["None", str(mates[0].pk)] and entry.changes["source"] == ["None", "peer"]
    # assigning again adds no draft and no entry
    w.campaign.refresh_from_db()
    assert services.peer_assignments_create(campaign=w.campaign) == 0
    assert entries(Assessment).count() == 6
