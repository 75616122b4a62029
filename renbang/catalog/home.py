"""The catalogue on the home page: the development strategy on offer for the year (cycle step 3)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from renbang.accounts.scoping import for_user
from renbang.core.home import State, Step, number, sees_cycle

from .models import Programme


def step(user, year: int) -> Step | None:
    """Active programmes of the catalogue, with how many methods (LAN's catalogue) and providers they use."""
    if not sees_cycle(user):
        return None
    counts = for_user(Programme.objects.filter(active=True), user).aggregate(
        programmes=Count("pk"), methods=Count("method", distinct=True), providers=Count("provider", distinct=True))
    state = State.DONE if counts["programmes"] else State.WAITING
    return Step(_("Strategi pengembangan"), state,
                _("%(n)s program aktif") % {"n": number(counts["programmes"])},
                _("%(m)s metode · %(p)s penyelenggara") % {"m": number(counts["methods"]),
                                                          "p": number(counts["providers"])},
                reverse("catalog:programme_list"))
