"""The identity provider's endpoints, read from its discovery document (OpenID Connect Discovery 1.0).

Fetched at first use (never at start-up: the app starts while the provider is down) with `OIDC_TIMEOUT`, and kept
in the cache for `OIDC_DISCOVERY_CACHE_SECONDS`; a failure is not cached, so the next login tries again. An
`OIDC_OP_*_ENDPOINT` setting that is not empty wins over the discovered value.
"""

from __future__ import annotations

import hashlib
import logging

import requests
from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)

#: discovery document key → the setting that overrides it
OVERRIDES = {
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
    "end_session_endpoint": "OIDC_OP_LOGOUT_ENDPOINT",
}
REQUIRED = ("authorization_endpoint", "token_endpoint", "jwks_uri")


class DiscoveryError(Exception):
    """The provider's configuration could not be read (down, timeout, not JSON, another issuer)."""


def _cache_key(issuer: str) -> str:
    return "oidc-discovery:" + hashlib.sha256(issuer.encode()).hexdigest()[:32]


def document() -> dict:
    """The discovery document of `OIDC_OP_ISSUER` (cached), or {} when every endpoint is set by hand."""
    issuer = settings.OIDC_OP_ISSUER.rstrip("/")
    if not issuer:
        if all(getattr(settings, OVERRIDES[key], "") for key in REQUIRED):
            return {}
        raise DiscoveryError("OIDC_OP_ISSUER is not set")
    key = _cache_key(issuer)
    found = cache.get(key)
    if found is not None:
        return found
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT, verify=getattr(settings, "OIDC_VERIFY_SSL", True))
        response.raise_for_status()
        found = response.json()
    except (requests.RequestException, ValueError) as exc:
        log.warning("OIDC discovery failed: %s", type(exc).__name__)
        raise DiscoveryError(type(exc).__name__) from exc
    if not isinstance(found, dict) or str(found.get("issuer", "")).rstrip("/") != issuer:
        # Discovery 1.0 §4.3: the document must name the issuer it was fetched from.
        log.warning("OIDC discovery: the document names another issuer")
        raise DiscoveryError("issuer mismatch")
    missing = [name for name in REQUIRED if not found.get(name) and not getattr(settings, OVERRIDES[name], "")]
    if missing:
        log.warning("OIDC discovery: missing %s", ", ".join(missing))
        raise DiscoveryError("missing " + ", ".join(missing))
    cache.set(key, found, settings.OIDC_DISCOVERY_CACHE_SECONDS)
    return found


def endpoint(name: str) -> str:
    """One endpoint URL (`token_endpoint`, `jwks_uri`, ...): the setting if set, else discovered. Raises
    DiscoveryError when the document cannot be read; "" when the provider does not offer it (end_session)."""
    override = getattr(settings, OVERRIDES[name], "")
    if override:
        return override
    return str(document().get(name) or "")
