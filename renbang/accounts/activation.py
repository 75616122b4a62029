"""One-time activation credentials: a link token (e-mail) and a short code (printed letter) per issue.

Only hashes are stored: the token's SHA-256 (a 192-bit random token needs no slow hash) and the code's HMAC
with SECRET_KEY (an 8-character code from a 32-letter alphabet, 40 bits, is guessable offline without the key;
online, attempts are rate-limited per NIP and per address). A credential is valid once, until
`RENBANG["ACTIVATION_DAYS"]`, while it is the user's latest one (a new letter or e-mail revokes the earlier) and
while the user's password is what it was when it was issued (like Django's password reset tokens: setting a
password in any way voids it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renbang.core.audit import audit_created, audit_updated, values_of

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off paper and typed by hand
CODE_LENGTH = 8


class Channel(models.TextChoices):
    EMAIL = "email", _("Surel")
    LETTER = "letter", _("Surat aktivasi")


class Activation(models.Model):
    """An activation credential issued to a user (by e-mail link or printed letter)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activations",
                             verbose_name=_("pengguna"))
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    token_hash = models.CharField(_("hash token"), max_length=64, unique=True)
    code_hash = models.CharField(_("hash kode"), max_length=64)
    password_stamp = models.CharField(_("cap kata sandi"), max_length=16)
    created_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)
    expires_at = models.DateTimeField(_("kedaluwarsa"))
    used_at = models.DateTimeField(_("dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("diterbitkan oleh"))

    class Meta:
        verbose_name = _("aktivasi akun")
        verbose_name_plural = _("aktivasi akun")
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk}"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _code_hash(user_id: int, code: str) -> str:
    message = f"renbang.activation-code:{user_id}:{normalise_code(code)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _stamp(password: str) -> str:
    return _sha256(f"renbang.activation-password:{password}")[:16]


def normalise_code(code: str) -> str:
    """What the user typed, as stored: upper case, without spaces and dashes ("abcd-efgh" → "ABCDEFGH")."""
    return "".join(code.split()).replace("-", "").upper()


def shown_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def open_q(now: dt.datetime | None = None) -> Q:
    """Activations that can still be used (besides the password stamp, checked per row)."""
    return Q(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now or timezone.now())


AUDITED = ("user_id", "channel", "expires_at", "created_by_id")


@transaction.atomic
def issue_activations(users: Sequence, *, channel: str, actor=None) -> list[tuple[object, str, str]]:
    """New credentials for `users` (revoking their open ones): [(user, token, code)], the secrets shown once."""
    now = timezone.now()
    expires = now + dt.timedelta(days=int(settings.RENBANG["ACTIVATION_DAYS"]))
    user_ids = [u.pk for u in users]
    for start in range(0, len(user_ids), 2000):
        Activation.objects.filter(open_q(now), user_id__in=user_ids[start:start + 2000]).update(revoked_at=now)
    issued, rows = [], []
    for user in users:
        token = secrets.token_urlsafe(24)
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        rows.append(Activation(user_id=user.pk, channel=channel, token_hash=_sha256(token),
                               code_hash=_code_hash(user.pk, code), password_stamp=_stamp(user.password),
                               created_at=now, expires_at=expires, created_by=actor))
        issued.append((user, token, code))
    Activation.objects.bulk_create(rows, batch_size=2000)
    audit_created([r for r in rows if r.pk], AUDITED, describe=lambda r: f"{r.get_channel_display()} #{r.pk}")
    return issued


def still_valid(activation: Activation | None) -> Activation | None:
    if activation is None or not activation.user.is_active:
        return None
    if not hmac.compare_digest(activation.password_stamp, _stamp(activation.user.password)):
        return None
    return activation


def by_pk(pk) -> Activation | None:
    """The open activation kept in the session between the link and the password page."""
    if not isinstance(pk, int):
        return None
    return still_valid(Activation.objects.filter(open_q(), pk=pk).select_related("user").first())


def by_token(token: str) -> Activation | None:
    """The open activation of a link token, or None (unknown, used, revoked, expired, password set since)."""
    if not token or len(token) > 100:
        return None
    found = Activation.objects.filter(open_q(), token_hash=_sha256(token)).select_related("user").first()
    return still_valid(found)


def by_code(nip: str, code: str) -> Activation | None:
    """The open activation of a NIP + code, compared in constant time, or None."""
    from .models import User

    nip, code = "".join(nip.split()), normalise_code(code)
    if not nip or len(code) != CODE_LENGTH:
        return None
    user = User.objects.filter(Q(username=nip) | Q(employee__nip=nip)).order_by("pk").first()
    if user is None:
        _code_hash(0, code)  # the same work whether the NIP exists or not
        return None
    expected = _code_hash(user.pk, code)
    for activation in Activation.objects.filter(open_q(), user=user).select_related("user"):
        if hmac.compare_digest(activation.code_hash, expected):
            return still_valid(activation)
    return None


def mark_used(activation: Activation) -> None:
    before = values_of([activation], ("used_at",))
    activation.used_at = timezone.now()
    Activation.objects.filter(pk=activation.pk).update(used_at=activation.used_at)  # audited below, once
    # Any other open credential of this user dies with the password set now (the stamp), and is revoked for clarity.
    Activation.objects.filter(open_q(), user_id=activation.user_id).update(revoked_at=activation.used_at)
    audit_updated([activation], ("used_at",), before)
