"""Writes of FGD records: the group, its agreed needs and its attachments (PDF/images checked by content)."""

from __future__ import annotations

import uuid

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from renbang.people.models import Employee

from .models_extra import AgreedNeed, FocusGroup, FocusGroupAttachment

ALLOWED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def sniff(head: bytes) -> str | None:
    """The MIME type read from the file's first bytes, if it is one we accept; never trust the name."""
    kind = filetype.guess(head)
    return kind.mime if kind and kind.mime in ALLOWED_TYPES else None


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
    limit = int(settings.RENBANG["NEEDS_ATTACHMENT_MAX_BYTES"])
    if upload.size > limit:
        raise ValidationError(_("Lampiran terlalu besar; batasnya %(mb)d MB.") % {"mb": limit // 1048576})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("Lampiran terlalu besar; batasnya %(mb)d MB.") % {"mb": limit // 1048576})
    mime = sniff(data[:8192])
    if mime is None:
        raise ValidationError(_("Lampiran harus PDF, JPG atau PNG (diperiksa dari isi berkas)."))
    name = get_valid_filename(upload.name or "lampiran")[:150] or "lampiran"
    attachment = FocusGroupAttachment(focus_group=focus_group, original_name=name, content_type=mime,
                                      size=len(data))
    attachment.file.save(f"{uuid.uuid4().hex}.{ALLOWED_TYPES[mime]}", ContentFile(data), save=False)
    attachment.full_clean()
    attachment.save()
    return attachment
