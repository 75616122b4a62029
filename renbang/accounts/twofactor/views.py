"""Pages of two-factor verification: enrol a TOTP app, verify after the password, use a recovery code, regenerate
the codes, remove the device; and the admin's reset of another user's devices (roles page)."""

from __future__ import annotations

from base64 import b32encode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import RecoveryForm, TokenForm
from .state import (
    SESSION_HAS_DEVICE,
    devices_summary,
    forget_device_state,
    must_enrol,
    new_recovery_codes,
    qr_svg,
    recovery_of,
    remove_all,
    totp_of,
)


def _next(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return "/"


def _throttled(device) -> str | None:
    """Why a device takes no code right now (django-otp doubles the wait after each failure: 1, 2, 4 … s)."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    until = (info or {}).get("locked_until")
    if until is None:
        return _("Terlalu banyak percobaan. Coba lagi sebentar lagi.")
    return _("Terlalu banyak percobaan. Coba lagi setelah pukul %(time)s.") % {
        "time": time_format(timezone.localtime(until), "H:i:s")}


WRONG = _lazy("Kode salah atau sudah kedaluwarsa. Periksa jam ponsel Anda dan coba lagi.")


def _check(request, device, token: str):
    """(verified device or None, refusal message): through django-otp, throttled."""
    refusal = _throttled(device)
    if refusal:
        return None, refusal
    verified = verify_token(request.user, device.persistent_id, token)
    return verified, (None if verified else str(WRONG))


def enrol(request):
    user = request.user
    if totp_of(user):
        return redirect("accounts:otp_manage" if user.is_verified() else "accounts:otp_verify")
    device = totp_of(user, confirmed=False) or TOTPDevice.objects.create(
        user=user, name=_("Aplikasi autentikator"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = _throttled(device)
        if not refusal and device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = new_recovery_codes(user)
            otp_login(request, device)
            request.session[SESSION_HAS_DEVICE] = True
            return render(request, "accounts/otp_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("token", refusal or str(WRONG))
    return render(request, "accounts/otp_enrol.html", {
        "form": form, "qr": qr_svg(device.config_url), "secret": b32encode(device.bin_key).decode(),
        "next": _next(request), "required": must_enrol(user),
    })


def verify(request):
    user = request.user
    device = totp_of(user)
    if device is None or user.is_verified():
        forget_device_state(request)
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified, refusal = _check(request, device, form.cleaned_data["token"])
        if verified:
            otp_login(request, verified)
            return redirect(_next(request))
        form.add_error("token", refusal)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request),
                                                        "has_codes": recovery_of(user) is not None})


def recover(request):
    user = request.user
    device = recovery_of(user)
    if device is None or user.is_verified():
        return redirect(_next(request))
    form = RecoveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified, refusal = _check(request, device, form.cleaned_data["token"].strip())
        if verified:
            otp_login(request, verified)
            left = verified.token_set.count()
            messages.warning(request, _("Kode pemulihan dipakai. Sisa %(n)s kode; buat kode baru bila hampir "
                                        "habis.") % {"n": left})
            return redirect(_next(request))
        form.add_error("token", refusal)
    return render(request, "accounts/otp_recover.html", {"form": form, "next": _next(request)})


def manage(request):
    return render(request, "accounts/otp_manage.html", {"otp": devices_summary(request.user),
                                                        "form": TokenForm()})


def _with_current_code(request):
    """The user's confirmed TOTP device if the posted code is right, else None (message added)."""
    device = totp_of(request.user)
    form = TokenForm(request.POST)
    if device is None:
        messages.error(request, _("Belum ada aplikasi autentikator terdaftar."))
        return None
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("token", [])))
        return None
    verified, refusal = _check(request, device, form.cleaned_data["token"])
    if not verified:
        messages.error(request, refusal)
        return None
    return device


@require_POST
def regenerate_codes(request):
    if _with_current_code(request) is None:
        return redirect("accounts:otp_manage")
    codes = new_recovery_codes(request.user)
    return render(request, "accounts/otp_codes.html", {"codes": codes, "next": "/"})


@require_POST
def remove(request):
    if _with_current_code(request) is None:
        return redirect("accounts:otp_manage")
    remove_all(request.user)
    forget_device_state(request)
    messages.success(request, _("Verifikasi dua langkah dihapus dari akun Anda."))
    return redirect("accounts:otp_manage")


@require_POST
@permission_required("accounts.manage_roles", raise_exception=True)
def reset_for_user(request, pk: int):
    """The admin removes a user's devices (a lost phone); the user enrols again at their next login."""
    from ..selectors import users_for

    person = get_object_or_404(users_for(request.user), pk=pk)
    remove_all(person)
    messages.success(request, _("Verifikasi dua langkah %(user)s diatur ulang.") % {"user": person.username})
    return redirect("accounts:roles_person", pk=person.pk)
