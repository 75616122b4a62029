"""Pages of the participant (feedback), the supervisor (follow-up) and BKPSDM per session (results, test scores)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renbang.accounts.scoping import for_user
from renbang.core.exports import xlsx_response
from renbang.core.tabular import TabularError

from . import selectors, services, transfer
from .evidence import settings_for
from .forms import FeedbackForm, FollowUpForm, ScoreImportForm, add_errors
from .models import FollowUp, TestScore


@login_required
def index(request):
    if request.user.has_perm("evaluation.view_results"):
        from .views_reports import dashboard

        return dashboard(request)
    if request.user.has_perm("evaluation.give_feedback"):
        return redirect("evaluation:my_evaluations")
    return render(request, "evaluation/no_access.html", status=403)


@permission_required("evaluation.give_feedback", raise_exception=True)
def my_evaluations(request):
    enrolments = list(selectors.my_sessions(request.user)[:100])
    follow_ups = selectors.follow_ups_for(request.user, pending_only=True)[:50] if request.user.has_perm(
        "evaluation.follow_up") else []
    return render(request, "evaluation/my_evaluations.html", {"enrolments": enrolments, "follow_ups": follow_ups})


@permission_required("evaluation.give_feedback", raise_exception=True)
def feedback_form(request, session_pk: int):
    """The participant's L1 form. 404 for anyone who was not enrolled (nothing tells whether the session exists)."""
    enrolment = services.enrolment_for_feedback(request.user, session_pk)
    if enrolment is None:
        raise Http404
    problem = services.feedback_problem(enrolment, request.user)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and problem is None and form.is_valid():
        try:
            services.feedback_submit(enrolment=enrolment, user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Terima kasih! Umpan balik Anda tersimpan tanpa nama."))
            return redirect("evaluation:my_evaluations")
    status = 400 if request.method == "POST" else 200
    if problem and problem[0] == services.ABSENT:
        status = 403
    return render(request, "evaluation/feedback_form.html", {
        "enrolment": enrolment, "session": enrolment.session, "form": form,
        "problem": problem[1] if problem else None, "done": bool(problem and problem[0] == services.DONE),
        "anonymity_min": settings_for(enrolment.session.agency_id).anonymity_min}, status=status)


@permission_required("evaluation.follow_up", raise_exception=True)
def follow_up_list(request):
    qs = selectors.follow_ups_for(request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "evaluation/follow_up_list.html", {"page_obj": page})


@permission_required("evaluation.follow_up", raise_exception=True)
def follow_up_form(request, pk: int):
    follow_up = selectors.follow_ups_for(request.user).filter(pk=pk).first()
    if follow_up is None:
        raise Http404
    form = FollowUpForm(request.POST or None, instance=FollowUp.objects.get(pk=follow_up.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_answer(follow_up=follow_up, user=request.user, applied=form.cleaned_data["applied"],
                                      example=form.cleaned_data["example"])
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionError:
            raise Http404 from None
        else:
            messages.success(request, _("Tindak lanjut tersimpan."))
            return redirect("evaluation:follow_up_list")
    targets = follow_up.enrolment.session.programme.targets.select_related("competency")
    return render(request, "evaluation/follow_up_form.html", {"follow_up": follow_up, "form": form,
                                                               "targets": targets},
                  status=400 if request.method == "POST" else 200)


def _session(request, pk: int):
    from renbang.delivery.models import Session

    session = for_user(Session.objects.all(), request.user).select_related("programme__method").filter(
        pk=pk).first()
    if session is None:
        raise Http404
    return session


@permission_required("evaluation.view_results", raise_exception=True)
def session_results(request, pk: int):
    session = _session(request, pk)
    s = settings_for(session.agency_id)
    results = selectors.session_results(session, s)
    return render(request, "evaluation/session_results.html", {
        "session": session, "results": results, "settings": s, "fields": _field_labels()})


def _field_labels():
    from .models import Feedback

    return [(name, Feedback._meta.get_field(name).verbose_name) for name in Feedback.SCORE_FIELDS]


def _decimal(text: str) -> Decimal | None:
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("'%(v)s' bukan angka.") % {"v": text[:20]}) from None
    if not value.is_finite() or abs(value) >= 10000:
        raise ValidationError(_("'%(v)s' di luar rentang nilai.") % {"v": text[:20]})
    return value


@permission_required("evaluation.manage", raise_exception=True)
def test_scores(request, pk: int):
    """L2: enter (or import) pre/post scores of the session's participants; all-or-nothing."""
    session = _session(request, pk)
    enrolments = list(services.scored_enrolments(session).select_related("employee").order_by("employee__name"))
    scores = {t.enrolment_id: t for t in TestScore.objects.filter(enrolment__session=session)}
    errors: list[str] = []
    typed: dict[int, tuple[str, str, str]] = {}
    import_form = ScoreImportForm()
    report = None
    if request.method == "POST" and "file" in request.FILES:
        import_form = ScoreImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                report = transfer.import_scores(session=session, data=upload.read(), filename=upload.name)
            except TabularError as exc:
                import_form.add_error("file", str(exc))
            else:
                if report.written:
                    messages.success(request, _("Impor nilai selesai: %(n)s peserta.") % {
                        "n": report.created + report.updated})
                    return redirect("evaluation:test_scores", pk)
    elif request.method == "POST":
        rows = []
        for e in enrolments:
            raw = tuple(request.POST.get(f"{k}-{e.pk}", "") for k in ("pre", "post", "max"))
            typed[e.pk] = raw
            try:
                pre, post, maximum = (_decimal(v) for v in raw)
            except ValidationError as exc:
                errors.append(f"{e.employee.name}: {' '.join(exc.messages)}")
                continue
            rows.append({"enrolment": e, "pre": pre, "post": post, "maximum": maximum})
        try:
            saved, _deleted = services.test_scores_save(session=session, rows=rows, problems=errors)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Nilai tersimpan: %(n)s peserta.") % {"n": saved})
            return redirect("evaluation:test_scores", pk)
    table = []
    for e in enrolments:
        t = scores.get(e.pk)
        pre, post, maximum = typed.get(e.pk, (
            "" if t is None or t.pre is None else str(t.pre), "" if t is None or t.post is None else str(t.post),
            "" if t is None else str(t.maximum)))
        table.append({"enrolment": e, "pre": pre, "post": post, "max": maximum or "100"})
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluation/test_scores.html", {
        "session": session, "table": table, "errors": errors, "import_form": import_form, "report": report},
        status=status)


@permission_required("evaluation.manage", raise_exception=True)
def test_scores_export(request, pk: int):
    session = _session(request, pk)
    return xlsx_response(f"nilai-sesi-{session.pk}.xlsx", transfer.SCORE_HEADERS, transfer.score_rows(session),
                         "Nilai")


@require_POST
@permission_required("evaluation.manage", raise_exception=True)
def reminders(request):
    result = services.reminders_send(agency=request.user.agency)
    messages.success(request, _("Pengingat terkirim: %(f)s umpan balik, %(u)s tindak lanjut atasan.") % {
        "f": result["feedback"], "u": result["follow_up"]})
    return redirect("evaluation:response_rates")
