"""The OIDC login: the identity provider says who the person is (the NIP claim); Renbang logs in the account that
the roster import made for that active employee. It never creates an employee or a user.

The ID token's signature (JWKS), nonce and the state are checked by mozilla-django-oidc as it does by default; this
class only reads the endpoints lazily from discovery and replaces the e-mail matching with the NIP mapping.
A refusal is left on the request (`request.oidc_refusal`, a code from REFUSALS) for the callback view to show.
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import discovery, enabled

log = logging.getLogger(__name__)

#: refusal code → the message on the login page
REFUSALS = {
    "missing_claim": _("Layanan SSO tidak mengirimkan NIP Anda, sehingga Anda belum dapat masuk. Hubungi BKPSDM "
                       "agar akun SSO Anda dilengkapi dengan NIP."),
    "unknown_nip": _("NIP pada akun SSO Anda tidak terdaftar sebagai pegawai aktif instansi ini. Hubungi BKPSDM "
                     "bila data kepegawaian Anda belum benar."),
    "no_account": _("Anda terdaftar sebagai pegawai, tetapi belum memiliki akun Renbang. Hubungi BKPSDM untuk "
                    "membuatkan akun Anda."),
    "disabled": _("Akun Renbang Anda dinonaktifkan. Hubungi BKPSDM bila Anda masih bertugas di instansi ini."),
}


def axes_exempt(request, credentials) -> bool:
    """AXES_WHITELIST_CALLABLE: the SSO callback (its authenticate() call carries the nonce) is neither counted as a
    failed password attempt nor locked out; password logins are untouched."""
    return bool(credentials) and "nonce" in credentials


def normalise_nip(value) -> str:
    """A NIP as the roster stores it: digits only ("19800101 200501 1 001" → "198001012005011001")."""
    return "".join(str(value or "").split())


class EmployeeOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The parent reads every endpoint here, at each authenticate() call of any login; ours are read only when
        # an SSO callback comes (the properties below), so a password login never waits for the provider.
        self.UserModel = get_user_model()

    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: discovery.endpoint("token_endpoint"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: discovery.endpoint("userinfo_endpoint"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: discovery.endpoint("jwks_uri"))

    def authenticate(self, request, **kwargs):
        # Only the SSO callback calls authenticate() with a nonce (and nothing else); a password login never
        # reaches the provider from here.
        if not enabled() or request is None or "nonce" not in kwargs or set(kwargs) - {"nonce", "code_verifier"}:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        """The user of the active employee named by the NIP claim (userinfo, else the verified ID token)."""
        claims = self.get_userinfo(access_token, id_token, payload) if self.OIDC_OP_USER_ENDPOINT else {}
        claim = settings.OIDC_NIP_CLAIM
        nip = normalise_nip(claims.get(claim) or payload.get(claim))
        if not nip:
            return self._refuse("missing_claim")
        from renbang.people.models import Employee

        employees = Employee.objects.active().filter(nip=nip)
        if settings.OIDC_AGENCIES:
            employees = employees.filter(agency__code__in=settings.OIDC_AGENCIES)
        employee = employees.first()
        if employee is None:
            return self._refuse("unknown_nip")
        user = self.UserModel.objects.filter(employee=employee, agency_id=employee.agency_id).first()
        if user is None:
            return self._refuse("no_account")
        if not user.is_active:
            return self._refuse("disabled", user)
        log.info("OIDC login accepted: user %s", user.pk)
        return user

    def _refuse(self, code: str, user=None):
        self.request.oidc_refusal = code
        log.info("OIDC login refused: %s%s", code, f" (user {user.pk})" if user else "")
        return None

    def retrieve_matching_jwk(self, token):
        """The library's key lookup needs the token's key id ("kid"). RFC 7515 makes it optional: a token without
        one is checked against the provider's only signing key of the configured algorithm's type, or refused."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation("Unreadable ID token header") from exc
        if "kid" in header:
            return super().retrieve_matching_jwk(token)
        algorithm = self.OIDC_RP_SIGN_ALGO
        kty = "EC" if algorithm.startswith("ES") else "RSA"
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT,
                                verify=self.get_settings("OIDC_VERIFY_SSL", True))
        response.raise_for_status()
        keys = [key for key in response.json().get("keys", [])
                if key.get("kty") == kty and key.get("use", "sig") == "sig" and key.get("alg", algorithm) == algorithm]
        if len(keys) != 1:
            raise SuspiciousOperation("No single signing key for a token without a key id")
        try:
            return jwt.PyJWK(keys[0], algorithm=algorithm)
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation("Unusable signing key") from exc

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.none()

    def create_user(self, claims):
        raise SuspiciousOperation("Renbang never creates a user from a login")

    # Authentication only: permissions come from ModelBackend and django-rules, listed before this backend.
    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False

    def get_user(self, user_id):
        # mozilla's get_user returns inactive users too: a disabled account must drop out of its open sessions.
        return ModelBackend.get_user(self, user_id)
