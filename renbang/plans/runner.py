"""Database → instance → solve → stored plan, in one call (the background job and `manage.py plan` use it)."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from renbang.engine.optimizer import check_feasibility, load_instance, solve

from . import adapter, metrics, store
from .models import DevelopmentPlan, PlanAssignment, PlanningScenario, PlanStatus, ScenarioStatus


class RunError(Exception):
    user_message = True


def next_version(agency_id: int, year: int) -> int:
    top = DevelopmentPlan.objects.filter(agency_id=agency_id, year=year).aggregate(v=Max("version"))["v"]
    return (top or 0) + 1


def target_plan(scenario: PlanningScenario, user=None) -> DevelopmentPlan:
    """The scenario's editable plan, or a new draft version."""
    plan = scenario.plans.filter(status__in=[PlanStatus.DRAFT, PlanStatus.RETURNED]).order_by("-version").first()
    if plan is not None:
        return plan
    return DevelopmentPlan.objects.create(
        agency_id=scenario.agency_id, year=scenario.year, version=next_version(scenario.agency_id, scenario.year),
        scenario=scenario, title=f"Rencana Pengembangan Kompetensi {scenario.year} — {scenario.name}",
        budget_total=scenario.budget_total, created_by=user)


def locked_of(plan: DevelopmentPlan) -> list[adapter.Locked]:
    rows = PlanAssignment.objects.filter(plan=plan).filter(Q(locked=True) | Q(item__locked=True)).values_list(
        "employee_id", "programme_id", "item__session_id", "month")
    return [adapter.Locked(e, p, s, m) for e, p, s, m in rows]


def run(scenario: PlanningScenario, *, plan: DevelopmentPlan | None = None, user=None,
        report: Callable[[int, str], None] = lambda p, m: None, time_limit: float | None = None) -> dict:
    """Optimise `scenario` and store the plan (re-optimising around locked rows when `plan` has some)."""
    timings: dict[str, float] = {}
    t = time.perf_counter()
    report(5, "Membaca kebutuhan, katalog dan jadwal…")
    plan = plan or target_plan(scenario, user)
    if not plan.is_editable:
        raise RunError("Rencana ini sudah diajukan atau ditetapkan; buat versi baru untuk mengubahnya.")
    locked = locked_of(plan)
    prep = adapter.build(scenario, locked=locked)
    timings["read"] = time.perf_counter() - t
    t = time.perf_counter()
    report(20, f"Menyusun model: {len(prep.emp_ids):,} pegawai, {len(prep.need_gap):,} kebutuhan, "
               f"{len(prep.sessions):,} sesi…")
    inst = load_instance(prep.instance)
    timings["instance"] = time.perf_counter() - t
    t = time.perf_counter()
    report(30, "Optimasi berjalan (rencana dan batas atas terbukti)…")
    result = solve(inst, time_limit=time_limit if time_limit is not None else scenario.time_limit)
    rows = result.assignments(inst)
    problems = check_feasibility(inst, rows)
    if problems:  # the engine promises feasibility; never store a plan that breaks a rule
        raise RunError("Hasil optimasi melanggar aturan: " + "; ".join(problems[:3]))
    timings["solve"] = time.perf_counter() - t
    t = time.perf_counter()
    report(80, f"Menyimpan {len(rows):,} penugasan…")
    index = {str(int(e)): i for i, e in enumerate(prep.emp_ids)}
    emp_idx = np.array([index[r["employee"]] for r in rows], dtype=np.int64)
    session_ids = [int(r["session"]) for r in rows]
    with transaction.atomic():
        counts = store.store(prep, plan, emp_idx, session_ids)
        DevelopmentPlan.objects.filter(pk=plan.pk).update(lock_version=F("lock_version") + 1,
                                                          budget_total=scenario.budget_total)
        timings["store"] = time.perf_counter() - t
        report(95, "Menghitung ringkasan…")
        summary = metrics.summarise(prep, emp_idx, session_ids, objective=result.objective, bound=result.bound,
                                    status=result.status, stats=result.stats)
        summary["timings"] = {k: round(v, 2) for k, v in timings.items()}
        summary["plan_id"] = plan.pk
        summary["stored"] = counts
        PlanningScenario.objects.filter(pk=scenario.pk).update(
            status=ScenarioStatus.DONE, objective=result.objective, bound=result.bound,
            solver_status=result.status, summary=summary, ran_at=timezone.now())
    return {"plan_id": plan.pk, "scenario_id": scenario.pk, "assignments": counts["assignments"],
            "objective": result.objective, "bound": result.bound, "timings": summary["timings"]}


def run_scenario_job(job, *, scenario_id: int, plan_id: int | None = None, user_id: int | None = None) -> dict:
    """Background job (core.jobs): run a scenario, reporting progress on the Job row."""
    from django.contrib.auth import get_user_model

    scenario = PlanningScenario.objects.get(pk=scenario_id)
    plan = DevelopmentPlan.objects.filter(pk=plan_id).first() if plan_id else None
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        return run(scenario, plan=plan, user=user, report=job.report)
    except Exception:
        PlanningScenario.objects.filter(pk=scenario_id).update(status=ScenarioStatus.FAILED)
        raise


def _scenario_abandoned(job) -> None:
    """The job's worker died (core.jobs.recover_stale_jobs): the run stored nothing (one transaction); show the
    scenario as failed so that it can be run again."""
    PlanningScenario.objects.filter(pk=job.params.get("scenario_id"), status=ScenarioStatus.RUNNING).update(
        status=ScenarioStatus.FAILED)


run_scenario_job.on_abandon = _scenario_abandoned
