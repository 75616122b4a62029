"""The "Pengaturan talenta" page: BKPSDM edits the rules of retirement, the talent box and succession; the PPK
reads them (rules.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import conf as keys
from . import services
from .forms import SettingsForm, special_formset
from .outlook import settings_for

HISTORY_SHOWN = 5


@permission_required("talent.view_settings", raise_exception=True)
def settings_view(request):
    agency = request.user.agency
    conf = settings_for(agency.pk)
    can_change = request.user.has_perm("talent.change_settings")
    data = request.POST if request.method == "POST" else None
    if data is not None and not can_change:
        raise PermissionDenied
    form, special = SettingsForm(data, conf=conf), special_formset(data, conf)
    if data is not None and form.is_valid() and special.is_valid():
        try:
            services.settings_update(agency=agency, values={**form.values(), "bup_special": special.rules()})
        except ValidationError as exc:
            form.add_service_errors(exc, special)
        else:
            messages.success(request, _("Pengaturan talenta tersimpan; kotak talenta dan daftar calon pengganti "
                                        "memakai nilai baru mulai sekarang."))
            return redirect("talent:settings")
    return render(request, "talent/settings.html", {
        "form": form, "special": special, "conf": conf, "can_change": can_change, "keys": keys,
        "history": _history(conf) if request.user.has_perm("accounts.view_audit") else None,
    }, status=400 if data is not None else 200)


def _history(conf) -> list:
    """The latest changes of these settings from the audit trail (who, when)."""
    if conf.pk is None:
        return []
    from auditlog.models import LogEntry

    return list(LogEntry.objects.get_for_object(conf).select_related("actor").order_by("-timestamp")[:HISTORY_SHOWN])


@require_POST
@permission_required("talent.change_settings", raise_exception=True)
def settings_restore_view(request):
    services.settings_restore_defaults(agency=request.user.agency)
    messages.success(request, _("Pengaturan talenta dikembalikan ke nilai bawaan."))
    return redirect("talent:settings")
