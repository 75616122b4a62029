"""Pages reachable without logging in: account activation (link or NIP + code) and forgot password.

The link token is moved from the URL into the session at once (like Django's password reset confirm view), so
it does not leak through the Referer header or the browser history of the password page. Refusals never say
whether a NIP or an e-mail address exists.
"""

from __future__ import annotations

from auditlog.context import set_actor
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from renbang.core.client_ip import client_ip

from . import ratelimit
from .activation import by_code, by_pk, by_token, mark_used
from .models import User

SESSION_KEY = "_activation_token"
REFUSED = _("Kode atau tautan aktivasi tidak berlaku: salah ketik, sudah dipakai, sudah diganti surat/surel yang "
            "lebih baru, atau sudah kedaluwarsa. Periksa NIP dan kode, atau minta kode baru kepada pengelola "
            "kepegawaian OPD Anda.")
TOO_MANY = _("Terlalu banyak percobaan yang salah. Tunggu %(minutes)s menit, lalu coba lagi.")


class CodeForm(forms.Form):
    nip = forms.CharField(label=_("NIP / NI PPPK"), max_length=30,
                          widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "numeric",
                                                        "autofocus": True}))
    code = forms.CharField(
        label=_("Kode aktivasi"), max_length=20, help_text=_("8 huruf/angka dari surat aktivasi, contoh ABCD-EFGH."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters",
                                      "spellcheck": "false"}))


def _window() -> int:
    return int(settings.RENBANG["ACTIVATION_WINDOW_MINUTES"]) * 60


@login_not_required
@never_cache
def activate(request):
    """Type NIP + code from a letter."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        nip, ip = "".join(form.cleaned_data["nip"].split()), client_ip(request)
        limits = settings.RENBANG
        if (ratelimit.exceeded("act-nip", nip, limits["ACTIVATION_ATTEMPTS_PER_NIP"])
                or ratelimit.exceeded("act-ip", ip, limits["ACTIVATION_ATTEMPTS_PER_IP"])):
            form.add_error(None, TOO_MANY % {"minutes": limits["ACTIVATION_WINDOW_MINUTES"]})
        else:
            activation = by_code(nip, form.cleaned_data["code"])
            if activation is not None:
                request.session[SESSION_KEY] = activation.pk
                return redirect("accounts:activate_password")
            ratelimit.hit("act-nip", nip, _window())
            ratelimit.hit("act-ip", ip, _window())
            form.add_error(None, REFUSED)
    return render(request, "accounts/activate.html", {"form": form}, status=400 if form.errors else 200)


@login_not_required
@never_cache
def activate_link(request, token: str):
    """The link of an activation e-mail or the letter's QR code."""
    ip = client_ip(request)
    if ratelimit.exceeded("act-ip", ip, settings.RENBANG["ACTIVATION_ATTEMPTS_PER_IP"]):
        return _refused(request, TOO_MANY % {"minutes": settings.RENBANG["ACTIVATION_WINDOW_MINUTES"]})
    activation = by_token(token)
    if activation is None:
        ratelimit.hit("act-ip", ip, _window())
        return _refused(request, REFUSED)
    request.session[SESSION_KEY] = activation.pk
    return redirect("accounts:activate_password")


def _refused(request, message):
    return render(request, "accounts/activate.html", {"form": CodeForm(), "refused": message}, status=400)


@login_not_required
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def activate_password(request):
    """Set a password (the project's password rules), then log in and go home."""
    activation = by_pk(request.session.get(SESSION_KEY))
    if activation is None:
        request.session.pop(SESSION_KEY, None)
        return _refused(request, REFUSED)
    user = activation.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with set_actor(user):
            form.save()
            mark_used(activation)
        request.session.pop(SESSION_KEY, None)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Akun Anda aktif. Selanjutnya masuk dengan NIP dan kata sandi ini."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/activate_password.html", {"form": form, "account": user},
                  status=400 if form.errors else 200)


# -- forgot password -------------------------------------------------------------------------------------------

class ResetForm(PasswordResetForm):
    email = forms.EmailField(label=_("Alamat surel"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}))

    def get_users(self, email):
        """Active accounts with this address, also those not activated yet (the link then activates them);
        inactive accounts get nothing."""
        return User.objects.filter(email__iexact=email, is_active=True).exclude(email="")


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = ResetForm
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email, ip = form.cleaned_data["email"].strip().lower(), client_ip(self.request)
        limits, hour = settings.RENBANG, 3600
        if (ratelimit.exceeded("reset-email", email, limits["PASSWORD_RESET_PER_EMAIL"])
                or ratelimit.exceeded("reset-ip", ip, limits["PASSWORD_RESET_PER_IP"])):
            form.add_error(None, _("Terlalu banyak permintaan atur ulang kata sandi. Coba lagi dalam satu jam."))
            return self.form_invalid(form)
        ratelimit.hit("reset-email", email, hour)
        ratelimit.hit("reset-ip", ip, hour)
        return super().form_valid(form)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        with set_actor(form.user):
            return super().form_valid(form)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
