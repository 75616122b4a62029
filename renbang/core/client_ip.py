"""The client's address, for the audit trail, the login lockout and the certificate-check throttle.

`X-Forwarded-For` is a request header like any other: a client talking to the app directly can write anything
in it. So it counts only when the app runs behind a reverse proxy (`DJANGO_BEHIND_PROXY=true`, the setting that
also trusts the proxy's `X-Forwarded-Proto`; docs/deploy.md), and then only its right-most address, the one the
proxy itself appended (nginx `$proxy_add_x_forwarded_for`): addresses to its left came from the client.
Otherwise, and when the header is missing or not an address, the peer address `REMOTE_ADDR` is used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    return _address(hops[-1]) or remote


def _address(text: str) -> str | None:
    """`text` as an IP address, without a port ("1.2.3.4:80", "[::1]:80"); None when it is none."""
    if text.startswith("[") and "]" in text:
        text = text[1:text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":")[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
