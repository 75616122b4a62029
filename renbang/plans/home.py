"""Plans on the home page: decisions waiting for the user (PPK approval, IDPs) and the year's RPK (cycle step 4)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from renbang.core.home import State, Step, Task, number, sees_cycle

from . import selectors
from .models import IdpStatus, PlanStatus


def _plan_link(ids: list[int]) -> str:
    return reverse("plans:plan_detail", args=[ids[0]]) if len(ids) == 1 else reverse("plans:index")


def tasks(user, today: dt.date):
    if user.has_perm("plans.approve_plan"):  # PP 11/2017 Pasal 207: the PPK sets the plan
        waiting = list(selectors.plans_for_user(user).filter(status=PlanStatus.SUBMITTED)
                       .values_list("pk", flat=True))
        if waiting:
            yield Task(_("Rencana pengembangan kompetensi menunggu penetapan Anda"), len(waiting),
                       _plan_link(waiting), "bi-patch-check", urgent=True)
    if user.has_perm("plans.submit_plan"):
        returned = list(selectors.plans_for_user(user).filter(status=PlanStatus.RETURNED)
                        .values_list("pk", flat=True))
        if returned:
            yield Task(_("Rencana dikembalikan PPK untuk diperbaiki"), len(returned), _plan_link(returned),
                       "bi-arrow-counterclockwise")
    if not user.employee_id or not user.has_perm("plans.view_idp"):
        return
    idps = selectors.idps_for_user(user).filter(plan__year=today.year, plan__status=PlanStatus.APPROVED)
    counts = idps.aggregate(
        mine=Count("pk", filter=Q(employee_id=user.employee_id, status__in=[IdpStatus.DRAFT, IdpStatus.RETURNED])),
        staff=Count("pk", filter=Q(employee__supervisor_id=user.employee_id, status=IdpStatus.SUBMITTED)))
    if counts["mine"]:
        own = idps.filter(employee_id=user.employee_id).order_by("-plan__version").values_list("pk", flat=True)[0]
        yield Task(_("Baca, tanggapi dan ajukan IDP Anda %(year)s") % {"year": today.year}, counts["mine"],
                   reverse("plans:idp_detail", args=[own]), "bi-person-lines-fill")
    if counts["staff"]:
        yield Task(_("IDP bawahan menunggu persetujuan Anda"), counts["staff"],
                   reverse("plans:idp_list") + f"?status={IdpStatus.SUBMITTED}", "bi-person-check")


def step(user, year: int) -> Step | None:
    """The year's newest plan version and its size."""
    if not sees_cycle(user):
        return None
    title = _("Rencana (RPK dan IDP)")
    plan = (selectors.plans_for_user(user).filter(year=year).exclude(status=PlanStatus.SUPERSEDED)
            .order_by("-version").first())
    if plan is None:
        return Step(title, State.WAITING, _("Belum ada rencana %(year)s") % {"year": year},
                    url=reverse("plans:index"))
    totals = plan.assignments.aggregate(n=Count("pk"), cost=Sum("cost"), people=Count("employee", distinct=True))
    state = State.DONE if plan.status == PlanStatus.APPROVED else State.ACTIVE
    status = _("%(status)s (versi %(version)s)") % {"status": plan.get_status_display(), "version": plan.version}
    figure = _("%(n)s pegawai · Rp %(cost)s") % {"n": number(totals["people"]), "cost": number(totals["cost"] or 0)}
    return Step(title, state, status, figure, reverse("plans:plan_detail", args=[plan.pk]))
