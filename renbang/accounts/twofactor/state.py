"""Who must verify, the devices of a user, recovery codes and the QR code of the otpauth URI."""

from __future__ import annotations

import segno
from django.conf import settings
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

#: Session key: whether the logged-in user has a confirmed device (read once per session, refreshed on changes).
SESSION_HAS_DEVICE = "renbang_otp_has_device"
RECOVERY_DEVICE = "pemulihan"
RECOVERY_CODES = 10


def admin_2fa_required() -> bool:
    return bool(settings.RENBANG.get("ADMIN_2FA_REQUIRED", True))


def must_enrol(user) -> bool:
    """An admin-role user (BKPSDM admin, PPK, superuser) who has to set up two-factor verification."""
    return admin_2fa_required() and user.holds_admin_role and not user.otp_exempt


def has_device(request) -> bool:
    cached = request.session.get(SESSION_HAS_DEVICE)
    if cached is None:
        cached = user_has_device(request.user)
        request.session[SESSION_HAS_DEVICE] = cached
    return cached


def remember_device_state(request, user) -> None:
    """At login (the session is written then anyway): so the first page does not look the devices up."""
    request.session[SESSION_HAS_DEVICE] = user_has_device(user)


def forget_device_state(request) -> None:
    request.session.pop(SESSION_HAS_DEVICE, None)


def totp_of(user, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def recovery_of(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE, confirmed=True).first()


def devices_summary(user) -> dict:
    recovery = recovery_of(user)
    return {"totp": totp_of(user), "codes_left": recovery.token_set.count() if recovery else 0,
            "required": must_enrol(user), "exempt": user.otp_exempt}


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODES fresh ones (each works once); returned to show once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE,
                                                          defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def remove_all(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG QR code (segno, no script, no image request)."""
    return mark_safe(segno.make(uri, error="m").svg_inline(scale=5, border=2, title="QR"))  # noqa: S308
