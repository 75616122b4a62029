"""Competency standards on the home page: how many positions have their required levels set (cycle step 1)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from renbang.accounts.scoping import for_user
from renbang.core.home import State, Step, number, sees_cycle
from renbang.org.models import Position

from .models import PositionStandard


def step(user, year: int) -> Step | None:
    """Standards are not yearly: the step is done when every active position has a standard (PermenPANRB 38/2017
    sets the managerial and socio-cultural levels per position type; technical ones come from the agency)."""
    if not sees_cycle(user):
        return None
    counts = for_user(Position.objects.filter(active=True), user).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(Exists(PositionStandard.objects.filter(position=OuterRef("pk"))))))
    total, done = counts["total"], counts["done"]
    state = State.DONE if total and done == total else State.ACTIVE if done else State.WAITING
    status = {State.DONE: _("Lengkap"), State.ACTIVE: _("Sebagian"), State.WAITING: _("Belum disusun")}[state]
    return Step(_("Standar kompetensi"), state, status,
                _("%(done)s dari %(total)s jabatan punya standar") % {"done": number(done), "total": number(total)},
                reverse("competencies:standard_list"))
