"""Demo step: a completed assessment campaign for the demo year, with needs computed.

Realistic shapes, not real people: each employee has a latent level per competency around their position's
standard; supervisors rate close to it, self-ratings run about half a level higher (the usual leniency of
self-assessment), some senior staff have an assessment-centre result from the year before, and a few units
held an FGD. Everything is bulk-created; the needs are computed by the same code BKPSDM runs.

`seed_late` (after the demo accounts exist) opens next year's campaign for the OPDs of the demo accounts, with
part of their staff's self-assessments already sent: at every demo size, the account "pegawai" logging in finds a
questionnaire to fill and "atasan" staff to rate.
"""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
from django.db.models import Q
from django.utils import timezone

from renbang.competencies.models import Competency, CompetencyType, PositionStandard
from renbang.core.demo import DEMO_AGENCY_CODE
from renbang.org.models import SENIORITY, Agency, Position
from renbang.people.models import Employee

from .compute import bulk_insert, compute_campaign
from .models import Assessment, AssessmentScore, Campaign, Source
from .models_extra import AgreedNeed, FocusGroup

BATCH = 5000


def seed(ctx) -> None:
    agency = ctx.agency or Agency.objects.filter(code=DEMO_AGENCY_CODE).first()
    if agency is None or not Employee.objects.filter(agency=agency, active=True).exists():
        ctx.log("  needs: belum ada pegawai demo; langkah analisis kebutuhan dilewati.")
        return
    name = f"Penilaian Kompetensi {ctx.year}"
    existing = Campaign.objects.filter(agency=agency, name=name).first()
    if existing and existing.computed_at:
        return  # idempotent
    if not _ensure_standards(ctx, agency):
        return
    started = time.perf_counter()
    campaign = existing or Campaign.objects.create(
        agency=agency, name=name, year=ctx.year, period_start=dt.date(ctx.year, 1, 6),
        period_end=dt.date(ctx.year, 2, 13), status=Campaign.Status.OPEN, peer_on=False, validity_months=36)
    rng = np.random.default_rng(ctx.rng("needs").randrange(2**32))
    _assessments(campaign, agency, rng)
    _focus_groups(ctx, campaign, agency, rng)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED, closed_at=timezone.now())
    campaign.refresh_from_db()
    result = compute_campaign(campaign)
    ctx.log(f"  needs: {result['current_levels']} level saat ini, {result['needs']} baris kebutuhan "
            f"({time.perf_counter() - started:.1f} s)")


def _ensure_standards(ctx, agency) -> bool:
    """Use the agency's standards; if none exist yet, apply the default table minimally (managerial and
    socio-cultural competencies at the seniority level, UNVERIFIED default, see competencies/defaults)."""
    if PositionStandard.objects.filter(position__agency=agency).exists():
        return True
    national = list(Competency.objects.filter(Q(agency__isnull=True), active=True,
                                              competency_type__in=[CompetencyType.MANAGERIAL,
                                                                   CompetencyType.SOCIOCULTURAL]))
    if not national:
        ctx.log("  needs: kamus kompetensi belum dimuat; langkah analisis kebutuhan dilewati.")
        return False
    rows = []
    for position in Position.objects.filter(agency=agency, active=True):
        level = max(1, min(5, SENIORITY.get((position.position_type, position.level), 1)))
        rows.extend(PositionStandard(position=position, competency=c, required_level=level,
                                     origin=PositionStandard.Origin.DEFAULT) for c in national)
    PositionStandard.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    ctx.log(f"  needs: standar kompetensi belum ada; {len(rows)} standar bawaan diterapkan.")
    return True


def _assessments(campaign, agency, rng) -> None:
    staff = list(Employee.objects.filter(agency=agency, active=True).order_by("pk")
                 .values_list("pk", "position_id", "supervisor_id", "position__position_type", "position__level"))
    standards: dict[int, list[tuple[int, int]]] = {}
    for pid, cid, level in PositionStandard.objects.filter(position__agency=agency).values_list(
            "position_id", "competency_id", "required_level"):
        standards.setdefault(pid, []).append((cid, level))
    assessments, score_plan = [], []
    ac_date = dt.date(campaign.year - 1, 9, 15)
    now = timezone.now()
    for pk, position_id, supervisor_id, ptype, plevel in staff:
        comps = standards.get(position_id, [])
        if not comps:
            continue
        required = np.array([lvl for _c, lvl in comps], dtype=float)
        latent = np.clip(required - 0.35 + rng.normal(0, 0.8, len(comps)), 1, 5)
        plan = []
        if rng.random() < 0.93:  # most answer their self-assessment
            plan.append((Source.SELF, pk, latent + 0.5 + rng.normal(0, 0.5, len(comps))))
        if supervisor_id and rng.random() < 0.9:
            plan.append((Source.SUPERVISOR, supervisor_id, latent + rng.normal(0, 0.45, len(comps))))
        if SENIORITY.get((ptype, plevel), 1) >= 3 and rng.random() < 0.35:
            plan.append((Source.ASSESSMENT_CENTRE, None, latent + rng.normal(0, 0.3, len(comps))))
        for source, assessor, values in plan:
            is_ac = source == Source.ASSESSMENT_CENTRE
            assessments.append(Assessment(
                campaign=None if is_ac else campaign, employee_id=pk, assessor_id=assessor, source=source,
                assessor_name="UPT Penilaian Kompetensi BKPSDM" if is_ac else "",
                status=Assessment.Status.SUBMITTED, submitted_at=now,
                assessed_on=ac_date if is_ac else campaign.period_start + dt.timedelta(days=int(rng.integers(0, 30)))))
            levels = np.clip(np.floor(values + 0.5), 1, 5).astype(int)
            score_plan.append([(c, int(lvl)) for (c, _r), lvl in zip(comps, levels, strict=True)])
    created = Assessment.objects.bulk_create(assessments, batch_size=BATCH)
    scores = [(a.pk, c, lvl) for a, plan in zip(created, score_plan, strict=True) for c, lvl in plan]
    bulk_insert(AssessmentScore, ["assessment", "competency", "level"], scores)


def _focus_groups(ctx, campaign, agency, rng) -> None:
    """A few FGDs in the largest units, agreeing on two or three needs each with a DIF rating."""
    from django.db.models import Count

    from renbang.org.models import OrgUnit

    units = list(OrgUnit.objects.filter(agency=agency).annotate(n=Count("employees")).filter(n__gte=8)
                 .order_by("-n", "name")[:4])
    competencies = list(Competency.objects.filter(Q(agency__isnull=True) | Q(agency=agency), active=True)
                        .order_by("code")[:9])
    if not units or not competencies:
        return
    groups_ = ["Pejabat pengawas", "Pelaksana pelayanan", "Seluruh pegawai", "Pejabat fungsional"]
    for i, unit in enumerate(units):
        group = FocusGroup.objects.create(
            agency=agency, campaign=campaign, unit=unit, held_on=campaign.period_end + dt.timedelta(days=7 + i),
            facilitator="Tim AKPK BKPSDM", minutes=(
                f"FGD analisis kebutuhan pengembangan kompetensi {unit.name}. Peserta membahas hasil penilaian "
                "kompetensi dan kendala pelayanan; disepakati kebutuhan prioritas berikut."))
        people = list(Employee.objects.filter(unit=unit, active=True).order_by("pk")[:10])
        group.participants.set(people)
        picks = rng.choice(len(competencies), size=min(3, len(competencies)), replace=False)
        AgreedNeed.objects.bulk_create([
            AgreedNeed(focus_group=group, competency=competencies[int(k)], target_group=groups_[(i + j) % 4],
                       priority=j + 1, difficulty=int(rng.integers(1, 4)), importance=int(rng.integers(2, 4)),
                       frequency=int(rng.integers(1, 4)))
            for j, k in enumerate(picks)])


OPEN_SHARE_SENT = 0.4  # share of the open campaign's targets (demo accounts aside) whose self-assessment is in


def seed_late(ctx) -> None:
    from renbang.accounts.demo import DEMO_ACCOUNTS
    from renbang.accounts.models import User
    from renbang.org.models import OrgUnit

    from .services import campaign_create, campaign_open

    agency = ctx.agency or Agency.objects.filter(code=DEMO_AGENCY_CODE).first()
    if agency is None:
        return
    year = ctx.year + 1
    name = f"Penilaian Kompetensi {year}"
    if Campaign.objects.filter(agency=agency, name=name).exists():
        return  # idempotent
    people = list(User.objects.filter(agency=agency, username__in=[a.username for a in DEMO_ACCOUNTS],
                                      employee__isnull=False).values_list("employee_id", "employee__unit__code"))
    tops = {code.split(".")[0] for _pk, code in people if code}
    units = list(OrgUnit.objects.filter(agency=agency, code__in=tops).order_by("code"))
    if not units:
        ctx.log("  needs: belum ada akun demo; kampanye terbuka dilewati.")
        return
    started = time.perf_counter()
    campaign = campaign_create(
        agency=agency, target_units=units, name=name, year=year, period_start=ctx.today - dt.timedelta(days=7),
        period_end=ctx.today + dt.timedelta(days=21), peer_on=False, validity_months=36)
    campaign_open(campaign=campaign)
    sent = _self_assessments_sent(campaign, exclude={pk for pk, _code in people},
                                  rng=np.random.default_rng(ctx.rng("needs-open").randrange(2**32)))
    ctx.log(f"  needs: kampanye {name} dibuka untuk {', '.join(u.name for u in units)}; {sent} penilaian diri "
            f"sudah terkirim ({time.perf_counter() - started:.1f} s)")


def _self_assessments_sent(campaign, exclude: set[int], rng) -> int:
    """Submitted self-assessments of a share of the campaign's targets (never the demo accounts' own)."""
    from .selectors import target_employees

    staff = [(pk, pos) for pk, pos in target_employees(campaign).order_by("pk").values_list("pk", "position_id")
             if pk not in exclude]
    standards: dict[int, list[tuple[int, int]]] = {}
    for pid, cid, level in PositionStandard.objects.filter(position_id__in={p for _e, p in staff}).values_list(
            "position_id", "competency_id", "required_level"):
        standards.setdefault(pid, []).append((cid, level))
    now = timezone.now()
    assessments, plans = [], []
    for pk, position_id in staff:
        comps = standards.get(position_id)
        if not comps or rng.random() >= OPEN_SHARE_SENT:
            continue
        levels = np.clip(np.floor(np.array([lvl for _c, lvl in comps], dtype=float) + 0.15
                                  + rng.normal(0, 0.8, len(comps)) + 0.5), 1, 5).astype(int)
        assessments.append(Assessment(campaign=campaign, employee_id=pk, assessor_id=pk, source=Source.SELF,
                                      status=Assessment.Status.SUBMITTED, submitted_at=now,
                                      assessed_on=campaign.period_start))
        plans.append([(c, int(lvl)) for (c, _r), lvl in zip(comps, levels, strict=True)])
    created = Assessment.objects.bulk_create(assessments, batch_size=BATCH)
    bulk_insert(AssessmentScore, ["assessment", "competency", "level"],
                [(a.pk, c, lvl) for a, plan in zip(created, plans, strict=True) for c, lvl in plan])
    return len(created)
