import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The shared `world` fixture creates eight users; PBKDF2 makes that ~10 s per test on a busy machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
