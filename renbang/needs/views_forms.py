"""The questionnaires: the employee's self form and the supervisor's grid (one page per competency)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import reswap, retarget

from renbang.competencies.selectors import required_levels_for
from renbang.people.models import Employee

from . import selectors, services
from .dictionary import parse_levels, questions_for
from .models import Assessment, AssessmentScore, Source


def _campaign(request, pk):
    return get_object_or_404(selectors.campaigns_for_user(request.user), pk=pk)


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _questionnaire(request, campaign, *, assessment, scores, standard, create, done_message, context):
    """One questionnaire (self or peer): draft saves, submit once; bad input keeps what was chosen.

    Without JavaScript a POST answers with a redirect (post/redirect/get). With HTMX (the form's hx-post) a draft save
    answers only the status line ("saved at", how many rated, or what was wrong), the typed choices stay on the page;
    a submit answers the questionnaire, now read-only, in place of the form.
    """
    bad: list[str] = []
    error = ""
    if request.method == "POST":
        if assessment and assessment.is_submitted:
            error = _("Kuesioner sudah dikirim dan tidak dapat diubah.")
            if not request.htmx:
                messages.error(request, error)
                return redirect(request.path)
            return _status(request, scores, standard, error=error)
        posted, bad = parse_levels(request.POST, "c", standard)
        scores = {**scores, **{k: v for k, v in posted.items() if v is not None}}
        for k, v in posted.items():
            if v is None:
                scores.pop(k, None)
        if bad:
            error = _("Pilih level 1 sampai 5 untuk setiap kompetensi.")
        else:
            try:
                with transaction.atomic():  # the draft and its submit: one transaction
                    saved = assessment or create()
                    services.assessment_save_scores(assessment=saved, scores=posted,
                                                    allowed_competencies=set(standard))
                    if "submit" in request.POST:
                        try:
                            saved = services.assessment_submit(assessment=saved,
                                                               required_competencies=set(standard))
                        except ValidationError as exc:  # the draft is kept; only the submit is refused
                            error = _errors(exc)
                assessment = saved
                if not error:
                    if request.htmx and assessment.is_submitted:
                        # Now read-only: the questionnaire replaces the form (no form left, so no CSRF token and no
                        # menu: rendered without the request's context processors).
                        page = HttpResponse(render_to_string("needs/_questionnaire.html", _page_context(
                            campaign, assessment, scores, standard, [], {**context, "done": done_message})))
                        return reswap(retarget(page, "#questionnaire"), "outerHTML")
                    if request.htmx:
                        return _status(request, scores, standard, saved_at=timezone.now())
                    messages.success(request, done_message if assessment.is_submitted else _("Draf tersimpan."))
                    return redirect(request.path)
            except ValidationError as exc:
                error = _errors(exc)
            except PermissionDenied as exc:
                raise Http404 from exc
        if request.htmx:
            return _status(request, scores, standard, error=error)
        messages.error(request, error)
    return _page(request, "needs/self_form.html", campaign, assessment, scores, standard, bad, context)


def _rated(scores, standard) -> int:
    return sum(1 for competency_id in standard if competency_id in scores)


def _status(request, scores, standard, *, error="", saved_at=None):
    """The questionnaire's status line alone (an HTMX draft save): what was saved or what was wrong. A fragment
    without menu or form: rendered without the request's context processors, which would read for the page."""
    return HttpResponse(render_to_string("needs/_save_status.html", {
        "error": error, "saved_at": saved_at, "rated": _rated(scores, standard), "total": len(standard)}))


def _page_context(campaign, assessment, scores, standard, bad, context) -> dict:
    rows = [{"question": q, "chosen": scores.get(q.pk), "bad": str(q.pk) in bad} for q in questions_for(standard)]
    return {
        "campaign": campaign, "assessment": assessment, "rows": rows, "total": len(rows),
        "read_only": bool(assessment and assessment.is_submitted) or not campaign.is_open,
        "rated": _rated(scores, standard), "LANGUAGE_CODE": get_language(), **context,
    }


def _page(request, template, campaign, assessment, scores, standard, bad, context):
    return render(request, template, _page_context(campaign, assessment, scores, standard, bad, context))


def _employee_with_position(request) -> Employee:
    """The user's employee record and position in one query (kept on the user for the rest of the request)."""
    employee = Employee.objects.select_related("position").get(pk=request.user.employee_id)
    request.user.employee = employee
    return employee


@permission_required("needs.fill_assessments", raise_exception=True)
@require_http_methods(["GET", "POST"])
def self_form(request, pk: int):
    campaign = _campaign(request, pk)
    employee = _employee_with_position(request)
    if not campaign.self_on or not selectors.is_target(campaign, employee):
        raise Http404
    assessment, scores = selectors.assessment_with_scores(campaign, employee.pk, Source.SELF)
    standard = required_levels_for([employee.position_id]).get(employee.position_id, {})
    return _questionnaire(
        request, campaign, assessment=assessment, scores=scores, standard=standard,
        create=lambda: services.self_assessment_get_or_create(campaign=campaign, employee=employee),
        done_message=_("Penilaian diri terkirim. Terima kasih."),
        context={"employee": employee, "title": _("Penilaian diri"), "submit_id": "submit-self",
                 "intro": _("Untuk setiap kompetensi jabatan %(pos)s, pilih level yang paling menggambarkan perilaku "
                            "kerja Anda sehari-hari (bukan yang diharapkan).")
                 % {"pos": employee.position.name if employee.position_id else "-"}})


@permission_required("needs.fill_assessments", raise_exception=True)
def peer_list(request, pk: int):
    campaign = _campaign(request, pk)
    if not campaign.peer_on:
        raise Http404
    return render(request, "needs/peer_list.html", {
        "campaign": campaign, "assessments": selectors.peer_assessments_for(request.user, campaign)})


@permission_required("needs.fill_assessments", raise_exception=True)
@require_http_methods(["GET", "POST"])
def peer_form(request, pk: int, assessment_pk: int):
    """A colleague's questionnaire, reachable only by the peer it was assigned to (the assessor)."""
    campaign = _campaign(request, pk)
    if not campaign.peer_on:
        raise Http404
    assessment = get_object_or_404(selectors.peer_assessments_for(request.user, campaign), pk=assessment_pk)
    colleague = assessment.employee
    standard = required_levels_for([colleague.position_id]).get(colleague.position_id, {})
    scores = dict(assessment.scores.values_list("competency_id", "level"))
    return _questionnaire(
        request, campaign, assessment=assessment, scores=scores, standard=standard, create=lambda: assessment,
        done_message=_("Penilaian rekan kerja terkirim. Terima kasih."),
        context={"employee": colleague, "title": _("Penilaian rekan kerja"), "submit_id": "submit-peer",
                 "back": True,
                 "intro": _("Untuk setiap kompetensi jabatan %(pos)s, pilih level yang paling menggambarkan perilaku "
                            "kerja %(name)s yang Anda amati sehari-hari. Jawaban Anda tidak ditampilkan kepada "
                            "yang dinilai.") % {"pos": colleague.position.name if colleague.position_id else "-",
                                                 "name": colleague.full_name}})


def _supervisor_context(request, campaign):
    supervisor = request.user.employee
    staff = list(selectors.direct_subordinates(campaign, supervisor.pk))
    if not staff or not campaign.supervisor_on:
        raise Http404
    standards = required_levels_for({s.position_id for s in staff})
    staff_comps = {s.pk: set(standards.get(s.position_id, {})) for s in staff}
    assessments = {a.employee_id: a for a in Assessment.objects.filter(
        campaign=campaign, source=Source.SUPERVISOR, assessor=supervisor, employee__in=[s.pk for s in staff])}
    scores: dict[tuple[int, int], int] = {}
    for emp, comp, level in AssessmentScore.objects.filter(assessment__in=assessments.values()).values_list(
            "assessment__employee_id", "competency_id", "level"):
        scores[(emp, comp)] = level
    return supervisor, staff, staff_comps, assessments, scores


@permission_required("needs.fill_assessments", raise_exception=True)
@require_http_methods(["GET", "POST"])
def supervisor_overview(request, pk: int):
    campaign = _campaign(request, pk)
    _supervisor, staff, staff_comps, assessments, scores = _supervisor_context(request, campaign)
    if request.method == "POST":
        chosen = set(request.POST.getlist("employee"))
        picked = [assessments[person.pk] for person in staff
                  if str(person.pk) in chosen and person.pk in assessments
                  and not assessments[person.pk].is_submitted]
        try:
            submitted, incomplete = services.assessments_submit(
                required={a.pk: staff_comps[a.employee_id] for a in picked})
        except ValidationError as exc:
            messages.error(request, _errors(exc))
            return redirect("needs:supervisor", pk=campaign.pk)
        if submitted:
            messages.success(request, _("%(n)d penilaian terkirim.") % {"n": submitted})
        if incomplete:
            messages.warning(request, _("%(n)d penilaian belum lengkap dan tetap draf.") % {"n": incomplete})
        if not submitted and not incomplete:
            messages.info(request, _("Pilih pegawai yang penilaiannya akan dikirim."))
        return redirect("needs:supervisor", pk=campaign.pk)
    all_comps = set().union(*staff_comps.values()) if staff_comps else set()
    competencies = questions_for(all_comps, with_levels=())
    comp_rows = []
    for comp in competencies:
        who = [s for s in staff if comp.pk in staff_comps[s.pk]]
        done = sum(1 for s in who if (s.pk, comp.pk) in scores)
        comp_rows.append({"competency": comp, "total": len(who), "done": done})
    staff_rows = []
    for person in staff:
        assessment = assessments.get(person.pk)
        total = len(staff_comps[person.pk])
        done = sum(1 for c in staff_comps[person.pk] if (person.pk, c) in scores)
        staff_rows.append({"employee": person, "assessment": assessment, "total": total, "done": done,
                           "complete": total > 0 and done == total})
    return render(request, "needs/supervisor_overview.html", {
        "campaign": campaign, "comp_rows": comp_rows, "staff_rows": staff_rows})


@permission_required("needs.fill_assessments", raise_exception=True)
@require_http_methods(["GET", "POST"])
def supervisor_grid(request, pk: int, competency_pk: int):
    campaign = _campaign(request, pk)
    supervisor, staff, staff_comps, assessments, scores = _supervisor_context(request, campaign)
    all_comps = sorted(set().union(*staff_comps.values()))
    competencies = questions_for(all_comps, with_levels=[competency_pk] if competency_pk in all_comps else [])
    order = [c.pk for c in competencies]
    if competency_pk not in order:
        raise Http404
    competency = competencies[order.index(competency_pk)]
    rows_staff = [s for s in staff if competency_pk in staff_comps[s.pk]]
    bad: list[str] = []
    if request.method == "POST":
        posted, bad = parse_levels(request.POST, "e", [s.pk for s in rows_staff])
        if bad:
            messages.error(request, _("Pilih level 1 sampai 5 untuk setiap pegawai."))
        else:
            try:
                if not campaign.is_open:
                    raise ValidationError(_("Kampanye tidak sedang dibuka; kuesioner tidak dapat diisi."))
                current = assessments
                if any(person.pk not in current for person in rows_staff):  # the first save: drafts made
                    current = {a.employee_id: a for a in services.supervisor_assessments_get_or_create(
                        campaign=campaign, supervisor=supervisor)}
                chosen = [current[person.pk] for person in rows_staff if person.pk in posted]
                skipped = sum(1 for a in chosen if a.is_submitted)
                # Every subordinate's level of this competency in one write, whatever the number of staff.
                services.assessments_save_scores(
                    scores={a.pk: {competency_pk: posted[a.employee_id]} for a in chosen if not a.is_submitted},
                    allowed={a.pk: staff_comps[a.employee_id] for a in chosen if not a.is_submitted})
                messages.success(request, _("Tersimpan."))
                if skipped:
                    messages.info(request, _("%(n)d penilaian yang sudah dikirim tidak diubah.") % {"n": skipped})
                nxt = order.index(competency_pk) + 1
                if "next" in request.POST and nxt < len(order):
                    return redirect("needs:supervisor_grid", pk=campaign.pk, competency_pk=order[nxt])
                if "next" in request.POST:
                    return redirect("needs:supervisor", pk=campaign.pk)
                return redirect("needs:supervisor_grid", pk=campaign.pk, competency_pk=competency_pk)
            except ValidationError as exc:
                messages.error(request, _errors(exc))
    # No anchoring: a self-rating is shown only once the supervisor has submitted their own for that person.
    submitted_for = [s.pk for s in rows_staff if assessments.get(s.pk) and assessments[s.pk].is_submitted]
    self_levels = dict(AssessmentScore.objects.filter(
        assessment__campaign=campaign, assessment__source=Source.SELF, assessment__status="submitted",
        assessment__employee__in=submitted_for, competency_id=competency_pk).values_list(
        "assessment__employee_id", "level"))
    rows = []
    for person in rows_staff:
        assessment = assessments.get(person.pk)
        rows.append({"employee": person, "level": scores.get((person.pk, competency_pk)),
                     "locked": bool(assessment and assessment.is_submitted) or not campaign.is_open,
                     "self_level": self_levels.get(person.pk), "bad": str(person.pk) in bad})
    index = order.index(competency_pk)
    return render(request, "needs/supervisor_grid.html", {
        "campaign": campaign, "competency": competency, "rows": rows, "levels": range(1, 6),
        "position": index + 1, "count": len(order),
        "previous": order[index - 1] if index else None, "next": order[index + 1] if index + 1 < len(order) else None,
    })
