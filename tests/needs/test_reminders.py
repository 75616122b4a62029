"""Questionnaire reminders go through the one notification path (renbang.core.notices): an in-app notice on the
employee's account and an e-mail once the transaction commits."""

from django.urls import reverse

from renbang.core.models import Notice
from renbang.needs import services
from renbang.needs.models import Reminder


def test_it_creates_a_notice_and_a_mail_for_a_reminded_employee(needs_world, mailoutbox,
                                                              django_capture_on_commit_callbacks):
    w = needs_world
    w.users.employee.email = "pegawai@example.go.id"
    w.users.employee.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.reminders_send(campaign=w.campaign, user=w.users.admin)
    assert sent >= 1
    notice = Notice.objects.get(user=w.users.employee, kind="needs.reminder")
    assert w.campaign.name in notice.body
    assert notice.url == reverse("needs:index")
    assert Reminder.objects.get(employee=w.staff).emailed
    assert [m.to for m in mailoutbox if m.to == ["pegawai@example.go.id"]] == [["pegawai@example.go.id"]]


def test_it_mails_an_employee_without_an_account_and_writes_no_notice_for_them(needs_world, mailoutbox,
                                                                              django_capture_on_commit_callbacks):
    w = needs_world
    w.other.email = "siti@example.go.id"
    w.other.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(campaign=w.campaign, user=w.users.admin)
    assert Reminder.objects.filter(employee=w.other, emailed=True).exists()
    assert ["siti@example.go.id"] in [m.to for m in mailoutbox]
    assert not Notice.objects.filter(user__employee=w.other).exists()


def test_it_shows_the_reminder_on_the_notices_page(needs_world, login):
    w = needs_world
    services.reminders_send(campaign=w.campaign, user=w.users.admin)
    page = login(w.users.employee).get(reverse("delivery:notices"))
    assert page.status_code == 200
    assert "Pengingat kuesioner kompetensi" in page.content.decode()
