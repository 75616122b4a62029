"""Permission-matrix rows of the plans app (added to ROWS in test_permission_matrix.py); see rows_catalog.py."""

from __future__ import annotations

from .rows_catalog import ALL, PLANNERS, api, page  # noqa: F401

# The world's people: the chief (Seksi Kurikulum SD, unit A) is the `supervisor` user; the boss (the `mentor` user)
# supervises the chief; officer B manages Dinas Kesehatan (unit B) and so does not see the chief.
IDP_VIEWERS = ("admin", "officer_a", "supervisor", "mentor", "head")


def _plan(w):
    """A small run of the planning world (made once per world): scenario, plan, items, assignments, IDPs."""
    if hasattr(w, "plan_world"):
        return w.plan_world
    from renbang.plans import runner
    from tests.plans.conftest import make_plan_world

    pw = make_plan_world(w)
    runner.run(pw.scenario, time_limit=5)
    pw.plan = pw.scenario.plans.get()
    pw.item = pw.plan.items.filter(programme=pw.prog_b).first()
    pw.idp = pw.plan.individual_plans.get(employee=w.chief)
    w.plan_world = pw
    return pw


ROWS = [
    ("plans:index", page(*PLANNERS), lambda w: {}, ""),
    ("plans:scenario_create", page("admin"), lambda w: {}, ""),
    ("plans:scenario_compare", page(*PLANNERS), lambda w: {}, ""),
    ("plans:scenario_detail", page(*PLANNERS), lambda w: {"pk": _plan(w).scenario.pk}, ""),
    ("plans:scenario_edit", page("admin"), lambda w: {"pk": _plan(w).scenario.pk}, ""),
    ("plans:scenario_status", page(*PLANNERS), lambda w: {"pk": _plan(w).scenario.pk}, ""),
    ("plans:plan_detail", page(*PLANNERS), lambda w: {"pk": _plan(w).plan.pk}, ""),
    ("plans:plan_diff", page(*PLANNERS), lambda w: {"pk": _plan(w).plan.pk}, ""),
    ("plans:plan_pdf", page(*PLANNERS), lambda w: {"pk": _plan(w).plan.pk}, ""),
    ("plans:plan_xlsx", page(*PLANNERS), lambda w: {"pk": _plan(w).plan.pk}, ""),
    ("plans:item_detail", page(*PLANNERS), lambda w: {"pk": _plan(w).item.pk}, ""),
    ("plans:idp_list", page("admin", "officer_a", "officer_b", "supervisor", "employee", "mentor", "head"),
     lambda w: {}, ""),
    ("plans:idp_detail", page(*IDP_VIEWERS, refused=404) | {"facilitator": 403},
     lambda w: {"pk": _plan(w).idp.pk}, ""),
    ("plans:idp_pdf", page(*IDP_VIEWERS, refused=404) | {"facilitator": 403}, lambda w: {"pk": _plan(w).idp.pk}, ""),
    ("api:plans-scenario-list", api(*PLANNERS), lambda w: {}, ""),
    ("api:plans-scenario-detail", api(*PLANNERS), lambda w: {"pk": _plan(w).scenario.pk}, ""),
    ("api:plans-plan-list", api(*PLANNERS), lambda w: {}, ""),
    ("api:plans-plan-detail", api(*PLANNERS), lambda w: {"pk": _plan(w).plan.pk}, ""),
    ("api:plans-item-list", api(*PLANNERS), lambda w: {}, ""),
    ("api:plans-item-detail", api(*PLANNERS), lambda w: {"pk": _plan(w).item.pk}, ""),
    ("api:plans-assignment-list", api(*PLANNERS), lambda w: {}, ""),
    ("api:plans-assignment-detail", api("admin", "officer_a", "head") | {"officer_b": 404},
     lambda w: {"pk": _plan(w).plan.assignments.get(employee=w.chief).pk}, ""),
    ("api:plans-idp-list", api("admin", "officer_a", "officer_b", "supervisor", "employee", "mentor", "head"),
     lambda w: {}, ""),
    ("api:plans-idp-detail", api(*IDP_VIEWERS, refused=404) | {"facilitator": 403},
     lambda w: {"pk": _plan(w).idp.pk}, ""),
]
POST_ONLY = ["plans:scenario_run", "plans:plan_action", "plans:item_action", "plans:idp_action",
             "api:plans-plan-transition", "api:plans-scenario-run"]
EXEMPT: dict[str, str] = dict.fromkeys(POST_ONLY, "POST-only; allowed and refused actors in tests/plans")
