"""Writes of the plans app: scenarios, runs, manual edits with re-checks, approval, versions and IDPs.

Every edit of a plan names the `lock_version` it was made on; if someone saved in between, the edit is refused
with `ConcurrentEdit` (optimistic locking), never silently merged or overwritten.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.core.jobs import start_job
from renbang.people.models import Employee, EmployeeStatus

from . import adapter
from .models import (
    DEFAULT_JP_CAP_GENERAL,
    DEFAULT_JP_CAP_PPPK,
    DevelopmentPlan,
    IdpComment,
    IdpStatus,
    IndividualPlan,
    PlanAssignment,
    PlanItem,
    PlanningScenario,
    PlanStatus,
    PlanTransition,
    ReasonKind,
    ScenarioStatus,
    Source,
)
from .store import refresh_item_totals, sync_individual_plans

RUN_KIND = "plans.run"


class PlanEditError(Exception):
    """An edit the rules refuse; the message is for the user (Indonesian)."""

    user_message = True


class ConcurrentEdit(PlanEditError):
    pass


def rupiah(value) -> str:
    return "Rp " + f"{int(value or 0):,}".replace(",", ".")


# ----- scenarios --------------------------------------------------------------------------------------------


@transaction.atomic
def scenario_save(*, scenario: PlanningScenario, unit_budgets: dict | None = None, user=None) -> PlanningScenario:
    if scenario.pk is None:
        scenario.created_by = user
    scenario.full_clean()
    scenario.save()
    if unit_budgets is not None:
        scenario.unit_budgets.all().delete()
        for unit_id, amount in unit_budgets.items():
            row = scenario.unit_budgets.model(scenario=scenario, unit_id=unit_id, amount=amount)
            row.full_clean(exclude=["scenario"])
            row.save()
    return scenario


@transaction.atomic
def scenario_run(*, scenario: PlanningScenario, user=None, plan: DevelopmentPlan | None = None):
    """Start the optimiser as a background job (HTMX pages poll the Job)."""
    if scenario.status == ScenarioStatus.RUNNING and scenario.job and not scenario.job.is_finished:
        raise PlanEditError(_("Skenario ini sedang dijalankan; tunggu sampai selesai."))
    if plan is not None and not plan.is_editable:
        raise PlanEditError(_("Rencana ini sudah diajukan atau ditetapkan; buat versi baru untuk mengubahnya."))
    job = start_job(kind=RUN_KIND, function_path="renbang.plans.runner.run_scenario_job",
                    params={"scenario_id": scenario.pk, "plan_id": plan.pk if plan else None,
                            "user_id": user.pk if user else None},
                    user=user, agency=scenario.agency)
    PlanningScenario.objects.filter(pk=scenario.pk).update(status=ScenarioStatus.RUNNING, job=job)
    scenario.status, scenario.job = ScenarioStatus.RUNNING, job
    return job


# ----- optimistic locking -----------------------------------------------------------------------------------


def _claim(plan: DevelopmentPlan, expected_version: int | None) -> None:
    """Bump the plan's lock_version if nobody changed it since `expected_version`; else refuse."""
    if expected_version is None:
        raise ConcurrentEdit(_("Versi rencana tidak disertakan; muat ulang halaman lalu ulangi."))
    updated = DevelopmentPlan.objects.filter(pk=plan.pk, lock_version=expected_version).update(
        lock_version=F("lock_version") + 1, updated_at=timezone.now())
    if not updated:
        raise ConcurrentEdit(_("Rencana ini baru saja diubah oleh pengguna lain. Muat ulang halaman untuk melihat "
                               "perubahan terbaru, lalu ulangi suntingan Anda."))
    plan.lock_version = expected_version + 1


def _editable(plan: DevelopmentPlan) -> None:
    if not plan.is_editable:
        raise PlanEditError(_("Rencana berstatus %(status)s tidak dapat diubah. Buat versi baru untuk mengubahnya.")
                            % {"status": plan.get_status_display()})


# ----- manual edits -----------------------------------------------------------------------------------------


def _budget_unit(plan: DevelopmentPlan, employee: Employee) -> tuple[int, int | None]:
    """(unit id the employee's cost is booked on, that unit's ceiling or None)."""
    budgets = dict(plan.scenario.unit_budgets.values_list("unit_id", "amount")) if plan.scenario_id else {}
    unit_id = adapter.budget_unit_map(plan.agency_id, set(budgets)).get(employee.unit_id, employee.unit_id)
    return unit_id, budgets.get(unit_id)


def _caps(plan: DevelopmentPlan) -> tuple[int, int, int]:
    s = plan.scenario
    if s is None:
        return DEFAULT_JP_CAP_GENERAL, DEFAULT_JP_CAP_PPPK, 1
    return s.jp_cap_general, s.jp_cap_pppk, s.max_sessions_per_month


def check_add(*, plan: DevelopmentPlan, item: PlanItem, employee: Employee,
              ignore: PlanAssignment | None = None) -> tuple[list[str], list[str], int]:
    """(errors, warnings, budget unit) of adding `employee` to `item`; `ignore` = the assignment being moved."""
    errors: list[str] = []
    warnings: list[str] = []
    if employee.agency_id != plan.agency_id or not employee.active:
        errors.append(_("Pegawai tidak aktif atau bukan dari instansi ini."))
        return errors, warnings, employee.unit_id
    others = PlanAssignment.objects.filter(plan=plan, employee=employee)
    if ignore is not None:
        others = others.exclude(pk=ignore.pk)
    types = item.programme.position_types
    ptype = employee.position.position_type if employee.position_id else ""
    if types and ptype not in types:
        errors.append(_("%(name)s tidak memenuhi syarat jenis jabatan program ini.") % {"name": employee.name})
    if others.filter(programme_id=item.programme_id).exists():
        errors.append(_("%(name)s sudah dijadwalkan mengikuti program ini.") % {"name": employee.name})
    seats = item.assignments.exclude(pk=ignore.pk).count() if ignore else item.assignments.count()
    if item.capacity and seats >= item.capacity:
        errors.append(_("Angkatan ini sudah penuh: %(n)s dari kapasitas %(cap)s peserta.") % {
            "n": seats, "cap": item.capacity})
    cost = item.cost_per_participant
    moving_cost = ignore.cost if ignore else 0
    used = (PlanAssignment.objects.filter(plan=plan).aggregate(s=Sum("cost"))["s"] or 0) - moving_cost
    if cost and used + cost > plan.budget_total:
        errors.append(_("Anggaran total terlampaui: terpakai %(used)s + %(cost)s melebihi pagu %(limit)s.") % {
            "used": rupiah(used), "cost": rupiah(cost), "limit": rupiah(plan.budget_total)})
    unit_id, unit_limit = _budget_unit(plan, employee)
    if unit_limit is not None and cost:
        unit_used = (PlanAssignment.objects.filter(plan=plan, unit_id=unit_id).aggregate(s=Sum("cost"))["s"] or 0)
        unit_used -= moving_cost if ignore and ignore.unit_id == unit_id else 0
        if unit_used + cost > unit_limit:
            errors.append(_("Anggaran unit terlampaui: terpakai %(used)s + %(cost)s melebihi pagu unit %(limit)s.")
                          % {"used": rupiah(unit_used), "cost": rupiah(cost), "limit": rupiah(unit_limit)})
    cap_general, cap_pppk, per_month = _caps(plan)
    in_month = others.filter(month=item.month).count()
    if in_month >= per_month:
        errors.append(_("%(name)s sudah punya %(n)s sesi pada bulan ini (batas %(max)s per bulan).") % {
            "name": employee.name, "n": in_month, "max": per_month})
    jp = (others.aggregate(s=Sum("jp"))["s"] or 0) + item.jp
    if jp > cap_general:
        errors.append(_("JP %(name)s menjadi %(jp)s, melebihi batas %(cap)s JP per tahun.") % {
            "name": employee.name, "jp": jp, "cap": cap_general})
    elif EmployeeStatus.is_pppk(employee.status) and jp > cap_pppk:
        # PP 49/2018 Pasal 40: flag, don't block (DOMAIN.md).
        warnings.append(_("Perhatian: JP %(name)s (PPPK) menjadi %(jp)s, melebihi %(cap)s JP setahun "
                          "(PP 49/2018 Pasal 40).") % {"name": employee.name, "jp": jp, "cap": cap_pppk})
    return errors, warnings, unit_id


def _reason(plan: DevelopmentPlan, employee: Employee, item: PlanItem) -> dict:
    from renbang.needs.models import Need

    campaign = adapter.latest_campaign(plan.scenario) if plan.scenario_id else None
    comps = list(item.competencies.values_list("pk", flat=True))
    if campaign is None or not comps:
        return {"reason_kind": ReasonKind.JP}
    need = (Need.objects.filter(campaign=campaign, employee=employee, competency_id__in=comps)
            .exclude(gap=0, next_gap=0).order_by("-priority").first())
    if need is None:
        return {"reason_kind": ReasonKind.JP}
    if need.gap > 0:
        return {"reason_kind": ReasonKind.CURRENT, "competency_id": need.competency_id, "gap": need.gap,
                "current_level": need.current, "required_level": need.required}
    return {"reason_kind": ReasonKind.NEXT, "competency_id": need.competency_id, "gap": need.next_gap,
            "current_level": need.current, "required_level": need.next_required}


@transaction.atomic
def assignment_add(*, plan: DevelopmentPlan, item: PlanItem, employee: Employee, expected_version: int | None,
                   user=None, lock: bool = True) -> list[str]:
    """Add an employee to an item after every check; returns warnings (errors raise PlanEditError)."""
    _editable(plan)
    _claim(plan, expected_version)
    errors, warnings, unit_id = check_add(plan=plan, item=item, employee=employee)
    if errors:
        raise PlanEditError(" ".join(errors))
    PlanAssignment.objects.create(plan=plan, item=item, employee=employee, programme_id=item.programme_id,
                                  unit_id=unit_id, jp=item.jp, cost=item.cost_per_participant, month=item.month,
                                  source=Source.MANUAL, locked=lock, **_reason(plan, employee, item))
    refresh_item_totals(plan, [item.pk])
    sync_individual_plans(plan, [employee.pk])
    return warnings


@transaction.atomic
def assignment_remove(*, plan: DevelopmentPlan, assignment: PlanAssignment, expected_version: int | None) -> None:
    _editable(plan)
    _claim(plan, expected_version)
    item_id, employee_id = assignment.item_id, assignment.employee_id
    assignment.delete()
    refresh_item_totals(plan, [item_id])
    sync_individual_plans(plan, [employee_id])


@transaction.atomic
def assignment_move(*, plan: DevelopmentPlan, assignment: PlanAssignment, to_item: PlanItem,
                    expected_version: int | None) -> list[str]:
    """Move an employee to another session of the same programme (re-checks seats, month rule and caps)."""
    _editable(plan)
    _claim(plan, expected_version)
    if to_item.plan_id != plan.pk or to_item.programme_id != assignment.programme_id:
        raise PlanEditError(_("Pindah hanya ke angkatan lain dari program yang sama dalam rencana ini."))
    if to_item.pk == assignment.item_id:
        return []
    errors, warnings, _unit = check_add(plan=plan, item=to_item, employee=assignment.employee, ignore=assignment)
    errors = [e for e in errors if "sudah dijadwalkan mengikuti program ini" not in e]
    if errors:
        raise PlanEditError(" ".join(errors))
    old_item = assignment.item_id
    assignment.item = to_item
    assignment.month = to_item.month
    assignment.locked = True
    assignment.save(update_fields=["item", "month", "locked"])
    refresh_item_totals(plan, [old_item, to_item.pk])
    return warnings


@transaction.atomic
def item_lock(*, plan: DevelopmentPlan, item: PlanItem, locked: bool, expected_version: int | None) -> None:
    _editable(plan)
    _claim(plan, expected_version)
    item.locked = locked
    item.save(update_fields=["locked"])


@transaction.atomic
def assignment_lock(*, plan: DevelopmentPlan, assignment: PlanAssignment, locked: bool,
                    expected_version: int | None) -> None:
    _editable(plan)
    _claim(plan, expected_version)
    assignment.locked = locked
    assignment.save(update_fields=["locked"])


def plan_reoptimise(*, plan: DevelopmentPlan, user, expected_version: int | None):
    """Run the plan's scenario again, keeping locked items and assignments."""
    _editable(plan)
    if plan.scenario_id is None:
        raise PlanEditError(_("Rencana ini tidak berasal dari skenario; optimasi ulang tidak tersedia."))
    _claim(plan, expected_version)
    return scenario_run(scenario=plan.scenario, user=user, plan=plan)


# ----- approval ---------------------------------------------------------------------------------------------


def _transition(plan: DevelopmentPlan, to: str, user, note: str = "") -> None:
    PlanTransition.objects.create(plan=plan, from_status=plan.status, to_status=to, by=user, note=note)
    plan.status = to


@transaction.atomic
def plan_submit(*, plan: DevelopmentPlan, user, expected_version: int | None) -> None:
    """BKPSDM (PyB) submits the draft to the PPK (PP 11/2017 Pasal 207)."""
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        raise PlanEditError(_("Hanya rencana berstatus draf atau dikembalikan yang dapat diajukan."))
    if not plan.items.exists():
        raise PlanEditError(_("Rencana masih kosong; jalankan optimasi atau tambahkan item dulu."))
    _claim(plan, expected_version)
    _transition(plan, PlanStatus.SUBMITTED, user)
    plan.submitted_by, plan.submitted_at = user, timezone.now()
    plan.save(update_fields=["status", "submitted_by", "submitted_at", "lock_version"])


@transaction.atomic
def plan_approve(*, plan: DevelopmentPlan, user, expected_version: int | None, note: str = "") -> None:
    """The PPK sets (menetapkan) the plan: it is frozen; an earlier approved version is superseded."""
    if plan.status != PlanStatus.SUBMITTED:
        raise PlanEditError(_("Hanya rencana yang sudah diajukan yang dapat ditetapkan."))
    _claim(plan, expected_version)
    for old in DevelopmentPlan.objects.filter(agency_id=plan.agency_id, year=plan.year,
                                              status=PlanStatus.APPROVED).exclude(pk=plan.pk):
        _transition(old, PlanStatus.SUPERSEDED, user, _("Diganti versi %(v)s.") % {"v": plan.version})
        old.save(update_fields=["status"])
    _transition(plan, PlanStatus.APPROVED, user, note)
    plan.approved_by, plan.approved_at = user, timezone.now()
    plan.save(update_fields=["status", "approved_by", "approved_at", "lock_version"])


@transaction.atomic
def plan_return(*, plan: DevelopmentPlan, user, note: str, expected_version: int | None) -> None:
    if plan.status != PlanStatus.SUBMITTED:
        raise PlanEditError(_("Hanya rencana yang sudah diajukan yang dapat dikembalikan."))
    note = (note or "").strip()
    if not note:
        raise PlanEditError(_("Tuliskan catatan: apa yang perlu diperbaiki."))
    _claim(plan, expected_version)
    _transition(plan, PlanStatus.RETURNED, user, note)
    plan.return_note = note
    plan.save(update_fields=["status", "return_note", "lock_version"])


@transaction.atomic
def plan_new_version(*, plan: DevelopmentPlan, user) -> DevelopmentPlan:
    """Copy an approved (or submitted) plan into a new draft version; the original stays frozen."""
    from .runner import next_version

    if plan.is_editable:
        raise PlanEditError(_("Rencana ini masih dapat diubah langsung; versi baru tidak diperlukan."))
    if DevelopmentPlan.objects.filter(previous=plan, status__in=[PlanStatus.DRAFT, PlanStatus.RETURNED,
                                                                 PlanStatus.SUBMITTED]).exists():
        raise PlanEditError(_("Sudah ada versi baru yang sedang disusun dari rencana ini."))
    new = DevelopmentPlan.objects.create(
        agency_id=plan.agency_id, year=plan.year, version=next_version(plan.agency_id, plan.year), previous=plan,
        scenario=plan.scenario, title=plan.title, budget_total=plan.budget_total, note=plan.note, created_by=user)
    PlanTransition.objects.create(plan=new, from_status="", to_status=PlanStatus.DRAFT, by=user,
                                  note=_("Disalin dari versi %(v)s.") % {"v": plan.version})
    items = list(plan.items.all())
    mapping = {}
    comps = {}
    for link in PlanItem.competencies.through.objects.filter(planitem__plan=plan).values_list(
            "planitem_id", "competency_id"):
        comps.setdefault(link[0], []).append(link[1])
    for it in items:
        old_pk = it.pk
        it.pk = None
        it.plan = new
        mapping[old_pk] = it
    PlanItem.objects.bulk_create(items, batch_size=2000)
    PlanItem.competencies.through.objects.bulk_create(
        [PlanItem.competencies.through(planitem_id=mapping[o].pk, competency_id=c)
         for o, cs in comps.items() for c in cs], batch_size=2000)
    rows = list(plan.assignments.all())
    for a in rows:
        a.pk = None
        a.plan = new
        a.item = mapping[a.item_id]
    PlanAssignment.objects.bulk_create(rows, batch_size=2000)
    sync_individual_plans(new)
    return new


def plan_diff(old: DevelopmentPlan, new: DevelopmentPlan) -> dict:
    """What changed between two versions: assignments added/removed/moved and items added/removed."""
    def keyed(plan):
        return {(e, p): m for e, p, m in plan.assignments.values_list("employee_id", "programme_id", "month")}

    a, b = keyed(old), keyed(new)
    added = sorted(set(b) - set(a))
    removed = sorted(set(a) - set(b))
    moved = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    items_old = {(p, m) for p, m in old.items.values_list("programme_id", "month")}
    items_new = {(p, m) for p, m in new.items.values_list("programme_id", "month")}
    return {"added": added, "removed": removed, "moved": [(k, a[k], b[k]) for k in moved],
            "items_added": sorted(items_new - items_old), "items_removed": sorted(items_old - items_new),
            "budget_old": old.assignments.aggregate(s=Sum("cost"))["s"] or 0,
            "budget_new": new.assignments.aggregate(s=Sum("cost"))["s"] or 0}


# ----- IDP ----------------------------------------------------------------------------------------------------


@transaction.atomic
def idp_comment(*, idp: IndividualPlan, user, text: str) -> IdpComment:
    text = (text or "").strip()
    if not text:
        raise PlanEditError(_("Komentar tidak boleh kosong."))
    if len(text) > 2000:
        raise PlanEditError(_("Komentar paling panjang 2000 karakter."))
    return IdpComment.objects.create(idp=idp, author=user, text=text)


@transaction.atomic
def idp_submit(*, idp: IndividualPlan, user, note: str = "") -> None:
    """The employee has read their IDP and sends it (with their response) to their supervisor."""
    if user.employee_id != idp.employee_id:
        raise PlanEditError(_("Hanya pegawai yang bersangkutan yang dapat mengirim IDP-nya."))
    if idp.status == IdpStatus.APPROVED:
        raise PlanEditError(_("IDP ini sudah disetujui atasan."))
    idp.employee_note = (note or "").strip()[:2000]
    idp.acknowledged_at = timezone.now()
    idp.status = IdpStatus.SUBMITTED
    idp.save(update_fields=["employee_note", "acknowledged_at", "status", "updated_at"])


def is_supervisor_of(user, idp: IndividualPlan) -> bool:
    return bool(user.employee_id) and idp.employee.supervisor_id == user.employee_id


@transaction.atomic
def idp_decide(*, idp: IndividualPlan, user, approve: bool, note: str = "") -> None:
    """The direct supervisor approves the IDP or returns it with a note."""
    if not is_supervisor_of(user, idp):
        raise PlanEditError(_("Hanya atasan langsung pegawai yang dapat menyetujui IDP ini."))
    note = (note or "").strip()[:2000]
    if not approve and not note:
        raise PlanEditError(_("Tuliskan catatan saat mengembalikan IDP."))
    idp.status = IdpStatus.APPROVED if approve else IdpStatus.RETURNED
    idp.supervisor_note = note
    idp.approved_by = user if approve else None
    idp.approved_at = timezone.now() if approve else None
    idp.save(update_fields=["status", "supervisor_note", "approved_by", "approved_at", "updated_at"])
