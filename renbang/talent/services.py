"""Writes of talent and succession: settings, key positions, succession groups (versioned)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from renbang.org.models import Position

from . import conf as keys
from . import succession
from .models import KeyPosition, SuccessionGroup, SuccessionMember, TalentSettings


@transaction.atomic
def settings_save(*, settings: TalentSettings) -> TalentSettings:
    settings.full_clean()
    settings.save()
    return settings


@transaction.atomic
def settings_update(*, agency, values: dict) -> TalentSettings:
    """Change the agency's settings (created on the first change): `values` maps field names to new values; a keyed
    table (conf.TABLE_FIELDS but bup_special) replaces only the keys it names. The audit trail records the change
    (TalentSettings is under django-auditlog); the talent box and the successor lists read the settings at each
    request (outlook.settings_for, nothing cached), so the new values apply at once."""
    settings = TalentSettings.objects.select_for_update().filter(agency=agency).first() \
        or TalentSettings(agency=agency)
    for name, value in values.items():
        if name in keys.TABLE_FIELDS and name != "bup_special":
            value = keys.merged(settings, name, value)
        setattr(settings, name, value)
    return settings_save(settings=settings)


@transaction.atomic
def settings_restore_defaults(*, agency) -> TalentSettings:
    """Put every setting back to Renbang's default (the UNVERIFIED ones included); the audit trail keeps the old
    values."""
    settings = TalentSettings.objects.select_for_update().filter(agency=agency).first() \
        or TalentSettings(agency=agency)
    fresh = TalentSettings(agency=agency)
    for field in TalentSettings._meta.concrete_fields:
        if field.name not in ("id", "agency", "updated_at"):
            setattr(settings, field.attname, getattr(fresh, field.attname))
    return settings_save(settings=settings)


@transaction.atomic
def key_position_mark(*, agency, position: Position, user=None, reason: str = KeyPosition.Reason.MANUAL,
                      note: str = "") -> KeyPosition:
    if position.agency_id != agency.pk:
        raise ValidationError({"position": _("Jabatan harus dari instansi yang sama.")})
    key, created = KeyPosition.objects.get_or_create(
        agency=agency, position=position, defaults={"reason": reason, "note": note, "marked_by": user})
    if not created and (not key.active or note):
        key.active = True
        key.note = note or key.note
        key.full_clean()
        key.save(update_fields=["active", "note"])
    return key


@transaction.atomic
def key_position_unmark(*, key: KeyPosition) -> KeyPosition:
    key.active = False
    key.save(update_fields=["active"])
    return key


@transaction.atomic
def key_positions_apply_defaults(*, agency, user=None, today: dt.date | None = None) -> int:
    """Mark the default key positions not yet marked (an unmarked one stays unmarked); the number added."""
    known = set(KeyPosition.objects.filter(agency=agency).values_list("position_id", flat=True))
    new = [KeyPosition(agency=agency, position_id=pid, reason=reason, marked_by=user)
           for pid, reason in succession.default_key_positions(agency.pk, today=today).items() if pid not in known]
    KeyPosition.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def succession_group_save(*, key: KeyPosition, employee_ids: list[int], user=None, note: str = "",
                          today: dt.date | None = None) -> SuccessionGroup:
    """Save a new version of the key position's succession group: up to 3 eligible candidates, in order."""
    if not employee_ids:
        raise ValidationError(_("Pilih paling sedikit satu calon pengganti."))
    if len(employee_ids) > SuccessionMember.MAX_PER_GROUP:
        raise ValidationError(_("Kelompok suksesi paling banyak 3 orang."))
    if len(set(employee_ids)) != len(employee_ids):
        raise ValidationError(_("Seorang calon hanya boleh dipilih sekali."))
    found = {c.employee.pk: c for c in succession.candidates(key, today=today)}
    missing = [e for e in employee_ids if e not in found or not found[e].eligible]
    if missing:
        raise ValidationError(_("Hanya calon yang memenuhi syarat yang dapat dipilih untuk jabatan ini."))
    KeyPosition.objects.select_for_update().filter(pk=key.pk).first()
    version = (key.groups.aggregate(v=Max("version"))["v"] or 0) + 1
    group = SuccessionGroup(key_position=key, version=version, note=note, created_by=user)
    group.full_clean()
    group.save()
    for order, eid in enumerate(employee_ids, start=1):
        c = found[eid]
        member = SuccessionMember(group=group, employee_id=eid, order=order, readiness=c.readiness,
                                  match=None if c.match is None else Decimal(f"{c.match:.2f}"), box=c.box or None,
                                  reasons=c.reasons)
        member.full_clean(exclude=["group"])
        member.save()
    return group
