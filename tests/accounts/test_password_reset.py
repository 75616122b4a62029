"""Forgot password by e-mail: Indonesian mail, no account enumeration, inactive accounts get nothing, limits."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from renbang.accounts.models import User


def same_page(response) -> str:
    """The page without what differs per response anyway (CSRF token, CSP nonce)."""
    text = re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', r'\1=""', response.content.decode())
    return re.sub(r'"X-CSRFToken": "[^"]*"', '"X-CSRFToken": ""', text)


RESET = reverse("accounts:password_reset")
NEW = "Sandi-Baru-Renbang-2026"


@pytest.fixture
def with_email(world):
    user = world.users.employee
    user.email = "ahmad@pemkomedan.go.id"
    user.save()
    return user


def test_it_mails_a_link_that_sets_a_new_password(client, with_email):
    response = client.post(RESET, {"email": "Ahmad@PemkoMedan.go.id"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    message, = mail.outbox
    assert message.to == ["ahmad@pemkomedan.go.id"] and message.subject == "Atur ulang kata sandi Renbang ASN"
    assert "Nama pengguna Anda: pegawai" in message.body
    link = re.search(r"http://testserver(/akun/atur-ulang/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Kata sandi baru" in form.content.decode()
    response = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    with_email.refresh_from_db()
    assert with_email.check_password(NEW)
    # single use
    assert "Tautan ini tidak berlaku" in client.get(link, follow=True).content.decode()


def test_it_answers_the_same_whether_the_address_exists_or_not(client, with_email):
    known = client.post(RESET, {"email": "ahmad@pemkomedan.go.id"}, follow=True)
    unknown = client.post(RESET, {"email": "tidak.ada@pemkomedan.go.id"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert same_page(known) == same_page(unknown)
    assert len(mail.outbox) == 1


def test_an_inactive_account_gets_nothing(client, with_email):
    User.objects.filter(pk=with_email.pk).update(is_active=False)
    response = client.post(RESET, {"email": "ahmad@pemkomedan.go.id"})
    assert response["Location"] == reverse("accounts:password_reset_done") and mail.outbox == []


def test_an_account_not_activated_yet_can_set_its_password_this_way(client, with_email):
    with_email.set_unusable_password()
    with_email.save()
    client.post(RESET, {"email": "ahmad@pemkomedan.go.id"})
    assert len(mail.outbox) == 1


def test_it_limits_requests_per_address_and_per_client(client, with_email, settings):
    settings.RENBANG = {**settings.RENBANG, "PASSWORD_RESET_PER_EMAIL": 2, "PASSWORD_RESET_PER_IP": 4}
    for _ in range(2):
        client.post(RESET, {"email": "ahmad@pemkomedan.go.id"})
    response = client.post(RESET, {"email": "ahmad@pemkomedan.go.id"})
    assert response.status_code == 200 and "Terlalu banyak permintaan" in response.content.decode()
    assert len(mail.outbox) == 2
    # the same refusal for an unknown address once the client is over its limit: nothing to learn from it
    client.post(RESET, {"email": "a@pemkomedan.go.id"})
    client.post(RESET, {"email": "b@pemkomedan.go.id"})
    response = client.post(RESET, {"email": "c@pemkomedan.go.id"})
    assert "Terlalu banyak permintaan" in response.content.decode()
