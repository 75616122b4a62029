"""Reads of mentoring, through the scoping path."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from renbang.accounts.scoping import for_user

from .models import Feedback, Log, MentoringProgramme, Pair, Participant

#: Lookups (to the mentee) of the mentoring models: for these the mentor's grant is exact (their own pairs).
_PAIR_LOOKUPS = {"mentee": "mentor", "pair__mentee": "pair__mentor"}


def mentor_grant(user, employee_lookup: str) -> Q | None:
    """Extra visibility for mentors (scoping.register_grant): their pairs, logs, feedback and mentees' records."""
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return None
    if employee_lookup in _PAIR_LOOKUPS:
        return Q(**{_PAIR_LOOKUPS[employee_lookup]: employee_id})
    mentees = Pair.objects.filter(mentor_id=employee_id).exclude(status=Pair.Status.REMOVED).values("mentee_id")
    key = "pk__in" if employee_lookup == "pk" else f"{employee_lookup}__in"
    return Q(**{key: mentees})


def programme_list_for_user(user):
    return for_user(MentoringProgramme.objects.all(), user).select_related("method").annotate(
        n_mentors=Count("participants", filter=Q(participants__role=Participant.Role.MENTOR), distinct=True),
        n_mentees=Count("participants", filter=Q(participants__role=Participant.Role.MENTEE), distinct=True),
        n_pairs=Count("pairs", filter=~Q(pairs__status=Pair.Status.REMOVED), distinct=True),
    ).order_by("-start_date", "title")


def programme_for_user(user, pk: int) -> MentoringProgramme | None:
    return for_user(MentoringProgramme.objects.all(), user).select_related("method").filter(pk=pk).first()


def pairs_for_user(user, *, programme=None, include_removed: bool = False):
    qs = for_user(Pair.objects.all(), user).select_related(
        "programme", "mentor__position", "mentor__unit", "mentee__position", "mentee__unit")
    if programme is not None:
        qs = qs.filter(programme=programme)
    if not include_removed:
        qs = qs.exclude(status=Pair.Status.REMOVED)
    return qs.annotate(n_logs=Count("logs"), total_jp=Sum("logs__jp")).order_by("mentor__name", "mentee__name", "pk")


def my_pairs(user):
    """The pairs a user takes part in, as mentor or mentee."""
    if not user.employee_id:
        return Pair.objects.none()
    return pairs_for_user(user).filter(Q(mentor_id=user.employee_id) | Q(mentee_id=user.employee_id))


def pair_for_user(user, pk: int) -> Pair | None:
    return for_user(Pair.objects.all(), user).select_related(
        "programme__method", "mentor__position", "mentor__unit", "mentee__position", "mentee__unit",
    ).filter(pk=pk).first()


def logs_for_user(user, pair=None):
    qs = for_user(Log.objects.all(), user).select_related("pair__mentor", "pair__mentee")
    return qs.filter(pair=pair) if pair is not None else qs


def feedback_for_user(user, pair=None):
    qs = for_user(Feedback.objects.all(), user)
    return qs.filter(pair=pair) if pair is not None else qs
