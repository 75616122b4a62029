import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The `world` fixture creates eight users: with the production hasher that alone takes seconds per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
