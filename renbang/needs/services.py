"""Writes of the needs analysis: campaigns, questionnaires, reminders, weights."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.core.audit import audit_created
from renbang.core.jobs import start_job
from renbang.core.notices import notify_each

from . import selectors
from .compute import compute_campaign
from .models import Assessment, AssessmentScore, Campaign, PriorityWeights, Reminder, Source


@transaction.atomic
def campaign_create(*, agency, user=None, target_units=(), **fields) -> Campaign:
    campaign = Campaign(agency=agency, created_by=user, **fields)
    campaign.full_clean()
    campaign.save()
    if target_units:
        _check_units(agency, target_units)
        campaign.target_units.set(target_units)
    return campaign


def _check_units(agency, units) -> None:
    if any(u.agency_id != agency.pk for u in units):
        raise ValidationError({"target_units": _("Unit sasaran harus dari instansi yang sama.")})


@transaction.atomic
def campaign_update(*, campaign: Campaign, target_units=None, **fields) -> Campaign:
    if campaign.status == Campaign.Status.CLOSED:
        raise ValidationError(_("Kampanye yang sudah ditutup tidak dapat diubah."))
    for key, value in fields.items():
        setattr(campaign, key, value)
    campaign.full_clean()
    campaign.save()
    if target_units is not None:
        _check_units(campaign.agency, target_units)
        campaign.target_units.set(target_units)
    return campaign


@transaction.atomic
def campaign_open(*, campaign: Campaign) -> Campaign:
    if campaign.status != Campaign.Status.DRAFT:
        raise ValidationError(_("Hanya kampanye berstatus draf yang dapat dibuka."))
    campaign.status = Campaign.Status.OPEN
    campaign.full_clean()
    campaign.save(update_fields=["status"])
    if campaign.peer_on:
        peer_assignments_create(campaign=campaign)
    return campaign


def peer_pairs(groups: Mapping[int, list[int]], per_employee: int) -> list[tuple[int, int]]:
    """(assessor, employee) pairs: within each group of colleagues sharing a direct supervisor (ids in a
    fixed order), employee i is rated by the next `per_employee` colleagues in rotation (i+1, i+2, … mod n).

    Everyone then rates and is rated by the same number of colleagues (min(per_employee, n − 1)); a person
    without colleagues under the same supervisor gets no peer rating.
    """
    pairs = []
    for members in groups.values():
        n = len(members)
        for i, employee in enumerate(members):
            for step in range(1, min(per_employee, n - 1) + 1):
                pairs.append((members[(i + step) % n], employee))
    return pairs


@transaction.atomic
def peer_assignments_create(*, campaign: Campaign) -> int:
    """Assign peers (draft peer questionnaires) among the campaign's target employees; idempotent.

    The existence of the draft is the assignment: only its assessor can open the form. Returns how many drafts
    were new; each is in the audit trail (bulk_create sends no signal, so audit_created logs them).
    """
    if not campaign.peer_on:
        raise ValidationError(_("Kampanye ini tidak memakai penilaian rekan kerja."))
    # The lock makes a second, concurrent assignment wait and then find every pair taken, so the insert below
    # needs no ignore_conflicts (which would leave the new rows without the pks their audit entries name).
    Campaign.objects.select_for_update().only("pk").get(pk=campaign.pk)
    groups: dict[int, list[int]] = {}
    for pk, supervisor_id in (selectors.target_employees(campaign).filter(supervisor__isnull=False)
                              .order_by("supervisor_id", "nip", "pk").values_list("pk", "supervisor_id")):
        groups.setdefault(supervisor_id, []).append(pk)
    taken = set(Assessment.objects.filter(campaign=campaign, source=Source.PEER)
                .values_list("assessor_id", "employee_id"))
    rows = [Assessment(campaign=campaign, employee_id=employee, assessor_id=assessor, source=Source.PEER)
            for assessor, employee in peer_pairs(groups, campaign.peers_per_employee)
            if (assessor, employee) not in taken]
    created = Assessment.objects.bulk_create(rows, batch_size=5000)
    audit_created(created, PEER_AUDITED)
    return len(created)


PEER_AUDITED = ("campaign_id", "employee_id", "assessor_id", "source", "status")


@transaction.atomic
def campaign_close(*, campaign: Campaign, user=None):
    """Close the questionnaires and compute current levels and needs (inline, or as a job when large).

    Returns the Job when the work was handed to the worker, else None.
    """
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != Campaign.Status.OPEN:
        raise ValidationError(_("Hanya kampanye yang sedang dibuka yang dapat ditutup."))
    campaign.status = Campaign.Status.CLOSED
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["status", "closed_at"])
    return campaign_compute(campaign=campaign, user=user)


def campaign_compute(*, campaign: Campaign, user=None):
    """(Re)compute a closed campaign, e.g. after new assessment-centre results or FGD ratings."""
    if campaign.status != Campaign.Status.CLOSED:
        raise ValidationError(_("Hasil hanya dihitung untuk kampanye yang sudah ditutup."))
    size = selectors.target_employees(campaign).count()
    if size > int(settings.RENBANG["NEEDS_INLINE_MAX_EMPLOYEES"]):
        return start_job(kind="needs.compute", function_path="renbang.needs.jobs.compute_campaign_job",
                         params={"campaign_id": campaign.pk}, user=user, agency=campaign.agency)
    compute_campaign(campaign)
    return None


# --- questionnaires ----------------------------------------------------------------------------------------

def _ensure_open(campaign: Campaign) -> None:
    if campaign.status != Campaign.Status.OPEN:
        raise ValidationError(_("Kampanye tidak sedang dibuka; kuesioner tidak dapat diisi."))


@transaction.atomic
def self_assessment_get_or_create(*, campaign: Campaign, employee) -> Assessment:
    _ensure_open(campaign)
    if not campaign.self_on:
        raise ValidationError(_("Kampanye ini tidak memakai penilaian diri."))
    if not selectors.is_target(campaign, employee):
        raise PermissionDenied(_("Anda bukan sasaran kampanye ini."))
    assessment, _created = Assessment.objects.get_or_create(
        campaign=campaign, employee=employee, source=Source.SELF, assessor=employee)
    return assessment


@transaction.atomic
def supervisor_assessments_get_or_create(*, campaign: Campaign, supervisor) -> list[Assessment]:
    """The supervisor's questionnaires for each direct subordinate who is a target (created as drafts)."""
    _ensure_open(campaign)
    if not campaign.supervisor_on:
        raise ValidationError(_("Kampanye ini tidak memakai penilaian atasan."))
    result = []
    for staff in selectors.direct_subordinates(campaign, supervisor.pk):
        assessment, _created = Assessment.objects.get_or_create(
            campaign=campaign, employee=staff, source=Source.SUPERVISOR, assessor=supervisor)
        assessment.employee = staff
        result.append(assessment)
    return result


@transaction.atomic
def assessment_save_scores(*, assessment: Assessment, scores: Mapping[int, int | None],
                           allowed_competencies: set[int]) -> Assessment:
    """Store a draft: {competency_id: level or None (clear)}. Submitted questionnaires are read-only."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_submitted:
        raise ValidationError(_("Kuesioner sudah dikirim dan tidak dapat diubah."))
    _ensure_open(assessment.campaign)
    if any(competency_id not in allowed_competencies for competency_id in scores):
        raise ValidationError(_("Kompetensi tidak termasuk standar jabatan pegawai ini."))
    # The scores as they are, in one query; a row is saved (and audited) only when its level changes. The
    # assessment is locked above and each competency is in its standard, so the checks of full_clean that ask
    # the database (the two foreign keys, the unique pair) would only repeat that: the level is still validated.
    existing = {s.competency_id: s for s in AssessmentScore.objects.filter(assessment=assessment,
                                                                          competency_id__in=list(scores))}
    for competency_id, level in scores.items():
        score = existing.get(competency_id)
        if level is None:
            if score is not None:
                score.delete()
            continue
        if score is not None and score.level == level:
            continue
        score = score or AssessmentScore(assessment=assessment, competency_id=competency_id)
        score.level = level
        score.full_clean(exclude=["assessment", "competency"], validate_unique=False, validate_constraints=False)
        score.save()
    assessment.save(update_fields=["updated_at"])
    return assessment


@transaction.atomic
def assessment_submit(*, assessment: Assessment, required_competencies: set[int]) -> Assessment:
    """Submit once: every competency of the standard must have a level."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_submitted:
        raise ValidationError(_("Kuesioner sudah dikirim."))
    _ensure_open(assessment.campaign)
    done = set(assessment.scores.values_list("competency_id", flat=True))
    missing = required_competencies - done
    if missing:
        raise ValidationError(_("Masih ada %(n)d kompetensi yang belum dinilai.") % {"n": len(missing)})
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.assessed_on = timezone.localdate()
    assessment.full_clean()
    assessment.save()
    return assessment


def _recipient(account: tuple[int, str] | None, employee_email: str) -> tuple[int | None, str]:
    if account is None:
        return None, employee_email or ""
    return account[0], account[1] or employee_email or ""


@transaction.atomic
def reminders_send(*, campaign: Campaign, user) -> int:
    """An in-app notice for everyone in the user's scope who still has a questionnaire to fill (own self form,
    a subordinate's supervisor form, an assigned peer form), and an e-mail where an address is known."""
    if campaign.status != Campaign.Status.OPEN:
        raise ValidationError(_("Pengingat hanya untuk kampanye yang sedang dibuka."))
    message = _("Kuesioner kompetensi \"%(name)s\" menunggu Anda sampai %(end)s.") % {
        "name": campaign.name, "end": campaign.period_end.strftime("%d-%m-%Y")}
    waiting = list(selectors.reminder_recipients(campaign, user).values_list("pk", "email"))
    # The one notification path (renbang.core.notices): an in-app notice for employees with an account, an
    # e-mail to the account's address or else the employee's own.
    from renbang.accounts.models import User

    accounts = {employee_id: (user_id, user_email) for employee_id, user_id, user_email in User.objects.filter(
        employee_id__in=[pk for pk, _email in waiting], is_active=True).values_list("employee_id", "pk", "email")}
    recipients = [(pk, *_recipient(accounts.get(pk), email)) for pk, email in waiting]
    Reminder.objects.bulk_create([Reminder(campaign=campaign, employee_id=pk, message=message, emailed=bool(address))
                                  for pk, _user_id, address in recipients], batch_size=2000)
    title = _("Pengingat kuesioner kompetensi")
    url = reverse("needs:index")
    notify_each([(user_id, address, title, message, url) for _pk, user_id, address in recipients],
                kind="needs.reminder")
    return len(waiting)


@transaction.atomic
def priority_weights_update(*, agency, **fields) -> PriorityWeights:
    weights = PriorityWeights.objects.filter(agency=agency).first() or PriorityWeights(agency=agency)
    for key, value in fields.items():
        setattr(weights, key, value)
    weights.full_clean()
    weights.save()
    return weights
