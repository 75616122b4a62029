"""The organisation's items of the go-live checklist (core.golive): units and positions."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renbang.core.golive import Check
from renbang.core.home import number

from .models import OrgUnit, Position


def units(agency_id: int) -> Check:
    count = OrgUnit.objects.filter(agency_id=agency_id).current().count()
    return Check(gettext_lazy("Struktur organisasi"), count > 0, _("%(n)s unit kerja") % {"n": number(count)},
                 reverse("org:unit_tree"), count,
                 hint=_("Unit kerja dibuat otomatis dari kolom unit pada impor roster pegawai."))


def positions(agency_id: int) -> Check:
    count = Position.objects.filter(agency_id=agency_id).count()
    return Check(gettext_lazy("Jabatan"), count > 0, _("%(n)s jabatan") % {"n": number(count)},
                 reverse("org:position_list"), count,
                 hint=_("Jabatan dibuat otomatis dari kolom jabatan pada impor roster pegawai."))
