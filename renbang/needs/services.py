"""Writes of the needs analysis: campaigns, questionnaires, reminders, weights."""

from __future__ import annotations

from collections.abc import Mapping

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.core.audit import audit_created, audit_deleted, audit_updated, values_of
from renbang.core.jobs import start_job
from renbang.core.notices import notify_each
from renbang.people.models import Employee

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
    audit_created(created, ASSESSMENT_AUDITED)
    return len(created)


#: The fields of a questionnaire's CREATE entry when drafts are written in bulk (peer assignment, supervisor drafts).
ASSESSMENT_AUDITED = ("campaign_id", "employee_id", "assessor_id", "source", "status")


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
    """The supervisor's questionnaires for each direct subordinate who is a target (created as drafts).

    A fixed number of queries whatever the number of subordinates: the missing drafts go in with one bulk insert,
    each with its audit entry (bulk_create sends no signal).
    """
    _ensure_open(campaign)
    if not campaign.supervisor_on:
        raise ValidationError(_("Kampanye ini tidak memakai penilaian atasan."))
    staff = list(selectors.direct_subordinates(campaign, supervisor.pk))
    mine = Assessment.objects.filter(campaign=campaign, source=Source.SUPERVISOR, assessor=supervisor,
                                     employee__in=[s.pk for s in staff])
    existing = {a.employee_id: a for a in mine}
    if len(existing) < len(staff):
        # The first save: a second request of the same supervisor (a double click) waits here, then finds the drafts.
        list(Employee.objects.select_for_update().filter(pk=supervisor.pk).values_list("pk", flat=True))
        existing = {a.employee_id: a for a in mine.all()}
        missing = [Assessment(campaign=campaign, employee=person, source=Source.SUPERVISOR, assessor=supervisor)
                   for person in staff if person.pk not in existing]
        created = Assessment.objects.bulk_create(missing)
        audit_created(created, ASSESSMENT_AUDITED)
        existing.update({a.employee_id: a for a in created})
    result = []
    for person in staff:
        assessment = existing[person.pk]
        assessment.employee = person
        result.append(assessment)
    return result


@transaction.atomic
def assessment_save_scores(*, assessment: Assessment, scores: Mapping[int, int | None],
                           allowed_competencies: set[int]) -> Assessment:
    """Store a draft: {competency_id: level or None (clear)}. Submitted questionnaires are read-only."""
    return assessments_save_scores(scores={assessment.pk: scores},
                                   allowed={assessment.pk: allowed_competencies})[0]


SCORE_AUDITED = ("assessment_id", "competency_id", "level")


@transaction.atomic
def assessments_save_scores(*, scores: Mapping[int, Mapping[int, int | None]],
                            allowed: Mapping[int, set[int]]) -> list[Assessment]:
    """Store drafts of several questionnaires at once: {assessment_id: {competency_id: level or None (clear)}}, each
    limited to its `allowed` competencies (the standard of the person rated). All or nothing.

    The busiest write of a campaign's last days, so a fixed number of queries however many levels change: the
    questionnaires locked in one query, their scores read in one, then one bulk insert, one bulk update and one
    delete of the rows whose level changes, and their audit entries in bulk (renbang.core.audit; a row whose level
    is unchanged is neither written nor logged).
    """
    locked = list(Assessment.objects.filter(pk__in=sorted(scores)).select_related("campaign")
                  .select_for_update(of=("self",)).order_by("pk"))
    if len(locked) != len(scores):
        raise ValidationError(_("Kuesioner tidak ditemukan."))
    for assessment in locked:
        if assessment.is_submitted:
            raise ValidationError(_("Kuesioner sudah dikirim dan tidak dapat diubah."))
        _ensure_open(assessment.campaign)
        if any(competency_id not in allowed[assessment.pk] for competency_id in scores[assessment.pk]):
            raise ValidationError(_("Kompetensi tidak termasuk standar jabatan pegawai ini."))
    # Each assessment is locked above and each competency is in its standard, so the checks of full_clean that ask
    # the database (the two foreign keys, the unique pair) would only repeat that: the level is still validated.
    existing = {(s.assessment_id, s.competency_id): s for s in AssessmentScore.objects.filter(
        assessment_id__in=list(scores), competency_id__in=set().union(*scores.values()))}
    creates, changed, deletes = [], [], []
    for assessment_id, levels in scores.items():
        for competency_id, level in levels.items():
            score = existing.get((assessment_id, competency_id))
            if level is None:
                if score is not None:
                    deletes.append(score)
            elif score is None:
                creates.append(AssessmentScore(assessment_id=assessment_id, competency_id=competency_id, level=level))
            elif score.level != level:
                changed.append((score, level))
    updates = [score for score, _level in changed]
    before = values_of(updates, ["level"])
    for score, level in changed:
        score.level = level
    for score in (*creates, *updates):
        score.full_clean(exclude=["assessment", "competency"], validate_unique=False, validate_constraints=False)
    if creates:
        audit_created(AssessmentScore.objects.bulk_create(creates), SCORE_AUDITED)
    if updates:
        AssessmentScore.objects.bulk_update(updates, ["level"])
        audit_updated(updates, ["level"], before)
    if deletes:
        with disable_auditlog():  # a queryset delete sends the signals auditlog would log one by one
            AssessmentScore.objects.filter(pk__in=[s.pk for s in deletes]).delete()
        audit_deleted(deletes, SCORE_AUDITED)
    now = timezone.now()
    Assessment.objects.filter(pk__in=[a.pk for a in locked]).update(updated_at=now)
    for assessment in locked:
        assessment.updated_at = now
    return locked


@transaction.atomic
def assessment_submit(*, assessment: Assessment, required_competencies: set[int]) -> Assessment:
    """Submit once: every competency of the standard must have a level."""
    assessment = (Assessment.objects.select_related("campaign").select_for_update(of=("self",))
                  .get(pk=assessment.pk))
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
    # Only these three fields change, on a row locked above: the database checks of full_clean (its foreign keys and
    # unique constraints) would re-read what has not changed.
    assessment.full_clean(exclude=["campaign", "employee", "assessor"], validate_unique=False,
                          validate_constraints=False)
    assessment.save(update_fields=["status", "submitted_at", "assessed_on", "updated_at"])
    return assessment


SUBMIT_AUDITED = ("status", "submitted_at", "assessed_on")


@transaction.atomic
def assessments_submit(*, required: Mapping[int, set[int]]) -> tuple[int, int]:
    """Submit several questionnaires at once (a supervisor's chosen staff): {assessment_id: the competencies that
    must have a level}. Each complete draft is sent; an incomplete one stays a draft, one already sent is left as it
    is. Returns (sent, incomplete). A fixed number of queries whatever the number of questionnaires."""
    locked = list(Assessment.objects.filter(pk__in=sorted(required)).select_related("campaign")
                  .select_for_update(of=("self",)).order_by("pk"))
    drafts = [a for a in locked if not a.is_submitted]
    for assessment in drafts:
        _ensure_open(assessment.campaign)
    done: dict[int, set[int]] = {}
    for assessment_id, competency_id in AssessmentScore.objects.filter(
            assessment_id__in=[a.pk for a in drafts]).values_list("assessment_id", "competency_id"):
        done.setdefault(assessment_id, set()).add(competency_id)
    complete = [a for a in drafts if not required[a.pk] - done.get(a.pk, set())]
    before = values_of(complete, SUBMIT_AUDITED)
    now, today = timezone.now(), timezone.localdate()
    for assessment in complete:
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_at, assessment.assessed_on, assessment.updated_at = now, today, now
    Assessment.objects.bulk_update(complete, [*SUBMIT_AUDITED, "updated_at"])
    audit_updated(complete, SUBMIT_AUDITED, before)
    return len(complete), len(drafts) - len(complete)


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
