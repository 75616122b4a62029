"""Demo step: technical competencies per job family, the default table, career paths and a complete standard for
every position of the demo agency. Runs after the org and people steps; idempotent."""

from __future__ import annotations

from renbang.competencies import services
from renbang.competencies.models import Competency, CompetencyType, Indicator, Level
from renbang.core.demo import DEMO_AGENCY_CODE, DemoContext
from renbang.org.models import Agency, JobFamily

from .families import FAMILIES, GENERIC_INDICATORS, LEVEL_DESCRIPTIONS
from .more_families import MORE_FAMILIES, ORG_CODES

ALL_FAMILIES = FAMILIES + MORE_FAMILIES


def _match_families(agency) -> dict[str, JobFamily]:
    """The org demo's family for each group: by code or exact name first, then by a name keyword (a family
    claimed by one group is not given to another); missing ones are created."""
    families = list(JobFamily.objects.filter(agency=agency).order_by("pk"))
    matched: dict[str, JobFamily] = {}
    for code, name, _keywords, _items in ALL_FAMILIES:
        for family in families:
            if family.code.lower() in (code.lower(), ORG_CODES.get(code)) or family.name.lower() == name.lower():
                matched[code] = family
                break
    for code, name, keywords, _items in ALL_FAMILIES:
        if code in matched:
            continue
        taken = {f.pk for f in matched.values()}
        for keyword in keywords:
            found = next((f for f in families if f.pk not in taken and keyword in f.name.lower()), None)
            if found:
                matched[code] = found
                break
        else:
            matched[code], _ = JobFamily.objects.get_or_create(agency=agency, code=code, defaults={"name": name})
    return matched


def seed_technical(agency) -> int:
    families = _match_families(agency)
    existing = set(Competency.objects.filter(agency=agency).values_list("code", flat=True))
    created = 0
    for code, _name, _keywords, items in ALL_FAMILIES:
        family = families[code]
        for suffix, comp_name, definition, indicators in items:
            comp_code = f"T.{code}.{suffix}"
            if comp_code in existing:
                continue
            competency = Competency.objects.create(
                agency=agency, code=comp_code, name=comp_name, competency_type=CompetencyType.TECHNICAL,
                definition=definition, job_family=family, source="Data demo BKPSDM Kota Medan")
            topic = comp_name[0].lower() + comp_name[1:]
            levels = Level.objects.bulk_create([
                Level(competency=competency, level=n, description=LEVEL_DESCRIPTIONS[n - 1].format(topic=topic))
                for n in range(1, 6)])
            Indicator.objects.bulk_create([
                Indicator(level=level, order=order, text=text)
                for level in levels
                for order, text in enumerate((indicators[level.level - 1], GENERIC_INDICATORS[level.level - 1]),
                                             start=1)])
            created += 1
    return created


def seed(ctx: DemoContext) -> None:
    agency = ctx.agency or Agency.objects.filter(code=DEMO_AGENCY_CODE).first()
    if agency is None:
        ctx.log("  competencies: tidak ada instansi demo; dilewati.")
        return
    created = seed_technical(agency)
    services.standard_defaults_ensure(agency=agency)
    careers = services.career_apply_defaults(agency=agency, only_empty=True)
    result = services.standard_bulk_apply(agency=agency)
    ctx.shared["competencies"] = {"technical_created": created}
    ctx.log(f"  competencies: {created} kompetensi teknis, {careers} jalur karier, "
            f"{result.created} baris standar untuk {result.positions} jabatan")
