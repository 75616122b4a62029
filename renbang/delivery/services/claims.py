"""External claims: the employee uploads a certificate/STTPP (PDF or image, checked by content), BKPSDM verifies
or rejects with a reason. Only verified claims count in the JP ledger."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.core import uploads
from renbang.core.notices import notify_employees
from renbang.core.uploads import PDF_AND_IMAGES

from ..models import ExternalClaim
from .sessions import settings_for

#: Accepted files, recognised by their first bytes (never by the name or the browser's content type), with
#: core.uploads' content check (the one every upload of the app goes through).
CLAIM_TYPES = {**PDF_AND_IMAGES, "image/webp": "webp"}


def sniff(head: bytes) -> str | None:
    return uploads.sniff(head, CLAIM_TYPES)


def check_upload(upload, *, max_bytes: int) -> str:
    """The content type of an accepted upload; a clear ValidationError otherwise (too large, not PDF/image)."""
    if upload is None:
        raise ValidationError({"file": _("Unggah berkas sertifikat (PDF atau gambar).")})
    size = getattr(upload, "size", 0) or 0
    if size > max_bytes:
        raise ValidationError({"file": _("Berkas terlalu besar (%(size)s MB); paling besar %(max)s MB.") % {
            "size": f"{size / 1048576:.1f}", "max": max_bytes // 1048576}})
    if size == 0:
        raise ValidationError({"file": _("Berkas kosong.")})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = sniff(head)
    if kind is None:
        raise ValidationError({"file": _("Berkas harus PDF atau gambar (PNG, JPEG, WebP).")})
    return kind


def check_claim_dates(end_date) -> None:
    """A claim is for development already done: its end date is not in the future (a day of slack for time zones)."""
    if end_date and end_date > timezone.localdate() + dt.timedelta(days=1):
        raise ValidationError({"end_date": _("Tanggal selesai belum terjadi.")})


@transaction.atomic
def claim_submit(*, user, data: dict, upload) -> ExternalClaim:
    if not user.employee_id:
        raise PermissionDenied
    employee = user.employee
    limit = settings_for(employee.agency).max_upload_mb * 1024 * 1024
    kind = check_upload(upload, max_bytes=limit)
    check_claim_dates(data.get("end_date"))
    claim = ExternalClaim(employee=employee, submitted_by=user, file_type=kind, file_size=upload.size, **data)
    claim.full_clean(exclude=["file"])
    claim.file.save("upload", upload, save=False)
    claim.save()
    return claim


@transaction.atomic
def claim_withdraw(*, claim: ExternalClaim, user) -> None:
    claim = ExternalClaim.objects.select_for_update().get(pk=claim.pk)
    if not user.employee_id or claim.employee_id != user.employee_id:
        raise PermissionDenied
    if claim.status != ExternalClaim.Status.PENDING:
        raise ValidationError(_("Hanya klaim yang menunggu verifikasi yang dapat ditarik."))
    storage, name = claim.file.storage, claim.file.name
    claim.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def claim_decide(*, claim: ExternalClaim, user, approve: bool, reason: str = "", jp=None) -> ExternalClaim:
    """BKPSDM verifies (optionally correcting the JP) or rejects with a reason; the employee is notified."""
    claim = ExternalClaim.objects.select_for_update().select_related("employee").get(pk=claim.pk)
    if not user.is_bkpsdm_admin or user.agency_id != claim.employee.agency_id:
        raise PermissionDenied
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Tuliskan alasan penolakan.")})
    if claim.employee_id == user.employee_id and user.employee_id:
        raise ValidationError(_("Klaim sendiri diverifikasi oleh petugas lain."))
    claim.status = ExternalClaim.Status.VERIFIED if approve else ExternalClaim.Status.REJECTED
    claim.reason = "" if approve else reason[:1000]
    if approve and jp is not None:
        claim.jp = jp
    claim.verified_by = user
    claim.verified_at = timezone.now()
    claim.full_clean(exclude=["file"])
    claim.save()
    title = (_("Klaim diverifikasi: %(t)s (%(jp)s JP)") if approve else _("Klaim ditolak: %(t)s")) % {
        "t": claim.title, "jp": claim.jp}
    notify_employees(employees=[claim.employee], kind="delivery.claim", title=title, body=claim.reason,
                     url=reverse("delivery:my_jp"))
    return claim
