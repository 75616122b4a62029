from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _

from renbang.core.tabular import TabularError

from ..forms import UploadForm


def run_import(request, *, importer, template: str, context: dict):
    """The upload page shared by the two importers: form → report (errors by row) → nothing written on error."""
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = importer(agency=request.user.agency, data=upload.read(), filename=upload.name,
                              dry_run=form.cleaned_data["dry_run"])
        except TabularError as exc:
            form.add_error("file", str(exc))
        else:
            if report.errors:
                messages.error(request, _("Impor ditolak: %(n)s baris bermasalah; tidak ada data yang disimpan.")
                               % {"n": report.invalid_rows})
            elif report.dry_run:
                messages.info(request, _("Uji coba berhasil: tidak ada kesalahan. Belum ada data yang disimpan."))
            else:
                messages.success(request, _("Impor selesai: %(c)s dibuat, %(u)s diubah, %(s)s tetap.") % {
                    "c": report.created, "u": report.updated, "s": report.unchanged})
    status = 400 if (report is not None and report.errors) or (request.method == "POST" and form.errors) else 200
    return render(request, template, {**context, "form": form, "report": report}, status=status)
