"""Web flow of the roster import: upload → preview (background dry run, polled with HTMX) → confirm → result."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renbang.core.jobs import start_job
from renbang.core.models import Job, JobStatus
from renbang.core.tabular import ImportReport, TabularError, map_columns, read_table
from renbang.core.uploads import read_checked

from .forms import ImportUploadForm
from .importing import uploads
from .importing.columns import ALIASES
from .jobs import APPLY_KIND, PREVIEW_KIND

SHOWN_ERRORS = 200
SHOWN_MISSING = 200
JOB_FUNCTION = "renbang.people.jobs.run_import"


def _quick_check(data: bytes, filename: str) -> None:
    """Refuse a bad file at once, on the form: everything about the file itself, from its first rows."""
    table = read_table(data, filename, sniff_rows=20)
    if "nip" not in map_columns(table.headers, ALIASES):
        raise TabularError(_("Kolom NIP tidak ditemukan. Beri judul kolom NIP (atau nipBaru / NI PPPK) pada baris "
                             "judul."))


@permission_required("people.import_employees", raise_exception=True)
def import_upload(request):
    if request.user.agency_id is None:
        raise PermissionDenied  # an import always goes into the user's own agency
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data, _mime = read_checked(upload, limit=int(settings.RENBANG["IMPORT_MAX_BYTES"]))
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            try:
                _quick_check(data, upload.name)
            except TabularError as exc:
                form.add_error("file", str(exc))
            else:
                token = uploads.save(data)
                job = start_job(kind=PREVIEW_KIND, function_path=JOB_FUNCTION, user=request.user,
                                agency=request.user.agency, params={
                                    "token": token, "filename": upload.name[:200], "dry_run": True,
                                    "skip_invalid": form.cleaned_data["skip_invalid"],
                                    "full_roster": form.cleaned_data["full_roster"]})
                return redirect("people:import_job", pk=job.pk)
    return render(request, "people/import_upload.html", {"form": form}, status=400 if form.errors else 200)


def _job_for(request, pk: int) -> Job:
    job = Job.objects.filter(pk=pk, kind__in=(PREVIEW_KIND, APPLY_KIND), agency_id=request.user.agency_id).first()
    if job is None:
        raise Http404
    return job


def _report(job: Job) -> ImportReport | None:
    data = (job.result or {}).get("report")
    return ImportReport.from_dict(data) if data else None


def _apply_job_of(preview: Job) -> Job | None:
    return Job.objects.filter(kind=APPLY_KIND, params__preview_job=preview.pk).order_by("pk").first()


@permission_required("people.import_employees", raise_exception=True)
def import_job(request, pk: int):
    job = _job_for(request, pk)
    report = _report(job)
    context = {
        "job": job, "report": report, "is_preview": job.kind == PREVIEW_KIND,
        "refused": (job.result or {}).get("refused", ""),
        "errors": report.errors[:SHOWN_ERRORS] if report else [],
        "more_errors": max(0, len(report.errors) - SHOWN_ERRORS) if report else 0,
        "apply_job": _apply_job_of(job) if job.kind == PREVIEW_KIND and job.is_finished else None,
        "skip_invalid": bool(job.params.get("skip_invalid")),
        "missing": report.full_roster.get("people", [])[:SHOWN_MISSING] if report else [],
        "more_missing": max(0, report.full_roster.get("missing", 0) - SHOWN_MISSING) if report else 0,
        "failed": job.status == JobStatus.FAILED,
    }
    template = "people/_import_status.html" if request.htmx else "people/import_job.html"
    return render(request, template, context)


@require_POST
@permission_required("people.import_employees", raise_exception=True)
def import_confirm(request, pk: int):
    preview = _job_for(request, pk)
    report = _report(preview)
    if preview.kind != PREVIEW_KIND or report is None:
        messages.error(request, _("Pratinjau belum selesai atau berkas ditolak; tidak ada yang diimpor."))
        return redirect("people:import_job", pk=preview.pk)
    existing = _apply_job_of(preview)
    if existing is not None:
        return redirect("people:import_job", pk=existing.pk)  # a second click does not import twice
    skip_invalid = bool(preview.params.get("skip_invalid")) or request.POST.get("skip_invalid") == "1"
    if report.errors and not skip_invalid:
        messages.error(request, _("Ada baris yang tidak valid: perbaiki berkas, atau impor hanya baris yang valid."))
        return redirect("people:import_job", pk=preview.pk)
    force = request.POST.get("force") == "1"
    if report.full_roster.get("over_limit") and not force:
        messages.error(request, _("Daftar lengkap ini menonaktifkan lebih banyak pegawai dari batas: centang "
                                  "konfirmasi penonaktifan bila berkasnya benar."))
        return redirect("people:import_job", pk=preview.pk)
    job = start_job(kind=APPLY_KIND, function_path=JOB_FUNCTION, user=request.user, agency=request.user.agency,
                    params={**preview.params, "dry_run": False, "skip_invalid": skip_invalid,
                            "force": force, "preview_job": preview.pk})
    return redirect("people:import_job", pk=job.pk)


@permission_required("people.import_employees", raise_exception=True)
def import_report(request, pk: int):
    report = _report(_job_for(request, pk))
    if report is None:
        raise Http404
    buffer = io.StringIO(newline="")
    report.write_csv(buffer)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="laporan-impor-{pk}.csv"'
    return response
