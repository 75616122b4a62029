"""The standards' item of the go-live checklist (core.golive): positions with a competency standard."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renbang.core.golive import Check, share
from renbang.org.models import Position


def standards(agency_id: int) -> Check:
    figures = Position.objects.filter(agency_id=agency_id).aggregate(
        total=Count("pk", distinct=True), covered=Count("pk", filter=Q(standards__isnull=False), distinct=True))
    total, covered = figures["total"], figures["covered"]
    return Check(gettext_lazy("Standar kompetensi jabatan"), total > 0 and covered == total,
                 _("%(share)s jabatan punya standar") % {"share": share(covered, total)},
                 reverse("competencies:standard_list"), covered,
                 hint=_("Terapkan tabel default per jenis dan jenjang jabatan, lalu sesuaikan per jabatan."))
