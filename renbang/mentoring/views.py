from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renbang.accounts.scoping import for_user

from . import selectors, services
from .forms import FeedbackForm, LogForm, PairAddForm, ParticipantsForm, ProgrammeForm
from .levels import get_provider
from .models import MentoringProgramme, Pair, Participant


def _errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@permission_required("mentoring.view_mentoring", raise_exception=True)
def programme_list(request):
    programmes = selectors.programme_list_for_user(request.user)
    mine = selectors.my_pairs(request.user)
    return render(request, "mentoring/programme_list.html", {"programmes": programmes, "my_pairs": mine})


@permission_required("mentoring.manage", raise_exception=True)
def programme_edit(request, pk: int | None = None):
    programme = None
    if pk is not None:
        programme = for_user(MentoringProgramme.objects.all(), request.user, "change").filter(pk=pk).first()
        if programme is None:
            raise Http404
    form = ProgrammeForm(request.POST or None, instance=programme, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "competencies"}
        try:
            saved = services.programme_save(agency=request.user.agency, data=data, programme=programme,
                                            competencies=form.cleaned_data["competencies"])
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Program mentoring tersimpan."))
            return redirect("mentoring:programme_detail", saved.pk)
    return render(request, "mentoring/programme_form.html", {"form": form, "programme": programme})


@permission_required("mentoring.view_mentoring", raise_exception=True)
def programme_detail(request, pk: int):
    programme = selectors.programme_for_user(request.user, pk)
    if programme is None:
        raise Http404
    manage = request.user.has_perm("mentoring.manage")
    pairs = selectors.pairs_for_user(request.user, programme=programme, include_removed=manage)
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    participants = for_user(programme.participants.all(), request.user).select_related(
        "employee__position", "employee__unit")
    counts = {role: programme.participants.filter(role=role).count() for role in Participant.Role.values}
    return render(request, "mentoring/programme_detail.html", {
        "programme": programme, "page_obj": page, "manage": manage,
        "participants": participants[:200] if manage else participants.none(),
        "counts": counts, "competencies": programme.competencies.order_by("code"),
        "participants_form": ParticipantsForm() if manage else None,
        "pair_form": PairAddForm(programme=programme) if manage else None,
        "level_source": _level_source(programme) if manage else "",
    })


def _level_source(programme) -> str:
    return get_provider()(agency_id=programme.agency_id, mentors=[], mentees=[], competencies=[]).source


def _managed(request, pk):
    programme = for_user(MentoringProgramme.objects.all(), request.user, "change").filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


@require_POST
@permission_required("mentoring.manage", raise_exception=True)
def participants_add(request, pk: int):
    programme = _managed(request, pk)
    form = ParticipantsForm(request.POST)
    if form.is_valid():
        added, problems = services.participants_add(programme=programme, role=form.cleaned_data["role"],
                                                    nips=form.cleaned_data["nips"],
                                                    capacity=form.cleaned_data.get("capacity"))
        if added:
            messages.success(request, _("%(n)s peserta ditambahkan.") % {"n": len(added)})
        for problem in problems[:20]:
            messages.warning(request, problem)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("mentoring:programme_detail", pk)


@require_POST
@permission_required("mentoring.manage", raise_exception=True)
def participant_remove(request, pk: int, participant_pk: int):
    programme = _managed(request, pk)
    participant = programme.participants.filter(pk=participant_pk).first()
    if participant is None:
        raise Http404
    if programme.pairs.exclude(status=Pair.Status.PROPOSED).filter(
            **{participant.role: participant.employee}).exclude(status=Pair.Status.REMOVED).exists():
        messages.error(request, _("Peserta masih dalam pasangan yang dikunci; hapus pasangannya dahulu."))
    else:
        services.participant_remove(participant=participant)
        messages.success(request, _("Peserta dihapus dari program."))
    return redirect("mentoring:programme_detail", pk)


@require_POST
@permission_required("mentoring.manage", raise_exception=True)
def programme_match(request, pk: int):
    programme = _managed(request, pk)
    created = services.programme_match(programme=programme)
    messages.success(request, _("Pemasangan optimal selesai: %(n)s pasangan baru diusulkan.") % {"n": len(created)})
    return redirect("mentoring:programme_detail", pk)


@require_POST
@permission_required("mentoring.manage", raise_exception=True)
def pair_add(request, pk: int):
    programme = _managed(request, pk)
    form = PairAddForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            services.pair_add(programme=programme, mentor=form.cleaned_data["mentor"],
                              mentee=form.cleaned_data["mentee"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Pasangan ditambahkan dan dikunci."))
    else:
        messages.error(request, _("Pilih mentor dan mentee dari peserta program."))
    return redirect("mentoring:programme_detail", pk)


@require_POST
@permission_required("mentoring.manage", raise_exception=True)
def pair_action(request, pair_pk: int, action: str):
    pair = for_user(Pair.objects.all(), request.user, "change").filter(pk=pair_pk).first()
    if pair is None or action not in ("lock", "unlock", "remove"):
        raise Http404
    try:
        {"lock": services.pair_lock, "unlock": services.pair_unlock, "remove": services.pair_remove}[action](
            pair=pair)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, {"lock": _("Pasangan dikunci."), "unlock": _("Kunci pasangan dibuka."),
                                   "remove": _("Pasangan dihapus; tidak akan diusulkan lagi.")}[action])
    return redirect("mentoring:programme_detail", pair.programme_id)


@permission_required("mentoring.view_mentoring", raise_exception=True)
def pair_detail(request, pair_pk: int):
    pair = selectors.pair_for_user(request.user, pair_pk)
    if pair is None:
        raise Http404
    can_log = services.can_write_log(request.user, pair) and pair.status != Pair.Status.REMOVED
    side = "mentor" if request.user.employee_id == pair.mentor_id else (
        "mentee" if request.user.employee_id == pair.mentee_id else None)
    log_form = LogForm(request.POST or None, prefix="log") if can_log else None
    feedback_form = FeedbackForm(request.POST or None, prefix="fb") if side else None
    status = 200
    if request.method == "POST":
        if "log-topic" in request.POST and log_form is not None:
            if log_form.is_valid():
                try:
                    log = services.log_create(pair=pair, user=request.user, data=log_form.cleaned_data)
                except ValidationError as exc:
                    _errors(log_form, exc)
                else:
                    messages.success(request, _("Catatan tersimpan (%(jp)s JP).") % {"jp": log.jp})
                    return redirect("mentoring:pair_detail", pair.pk)
            status = 400
        elif "fb-rating" in request.POST and feedback_form is not None:
            if feedback_form.is_valid():
                services.feedback_submit(pair=pair, user=request.user, **feedback_form.cleaned_data)
                messages.success(request, _("Terima kasih, umpan balik tersimpan."))
                return redirect("mentoring:pair_detail", pair.pk)
            status = 400
        else:
            status = 400
    logs = selectors.logs_for_user(request.user, pair)
    return render(request, "mentoring/pair_detail.html", {
        "pair": pair, "logs": logs, "log_form": log_form, "feedback_form": feedback_form, "side": side,
        "feedback": selectors.feedback_for_user(request.user, pair),
        "total_jp": sum(log.jp for log in logs),
    }, status=status)


@require_POST
@permission_required("mentoring.write_log", raise_exception=True)
def log_delete(request, log_pk: int):
    log = selectors.logs_for_user(request.user).filter(pk=log_pk).first()
    if log is None:
        raise Http404
    try:
        services.log_delete(log=log, user=request.user)
    except PermissionError:
        messages.error(request, _("Hanya pencatat atau admin BKPSDM yang dapat menghapus catatan ini."))
    else:
        messages.success(request, _("Catatan dihapus."))
    return redirect("mentoring:pair_detail", log.pair_id)

