"""Writes of the catalogue. Keyword-only, atomic, full_clean() before every save."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import recurrence
from .models import (
    Method,
    PlannedSession,
    Programme,
    ProgrammeCompetency,
    ProgrammeEligibility,
    Provider,
    RecurrenceRule,
    SuggestionRule,
)

METHOD_EDITABLE = ("name", "description", "jp_basis", "minutes_per_jp", "jp_per_unit", "effectiveness", "active")


def _assign(instance, data: Mapping[str, Any], fields: Iterable[str] | None = None) -> None:
    for key, value in data.items():
        if fields is None or key in fields:
            setattr(instance, key, value)


@transaction.atomic
def method_update(*, method: Method, agency, data: Mapping[str, Any]) -> Method:
    """Change a method's JP conversion/effectiveness for one agency.

    A national row (Peraturan LAN 10/2018 list) is never changed in place: the agency gets its own copy with the
    same code, and its programmes, mentoring programmes and rules move to the copy (copy-on-write).
    """
    if method.agency_id not in (None, agency.pk):
        raise ValidationError(_("Metode tidak ditemukan di instansi ini."))
    if method.agency_id is None:
        national = method
        method = Method(agency=agency, based_on=national, code=national.code, name=national.name,
                        route=national.route, description=national.description, jp_basis=national.jp_basis,
                        minutes_per_jp=national.minutes_per_jp, jp_per_unit=national.jp_per_unit,
                        effectiveness=national.effectiveness, source=national.source, active=national.active)
        _assign(method, data, METHOD_EDITABLE)
        method.full_clean()
        method.save()
        Programme.objects.filter(agency=agency, method=national).update(method=method)
        from renbang.mentoring.models import MentoringProgramme  # later app; the dependency is on data only

        MentoringProgramme.objects.filter(agency=agency, method=national).update(method=method)
        return method
    _assign(method, data, METHOD_EDITABLE)
    method.full_clean()
    method.save()
    return method


@transaction.atomic
def provider_save(*, agency, data: Mapping[str, Any], provider: Provider | None = None) -> Provider:
    provider = provider or Provider(agency=agency)
    _assign(provider, data)
    provider.agency = agency
    provider.full_clean()
    provider.save()
    return provider


def next_programme_code(agency) -> str:
    n = Programme.objects.filter(agency=agency).count() + 1
    while Programme.objects.filter(agency=agency, code=f"PRG-{n:04d}").exists():
        n += 1
    return f"PRG-{n:04d}"


@transaction.atomic
def programme_save(*, agency, data: Mapping[str, Any], targets: Iterable[tuple[Any, int]] | None = None,
                   position_types: Iterable[str] | None = None, programme: Programme | None = None) -> Programme:
    """Create or update a programme with its competencies (competency, uplift) and eligible position types."""
    programme = programme or Programme(agency=agency)
    _assign(programme, data)
    programme.agency = agency
    if not programme.code:
        programme.code = next_programme_code(agency)
    programme.full_clean()
    programme.save()
    if targets is not None:
        targets = list(targets)
        seen = set()
        for competency, _uplift in targets:
            if competency.pk in seen:
                raise ValidationError({"targets": _("Kompetensi %(code)s tercantum dua kali.") % {
                    "code": competency.code}})
            seen.add(competency.pk)
        programme.targets.exclude(competency_id__in=seen).delete()
        for competency, uplift in targets:
            row = ProgrammeCompetency.objects.filter(programme=programme, competency=competency).first()
            row = row or ProgrammeCompetency(programme=programme, competency=competency)
            row.uplift = uplift
            row.full_clean()
            row.save()
    if position_types is not None:
        wanted = set(position_types)
        programme.eligibilities.exclude(position_type__in=wanted).delete()
        have = set(programme.eligibilities.values_list("position_type", flat=True))
        for ptype in sorted(wanted - have):
            row = ProgrammeEligibility(programme=programme, position_type=ptype)
            row.full_clean()
            row.save()
    return programme


@transaction.atomic
def programme_delete(*, programme: Programme) -> None:
    programme.delete()


def training_days(jp) -> int:
    """How many training days a session of `jp` JP needs: ceil(JP / settings.RENBANG["JP_PER_TRAINING_DAY"]),
    at least one (a 410 JP leadership course runs for weeks, not 5 days). The catalogue places routine sessions
    with it (they must end within their year); delivery lays out every session's days with it."""
    per_day = max(1, int(settings.RENBANG["JP_PER_TRAINING_DAY"]))
    return max(1, math.ceil(Decimal(jp) / per_day))


@transaction.atomic
def recurrence_rule_save(*, programme: Programme, data: Mapping[str, Any],
                         rule: RecurrenceRule | None = None) -> RecurrenceRule:
    rule = rule or RecurrenceRule(programme=programme)
    _assign(rule, data)
    rule.programme = programme
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def planned_sessions_generate(*, rule: RecurrenceRule, year: int,
                              off: Mapping | None = None) -> list[PlannedSession]:
    """Create or move the rule's sessions of `year` (one per month of the pattern), avoiding public holidays; a
    session whose training days (`training_days`) would run into the next year starts early enough to end by 31
    December (a December session of a long programme moves back within December).

    Idempotent: re-running updates the dates in place (delivery may already point at a session) and removes
    months no longer in the pattern.
    """
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Tahun harus antara 2000 dan 2100.")})
    programme = rule.programme
    found = recurrence.occurrences(int(year), mode=rule.mode, weekday=rule.weekday, nth=rule.nth,
                                   day_of_month=rule.day_of_month, months=rule.months, off=off,
                                   n_days=training_days(programme.jp))
    months = {o.month for o in found}
    PlannedSession.objects.filter(rule=rule, year=year).exclude(month__in=months).delete()
    sessions = []
    for occ in found:
        session = PlannedSession.objects.filter(rule=rule, year=year, month=occ.month).first()
        session = session or PlannedSession(rule=rule, programme=programme, year=year, month=occ.month)
        session.date = occ.date
        session.capacity = rule.capacity or programme.capacity_per_session
        session.shifted_from = occ.shifted_from
        session.note = _shift_note(occ, year, programme.jp)
        session.full_clean()
        session.save()
        sessions.append(session)
    return sessions


def _shift_note(occ: recurrence.Occurrence, year: int, jp) -> str:
    if occ.fitted:
        return (_("Dimajukan dari %(date)s agar %(days)s hari pelatihan (%(jp)s JP) selesai dalam tahun %(year)s.")
                % {"date": occ.shifted_from.strftime("%d-%m-%Y"), "days": training_days(jp), "jp": jp,
                   "year": year})[:200]
    if occ.shifted_from:
        return (_("Digeser dari %(date)s: %(reason)s") % {
            "date": occ.shifted_from.strftime("%d-%m-%Y"), "reason": occ.reason})[:200]
    return ""


@transaction.atomic
def recurrence_rule_delete(*, rule: RecurrenceRule) -> None:
    PlannedSession.objects.filter(rule=rule).delete()
    rule.delete()


@transaction.atomic
def suggestion_rules_adopt(*, agency) -> list[SuggestionRule]:
    """Give the agency its own copy of the national rules (once), so that its edits stay its own."""
    own = list(SuggestionRule.objects.filter(agency=agency))
    if own:
        return own
    copies = []
    for rule in SuggestionRule.objects.filter(agency__isnull=True).order_by("order", "pk"):
        rule.pk = None
        rule.agency = agency
        rule.full_clean()
        rule.save()
        copies.append(rule)
    return copies


@transaction.atomic
def suggestion_rule_save(*, agency, data: Mapping[str, Any], rule: SuggestionRule | None = None) -> SuggestionRule:
    """Create or change an agency rule; a national rule is edited through the agency's copy of it."""
    suggestion_rules_adopt(agency=agency)
    if rule is not None and rule.agency_id is None:
        rule = SuggestionRule.objects.filter(agency=agency, name=rule.name).first()
        if rule is None:
            raise ValidationError(_("Aturan bawaan ini tidak ditemukan dalam salinan instansi."))
    elif rule is not None and rule.agency_id != agency.pk:
        raise ValidationError(_("Aturan tidak ditemukan di instansi ini."))
    rule = rule or SuggestionRule(agency=agency)
    _assign(rule, data)
    rule.agency = agency
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def suggestion_rule_delete(*, agency, rule: SuggestionRule) -> None:
    suggestion_rules_adopt(agency=agency)
    if rule.agency_id is None:
        rule = SuggestionRule.objects.filter(agency=agency, name=rule.name).first()
    if rule is not None and rule.agency_id == agency.pk:
        rule.delete()
