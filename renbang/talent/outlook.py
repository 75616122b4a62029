"""Reads of the retirement outlook: who leaves when, by unit, position, position type and competency.

Everything is computed from a handful of bulk reads (values_list) and numpy; no per-employee query.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import numpy as np
from django.db.models import QuerySet

from renbang.competencies.models import PositionStandard
from renbang.org.models import OrgUnit, Position
from renbang.people.models import Employee

from . import retirement
from .models import TalentSettings

ROW_FIELDS = ("pk", "birth_date", "status", "position__position_type", "position__level", "position__name",
              "bup_age", "retirement_date", "contract_end")


def settings_for(agency_id: int) -> TalentSettings:
    """The agency's settings, or the defaults (unsaved) when BKPSDM never changed them."""
    found = TalentSettings.objects.filter(agency_id=agency_id).first()
    return found if found is not None else TalentSettings(agency_id=agency_id)


def retirements(agency_id: int, employees: QuerySet[Employee] | None = None,
                conf: TalentSettings | None = None) -> retirement.Retirements:
    """Retirement of the agency's active employees (or of `employees`), ordered by primary key."""
    conf = conf or settings_for(agency_id)
    qs = employees if employees is not None else Employee.objects.filter(agency_id=agency_id, active=True)
    rows = list(qs.order_by("pk").values_list(*ROW_FIELDS))
    return retirement.compute(rows, table=conf.bup_table, special=conf.bup_special, rule=conf.pension_rule)


def retirement_of(employee: Employee, conf: TalentSettings | None = None) -> tuple[int, dt.date | None, int]:
    """(BUP age, TMT pensiun, source code) of one employee."""
    found = retirements(employee.agency_id, Employee.objects.filter(pk=employee.pk), conf=conf)
    return found.as_dict().get(employee.pk, (0, None, retirement.SOURCE_NONE))


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def top_units(agency_id: int) -> dict[int, int]:
    """{unit id: its perangkat daerah} — the ancestor just below the agency's single root (or the root itself)."""
    parent = dict(OrgUnit.objects.filter(agency_id=agency_id).values_list("pk", "parent_id"))
    roots = [pk for pk, par in parent.items() if par is None]
    out: dict[int, int] = {}
    for uid in parent:
        cur, path = uid, []
        while cur not in out:
            path.append(cur)
            par = parent.get(cur)
            if par is None or (len(roots) == 1 and parent.get(par) is None):
                break
            cur = par
        top = out.get(cur, cur)
        for p in path:
            out[p] = top
    return out


def outlook(agency_id: int, *, years: int = 5, start: dt.date | None = None,
            employees: QuerySet[Employee] | None = None) -> dict:
    """Who leaves in the next `years` years from `start` (default today), grouped for the pages and exports."""
    start = start or dt.date.today()
    end = add_years(start, years)
    qs = employees if employees is not None else Employee.objects.filter(agency_id=agency_id, active=True)
    ret = retirements(agency_id, qs)
    mask = ret.leaving_between(start, end)
    leaver_ids = ret.employee_ids[mask]
    leave_years = ret.date[mask].astype("datetime64[Y]").astype(np.int64) + 1970
    year_list = list(range(start.year, end.year + 1))
    info = {r[0]: r[1:] for r in Employee.objects.filter(pk__in=leaver_ids.tolist()).values_list(
        "pk", "unit_id", "position_id", "position__position_type", "name", "nip", "position__name", "unit__name")}
    to_top = top_units(agency_id)
    unit_names = dict(OrgUnit.objects.filter(agency_id=agency_id).values_list("pk", "name"))
    by_year = Counter(leave_years.tolist())
    by_unit: dict[int, Counter] = defaultdict(Counter)
    by_position: Counter = Counter()
    by_type: dict[str, Counter] = defaultdict(Counter)
    for eid, year in zip(leaver_ids.tolist(), leave_years.tolist(), strict=True):
        unit_id, position_id, ptype = info[eid][0], info[eid][1], info[eid][2]
        by_unit[to_top.get(unit_id, unit_id)][year] += 1
        by_position[position_id] += 1
        by_type[ptype or ""][year] += 1
    # standards that leave with them: per competency, how many leavers' positions require it (and at what level)
    positions = Counter(info[e][1] for e in leaver_ids.tolist())
    comp: dict[int, dict] = {}
    for pos_id, comp_id, code, name, level in PositionStandard.objects.filter(position_id__in=list(positions)) \
            .values_list("position_id", "competency_id", "competency__code", "competency__name", "required_level"):
        row = comp.setdefault(comp_id, {"competency_id": comp_id, "code": code, "name": name, "leavers": 0,
                                        "levels": Counter()})
        row["leavers"] += positions[pos_id]
        row["levels"][level] += positions[pos_id]
    competencies = sorted(({**r, "top_level": max(r["levels"]), "levels": dict(sorted(r["levels"].items()))}
                           for r in comp.values()), key=lambda r: (-r["leavers"], r["code"]))
    position_rows = Position.objects.filter(pk__in=list(by_position)).values_list("pk", "name", "position_type",
                                                                                  "level")
    type_labels = dict(Position._meta.get_field("position_type").choices)
    dates = dict(zip(ret.employee_ids.tolist(), ret.date.astype(object).tolist(), strict=True))
    bups = dict(zip(ret.employee_ids.tolist(), ret.bup_age.tolist(), strict=True))
    leavers = sorted(({"employee_id": e, "name": info[e][3], "nip": info[e][4], "position": info[e][5],
                       "unit": info[e][6], "date": dates[e], "bup": bups[e]} for e in leaver_ids.tolist()),
                     key=lambda r: (r["date"], r["name"]))
    return {
        "start": start, "end": end, "years": year_list, "total": int(mask.sum()), "active": len(ret.employee_ids),
        "by_year": [{"year": y, "count": by_year.get(y, 0)} for y in year_list],
        "by_unit": sorted(({"unit_id": u, "unit": unit_names.get(u, str(u)), "total": sum(c.values()),
                            "per_year": [c.get(y, 0) for y in year_list]} for u, c in by_unit.items()),
                          key=lambda r: (-r["total"], r["unit"])),
        "by_type": sorted(({"type": t, "label": str(type_labels.get(t, t or "-")), "total": sum(c.values()),
                            "per_year": [c.get(y, 0) for y in year_list]} for t, c in by_type.items()),
                          key=lambda r: -r["total"]),
        "by_position": sorted(({"position_id": pk, "position": name, "type": ptype, "level": level,
                                "count": by_position[pk]} for pk, name, ptype, level in position_rows),
                              key=lambda r: (-r["count"], r["position"])),
        "competencies": competencies,
        "leavers": leavers,
    }
