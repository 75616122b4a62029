from django.conf import settings as django_settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from tests.conftest import PASSWORD

PRODUCTION_HASHERS = [h for h in django_settings.PASSWORD_HASHERS if "MD5" not in h]


def test_it_hashes_new_passwords_with_argon2id_at_owasp_parameters(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    assert make_password(PASSWORD).startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_it_rewrites_a_pbkdf2_hash_with_argon2id_at_the_next_login(settings, world, client):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = world.users.employee
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


def test_it_keeps_the_old_hash_when_the_login_fails(settings, world, client):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = world.users.employee
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.password = old
    user.save(update_fields=["password"])

    client.post(reverse("accounts:login"), {"username": user.username, "password": "salah-sekali-123"})

    user.refresh_from_db()
    assert user.password == old
