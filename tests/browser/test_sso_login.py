"""An employee logs in through the single sign-on provider started by the test (tests/oidc.py), in Chromium."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_logs_an_employee_in_through_sso_and_refuses_an_unknown_nip(world, live_server, page, oidc_provider):
    oidc_provider.add_user(world.staff.nip, nip=world.staff.nip, name="Ahmad Lubis")
    oidc_provider.add_user("199001012015031001", nip="199001012015031001", name="Bukan Pegawai")

    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_role("link", name="Masuk dengan SSO ASN").click()
    page.wait_for_url(f"{oidc_provider.issuer}/oauth2/authorize*")  # the provider's own page
    page.fill("input[name=sub]", world.staff.nip)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/akun/profil/")
    assert "pegawai" in page.inner_text("main")  # logged in as the user linked to that NIP's employee

    page.locator(".navbar-nav .dropdown-toggle").last.click()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(f"{oidc_provider.issuer}/oauth2/end_session*")  # the provider's logout follows ours

    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_role("link", name="Masuk dengan SSO ASN").press("Enter")  # the button works from the keyboard
    page.fill("input[name=sub]", "199001012015031001")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{live_server.url}/akun/masuk/")
    assert "tidak terdaftar sebagai pegawai aktif" in page.inner_text(".alert")
    assert page.locator("#login-form").is_visible()
