"""Single sign-on through a real OpenID Connect provider on loopback (tests/oidc.py): discovery, authorization
form, token, userinfo and JWKS over HTTP; nothing patched."""

import pytest
import requests
from axes.models import AccessAttempt, AccessLog
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from renbang.accounts.models import User
from renbang.accounts.oidc import discovery
from renbang.people.models import Employee
from tests.oidc import configure, running_provider, sso_login

BACKEND = "renbang.accounts.oidc.backend.EmployeeOIDCBackend"


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_it_logs_in_a_known_nip_as_the_linked_user(world, client, oidc_provider):
    users, employees = User.objects.count(), Employee.objects.count()
    oidc_provider.add_user("sso-ahmad", nip=world.staff.nip, name="Ahmad Lubis")
    response = sso_login(client, "sso-ahmad")
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert response.status_code == 200
    assert logged_in_user_id(client) == str(world.users.employee.pk)
    assert client.session["_auth_user_backend"] == BACKEND
    assert (User.objects.count(), Employee.objects.count()) == (users, employees)  # nothing created
    assert AccessLog.objects.filter(username="pegawai", path_info=reverse("oidc:callback")).exists()  # login trail
    assert cache.get(discovery._cache_key(oidc_provider.issuer))["issuer"] == oidc_provider.issuer  # kept


def test_it_goes_to_the_page_asked_for_and_accepts_a_nip_written_with_spaces(world, client, oidc_provider):
    nip = world.chief.nip
    oidc_provider.add_user("sso-butet", nip=f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}")
    response = sso_login(client, "sso-butet", next_url=reverse("accounts:profile"))
    assert response.redirect_chain[-1][0] == reverse("accounts:profile")
    assert logged_in_user_id(client) == str(world.users.supervisor.pk)


@pytest.mark.parametrize("case", ["unknown", "inactive_employee", "disabled_user", "no_account", "missing_claim",
                                  "other_agency"])
def test_it_refuses_an_identity_that_is_not_an_active_employee_with_an_account(world, client, oidc_provider,
                                                                               settings, case):
    claims = {"nip": world.staff.nip}
    expected = "tidak terdaftar sebagai pegawai aktif"
    if case == "unknown":
        claims = {"nip": "199001012015031001"}
    elif case == "inactive_employee":
        Employee.objects.filter(pk=world.staff.pk).update(active=False)
    elif case == "disabled_user":
        User.objects.filter(pk=world.users.employee.pk).update(is_active=False)
        expected = "Akun Renbang Anda dinonaktifkan"
    elif case == "no_account":
        claims = {"nip": world.other.nip}  # an active employee without a user
        expected = "belum memiliki akun Renbang"
    elif case == "missing_claim":
        claims = {"email": "ahmad@example.go.id", "preferred_username": "ahmad"}
        expected = "tidak mengirimkan NIP Anda"
    elif case == "other_agency":
        settings.OIDC_AGENCIES = ["kabupaten-lain"]
    users = User.objects.count()
    oidc_provider.add_user("sso-x", **claims)
    response = sso_login(client, "sso-x")
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert expected in messages_of(response)
    assert logged_in_user_id(client) is None
    assert User.objects.count() == users
    assert not AccessAttempt.objects.exists()  # a refused SSO identity is not a failed password attempt


def test_it_refuses_in_english_for_an_english_reader(world, client, oidc_provider):
    client.post("/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"})
    oidc_provider.add_user("sso-x", nip="199001012015031001")
    page = sso_login(client, "sso-x").content.decode()
    assert "is not registered as an active employee" in page


def test_it_reads_the_nip_from_the_claim_the_settings_name(world, client, oidc_provider, settings):
    settings.OIDC_NIP_CLAIM = "preferred_username"
    oidc_provider.add_user("sso-ahmad", preferred_username=world.staff.nip, nip="199001012015031001")
    sso_login(client, "sso-ahmad")
    assert logged_in_user_id(client) == str(world.users.employee.pk)


def test_it_uses_endpoints_set_by_hand_without_discovery(world, client, oidc_provider, settings):
    issuer = oidc_provider.issuer
    settings.OIDC_OP_ISSUER = ""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/oauth2/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
    oidc_provider.add_user("sso-ahmad", nip=world.staff.nip)
    sso_login(client, "sso-ahmad")
    assert logged_in_user_id(client) == str(world.users.employee.pk)


def test_it_says_so_when_the_issuer_is_wrong(world, client, oidc_provider, settings):
    settings.OIDC_OP_ISSUER = f"{oidc_provider.issuer}/realms/salah"  # no discovery document there
    response = client.get(reverse("oidc:authenticate"), follow=True)
    assert "tidak dapat dihubungi" in messages_of(response)


def test_it_hides_the_button_and_answers_404_while_sso_is_off(world, client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    page = client.get(reverse("accounts:login")).content.decode()
    assert "sso-login" not in page
    assert "Masuk dengan SSO ASN" not in page
    assert client.get(reverse("oidc:authenticate")).status_code == 404
    assert client.get(reverse("oidc:callback"), {"code": "x", "state": "y"}).status_code == 404


def test_it_shows_the_button_with_the_configured_label(world, client, oidc_provider, settings):
    page = client.get(reverse("accounts:login"), {"next": "/akun/profil/"}).content.decode()
    assert 'id="sso-login"' in page and "Masuk dengan SSO ASN" in page
    assert f'{reverse("oidc:authenticate")}?next=/akun/profil/' in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"})
    assert "Sign in with ASN SSO" in client.get(reverse("accounts:login")).content.decode()
    settings.OIDC_BUTTON_LABEL = "Masuk dengan SSO Pemko Medan"
    assert "Masuk dengan SSO Pemko Medan" in client.get(reverse("accounts:login")).content.decode()


def test_it_says_so_when_the_provider_cannot_be_reached(world, client, settings):
    with running_provider() as provider:
        configure(settings, provider)
    # The provider has stopped: discovery fails at the first use.
    response = client.get(reverse("oidc:authenticate"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "tidak dapat dihubungi" in messages_of(response)
    # A password login never waits for the provider.
    client.post(reverse("accounts:login"), {"username": "pegawai", "password": "rahasia-uji-123"})
    assert logged_in_user_id(client) == str(world.users.employee.pk)


def test_it_says_so_when_the_provider_stops_during_the_login(world, client, settings):
    with running_provider() as provider:
        configure(settings, provider)
        provider.add_user("sso-ahmad", nip=world.staff.nip)
        start = client.get(reverse("oidc:authenticate"))
        back = requests.post(start["Location"], data={"sub": "sso-ahmad"}, allow_redirects=False, timeout=5)
    response = client.get(back.headers["Location"].removeprefix("http://testserver"), follow=True)
    assert "tidak dapat dihubungi" in messages_of(response)
    assert logged_in_user_id(client) is None


def test_it_refuses_a_replayed_callback_and_a_token_it_cannot_verify(world, client, oidc_provider, settings):
    oidc_provider.add_user("sso-ahmad", nip=world.staff.nip)
    start = client.get(reverse("oidc:authenticate"))
    back = requests.post(start["Location"], data={"sub": "sso-ahmad"}, allow_redirects=False, timeout=5)
    callback = back.headers["Location"].removeprefix("http://testserver")
    client.get(callback)
    replay = client.get(callback, follow=True)  # the state was used once: refused, not a 500
    assert "tidak dapat diverifikasi" in messages_of(replay)
    stranger = Client()  # the callback URL replayed from another browser: no state there, nobody logged in
    assert "tidak berhasil" in messages_of(stranger.get(callback, follow=True))
    assert logged_in_user_id(stranger) is None
    client.logout()
    # The provider signs with RS256; a client expecting another algorithm must not accept its token.
    settings.OIDC_RP_SIGN_ALGO = "ES256"
    response = sso_login(client, "sso-ahmad")
    assert "tidak dapat diverifikasi" in messages_of(response)
    assert logged_in_user_id(client) is None


def test_it_tells_a_cancelled_login(world, client, oidc_provider):
    start = client.get(reverse("oidc:authenticate"))
    back = requests.post(start["Location"], data={"action": "deny"}, allow_redirects=False, timeout=5)
    response = client.get(back.headers["Location"].removeprefix("http://testserver"), follow=True)
    assert "dibatalkan" in messages_of(response)


def test_it_ends_an_open_sso_session_when_the_account_is_disabled(world, client, oidc_provider):
    oidc_provider.add_user("sso-ahmad", nip=world.staff.nip)
    sso_login(client, "sso-ahmad")
    assert client.get(reverse("accounts:profile")).status_code == 200
    User.objects.filter(pk=world.users.employee.pk).update(is_active=False)
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_it_logs_out_here_and_at_the_provider(world, client, oidc_provider, settings):
    oidc_provider.add_user("sso-ahmad", nip=world.staff.nip)
    sso_login(client, "sso-ahmad")
    response = client.post(reverse("accounts:logout"))
    assert response["Location"].startswith(f"{oidc_provider.issuer}/oauth2/end_session?id_token_hint=")
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Fakun%2Fmasuk%2F" in response["Location"]
    assert logged_in_user_id(client) is None
    settings.OIDC_LOGOUT_AT_PROVIDER = False
    sso_login(client, "sso-ahmad")
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("accounts:login")


def test_it_keeps_password_logins_and_their_lockout(world, client, oidc_provider, settings):
    settings.AXES_ENABLED = True
    response = client.post(reverse("accounts:login"), {"username": "pegawai", "password": "rahasia-uji-123"})
    assert response.status_code == 302
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("accounts:login")  # no SSO session
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "pegawai", "password": "salah"})
    assert AccessAttempt.objects.filter(username="pegawai").exists()
    client.post(reverse("accounts:login"), {"username": "pegawai", "password": "rahasia-uji-123"})
    assert logged_in_user_id(client) is None
