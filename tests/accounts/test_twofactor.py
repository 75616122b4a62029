"""Two-factor verification: enforced for admin roles, opt-in for others; logins go through the real forms."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from renbang.accounts.models import Role, RoleGrant

PASSWORD = "rahasia-uji-123"


def code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def password_login(client, username: str):
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "password refused"
    return client


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="HP", confirmed=True)


def test_it_sends_an_admin_without_device_to_enrolment_on_every_page_and_api(world, client):
    password_login(client, "admin")
    for url in ["/", reverse("people:list"), reverse("accounts:roles_index"), reverse("accounts:profile")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp_enrol")), url
    api = client.get("/api/v1/employees/")
    assert api.status_code == 403 and "verifikasi dua langkah" in api.json()["detail"]


def test_it_enrols_an_admin_shows_ten_codes_once_and_lets_them_in(world, client):
    password_login(client, "admin")
    page = client.get(reverse("accounts:otp_enrol") + "?next=/pegawai/").content.decode()
    assert "<svg" in page and "<script" not in page.split("<main")[-1].split("</main>")[0]
    device = TOTPDevice.objects.get(user=world.users.admin, confirmed=False)
    response = client.post(reverse("accounts:otp_enrol"), {"token": code(device), "next": "/pegawai/"})
    codes = response.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("people:list")).status_code == 200
    # the codes are not shown again
    assert codes[0] not in client.get(reverse("accounts:otp_manage")).content.decode()


def test_it_asks_an_enrolled_admin_for_a_code_refuses_a_wrong_one_and_throttles(world, client):
    device = enrolled(world.users.admin)
    password_login(client, "admin")
    response = client.get("/")
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    wrong = "000000" if code(device) != "000000" else "111111"
    response = client.post(reverse("accounts:otp_verify"), {"token": wrong, "next": "/"})
    assert response.status_code == 200 and "Kode salah" in response.content.decode()
    # locked for a moment after a failure (django-otp throttling): even the right code waits
    response = client.post(reverse("accounts:otp_verify"), {"token": code(device), "next": "/"})
    assert response.status_code == 200 and "Coba lagi setelah" in response.content.decode()
    assert client.get("/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_it_lets_an_enrolled_admin_in_with_the_right_code(world, client):
    device = enrolled(world.users.admin)
    password_login(client, "admin")
    response = client.post(reverse("accounts:otp_verify"), {"token": code(device), "next": "/pegawai/"})
    assert response["Location"] == "/pegawai/"
    assert client.get(reverse("people:list")).status_code == 200


def test_it_accepts_a_recovery_code_once(world, client):
    from renbang.accounts.twofactor.state import new_recovery_codes

    enrolled(world.users.head)
    codes = new_recovery_codes(world.users.head)
    password_login(client, "ppk")
    response = client.post(reverse("accounts:otp_recover"), {"token": codes[0], "next": "/"})
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post(reverse("accounts:logout"))
    password_login(client, "ppk")
    response = client.post(reverse("accounts:otp_recover"), {"token": codes[0], "next": "/"})
    assert response.status_code == 200 and "Kode salah" in response.content.decode()
    assert client.get("/").status_code == 302
    assert StaticDevice.objects.get(user=world.users.head).token_set.count() == 9


def test_it_does_not_force_admins_when_the_setting_is_off(world, client, settings):
    settings.RENBANG = {**settings.RENBANG, "ADMIN_2FA_REQUIRED": False}
    password_login(client, "admin")
    assert client.get("/").status_code == 200


def test_it_does_not_force_an_exempt_account(world, client):
    world.users.admin.otp_exempt = True
    world.users.admin.save()
    password_login(client, "admin")
    assert client.get("/").status_code == 200


def test_it_forces_a_granted_ppk_and_leaves_other_roles_free(world, client):
    password_login(client, "pegawai")
    assert client.get("/").status_code == 200
    RoleGrant.objects.create(user=world.users.employee, role=Role.HEAD)
    client.post(reverse("accounts:logout"))
    password_login(client, "pegawai")
    assert client.get("/")["Location"].startswith(reverse("accounts:otp_enrol"))


def test_it_asks_an_opted_in_employee_for_the_code(world, client):
    device = enrolled(world.users.employee)
    password_login(client, "pegawai")
    assert client.get("/")["Location"].startswith(reverse("accounts:otp_verify"))
    client.post(reverse("accounts:otp_verify"), {"token": code(device)})
    assert client.get("/").status_code == 200


def test_it_regenerates_codes_and_removes_the_device_only_with_a_current_code(world, client):
    device = enrolled(world.users.employee)
    password_login(client, "pegawai")
    client.post(reverse("accounts:otp_verify"), {"token": code(device)})
    device.refresh_from_db()
    wrong = "000000" if code(device, 1) != "000000" else "111111"
    client.post(reverse("accounts:otp_remove"), {"token": wrong})
    assert TOTPDevice.objects.filter(user=world.users.employee).exists()
    device.throttle_reset()
    response = client.post(reverse("accounts:otp_regenerate"), {"token": code(device, 1)})
    assert len(response.context["codes"]) == 10
    # a code is taken once (replay protection): let the next 30-second step come
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    client.post(reverse("accounts:otp_remove"), {"token": code(device)})
    assert not TOTPDevice.objects.filter(user=world.users.employee).exists()
    assert not StaticDevice.objects.filter(user=world.users.employee).exists()
    assert client.get("/").status_code == 200


def test_it_lets_the_admin_reset_a_lost_phone(world, login):
    enrolled(world.users.head)
    login(world.users.admin).post(reverse("accounts:otp_reset_for_user", args=[world.users.head.pk]))
    assert not TOTPDevice.objects.filter(user=world.users.head).exists()


@pytest.mark.parametrize("url", ["accounts:otp_verify", "accounts:otp_enrol", "accounts:otp_recover"])
def test_it_sends_an_anonymous_visitor_to_login(client, db, url):
    assert client.get(reverse(url))["Location"].startswith(reverse("accounts:login"))


def test_it_does_not_let_a_password_alone_enrol_a_second_device(world, client):
    enrolled(world.users.admin)
    password_login(client, "admin")
    response = client.get(reverse("accounts:otp_enrol"))
    assert response["Location"] == reverse("accounts:otp_verify")
    assert TOTPDevice.objects.filter(user=world.users.admin).count() == 1
