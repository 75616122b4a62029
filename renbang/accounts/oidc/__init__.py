"""Single sign-on with OpenID Connect (mozilla-django-oidc), configured only from the environment.

- `discovery`: the identity provider's endpoints from `OIDC_OP_ISSUER/.well-known/openid-configuration`.
- `backend`: the login maps the NIP claim to the active employee's existing account; it never creates one.
- `views`: the login start and callback (404 while SSO is off; refusals as messages on the login page), the logout.

SSO is on when `OIDC_RP_CLIENT_ID` is set (`enabled()`).
"""

from django.conf import settings


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))
