"""SSO pages: the start (to the provider), the callback (back from it) and the logout.

While SSO is off (`OIDC_RP_CLIENT_ID` empty) the start and callback answer 404. Whatever goes wrong with the
provider (down, a forged or replayed answer, a refused identity) ends on the login page with an Indonesian
message, never a 500; the log gets the kind of failure only, no personal data.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import discovery, enabled
from .backend import REFUSALS

log = logging.getLogger(__name__)

UNREACHABLE = _("Layanan SSO sedang tidak dapat dihubungi. Silakan coba lagi nanti atau masuk dengan kata sandi.")
UNVERIFIED = _("Jawaban layanan SSO tidak dapat diverifikasi. Silakan ulangi dari halaman masuk.")
CANCELLED = _("Masuk dengan SSO dibatalkan.")
FAILED = _("Masuk dengan SSO tidak berhasil. Silakan coba lagi atau masuk dengan kata sandi.")


def _to_login(request, message):
    messages.error(request, message)
    return redirect(settings.LOGIN_URL)


class AuthenticateView(OIDCAuthenticationRequestView):
    """To the provider's login page, with state, nonce and the `next` page kept in the session (the library's)."""

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = discovery.endpoint("authorization_endpoint")
        except discovery.DiscoveryError:
            return _to_login(request, UNREACHABLE)
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: the library checks the state, exchanges the code, verifies the ID token (signature
    from the provider's JWKS, nonce) and calls the backend, which maps the NIP to the account."""

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except discovery.DiscoveryError:
            return _to_login(request, UNREACHABLE)
        except requests.RequestException as exc:
            log.warning("OIDC callback: the provider call failed (%s)", type(exc).__name__)
            return _to_login(request, UNREACHABLE if not isinstance(exc, requests.HTTPError) else FAILED)
        except SuspiciousOperation as exc:
            log.warning("OIDC callback refused: %s", type(exc).__name__)
            return _to_login(request, UNVERIFIED)

    def login_failure(self):
        refusal = getattr(self.request, "oidc_refusal", None)
        if refusal:
            return _to_login(self.request, REFUSALS[refusal])
        return _to_login(self.request, CANCELLED if self.request.GET.get("error") else FAILED)


class LogoutView(auth_views.LogoutView):
    """The local logout; after an SSO login also the provider's (RP-initiated logout) when it offers one and
    OIDC_LOGOUT_AT_PROVIDER is on, so that the next person at a shared computer is not logged in by the provider."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if not (id_token and enabled() and settings.OIDC_LOGOUT_AT_PROVIDER):
            return response
        try:
            end_session = discovery.endpoint("end_session_endpoint")
        except discovery.DiscoveryError:
            return response
        if not end_session:
            return response
        query = urlencode({
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL)),
        })
        return HttpResponseRedirect(f"{end_session}{'&' if '?' in end_session else '?'}{query}")
