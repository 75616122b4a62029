"""Send a logged-in user who has not passed two-factor verification to enrolment or verification."""

from __future__ import annotations

from urllib.parse import quote

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .state import has_device, must_enrol

#: Views an unverified user may still open.
OPEN = {"accounts:login", "accounts:logout", "accounts:locked_out", "accounts:otp_enrol", "accounts:otp_verify",
        "accounts:otp_recover", "set_language"}


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware (which sets user.is_verified())."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN:
            return None
        if has_device(request):
            target, message = "accounts:otp_verify", _("Masukkan kode verifikasi dua langkah terlebih dahulu.")
        elif must_enrol(user):
            target, message = "accounts:otp_enrol", _("Peran Anda wajib memakai verifikasi dua langkah: "
                                                       "daftarkan aplikasi autentikator terlebih dahulu.")
        else:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
