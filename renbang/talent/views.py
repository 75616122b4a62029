"""Pages: retirement outlook (chart + tables + Excel), talent box (grid, units, drill-down)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from renbang.accounts import scoping
from renbang.core.exports import xlsx_response
from renbang.org.models import OrgUnit
from renbang.people.models import Employee

from . import box as talent_box
from .outlook import outlook, settings_for, top_units

LEAVERS_SHOWN = 200
BOX_LIST_SHOWN = 300


def _years(request) -> int:
    try:
        return max(1, min(10, int(request.GET.get("tahun", 5))))
    except ValueError:
        return 5


@permission_required("talent.view_outlook", raise_exception=True)
def outlook_view(request):
    years = _years(request)
    visible = scoping.for_user(Employee.objects.filter(active=True), request.user)
    data = outlook(request.user.agency_id, years=years, employees=visible)
    if request.GET.get("format") == "xlsx":
        rows = [(r["nip"], r["name"], r["position"], r["unit"], r["bup"] or "", r["date"]) for r in data["leavers"]]
        return xlsx_response(f"proyeksi-pensiun-{years}-tahun.xlsx",
                             [_("NIP"), _("Nama"), _("Jabatan"), _("Unit kerja"), _("BUP"), _("TMT pensiun")],
                             rows, _("Proyeksi pensiun"))
    chart = {"years": data["years"], "series": [{"label": r["label"], "values": r["per_year"]}
                                                for r in data["by_type"]]}
    return render(request, "talent/outlook.html", {
        "data": data, "years": years, "chart": chart, "leavers": data["leavers"][:LEAVERS_SHOWN],
        "more": max(0, len(data["leavers"]) - LEAVERS_SHOWN), "year_choices": (1, 2, 3, 5, 10),
    })


def _unit_param(request, agency_id: int) -> OrgUnit | None:
    raw = request.GET.get("unit", "")
    if not raw.isdigit():
        return None
    return OrgUnit.objects.filter(agency_id=agency_id, pk=int(raw)).first()


@permission_required("talent.view_box", raise_exception=True)
def box_view(request):
    agency_id = request.user.agency_id
    conf = settings_for(agency_id)
    visible = talent_box.visible_employees(request.user)
    unit = _unit_param(request, agency_id)
    if unit is not None:
        visible = visible.filter(unit__in=OrgUnit.objects.descendants(unit.pk, include_self=True).values("pk"))
    result = talent_box.compute(agency_id, visible, conf=conf)
    grid = talent_box.grid(result, conf.box_numbers)
    chosen = request.GET.get("kotak", "")
    people = []
    if chosen.isdigit() and 0 <= int(chosen) <= 9:
        ids = result.employee_ids[result.box == int(chosen)][:BOX_LIST_SHOWN].tolist()
        where = result.index()
        found = {e.pk: e for e in Employee.objects.filter(pk__in=ids).select_related("position", "unit")}
        for eid in ids:
            i = where[eid]
            people.append({"employee": found[eid], "performance": _num(result.performance[i]),
                           "potential": _num(result.potential[i]), "jpm": _num(result.jpm[i]),
                           "next_match": _num(result.next_match[i])})
    # per unit: the children of the chosen unit (or the perangkat daerah)
    unit_rows = _per_unit(result, visible, agency_id, unit)
    return render(request, "talent/box.html", {
        "grid": grid, "result": result, "unit": unit, "chosen": chosen, "people": people,
        "placed": int((result.box > 0).sum()), "unplaced": int((result.box == 0).sum()), "units": unit_rows,
        "conf": conf, "ancestors": list(OrgUnit.objects.ancestors(unit.pk)) if unit else [],
    })


def _num(value) -> float | None:
    return None if np.isnan(value) else float(value)


def _per_unit(result, visible, agency_id: int, unit: OrgUnit | None) -> list[dict]:
    unit_of = dict(visible.values_list("pk", "unit_id"))
    if unit is None:
        to_row = top_units(agency_id)
    else:
        children = dict(OrgUnit.objects.filter(parent=unit).values_list("pk", "pk"))
        to_row = {}
        for child in children:
            for uid in OrgUnit.objects.descendants(child, include_self=True).values_list("pk", flat=True):
                to_row[uid] = child
    counts: dict[int, list[int]] = {}
    for eid, number in zip(result.employee_ids.tolist(), result.box.tolist(), strict=True):
        row = to_row.get(unit_of.get(eid))
        if row is None:
            continue
        c = counts.setdefault(row, [0, 0, 0, 0])
        c[0] += 1
        c[1] += number >= 7
        c[2] += 1 <= number <= 3
        c[3] += number == 0
    names = dict(OrgUnit.objects.filter(pk__in=list(counts)).values_list("pk", "name"))
    return sorted(({"unit_id": u, "name": names.get(u, ""), "total": c[0], "top": c[1], "low": c[2],
                    "unplaced": c[3]} for u, c in counts.items()), key=lambda r: r["name"])


def employee_section(request, employee):
    """The employee page: retirement (who may see the employee sees it), the talent box (only who may see it) and
    succession membership."""
    from .models import SuccessionMember
    from .outlook import retirement_of
    from .retirement import SOURCE_LABELS

    conf = settings_for(employee.agency_id)  # read once: the retirement and the talent box both use it
    bup, day, source = retirement_of(employee, conf)
    data = {"bup": bup, "date": day, "source": SOURCE_LABELS[source],
            "years_left": (day - dt.date.today()).days / 365.25 if day else None}
    user = request.user
    if user.has_perm("talent.view_box") and talent_box.visible_employees(user).filter(pk=employee.pk).exists():
        data["box"] = talent_box.compute(employee.agency_id, Employee.objects.filter(pk=employee.pk),
                                         conf=conf).of(employee.pk)
    if user.has_perm("talent.view_succession"):
        data["groups"] = list(SuccessionMember.objects.filter(employee=employee).select_related(
            "group__key_position__position").order_by("-group__created_at")[:5])
    return {"template": "talent/_employee_section.html", "data": data}
