"""Campaign pages: the needs home, campaigns (create, open, progress, remind, close) and the weights."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from renbang.accounts.scoping import for_user
from renbang.core.models import Job

from . import selectors, services
from .compute import weights_for
from .forms import CampaignForm, WeightsForm
from .models import Reminder


@permission_required("needs.use", raise_exception=True)
def index(request):
    user = request.user
    tasks = ([selectors.questionnaires_owed(user, campaign) for campaign in selectors.open_campaigns_for(user)]
             if user.employee_id else [])
    reminders = (for_user(Reminder.objects.filter(employee_id=user.employee_id, campaign__status="open"), user)
                 .select_related("campaign")[:3] if user.employee_id else [])
    return render(request, "needs/index.html", {
        "tasks": tasks, "reminders": reminders, "latest": selectors.latest_closed_campaign(user),
        "campaigns": selectors.campaigns_for_user(user)[:10] if user.has_perm("needs.view_campaigns") else [],
    })


@permission_required("needs.view_campaigns", raise_exception=True)
def campaign_list(request):
    return render(request, "needs/campaign_list.html", {"campaigns": selectors.campaigns_for_user(request.user)})


@permission_required("needs.manage_campaigns", raise_exception=True)
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk: int | None = None):
    campaign = get_object_or_404(selectors.campaigns_for_user(request.user), pk=pk) if pk else None
    if campaign and campaign.status == campaign.Status.CLOSED:
        messages.error(request, _("Kampanye yang sudah ditutup tidak dapat diubah."))
        return redirect("needs:campaign", pk=campaign.pk)
    form = CampaignForm(request.POST or None, instance=campaign, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "target_units"}
        units = list(form.cleaned_data["target_units"])
        try:
            if campaign:
                campaign = services.campaign_update(campaign=campaign, target_units=units, **fields)
            else:
                campaign = services.campaign_create(agency=request.user.agency, user=request.user,
                                                    target_units=units, **fields)
            messages.success(request, _("Kampanye tersimpan."))
            return redirect("needs:campaign", pk=campaign.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "needs/campaign_form.html", {"form": form, "campaign": campaign})


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@permission_required("needs.view_campaigns", raise_exception=True)
def campaign_detail(request, pk: int):
    campaign = get_object_or_404(selectors.campaigns_for_user(request.user), pk=pk)
    unit_id = _int(request.GET.get("unit"))
    waiting = selectors.waiting_employees(campaign, request.user, unit_id) if campaign.is_open else None
    page = Paginator(waiting, 25).get_page(request.GET.get("page")) if waiting is not None else None
    job = None
    job_id = _int(request.GET.get("job"))
    if job_id:
        job = Job.objects.filter(pk=job_id, agency=request.user.agency, kind="needs.compute",
                                 params__campaign_id=campaign.pk).first()
    if job and request.headers.get("HX-Request"):
        # The progress box polls this page (HTMX) while the worker computes; only the box is sent back.
        return render(request, "needs/_job_status.html", {"campaign": campaign, "job": job})
    return render(request, "needs/campaign_detail.html", {
        "campaign": campaign, "progress": selectors.progress_by_unit(campaign, request.user, unit_id),
        "page_obj": page, "unit_id": unit_id, "job": job,
        "target_units": list(campaign.target_units.all()),
    })


@permission_required("needs.manage_campaigns", raise_exception=True)
@require_POST
def campaign_action(request, pk: int, action: str):
    campaign = get_object_or_404(selectors.campaigns_for_user(request.user), pk=pk)
    try:
        if action == "buka":
            services.campaign_open(campaign=campaign)
            messages.success(request, _("Kampanye dibuka; pegawai dan atasan dapat mengisi kuesioner."))
        elif action == "tutup":
            job = services.campaign_close(campaign=campaign, user=request.user)
            if job:
                messages.info(request, _("Kampanye ditutup; perhitungan berjalan di latar."))
                return redirect(f"{campaign_url(campaign)}?job={job.pk}")
            messages.success(request, _("Kampanye ditutup dan hasil dihitung."))
        elif action == "hitung":
            job = services.campaign_compute(campaign=campaign, user=request.user)
            if job:
                return redirect(f"{campaign_url(campaign)}?job={job.pk}")
            messages.success(request, _("Hasil dihitung ulang."))
        elif action == "ingatkan":
            n = services.reminders_send(campaign=campaign, user=request.user)
            messages.success(request, _("Pengingat dikirim kepada %(n)d pegawai.") % {"n": n})
        else:
            messages.error(request, _("Tindakan tidak dikenal."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("needs:campaign", pk=campaign.pk)


def campaign_url(campaign) -> str:
    from django.urls import reverse

    return reverse("needs:campaign", args=[campaign.pk])


@permission_required("needs.change_weights", raise_exception=True)
@require_http_methods(["GET", "POST"])
def weights_edit(request):
    weights = weights_for(request.user.agency_id)
    form = WeightsForm(request.POST or None, instance=weights)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ("gap", "importance", "performance", "next_position")}
        try:
            services.priority_weights_update(agency=request.user.agency, performance_gap_map=form.performance_map(),
                                             **fields)
            messages.success(request, _("Bobot tersimpan. Hitung ulang kampanye agar prioritas diperbarui."))
            return redirect("needs:weights")
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "needs/weights.html", {"form": form})
