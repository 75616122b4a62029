"""Sessions: list and export, create/change (BKPSDM), detail with clashes and roster, invitations, waitlist and
replacement, attendance grid and closing (facilitator/BKPSDM)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renbang.accounts.scoping import CHANGE, for_user
from renbang.catalog.models import Programme
from renbang.core.exports import xlsx_response
from renbang.people.models import Employee

from .. import clashes, selectors, services
from ..forms import FromPlanForm, FromPlannedForm, InviteForm, ReplaceForm, SessionForm
from ..models import Attendance, Enrolment, Session
from .common import form_errors, int_param, message_of, session_or_404, year_param


def _list_filters(request) -> dict:
    status = request.GET.get("status") or ""
    return {"programme": int_param(request, "program"), "unit": int_param(request, "unit"),
            "status": status if status in Session.Status.values else None, "year": year_param(request),
            "q": (request.GET.get("q") or "")[:100]}


@permission_required("delivery.view_calendar", raise_exception=True)
def session_list(request):
    filters = _list_filters(request)
    qs = selectors.sessions_for_user(request.user, **filters).order_by("start_date", "start_time", "pk")
    if request.GET.get("format") == "xlsx":
        qs = selectors.sessions_with_counts(qs)
        headers = [_("Sesi"), _("Program"), _("Metode"), _("Mulai"), _("Selesai"), _("Tempat/tautan"),
                   _("Fasilitator"), _("Kapasitas"), _("Peserta aktif"), _("Lulus"), _("JP"), _("Status")]
        rows = ([s.display_title, s.programme.title, s.programme.method.name, s.start_date, s.end_date,
                 s.venue or s.online_url, str(s.facilitator or s.facilitator_employee or ""), s.capacity,
                 s.n_active, s.n_completed, float(s.jp), s.get_status_display()] for s in qs.iterator())
        return xlsx_response(f"sesi-pelatihan-{filters['year']}.xlsx", headers, rows, _("Sesi"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    page.object_list = selectors.attach_counts(page.object_list)
    return render(request, "delivery/session_list.html", {
        "page_obj": page, "filters": filters, "statuses": Session.Status.choices,
        "programmes": Programme.objects.filter(agency=request.user.agency).order_by("title").only("pk", "title"),
        "planned_form": FromPlannedForm(initial={"year": filters["year"]}),
        "plan_form": FromPlanForm(agency=request.user.agency) if request.user.has_perm("delivery.manage") else None,
    })


@permission_required("delivery.manage", raise_exception=True)
def session_edit(request, pk: int | None = None):
    session = None
    if pk is not None:
        session = for_user(Session.objects.all(), request.user, CHANGE).filter(pk=pk).first()
        if session is None:
            raise Http404
    initial = {}
    programme_id = int_param(request, "program")
    if session is None and programme_id:
        programme = Programme.objects.filter(agency=request.user.agency, pk=programme_id).first()
        if programme:
            initial = {"programme": programme, "jp": programme.jp, "capacity": programme.capacity_per_session}
    form = SessionForm(request.POST or None, instance=session, agency=request.user.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            saved = services.session_save(agency=request.user.agency, data=data, session=session,
                                          user=request.user)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Sesi tersimpan."))
            for clash in clashes.clashes_for_session(saved):
                messages.warning(request, clash.message)
            return redirect("delivery:session_detail", saved.pk)
    return render(request, "delivery/session_form.html", {"form": form, "session": session})


@require_POST
@permission_required("delivery.manage", raise_exception=True)
def sessions_from_plan(request):
    """Sessions for the items of an approved plan, inviting the planned participants."""
    form = FromPlanForm(request.POST, agency=request.user.agency)
    if not form.is_valid():
        messages.error(request, _("Pilih rencana yang sudah ditetapkan."))
        return redirect("delivery:session_list")
    plan = form.cleaned_data["plan"]
    try:
        result = services.sessions_from_plan(plan=plan, user=request.user)
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, _("%(c)s sesi dibuat, %(l)s dihubungkan dengan sesi rutin; %(i)s pegawai diundang, "
                                    "%(w)s masuk daftar tunggu.") % {
            "c": result["created"], "l": result["linked"], "i": result["invited"], "w": result["waitlisted"]})
    return redirect(f"{reverse('delivery:session_list')}?tahun={plan.year}")


@require_POST
@permission_required("delivery.manage", raise_exception=True)
def sessions_from_planned(request):
    form = FromPlannedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tahun/bulan tidak valid."))
        return redirect("delivery:session_list")
    created = services.sessions_from_planned(agency=request.user.agency, year=form.cleaned_data["year"],
                                             month=form.cleaned_data.get("month"), user=request.user)
    messages.success(request, _("%(n)s sesi dibuat dari jadwal rutin katalog.") % {"n": len(created)})
    return redirect(f"{reverse('delivery:session_list')}?tahun={form.cleaned_data['year']}")


def replacement_candidates(session):
    """Other planned candidates first (plans app, when present), then the waitlist; never someone enrolled."""
    taken = session.enrolments.exclude(status=Enrolment.Status.WAITLISTED).values("employee_id")
    planned = services.planned_employee_ids(session)
    waitlisted = session.enrolments.filter(status=Enrolment.Status.WAITLISTED).values("employee_id")
    return Employee.objects.filter(Q(pk__in=planned) | Q(pk__in=waitlisted), agency=session.agency_id,
                                   active=True).exclude(pk__in=taken).order_by("name")[:500]


@permission_required("delivery.view_calendar", raise_exception=True)
def session_detail(request, pk: int):
    session = session_or_404(request, pk)
    manage = request.user.has_perm("delivery.manage")
    facilitate = services.can_facilitate(request.user, session)
    roster = selectors.roster_for(request.user, session)
    page = Paginator(roster, 100).get_page(request.GET.get("page"))
    counts = dict(session.enrolments.values_list("status").annotate(n=Count("pk")).order_by())
    warnings = clashes.employee_clashes(session, [e.employee_id for e in page]) if manage or facilitate else {}
    releasable = set() if manage else services.releasable_ids(request.user, [e.employee_id for e in page])
    for e in page:
        e.warnings = warnings.get(e.employee_id, [])
        e.releasable = e.employee_id in releasable and e.status in (*Enrolment.ACTIVE, Enrolment.Status.WAITLISTED)
    return render(request, "delivery/session_detail.html", {
        "session": session, "manage": manage, "facilitate": facilitate, "page_obj": page, "counts": counts,
        "days": list(session.days.all()), "clashes": clashes.clashes_for_session(session),
        "invite_form": InviteForm(agency=request.user.agency) if manage and session.is_open else None,
        "replace_form": ReplaceForm(candidates=replacement_candidates(session)) if manage else None,
        "mine": session.enrolments.filter(employee_id=request.user.employee_id).first()
        if request.user.employee_id else None,
    })


@require_POST
@permission_required("delivery.manage", raise_exception=True)
def session_invite(request, pk: int):
    session = session_or_404(request, pk)
    form = InviteForm(request.POST, agency=request.user.agency)
    if form.is_valid():
        try:
            result = services.enrolments_invite(session=session, employees=form.cleaned_data["employees"],
                                                user=request.user)
        except ValidationError as exc:
            messages.error(request, message_of(exc))
        else:
            messages.success(request, _("%(i)s diundang, %(w)s masuk daftar tunggu, %(s)s sudah terdaftar.") % {
                "i": result["invited"], "w": result["waitlisted"], "s": result["skipped"]})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("delivery:session_detail", pk)


@require_POST
@permission_required("delivery.manage", raise_exception=True)
def session_cancel(request, pk: int):
    session = session_or_404(request, pk)
    try:
        services.session_cancel(session=session, user=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, _("Sesi dibatalkan; peserta diberi tahu."))
    return redirect("delivery:session_detail", pk)


def _enrolment(request, pk: int) -> Enrolment:
    enrolment = for_user(Enrolment.objects.filter(pk=pk), request.user).select_related("session", "employee").first()
    if enrolment is None:  # the facilitator's participants come through their grant
        raise Http404
    return enrolment


@require_POST
@permission_required("delivery.view_calendar", raise_exception=True)
def enrolment_action(request, pk: int, action: str):
    """respond (accept/decline), release, replace, cancel: each service checks who may do it."""
    enrolment = _enrolment(request, pk)
    back = request.POST.get("next") or ""
    reason = request.POST.get("reason", "")
    try:
        if action == "terima":
            services.enrolment_respond(enrolment=enrolment, user=request.user, accept=True)
            messages.success(request, _("Kehadiran dikonfirmasi. Terima kasih."))
        elif action == "tolak":
            services.enrolment_respond(enrolment=enrolment, user=request.user, accept=False, reason=reason)
            messages.success(request, _("Undangan ditolak."))
        elif action == "bebaskan":
            services.enrolment_release(enrolment=enrolment, user=request.user, reason=reason)
            messages.success(request, _("Pegawai dibebaskan dari sesi."))
        elif action == "batal":
            services.enrolment_cancel(enrolment=enrolment, user=request.user, reason=reason)
            messages.success(request, _("Peserta dibatalkan."))
        elif action == "ganti":
            form = ReplaceForm(request.POST, candidates=replacement_candidates(enrolment.session))
            if not form.is_valid():
                raise ValidationError(_("Pilih pegawai pengganti dari daftar."))
            services.enrolment_replace(enrolment=enrolment, candidate=form.cleaned_data["candidate"],
                                       user=request.user)
            messages.success(request, _("Pengganti diundang."))
        else:
            raise Http404
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("delivery:session_detail", enrolment.session_id)


@permission_required("delivery.facilitate", raise_exception=True)
def attendance_grid(request, pk: int):
    """Bulk attendance: participants × days; each cell a select (type H/T/I/A), 'all present' per day."""
    session = session_or_404(request, pk)
    if not services.can_facilitate(request.user, session):
        raise PermissionDenied
    days = list(session.days.all())
    roster = list(session.enrolments.filter(status__in=Enrolment.ACTIVE).select_related(
        "employee__unit").order_by("employee__name", "pk"))
    existing = {(a.enrolment_id, a.day_id): a.status for a in Attendance.objects.filter(day__session=session)}
    if request.method == "POST":
        marks = {}
        for enrolment in roster:
            for day in days:
                key = f"a-{enrolment.pk}-{day.pk}"
                if key in request.POST:
                    marks[(enrolment.pk, day.pk)] = request.POST.get(key, "")
        try:
            changed = services.attendance_record(session=session, user=request.user, marks=marks)
            if request.POST.get("close"):
                result = services.session_complete(session=session, user=request.user)
                messages.success(request, _("Sesi ditutup: %(c)s lulus, %(n)s tidak memenuhi syarat kehadiran.") % {
                    "c": result["completed"], "n": result["not_completed"]})
                return redirect("delivery:session_detail", pk)
        except ValidationError as exc:
            messages.error(request, message_of(exc))
            existing.update(marks)
        else:
            messages.success(request, _("Kehadiran tersimpan (%(n)s isian berubah).") % {"n": changed})
            return redirect("delivery:attendance", pk)
    rows = [{"enrolment": e, "cells": [{"day": d, "name": f"a-{e.pk}-{d.pk}", "value": existing.get((e.pk, d.pk), "")}
                                       for d in days]} for e in roster]
    return render(request, "delivery/attendance.html", {
        "session": session, "days": days, "rows": rows, "statuses": Attendance.Status.choices,
        "settings": services.settings_for(session.agency), "today": timezone.localdate(),
    })


@require_POST
@permission_required("delivery.facilitate", raise_exception=True)
def session_code(request, pk: int):
    session = session_or_404(request, pk)
    services.regenerate_checkin_code(session=session, user=request.user)
    messages.success(request, _("Kode presensi baru dibuat."))
    return redirect("delivery:attendance", pk)
