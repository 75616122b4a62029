"""Writes of FGD records: the group, its agreed needs and its attachments (PDF/images checked by content)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renbang.core import uploads
from renbang.people.models import Employee

from .models_extra import AgreedNeed, FocusGroup, FocusGroupAttachment


@transaction.atomic
def focus_group_create(*, agency, participant_nips=(), **fields) -> FocusGroup:
    group = FocusGroup(agency=agency, **fields)
    group.full_clean()
    if group.campaign_id and group.campaign.agency_id != agency.pk:
        raise ValidationError({"campaign": _("Kampanye harus dari instansi yang sama.")})
    group.save()
    if participant_nips:
        people = list(Employee.objects.filter(agency=agency, nip__in=participant_nips))
        unknown = set(participant_nips) - {p.nip for p in people}
        if unknown:
            raise ValidationError(_("NIP peserta tidak ditemukan: %(n)d.") % {"n": len(unknown)})
        group.participants.set(people)
    return group


@transaction.atomic
def agreed_need_add(*, focus_group: FocusGroup, **fields) -> AgreedNeed:
    need = AgreedNeed(focus_group=focus_group, **fields)
    need.full_clean()
    competency = need.competency
    if competency.agency_id not in (None, focus_group.agency_id):
        raise ValidationError({"competency": _("Kompetensi tidak ada di kamus instansi.")})
    need.save()
    return need


@transaction.atomic
def attachment_add(*, focus_group: FocusGroup, upload) -> FocusGroupAttachment:
    """A PDF/JPG/PNG (checked by content, size-limited) stored privately; served by a permission-checked view."""
    data, mime = uploads.read_checked(upload, limit=int(settings.RENBANG["NEEDS_ATTACHMENT_MAX_BYTES"]),
                                      allowed=uploads.PDF_AND_IMAGES)
    attachment = FocusGroupAttachment(focus_group=focus_group, original_name=uploads.safe_name(upload.name, "lampiran"),
                                      content_type=mime, size=len(data))
    uploads.store(attachment.file, data, mime, uploads.PDF_AND_IMAGES)
    attachment.full_clean()
    attachment.save()
    return attachment
