"""BKPSDM pages: assessment-centre import and FGD records (with their agreed needs and attachments)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from renbang.accounts.scoping import for_user
from renbang.core import uploads
from renbang.core.tabular import TabularError
from renbang.core.uploads import read_checked
from renbang.org.models import OrgUnit

from . import selectors, services_fgd
from .forms import AgreedNeedForm, AssessmentImportForm, AttachmentForm, FocusGroupForm
from .imports import import_assessments
from .models_extra import FocusGroup, FocusGroupAttachment


@permission_required("needs.import_assessments", raise_exception=True)
@require_http_methods(["GET", "POST"])
def ac_import(request):
    form = AssessmentImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data, _mime = read_checked(upload, limit=int(settings.RENBANG["IMPORT_MAX_BYTES"]))
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            try:
                report = import_assessments(data, upload.name, agency=request.user.agency,
                                            dry_run=form.cleaned_data["dry_run"],
                                            skip_invalid=form.cleaned_data["skip_invalid"])
                if report.written:
                    messages.success(request, _("Hasil assessment center tersimpan: %(c)d baru, %(u)d diubah.")
                                     % {"c": report.created, "u": report.updated})
            except TabularError as exc:
                form.add_error("file", str(exc))
    return render(request, "needs/ac_import.html", {"form": form, "report": report})


def _units(request):
    return selectors.units_in_charge(request.user).filter(
        pk__in=OrgUnit.objects.current().values("pk")).order_by("name")


def _groups(request):
    return (for_user(FocusGroup.objects.all(), request.user).select_related("unit", "campaign")
            .filter(unit__in=selectors.units_in_charge(request.user).values("pk")))


@permission_required("needs.view_focus_groups", raise_exception=True)
def fgd_list(request):
    page = Paginator(_groups(request).order_by("-held_on"), 25).get_page(request.GET.get("page"))
    return render(request, "needs/fgd_list.html", {"page_obj": page})


@permission_required("needs.manage_focus_groups", raise_exception=True)
@require_http_methods(["GET", "POST"])
def fgd_create(request):
    form = FocusGroupForm(request.POST or None, agency=request.user.agency, units=_units(request),
                          campaigns=selectors.campaigns_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        nips = data.pop("participant_nips")
        try:
            group = services_fgd.focus_group_create(agency=request.user.agency, participant_nips=nips, **data)
            messages.success(request, _("Catatan FGD tersimpan."))
            return redirect("needs:fgd", pk=group.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "needs/fgd_form.html", {"form": form})


@permission_required("needs.view_focus_groups", raise_exception=True)
@require_http_methods(["GET", "POST"])
def fgd_detail(request, pk: int):
    group = get_object_or_404(_groups(request), pk=pk)
    can_edit = request.user.has_perm("needs.manage_focus_groups")
    need_form = AgreedNeedForm(request.POST if "need" in request.POST else None, prefix="need")
    file_form = AttachmentForm(request.POST if "file" in request.FILES else None,
                               request.FILES if "file" in request.FILES else None)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        try:
            if "need" in request.POST and need_form.is_valid():
                services_fgd.agreed_need_add(focus_group=group, **need_form.cleaned_data)
                messages.success(request, _("Kebutuhan hasil FGD ditambahkan."))
                return redirect("needs:fgd", pk=group.pk)
            if "file" in request.FILES and file_form.is_valid():
                services_fgd.attachment_add(focus_group=group, upload=file_form.cleaned_data["file"])
                messages.success(request, _("Lampiran diunggah."))
                return redirect("needs:fgd", pk=group.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return render(request, "needs/fgd_detail.html", {
        "group": group, "can_edit": can_edit, "need_form": need_form, "file_form": file_form,
        "participants": group.participants.select_related("position").order_by("name")[:200],
        "agreed": group.agreed_needs.select_related("competency"), "attachments": group.attachments.all(),
    })


@permission_required("needs.view_focus_groups", raise_exception=True)
def fgd_attachment(request, pk: int, attachment_pk: int):
    group = get_object_or_404(_groups(request), pk=pk)
    attachment = get_object_or_404(FocusGroupAttachment, pk=attachment_pk, focus_group=group)
    return uploads.serve(attachment.file, filename=attachment.original_name, content_type=attachment.content_type)


@permission_required("needs.manage_focus_groups", raise_exception=True)
@require_POST
def fgd_need_delete(request, pk: int, need_pk: int):
    group = get_object_or_404(_groups(request), pk=pk)
    group.agreed_needs.filter(pk=need_pk).delete()
    messages.success(request, _("Kebutuhan hasil FGD dihapus."))
    return redirect("needs:fgd", pk=group.pk)

