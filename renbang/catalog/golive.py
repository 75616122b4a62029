"""The catalogue's item of the go-live checklist (core.golive): development programmes."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renbang.core.golive import Check
from renbang.core.home import number

from .models import Programme


def programmes(agency_id: int) -> Check:
    count = Programme.objects.filter(agency_id=agency_id, active=True).count()
    return Check(gettext_lazy("Katalog program"), count > 0, _("%(n)s program") % {"n": number(count)},
                 reverse("catalog:programme_list") if count else reverse("catalog:import"), count,
                 hint=_("Isi katalog pelatihan, workshop, mentoring dan e-learning (impor atau satu per satu)."))
