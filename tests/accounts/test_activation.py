"""Activation by link and by NIP + code; expired, used, forged and replaced credentials refused; rate limits."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from renbang.accounts.activation import Activation, Channel, issue_activations, shown_code
from renbang.accounts.models import User

ACTIVATE = reverse("accounts:activate")
PASSWORD = reverse("accounts:activate_password")
NEW = "Sandi-Baru-Renbang-2026"
REFUSED = "Kode atau tautan aktivasi tidak berlaku"


@pytest.fixture
def fresh(world):
    """The staff member's account, not activated yet (no usable password)."""
    user = world.users.employee
    user.set_unusable_password()
    user.save()
    return user


def issue(user, channel=Channel.LETTER, admin=None):
    with set_actor(admin) if admin else contextlib.nullcontext():
        (_user, token, code), = issue_activations([user], channel=channel, actor=admin)
    return token, code


def set_password(client):
    return client.post(PASSWORD, {"new_password1": NEW, "new_password2": NEW})


def test_it_activates_by_link_logs_in_and_lands_home(world, client, fresh):
    token, _code = issue(fresh, Channel.EMAIL, world.users.admin)
    response = client.get(reverse("accounts:activate_link", args=[token]))
    assert response["Location"] == PASSWORD
    page = client.get(PASSWORD).content.decode()
    assert "Buat kata sandi" in page and "pegawai" in page
    response = set_password(client)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    fresh.refresh_from_db()
    assert fresh.check_password(NEW)
    assert client.get(reverse("core:home")).wsgi_request.user == fresh
    activation = Activation.objects.get(user=fresh)
    assert activation.used_at is not None
    kinds = ContentType.objects.get_for_model(Activation)
    assert LogEntry.objects.filter(content_type=kinds, object_id=activation.pk, actor=world.users.admin,
                                   action=LogEntry.Action.CREATE).exists()
    assert LogEntry.objects.filter(content_type=kinds, object_id=activation.pk, actor=fresh,
                                   action=LogEntry.Action.UPDATE).exists()
    # single use: the same link again is refused
    client.logout()
    response = client.get(reverse("accounts:activate_link", args=[token]))
    assert response.status_code == 400 and REFUSED in response.content.decode()


def test_it_activates_by_nip_and_code_typed_loosely(world, client, fresh):
    _token, code = issue(fresh)
    typed = shown_code(code).lower().replace("-", " - ")
    response = client.post(ACTIVATE, {"nip": f" {world.staff.nip} ", "code": typed})
    assert response["Location"] == PASSWORD
    assert set_password(client)["Location"] == reverse("core:home")


def test_it_applies_the_password_rules(world, client, fresh):
    token, _code = issue(fresh)
    client.get(reverse("accounts:activate_link", args=[token]))
    response = client.post(PASSWORD, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 400
    fresh.refresh_from_db()
    assert not fresh.has_usable_password()


@pytest.mark.parametrize("case", ["expired", "revoked", "password_set", "inactive", "forged"])
def test_it_refuses_dead_links(world, client, fresh, case):
    token, _code = issue(fresh)
    if case == "expired":
        Activation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    elif case == "revoked":
        issue(fresh)  # a newer letter
    elif case == "password_set":
        fresh.set_password("Sandi-Lain-Renbang-99")
        fresh.save()
    elif case == "inactive":
        User.objects.filter(pk=fresh.pk).update(is_active=False)
    else:
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(reverse("accounts:activate_link", args=[token]))
    assert response.status_code == 400 and REFUSED in response.content.decode()
    assert client.get(PASSWORD).status_code == 400  # nothing in the session to set a password with


def test_a_wrong_code_and_an_unknown_nip_get_the_same_answer(world, client, fresh):
    _token, code = issue(fresh)
    wrong = client.post(ACTIVATE, {"nip": world.staff.nip, "code": "ABCD-EFGH" if code != "ABCDEFGH" else "HGFE-DCBA"})
    unknown = client.post(ACTIVATE, {"nip": "199901012020011001", "code": shown_code(code)})
    assert wrong.status_code == unknown.status_code == 400
    assert REFUSED in wrong.content.decode() and REFUSED in unknown.content.decode()
    # someone else's code does not open this account
    other = User.objects.create_user(username="lain", agency=world.agency)
    other.set_unusable_password()
    other.save()
    _t, other_code = issue(other)
    assert client.post(ACTIVATE, {"nip": world.staff.nip, "code": other_code}).status_code == 400


def test_it_stops_guessing_codes_per_nip_and_per_address(world, client, fresh, settings):
    settings.RENBANG = {**settings.RENBANG, "ACTIVATION_ATTEMPTS_PER_NIP": 3, "ACTIVATION_ATTEMPTS_PER_IP": 5}
    _token, code = issue(fresh)
    for _ in range(3):
        client.post(ACTIVATE, {"nip": world.staff.nip, "code": "AAAA-AAAA"})
    response = client.post(ACTIVATE, {"nip": world.staff.nip, "code": code})
    assert response.status_code == 400 and "Terlalu banyak percobaan" in response.content.decode()
    # other NIPs from the same address: refused after the per-address limit
    for n in range(2):
        client.post(ACTIVATE, {"nip": f"19990101202001100{n}", "code": "AAAA-AAAA"})
    response = client.post(ACTIVATE, {"nip": world.chief.nip, "code": "AAAA-AAAA"})
    assert "Terlalu banyak percobaan" in response.content.decode()
    # a forged link from that address is refused the same way, without looking it up
    response = client.get(reverse("accounts:activate_link", args=["x" * 32]))
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_the_activation_pages_need_no_login_and_the_login_page_links_them(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:activate") in page and reverse("accounts:password_reset") in page
    assert client.get(ACTIVATE).status_code == 200
    assert client.get(reverse("accounts:password_reset")).status_code == 200
