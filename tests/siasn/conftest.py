"""A fake SIASN server on loopback for each test that asks for it, and the settings that point the client at it."""

import pytest

from renbang.siasn.fake import FakeSiasn


@pytest.fixture
def fake_siasn(settings):
    fake = FakeSiasn(seed=7).start()
    settings.SIASN = fake.settings(BACKOFF=0.0)
    yield fake
    fake.stop()
