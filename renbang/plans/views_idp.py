"""IDP pages: the employee's own plan with comments, the supervisor's approval, the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import documents, selectors, services
from .forms import NoteForm
from .models import IdpStatus, PlanStatus


def _idp(request, pk: int):
    idp = selectors.idps_for_user(request.user).select_related("plan__agency", "employee__supervisor").filter(
        pk=pk).first()
    if idp is None:
        raise Http404
    return idp


@permission_required("plans.view_idp", raise_exception=True)
def idp_list(request):
    """Own IDPs first; staff's IDPs for supervisors and HR (scoped)."""
    qs = selectors.idps_for_user(request.user).exclude(plan__status=PlanStatus.SUPERSEDED)
    status = request.GET.get("status", "")
    if status in IdpStatus.values:
        qs = qs.filter(status=status)
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        qs = qs.filter(employee__name__icontains=q) | qs.filter(employee__nip=q)
    mine = list(qs.filter(employee_id=request.user.employee_id).order_by("-plan__year", "-plan__version")) \
        if request.user.employee_id else []
    staff = qs.exclude(employee_id=request.user.employee_id or 0).order_by("-plan__year", "employee__name")
    page = Paginator(staff, 50).get_page(request.GET.get("page"))
    return render(request, "plans/idp_list.html", {"mine": mine, "page_obj": page, "status": status, "q": q,
                                                   "statuses": IdpStatus.choices})


@permission_required("plans.view_idp", raise_exception=True)
def idp_detail(request, pk: int):
    idp = _idp(request, pk)
    return render(request, "plans/idp_detail.html", {
        "idp": idp, "rows": selectors.idp_assignments(idp), "comments": idp.comments.select_related("author"),
        "is_owner": request.user.employee_id == idp.employee_id,
        "is_supervisor": services.is_supervisor_of(request.user, idp), "form": NoteForm(),
    })


@require_POST
@permission_required("plans.comment_idp", raise_exception=True)
def idp_action(request, pk: int):
    """comment / submit (the employee) / approve / return (the direct supervisor)."""
    idp = _idp(request, pk)
    action = request.POST.get("action", "")
    note = request.POST.get("note", "")
    try:
        if action == "comment":
            services.idp_comment(idp=idp, user=request.user, text=note)
            messages.success(request, _("Komentar tersimpan."))
        elif action == "submit":
            services.idp_submit(idp=idp, user=request.user, note=note)
            messages.success(request, _("IDP dikirim kepada atasan langsung."))
        elif action in ("approve", "return"):
            services.idp_decide(idp=idp, user=request.user, approve=action == "approve", note=note)
            messages.success(request, _("IDP disetujui.") if action == "approve" else _("IDP dikembalikan."))
        else:
            raise services.PlanEditError(_("Tindakan tidak dikenal."))
    except services.PlanEditError as exc:
        messages.error(request, str(exc))
    return redirect("plans:idp_detail", idp.pk)


@permission_required("plans.view_idp", raise_exception=True)
def idp_pdf(request, pk: int):
    idp = _idp(request, pk)
    response = HttpResponse(documents.idp_pdf(idp), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="idp-{idp.employee.nip}-{idp.plan.year}.pdf"'
    return response


def employee_section(request, employee) -> dict | None:
    """The IDP section of the employee detail page: their items in the newest non-superseded plan (2 queries)."""
    if not request.user.has_perm("plans.view_idp"):
        return None
    idp = selectors.idps_for_user(request.user).filter(employee=employee).exclude(
        plan__status=PlanStatus.SUPERSEDED).order_by("-plan__year", "-plan__version").first()
    if idp is None:
        return None
    return {"template": "plans/_employee_section.html", "data": {"idp": idp, "rows": list(
        selectors.idp_assignments(idp))}}
