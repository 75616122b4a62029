"""The employee's pages: my schedule (invitations to answer), my JP (ledger lines, claims), certificates,
self check-in, notices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renbang.accounts.scoping import for_user
from renbang.core.models import Notice
from renbang.core.notices import notices_mark_read
from renbang.core.pdf import pdf_response

from .. import ledger, selectors, services
from ..forms import CheckinForm, ClaimForm
from ..models import Certificate, ExternalClaim
from .common import form_errors, message_of, year_param


@permission_required("delivery.view_own", raise_exception=True)
def my_schedule(request):
    enrolments = list(selectors.my_enrolments(request.user)[:300])
    today = timezone.localdate()
    return render(request, "delivery/my_schedule.html", {
        "pending": [e for e in enrolments if e.status == e.Status.INVITED and e.session.is_open],
        "upcoming": [e for e in enrolments if e.status in (e.Status.CONFIRMED, e.Status.WAITLISTED)
                     and e.session.end_date >= today and e.session.is_open],
        "history": [e for e in enrolments if e.session.end_date < today or not e.session.is_open
                    or e.status not in (e.Status.INVITED, e.Status.CONFIRMED, e.Status.WAITLISTED)],
        "checkin_form": CheckinForm(),
        "facilitated": selectors.facilitated_sessions(request.user)[:50]
        if request.user.has_perm("delivery.facilitate") else [],
    })


@permission_required("delivery.view_own", raise_exception=True)
def my_jp(request):
    year = year_param(request)
    employee = request.user.employee
    totals = ledger.employee_jp(employee, year)
    rules = services.settings_for(request.user.agency)
    form = ClaimForm(agency=request.user.agency)
    return render(request, "delivery/my_jp.html", {
        "year": year, "totals": totals, "rules": rules, "lines": ledger.employee_jp_lines(employee, year),
        "claims": ExternalClaim.objects.filter(employee=employee).select_related("method")[:100],
        "form": form, "employee": employee, "is_pppk": employee.status in ledger.PPPK,
        "percent": min(100, int(100 * totals.get("total", 0) / float(rules.jp_target))) if rules.jp_target else 100,
    })


@permission_required("delivery.claim", raise_exception=True)
def claim_create(request):
    form = ClaimForm(request.POST or None, request.FILES or None, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "upload"}
        try:
            services.claim_submit(user=request.user, data=data, upload=form.cleaned_data["upload"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Klaim terkirim; menunggu verifikasi BKPSDM."))
            return redirect("delivery:my_jp")
    return render(request, "delivery/claim_form.html", {"form": form})


@require_POST
@permission_required("delivery.claim", raise_exception=True)
def claim_withdraw(request, pk: int):
    claim = ExternalClaim.objects.filter(pk=pk, employee_id=request.user.employee_id).first()
    if claim is None:
        raise Http404
    try:
        services.claim_withdraw(claim=claim, user=request.user)
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, _("Klaim ditarik."))
    return redirect("delivery:my_jp")


@permission_required("delivery.view_participation", raise_exception=True)
def claim_file(request, pk: int):
    """The uploaded certificate, for the claimant, their supervisors/OPD officer and BKPSDM (scoped)."""
    claim = for_user(ExternalClaim.objects.all(), request.user).filter(pk=pk).first()
    if claim is None or not claim.file:
        raise Http404
    try:
        handle = claim.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=claim.file_type or "application/octet-stream",
                            filename=f"klaim-{claim.pk}{claim.file_extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; plugin-types application/pdf"
    return response


@permission_required("delivery.view_participation", raise_exception=True)
def certificate_pdf(request, pk: int):
    certificate = for_user(Certificate.objects.all(), request.user).filter(
        pk=pk, revoked=False, enrolment__completed=True).select_related(
        "enrolment__employee__unit", "enrolment__session__programme__method", "enrolment__session__agency").first()
    if certificate is None:
        raise Http404
    enrolment = certificate.enrolment
    verify_url = request.build_absolute_uri(reverse("delivery:verify_code", args=[certificate.code]))
    return pdf_response(f"sertifikat-{certificate.code}", "delivery/pdf/certificate.html", {
        "agency": enrolment.session.agency, "certificate": certificate, "enrolment": enrolment,
        "session": enrolment.session, "employee": enrolment.employee, "verify_url": verify_url,
    })


@permission_required("delivery.view_own", raise_exception=True)
def checkin(request):
    form = CheckinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.self_checkin(user=request.user, code=form.cleaned_data["code"])
        except PermissionDenied:
            raise
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Presensi tercatat: %(s)s, %(d)s.") % {
                "s": row.day.session.display_title, "d": row.day.date.strftime("%d-%m-%Y")})
            return redirect("delivery:my_schedule")
    return render(request, "delivery/checkin.html", {"form": form})


def notice_list(request):
    notices = Notice.objects.filter(user=request.user)[:100]
    return render(request, "delivery/notices.html", {"notices": notices})


@require_POST
def notices_read(request):
    pk = request.POST.get("pk")
    notices_mark_read(user=request.user, pk=int(pk) if pk and pk.isdigit() else None)
    target = request.POST.get("next") or ""
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("delivery:notices")
