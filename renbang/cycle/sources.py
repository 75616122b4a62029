"""What the cycle reads from the later apps (plans, delivery, evaluation), behind one narrow interface.

The cycle app sits at the end of the chain and summarises everyone else's data. Each function here asks the
owning app's selectors (all three have landed: plans, delivery, evaluation); a function that has nothing to tell
returns None and the pages say "belum tersedia" instead of showing a made-up zero. Figures of the apps the
cycle builds on directly (needs, mentoring) are read in selectors.py.
"""

from __future__ import annotations

# --- plans (landed: sources_plans reads the approved RPK against delivery's completed sessions) ------------

def plan_progress(user, year: int, month: int) -> dict | None:
    """{"planned"/"held": items of the month and of them held, "planned_to_date"/"held_to_date"/"linked_to_date":
    the same from January to the month (and those with a session at all), "items", "url": the plan}, in scope."""
    from . import sources_plans

    return sources_plans.month_progress(user, year, month)


def budget(user, year: int) -> dict | None:
    """{"planned": Rp, "realised": Rp spent on the plan's own sessions, "outside": Rp of the year's other completed
    sessions (never part of "realised"), participant counts, "share": %, "url": ...} in the user's scope."""
    from . import sources_plans

    return sources_plans.budget(user, year)


def my_idp(user, employee, year: int) -> list | None:
    from . import sources_plans

    return sources_plans.idp_items(user, employee, year)


def planned_figures(agency_id: int, year: int) -> list | None:
    """Rows {unit_id, competency_id, participants, jp, budget} of the year's approved plan."""
    from . import sources_plans

    return sources_plans.planned_rows(agency_id, year)


def unfinished_assignments(agency_id: int, year: int) -> list | None:
    """Rows {employee_id, unit_id, competency_id, programme_title, gap} planned but not completed in the year."""
    from . import sources_plans

    return sources_plans.unfinished(agency_id, year)


def plan_items_rpk(agency_id: int, year: int) -> list | None:
    """The approved plan's items with the 7 RPK items of PP 11/2017 Pasal 207(3)."""
    from . import sources_plans

    return sources_plans.rpk_items(agency_id, year)


# --- delivery (landed: sources_delivery reads its JP ledger and records) ----------------------------------

def jp_at_risk(user, year: int) -> dict | None:
    """{"count": n, "of": employees subject to the target, "rows": first rows, "url": list} in the user's scope."""
    from . import sources_delivery

    return sources_delivery.at_risk_summary(user, year)


def jp_row(employee, year: int) -> dict:
    """The employee's JP of the year (delivery's ledger: sessions, verified claims, mentoring) and the target."""
    from . import sources_delivery

    return sources_delivery.jp_of_employee(employee, year)  # with the target: the ledger has read the settings


def my_sessions(user, employee, year: int) -> list | None:
    from . import sources_delivery

    return sources_delivery.sessions_of(user, employee, year)


def my_certificates(user, employee) -> list | None:
    from . import sources_delivery

    return sources_delivery.certificates_of(user, employee)


def realised_figures(agency_id: int, year: int) -> dict | None:
    """{"realised": rows of the plan's realisation (completed in the sessions made from the approved plan's
    items), "outside": rows of the year's other completed sessions}; rows {unit_id, competency_id, participants,
    jp, budget}."""
    from . import sources_delivery

    return sources_delivery.realised_rows(agency_id, year)


def completed_pairs(agency_id: int, year: int) -> set | None:
    """{(employee_id, competency_id)} developed (session completed) in the year."""
    from . import sources_delivery

    return sources_delivery.completed_pairs(agency_id, year)


def jp_compliance(agency_id: int, year: int) -> dict | None:
    """{"employees": subject to the target, "met": of them with ≥ the target} for the year."""
    from . import sources_delivery

    return sources_delivery.compliance(agency_id, year)


def training_history(employee_ids, year: int | None = None) -> list | None:
    """SIASN training-record rows: dicts with employee_id, record, kind, name, provider, start, end, jp,
    certificate (completed sessions and verified external claims; mentoring is added by reports)."""
    from . import sources_delivery

    return sources_delivery.history(employee_ids, year)


# --- evaluation --------------------------------------------------------------------------------------------

def flagged_programmes(user, year: int) -> dict | None:
    """{"count": n, "rows": [...], "url": list} of programmes flagged by evaluation."""
    from renbang.evaluation import selectors

    return selectors.flagged_for_user(user, year)


def feedback_owed(user, employee) -> list | None:
    """The employee's sessions waiting for their feedback: {title, due, url}."""
    from renbang.evaluation import selectors

    return selectors.feedback_owed(user, employee)


def effectiveness_by_method(agency_id: int, year: int) -> list | None:
    """Rows {method, score, n} of the year's evaluated sessions."""
    from renbang.evaluation import selectors

    return selectors.effectiveness_by_method(agency_id, year)


def evaluation_summary(agency_id: int, year: int) -> dict | None:
    """{"figures": {label: value}} of the year's evaluation."""
    from renbang.evaluation import selectors

    return selectors.year_summary(agency_id, year)
