"""The client address (issue 10): X-Forwarded-For is forgeable, so it counts only behind our proxy
(DJANGO_BEHIND_PROXY → settings.BEHIND_PROXY), and then its right-most address, the one the proxy appended.
Used by the audit trail, the login lockout (django-axes) and the certificate-check throttle."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.authtoken.models import Token

from renbang.core.client_ip import client_ip

FORGED = "6.6.6.6"


def request(forwarded: str | None = None, remote: str = "10.0.0.5"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_it_ignores_x_forwarded_for_when_not_behind_a_proxy(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(request(FORGED)) == "10.0.0.5"
    assert client_ip(request(f"{FORGED}, 203.0.113.7")) == "10.0.0.5"


@pytest.mark.parametrize(("forwarded", "expected"), [
    (f"{FORGED}, 203.0.113.7", "203.0.113.7"),   # what the client wrote, then what the proxy appended
    ("203.0.113.7", "203.0.113.7"),
    ("203.0.113.7:51234", "203.0.113.7"),
    (f"{FORGED}, [2001:db8::7]:443", "2001:db8::7"),
    ("2001:db8::7", "2001:db8::7"),
    ("", "10.0.0.5"),                          # header empty: the peer
    (f"{FORGED}, not-an-address", "10.0.0.5"),  # garbage where the proxy's entry should be: the peer
    (None, "10.0.0.5"),
])
def test_it_takes_the_right_most_forwarded_address_behind_the_proxy(settings, forwarded, expected):
    settings.BEHIND_PROXY = True
    assert client_ip(request(forwarded)) == expected


def _claim(client, world, **headers):
    from renbang.delivery.models import ExternalClaim
    from tests.delivery.helpers import pdf_upload

    token, _ = Token.objects.get_or_create(user=world.users.employee)
    response = client.post("/api/v1/delivery/claims/", {
        "title": "Webinar", "provider_name": "LAN", "start_date": "2026-02-02", "end_date": "2026-02-02", "jp": "2",
        "file": pdf_upload()}, HTTP_AUTHORIZATION=f"Token {token.key}", **headers)
    assert response.status_code == 201, response.content
    return LogEntry.objects.get(content_type=ContentType.objects.get_for_model(ExternalClaim),
                                object_id=response.json()["id"], action=LogEntry.Action.CREATE)


def test_the_audit_trail_records_the_peer_not_a_forged_header(world, client, settings):
    settings.BEHIND_PROXY = False
    entry = _claim(client, world, HTTP_X_FORWARDED_FOR=FORGED, HTTP_X_FORWARDED_PORT="4444",
                   REMOTE_ADDR="192.0.2.10")
    assert (entry.remote_addr, entry.remote_port) == ("192.0.2.10", None)


def test_the_audit_trail_records_the_proxy_s_address_behind_the_proxy(world, client, settings):
    settings.BEHIND_PROXY = True
    entry = _claim(client, world, HTTP_X_FORWARDED_FOR=f"{FORGED}, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    assert entry.remote_addr == "203.0.113.7"


def _fail_logins(client, settings, addresses: list[str], remote: str = "192.0.2.10"):
    for forwarded in addresses:
        client.post(reverse("accounts:login"), {"username": "admin", "password": "salah"},
                    HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)


def test_a_new_forged_address_per_attempt_does_not_escape_the_lockout(world, client, settings):
    settings.AXES_ENABLED, settings.BEHIND_PROXY = True, False
    _fail_logins(client, settings, [f"6.6.6.{i}" for i in range(settings.AXES_FAILURE_LIMIT)])
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.10"}
    response = client.post(reverse("accounts:login"), {"username": "admin", "password": "rahasia-uji-123"},
                           HTTP_X_FORWARDED_FOR="6.6.6.99", REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 429 or "dikunci" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_behind_the_proxy_the_lockout_is_per_client_not_per_proxy(world, client, settings):
    settings.AXES_ENABLED, settings.BEHIND_PROXY = True, True
    _fail_logins(client, settings, [f"{FORGED}, 203.0.113.7"] * settings.AXES_FAILURE_LIMIT, remote="127.0.0.1")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    # another client behind the same proxy still logs in
    response = client.post(reverse("accounts:login"), {"username": "admin", "password": "rahasia-uji-123"},
                           HTTP_X_FORWARDED_FOR="203.0.113.8", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_the_certificate_check_throttle_counts_the_client_address(client, settings, db):
    from renbang.delivery.views import public

    cache.clear()
    settings.BEHIND_PROXY = False
    for forwarded in ("6.6.6.1", "6.6.6.2"):
        client.get(reverse("delivery:verify_code", args=["TIDAKADA"]), HTTP_X_FORWARDED_FOR=forwarded,
                   REMOTE_ADDR="192.0.2.10")
    assert cache.get("delivery-verify-miss:192.0.2.10") == 2
    settings.BEHIND_PROXY = True
    client.get(reverse("delivery:verify_code", args=["TIDAKADA"]), HTTP_X_FORWARDED_FOR=f"{FORGED}, 203.0.113.7",
               REMOTE_ADDR="127.0.0.1")
    assert cache.get("delivery-verify-miss:203.0.113.7") == 1
    assert public.VERIFY_MISSES_PER_HOUR > 2
