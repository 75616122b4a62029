"""The questionnaires: the employee's self form and the supervisor's grid (one page per competency)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from renbang.competencies.selectors import required_levels_for

from . import selectors, services
from .dictionary import competencies_with_levels, parse_levels
from .models import Assessment, AssessmentScore, Source


def _campaign(request, pk):
    return get_object_or_404(selectors.campaigns_for_user(request.user), pk=pk)


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _questionnaire(request, campaign, *, assessment, standard, create, done_message, context):
    """One questionnaire (self or peer): draft saves, submit once; bad input keeps what was chosen."""
    competencies = competencies_with_levels(standard)
    scores = dict(assessment.scores.values_list("competency_id", "level")) if assessment else {}
    bad: list[str] = []
    if request.method == "POST":
        if assessment and assessment.is_submitted:
            messages.error(request, _("Kuesioner sudah dikirim dan tidak dapat diubah."))
            return redirect(request.path)
        posted, bad = parse_levels(request.POST, "c", standard)
        scores.update({k: v for k, v in posted.items() if v is not None})
        for k, v in posted.items():
            if v is None:
                scores.pop(k, None)
        if bad:
            messages.error(request, _("Pilih level 1 sampai 5 untuk setiap kompetensi."))
        else:
            try:
                assessment = create()
                services.assessment_save_scores(assessment=assessment, scores=posted,
                                                allowed_competencies=set(standard))
                if "submit" in request.POST:
                    services.assessment_submit(assessment=assessment, required_competencies=set(standard))
                    messages.success(request, done_message)
                else:
                    messages.success(request, _("Draf tersimpan."))
                return redirect(request.path)
            except ValidationError as exc:
                messages.error(request, _errors(exc))
            except PermissionDenied as exc:
                raise Http404 from exc
    return render(request, "needs/self_form.html", {
        "campaign": campaign, "assessment": assessment, "competencies": competencies,
        "scores": scores, "bad": bad, "read_only": bool(assessment and assessment.is_submitted) or not campaign.is_open,
        "rated": sum(1 for c in competencies if c.pk in scores), **context,
    })


@permission_required("needs.fill_assessments", raise_exception=True)
@require_http_methods(["GET", "POST"])
def self_form(request, pk: int):
    campaign = _campaign(request, pk)
    employee = request.user.employee
    if not campaign.self_on or not selectors.is_target(campaign, employee):
        raise Http404
    assessment = Assessment.objects.filter(campaign=campaign, employee=employee, source=Source.SELF).first()
    standard = required_levels_for([employee.position_id]).get(employee.position_id, {})
    return _questionnaire(
        request, campaign, assessment=assessment, standard=standard,
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
    return _questionnaire(
        request, campaign, assessment=assessment, standard=standard, create=lambda: assessment,
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
        submitted, incomplete = 0, 0
        chosen = set(request.POST.getlist("employee"))
        for person in staff:
            assessment = assessments.get(person.pk)
            if str(person.pk) not in chosen or not assessment or assessment.is_submitted:
                continue
            try:
                services.assessment_submit(assessment=assessment, required_competencies=staff_comps[person.pk])
                submitted += 1
            except ValidationError:
                incomplete += 1
        if submitted:
            messages.success(request, _("%(n)d penilaian terkirim.") % {"n": submitted})
        if incomplete:
            messages.warning(request, _("%(n)d penilaian belum lengkap dan tetap draf.") % {"n": incomplete})
        if not submitted and not incomplete:
            messages.info(request, _("Pilih pegawai yang penilaiannya akan dikirim."))
        return redirect("needs:supervisor", pk=campaign.pk)
    all_comps = set().union(*staff_comps.values()) if staff_comps else set()
    competencies = competencies_with_levels(all_comps)
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
    competencies = competencies_with_levels(all_comps)
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
                if campaign.is_open:
                    current = {a.employee_id: a for a in services.supervisor_assessments_get_or_create(
                        campaign=campaign, supervisor=supervisor)}
                else:
                    raise ValidationError(_("Kampanye tidak sedang dibuka; kuesioner tidak dapat diisi."))
                skipped = 0
                for person in rows_staff:
                    if person.pk not in posted:
                        continue
                    assessment = current[person.pk]
                    if assessment.is_submitted:
                        skipped += 1
                        continue
                    services.assessment_save_scores(assessment=assessment,
                                                    scores={competency_pk: posted[person.pk]},
                                                    allowed_competencies=staff_comps[person.pk])
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
        assessment__employee__in=submitted_for, competency=competency).values_list("assessment__employee_id",
                                                                                   "level"))
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
