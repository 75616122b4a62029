from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from .forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def profile(request):
    from .twofactor.state import totp_of

    token = Token.objects.filter(user=request.user).first()
    return render(request, "accounts/profile.html", {"token": token, "otp_enabled": totp_of(request.user) is not None})


@require_POST
def token_regenerate(request):
    """A new API token replaces the old one (shown once on the profile page)."""
    Token.objects.filter(user=request.user).delete()
    Token.objects.create(user=request.user)
    messages.success(request, _("Token API baru dibuat. Token lama tidak berlaku lagi."))
    return redirect("accounts:profile")


@login_not_required
def locked_out(request):
    return render(request, "accounts/locked_out.html", status=403)


@permission_required("accounts.view_audit", raise_exception=True)
def audit_log(request):
    """The audit trail of the caller's agency: who changed what, when (django-auditlog)."""
    from auditlog.models import LogEntry

    entries = (
        LogEntry.objects.filter(actor__agency=request.user.agency_id)
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )
    model = request.GET.get("model", "")
    if model:
        entries = entries.filter(content_type__model=model)
    actor = request.GET.get("actor", "").strip()
    if actor:
        entries = entries.filter(actor__username__icontains=actor)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    models = (
        LogEntry.objects.filter(actor__agency=request.user.agency_id)
        .values_list("content_type__model", flat=True).distinct().order_by("content_type__model")
    )
    return render(request, "accounts/audit_log.html", {"page_obj": page, "models": models})
