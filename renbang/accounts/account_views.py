"""The "Akun pegawai" page: account counts, creating accounts, activation e-mails and letters (background jobs)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renbang.core.jobs import start_job
from renbang.core.models import Job, JobStatus
from renbang.core.uploads import serve

from . import jobs, selectors

JOB_FUNCTIONS = {jobs.CREATE_KIND: "renbang.accounts.jobs.create_accounts",
                 jobs.EMAIL_KIND: "renbang.accounts.jobs.send_activation_emails",
                 jobs.LETTERS_KIND: "renbang.accounts.jobs.activation_letters"}
PER_PAGE = 50


class FilterForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit kerja (beserta unit di bawahnya)"), coerce=int, required=False,
                                  empty_value=None)
    state = forms.ChoiceField(label=_("Status akun"), required=False, initial="not_activated", choices=[
        ("", _("Semua")), ("not_activated", _("Belum diaktifkan")), ("activated", _("Sudah diaktifkan")),
        ("no_account", _("Belum punya akun")), ("disabled", _("Dinonaktifkan"))])
    email = forms.ChoiceField(label=_("Surel"), required=False, choices=[
        ("", _("Semua")), ("yes", _("Punya alamat surel")), ("no", _("Tanpa alamat surel"))])
    q = forms.CharField(label=_("Nama atau NIP"), required=False, max_length=60)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Semua unit dalam cakupan Anda"))] + selectors.units_in_scope(user)
        for name in ("unit", "state", "email"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["q"].widget.attrs["class"] = "form-control form-control-sm"

    def filters(self) -> selectors.Filters:
        data = self.cleaned_data if self.is_valid() else {"state": "not_activated"}
        return selectors.Filters(unit=data.get("unit"), email=data.get("email") or "",
                                 state=data.get("state") or "", q=(data.get("q") or "").strip())


def _manager(request):
    if request.user.agency_id is None:
        raise PermissionDenied
    return request.user


@permission_required("accounts.manage_accounts", raise_exception=True)
def employee_accounts(request):
    user = _manager(request)
    data = request.GET if request.GET else {"state": "not_activated"}
    form = FilterForm(data, user=user)
    filters = form.filters()
    employees = (selectors.filtered(user, filters).select_related("unit", "user")
                 .order_by("name", "nip"))
    page = Paginator(employees, PER_PAGE).get_page(request.GET.get("page"))
    recent = (Job.objects.filter(kind__in=JOB_FUNCTIONS, created_by=user).order_by("-created_at")[:5])
    return render(request, "accounts/employee_accounts.html", {
        "form": form, "filters": filters, "page_obj": page, "counts": selectors.counts(user, filters.unit),
        "recent_jobs": recent, "days": settings.RENBANG["ACTIVATION_DAYS"],
        "resend_minutes": settings.RENBANG["ACTIVATION_RESEND_MINUTES"],
    })


@require_POST
@permission_required("accounts.manage_accounts", raise_exception=True)
def start(request, action: str):
    """Start one of the three jobs for the employees of the posted filters."""
    user = _manager(request)
    form = FilterForm(request.POST, user=user)
    if not form.is_valid():
        messages.error(request, _("Filter tidak sah; tidak ada yang dijalankan."))
        return redirect("accounts:employee_accounts")
    filters = form.filters()
    kind = {"buat": jobs.CREATE_KIND, "surel": jobs.EMAIL_KIND, "surat": jobs.LETTERS_KIND}.get(action)
    if kind is None:
        raise Http404
    if kind == jobs.CREATE_KIND:
        params = {"unit": filters.unit}
    else:
        if not selectors.filtered(user, filters).filter(user__is_active=True).exists():
            messages.warning(request, _("Tidak ada akun aktif yang cocok dengan filter; tidak ada yang dijalankan."))
            return redirect("accounts:employee_accounts")
        params = {"filters": filters.as_params(), "base_url": _base_url(request), "language": get_language()}
    job = start_job(kind=kind, function_path=JOB_FUNCTIONS[kind], params=params, user=user, agency=user.agency)
    return redirect("accounts:account_job", pk=job.pk)


def _base_url(request) -> str:
    return settings.RENBANG.get("PUBLIC_URL") or request.build_absolute_uri("/")


def _job_for(request, pk: int) -> Job:
    job = Job.objects.filter(pk=pk, kind__in=JOB_FUNCTIONS, created_by=request.user).first()
    if job is None:
        raise Http404  # a job, and above all its letters with their codes, belongs to whoever started it
    return job


@permission_required("accounts.manage_accounts", raise_exception=True)
def account_job(request, pk: int):
    job = _job_for(request, pk)
    context = {"job": job, "result": job.result or {}, "failed": job.status == JobStatus.FAILED}
    template = "accounts/_account_job_status.html" if request.htmx else "accounts/account_job.html"
    return render(request, template, context)


@permission_required("accounts.manage_accounts", raise_exception=True)
def letters_download(request, pk: int):
    job = _job_for(request, pk)
    token = (job.result or {}).get("file")
    try:
        path = jobs.LETTERS.path(token) if job.kind == jobs.LETTERS_KIND else None
    except ValueError:
        path = None
    if path is None or not path.exists():
        raise Http404  # never made, or swept after a day: print again
    return serve(path, filename=f"surat-aktivasi-{job.pk}.pdf", content_type="application/pdf")
