"""A real OpenID Connect provider for tests: oidc-provider-mock (Flask + authlib) served by werkzeug in a thread on
127.0.0.1 at a free port. It answers discovery, the authorization form, the token, userinfo and JWKS endpoints
over HTTP, signs ID tokens with its own RSA key and requires the nonce; nothing in Renbang or the library is patched.

Use it from any test (tests/conftest.py imports the fixture):

    def test_something(oidc_provider, client, world):
        oidc_provider.add_user("pegawai-1", nip=world.staff.nip)    # the identity and its claims at the provider
        response = sso_login(client, "pegawai-1")                   # the whole code flow, with the test client
        ...

`oidc_provider` starts the provider and points Django's settings at it (issuer, client id and secret, NIP claim
"nip"); the settings return to normal after the test. For a browser test, open the login page with `live_server`,
click "Masuk dengan SSO ASN", type the `sub` into the provider's form (`input[name=sub]`) and press "Authorize".
`running_provider()` gives the server without touching settings (e.g. to start and stop it yourself).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import oidc_provider_mock
import pytest
import requests
import werkzeug.serving
from django.urls import reverse

CLIENT_ID = "renbang-uji"
CLIENT_SECRET = "rahasia-klien-uji"  # a test value: the mock accepts any secret
NIP_CLAIM = "nip"


@dataclass
class OidcProvider:
    server: werkzeug.serving.BaseWSGIServer

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def add_user(self, sub: str, **claims) -> None:
        """Register (or replace) the identity `sub` with these claims, e.g. add_user("x", nip="1980...")."""
        requests.put(f"{self.issuer}/users/{sub}", json=claims, timeout=5).raise_for_status()


@contextmanager
def running_provider(**options) -> Iterator[OidcProvider]:
    """The provider on 127.0.0.1 at a free port until the block ends. Options go to oidc_provider_mock.app()."""
    app = oidc_provider_mock.app(require_nonce=True, **options)
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield OidcProvider(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def configure(settings, provider: OidcProvider | None, **overrides) -> None:
    """Point Django's settings (pytest-django's `settings` fixture) at the provider: SSO on."""
    values = {
        "OIDC_OP_ISSUER": provider.issuer if provider else "",
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_NIP_CLAIM": NIP_CLAIM,
        "OIDC_TIMEOUT": 5.0,
    } | overrides
    for name, value in values.items():
        setattr(settings, name, value)
    if provider:  # as renbang/settings.py does for an issuer from the environment: the logout's redirect
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"].append(provider.issuer)
        settings.CONTENT_SECURITY_POLICY = policy


@pytest.fixture
def oidc_provider(settings) -> Iterator[OidcProvider]:
    """A running provider, with SSO configured to use it for this test."""
    with running_provider() as provider:
        configure(settings, provider)
        yield provider


def sso_login(client, sub: str, *, next_url: str = ""):
    """The code flow of the identity `sub`: Django's start page → the provider's authorization form (a real POST
    over HTTP, as the user's browser would) → Django's callback, followed to the page it lands on."""
    start = reverse("oidc:authenticate") + (f"?next={next_url}" if next_url else "")
    to_provider = client.get(start)
    assert to_provider.status_code == 302, to_provider
    authorized = requests.post(to_provider["Location"], data={"sub": sub}, allow_redirects=False, timeout=5)
    assert authorized.status_code == 302, authorized.text
    back = urlsplit(authorized.headers["Location"])
    return client.get(f"{back.path}?{back.query}", follow=True)
