"""The "Akun pegawai" page: who may use it, counts in scope, account creation, activation e-mails and letters."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.core import mail
from django.urls import reverse

from renbang.accounts.activation import Activation, Channel
from renbang.accounts.models import User
from renbang.accounts.provisioning import provision_accounts
from renbang.core.models import Job
from renbang.people.models import Employee

from ..factories import EmployeeFactory, OrgUnitFactory

PAGE = reverse("accounts:employee_accounts")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def start(client, action, callbacks, **filters):
    data = {"state": "", "email": "", "q": "", **filters}
    with callbacks(execute=True):
        response = client.post(reverse("accounts:employee_accounts_start", args=[action]), data)
    return response


@pytest.mark.parametrize("actor", ["admin", "officer_a"])
def test_it_is_open_to_bkpsdm_and_opd_officers(world, login, actor):
    response = login(getattr(world.users, actor)).get(PAGE)
    assert response.status_code == 200 and "Akun pegawai" in response.content.decode()


@pytest.mark.parametrize("actor", ["employee", "supervisor", "head", "mentor", "facilitator"])
def test_it_refuses_other_roles(world, login, actor):
    client = login(getattr(world.users, actor))
    assert client.get(PAGE).status_code == 403
    assert client.post(reverse("accounts:employee_accounts_start", args=["surat"]), {}).status_code == 403


def test_it_sends_anonymous_users_to_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_officer_sees_and_creates_only_their_units(world, login, django_capture_on_commit_callbacks):
    client = login(world.users.officer_a)
    page = client.get(PAGE, {"state": ""}).content.decode()
    assert world.staff.nip in page and world.other.nip not in page  # other is in unit B
    assert 'data-count="no_account">0<' in page  # A's employees all have accounts in the world
    response = start(client, "buat", django_capture_on_commit_callbacks, unit=str(world.unit_b.pk))
    assert response.status_code == 302 and "buat" not in response["Location"]  # B is not a choice: refused
    assert not Job.objects.exists()
    response = start(client, "buat", django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response["Location"] == reverse("accounts:account_job", args=[job.pk])
    assert job.result["employees"] == 3 and not User.objects.filter(employee=world.other).exists()
    assert "3 pegawai diperiksa" in client.get(response["Location"]).content.decode()
    # another manager cannot open the job
    assert login(world.users.officer_b).get(response["Location"]).status_code == 404


def test_bkpsdm_creates_accounts_for_the_whole_agency(world, login, django_capture_on_commit_callbacks):
    client = login(world.users.admin)
    assert 'data-count="no_account">1<' in client.get(PAGE).content.decode()
    start(client, "buat", django_capture_on_commit_callbacks)
    assert User.objects.get(employee=world.other).username == world.other.nip
    assert 'data-count="no_account">0<' in client.get(PAGE).content.decode()


def _accounts_with_email(world):
    for n, employee in enumerate(Employee.objects.filter(agency=world.agency)):
        employee.email = f"pegawai{n}@pemkomedan.go.id"
        employee.save()
    provision_accounts(employee_ids=Employee.objects.values_list("pk", flat=True))
    User.objects.filter(employee__isnull=False).update(password="!unusable")  # not activated yet


def test_it_sends_activation_links_by_email_once_within_the_resend_window(world, login, settings,
                                                                         django_capture_on_commit_callbacks):
    _accounts_with_email(world)
    client = login(world.users.admin)
    start(client, "surel", django_capture_on_commit_callbacks, state="not_activated", email="yes")
    assert len(mail.outbox) == 4
    world.staff.refresh_from_db()
    message = next(m for m in mail.outbox if m.to == [world.staff.email])
    assert message.subject == "Aktivasi akun Renbang ASN Anda"
    link = re.search(r"http://testserver(/akun/aktivasi/[^/\s]+/)", message.body).group(1)
    assert Activation.objects.filter(user__employee=world.staff, channel=Channel.EMAIL).count() == 1
    start(client, "surel", django_capture_on_commit_callbacks, state="not_activated", email="yes")
    assert len(mail.outbox) == 4  # within ACTIVATION_RESEND_MINUTES: refused
    assert Job.objects.order_by("-pk").first().result["skipped_recent"] == 4
    # the link works
    client.logout()
    response = client.get(link)
    assert response["Location"] == reverse("accounts:activate_password")


def test_an_officer_emails_only_their_units(world, login, django_capture_on_commit_callbacks):
    _accounts_with_email(world)
    start(login(world.users.officer_b), "surel", django_capture_on_commit_callbacks, state="not_activated")
    world.other.refresh_from_db()
    assert [m.to for m in mail.outbox] == [[world.other.email]]


def test_it_prints_one_letter_page_per_employee_grouped_by_opd(world, login, tmp_path,
                                                              django_capture_on_commit_callbacks):
    unit_c = OrgUnitFactory(agency=world.agency, name="Badan Kepegawaian", parent=None)
    EmployeeFactory(agency=world.agency, unit=unit_c, position=world.positions.staff, name="Zainal Abidin")
    EmployeeFactory(agency=world.agency, unit=unit_c, position=world.positions.staff, name="Ani Lestari")
    provision_accounts(employee_ids=Employee.objects.values_list("pk", flat=True))
    User.objects.filter(employee__isnull=False).update(password="!unusable")
    client = login(world.users.admin)
    old = Activation.objects.create(user=world.users.employee, channel=Channel.LETTER, token_hash="x" * 64,
                                    code_hash="y", password_stamp="z", expires_at="2999-01-01T00:00Z")
    response = start(client, "surat", django_capture_on_commit_callbacks, state="not_activated")
    job = Job.objects.get()
    assert job.result["count"] == 6 and job.result["opds"] == 3
    assert "Kode lama pegawai tersebut tidak berlaku lagi" in client.get(response["Location"]).content.decode()
    pdf = client.get(reverse("accounts:letters_download", args=[job.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "surat.pdf"
    path.write_bytes(b"".join(pdf.streaming_content))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == 6
    order = [next(name for name in ("Zainal Abidin", "Ani Lestari", "Ahmad Lubis", "Butet Siregar",
                                    "Rahmat Hasibuan", "Siti Nasution") if name in page) for page in pages]
    # OPDs by name (Badan Kepegawaian, Dinas Kesehatan, Dinas Pendidikan…), then employees by name
    assert order == ["Ani Lestari", "Zainal Abidin", "Siti Nasution", "Ahmad Lubis", "Butet Siregar",
                     "Rahmat Hasibuan"]
    staff_page = pages[3]
    assert world.staff.nip in staff_page and "Seksi Kurikulum SD" in staff_page
    code = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", staff_page).group(1)
    old.refresh_from_db()
    assert old.revoked_at is not None  # the new letter revoked the earlier credential
    # the printed code activates the account
    client.logout()
    response = client.post(reverse("accounts:activate"), {"nip": world.staff.nip, "code": code})
    assert response["Location"] == reverse("accounts:activate_password")
    # the letters belong to whoever printed them
    assert login(world.users.officer_a).get(reverse("accounts:letters_download", args=[job.pk])).status_code == 404


def test_it_starts_nothing_when_no_account_matches(world, login, django_capture_on_commit_callbacks):
    client = login(world.users.admin)
    response = start(client, "surat", django_capture_on_commit_callbacks, state="no_account", q="0000")
    assert response["Location"] == PAGE and not Job.objects.exists()


def test_it_shows_a_running_job_with_htmx_polling(world, login):
    job = Job.objects.create(kind="accounts.letters", agency=world.agency, created_by=world.users.admin, progress=30)
    client = login(world.users.admin)
    page = client.get(reverse("accounts:account_job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "30%" in page
    fragment = client.get(reverse("accounts:account_job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="account-job"') and "<html" not in fragment
