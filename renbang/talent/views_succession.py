"""Pages of key positions and successors: list, mark/unmark, defaults, candidates, saving a group, PDF, Excel."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renbang.accounts import scoping
from renbang.core.exports import xlsx_response
from renbang.core.pdf import pdf_response
from renbang.org.models import Position
from renbang.people.models import Employee

from . import services, succession
from .models import KeyPosition
from .outlook import retirements


def _keys(user):
    return scoping.for_user(KeyPosition.objects.filter(active=True), user).select_related("position")


def plan_rows(user) -> list[dict]:
    """One row per active key position: holders with their retirement and the latest succession group."""
    keys = list(_keys(user).order_by("position__name"))
    holders = succession.holders([k.position_id for k in keys])
    all_ids = [e for ids in holders.values() for e in ids]
    ret = retirements(user.agency_id, Employee.objects.filter(pk__in=all_ids)).as_dict() if all_ids else {}
    people = {e.pk: e for e in Employee.objects.filter(pk__in=all_ids)}
    rows = []
    for k in keys:
        hs = [{"employee": people[e], "date": ret.get(e, (0, None, 0))[1]} for e in holders.get(k.position_id, [])]
        rows.append({"key": k, "holders": hs, "group": succession.current_group(k),
                     "first_leave": min((h["date"] for h in hs if h["date"]), default=None)})
    return rows


@permission_required("talent.view_succession", raise_exception=True)
def key_list_view(request):
    rows = plan_rows(request.user)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        out = []
        for r in rows:
            members = list(r["group"].members.all()) if r["group"] else []
            out.append((r["key"].position.name, r["key"].get_reason_display(),
                        "; ".join(h["employee"].name for h in r["holders"]), r["first_leave"],
                        "; ".join(f"{m.order}. {m.employee.name} ({m.get_readiness_display()})" for m in members)))
        return xlsx_response("rencana-suksesi.xlsx", [_("Jabatan kunci"), _("Alasan"), _("Pemangku"),
                                                       _("Pensiun terdekat"), _("Kelompok suksesi")], out,
                             _("Rencana suksesi"))
    if fmt == "pdf":
        return pdf_response("rencana-suksesi", "talent/pdf/succession.html", {
            "rows": rows, "agency": request.user.agency, "today": dt.date.today()})
    known = set(KeyPosition.objects.filter(agency_id=request.user.agency_id, active=True)
                .values_list("position_id", flat=True))
    choices = Position.objects.filter(agency_id=request.user.agency_id, active=True).exclude(pk__in=known) \
        .order_by("name")
    return render(request, "talent/key_list.html", {"rows": rows, "choices": choices,
                                                    "can_change": request.user.has_perm("talent.change_succession")})


@require_POST
@permission_required("talent.change_succession", raise_exception=True)
def key_mark_view(request):
    raw = request.POST.get("position", "")
    position = Position.objects.filter(agency_id=request.user.agency_id, pk=int(raw)).first() \
        if raw.isdigit() else None
    if position is None:
        messages.error(request, _("Pilih jabatan yang akan ditandai sebagai jabatan kunci."))
        return redirect("talent:keys")
    key = services.key_position_mark(agency=request.user.agency, position=position, user=request.user,
                                     note=request.POST.get("note", "")[:250])
    messages.success(request, _("%(name)s ditandai sebagai jabatan kunci.") % {"name": position.name})
    return redirect("talent:key_detail", pk=key.pk)


@require_POST
@permission_required("talent.change_succession", raise_exception=True)
def key_defaults_view(request):
    n = services.key_positions_apply_defaults(agency=request.user.agency, user=request.user)
    messages.success(request, _("%(n)s jabatan kunci bawaan ditandai.") % {"n": n})
    return redirect("talent:keys")


def _key_or_404(request, pk: int) -> KeyPosition:
    key = _keys(request.user).filter(pk=pk).first()
    if key is None:
        raise Http404
    return key


@require_POST
@permission_required("talent.change_succession", raise_exception=True)
def key_unmark_view(request, pk: int):
    key = _key_or_404(request, pk)
    services.key_position_unmark(key=key)
    messages.success(request, _("%(name)s tidak lagi jabatan kunci.") % {"name": key.position.name})
    return redirect("talent:keys")


@permission_required("talent.view_succession", raise_exception=True)
def key_detail_view(request, pk: int):
    key = _key_or_404(request, pk)
    can_change = request.user.has_perm("talent.change_succession")
    chosen: list[int] = []
    if request.method == "POST":
        if not can_change:
            raise Http404
        for slot in ("calon_1", "calon_2", "calon_3"):
            raw = request.POST.get(slot, "")
            if raw.isdigit():
                chosen.append(int(raw))
        try:
            group = services.succession_group_save(key=key, employee_ids=chosen, user=request.user,
                                                   note=request.POST.get("note", "")[:250])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Kelompok suksesi versi %(v)s disimpan.") % {"v": group.version})
            return redirect("talent:key_detail", pk=key.pk)
    found = succession.candidates(key)
    group = succession.current_group(key)
    if not chosen and group:
        chosen = [m.employee_id for m in group.members.all()]
    eligible = [c for c in found if c.eligible]
    return render(request, "talent/key_detail.html", {
        "key": key, "candidates": found, "eligible": eligible, "group": group, "can_change": can_change,
        "slots": [(i + 1, chosen[i] if i < len(chosen) else None) for i in range(3)],
        "versions": key.groups.order_by("-version").prefetch_related("members__employee")[:10],
        "sources": list(key.position.previous_positions.order_by("name")),
    })
