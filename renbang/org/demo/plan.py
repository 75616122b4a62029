"""The Kota Medan organisation as plain data (no database): units, positions and career ladders.

Pure and independent of --seed, so the people step (and tests) can rebuild the same plan in memory and
match it to the database by unit code and position name.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from dataclasses import dataclass, field

from renbang.org.models import SENIORITY, PositionLevel, PositionType, UnitKind

from . import medan
from .positions import FUNCTIONAL, JOB_FAMILIES, PELAKSANA, TEMPLATES, functional_name

RESTRUCTURED_ON = dt.date(2023, 1, 1)  # the Dec 2022 Perda took effect with the 2023 budget year (illustrative)

JPT, ADM, PGW, PLK = PositionType.JPT, PositionType.ADMINISTRATOR, PositionType.SUPERVISORY, PositionType.EXECUTIVE
AHLI_T, TRAMPIL_T = PositionType.FUNCTIONAL_EXPERT, PositionType.FUNCTIONAL_SKILLED


@dataclass(frozen=True)
class PositionSpec:
    name: str
    position_type: str
    level: str
    family: str

    @property
    def seniority(self) -> int:
        return SENIORITY.get((self.position_type, self.level), 1)


@dataclass
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: str | None
    family: str
    head: str | None = None  # position name of the unit's head
    deputy: str | None = None  # a second fixed post (sekretaris kecamatan/kelurahan)
    staff: str | None = None  # staffing template (positions.TEMPLATES)
    series: tuple[str, ...] = ()  # the OPD's own functional/pelaksana series added to "kantor" staff
    weight: float = 1.0  # relative size within the template's category
    reports_to: str | None = None  # whose head supervises this unit's people when not the parent's
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    replaced_by: str | None = None
    key: bool = False  # filled first even in a tiny demo: the demo accounts are linked to these people

    @property
    def closed(self) -> bool:
        return self.valid_to is not None


@dataclass
class OrgPlan:
    units: list[UnitSpec] = field(default_factory=list)
    positions: dict[str, PositionSpec] = field(default_factory=dict)
    ladders: list[tuple[str, str]] = field(default_factory=list)

    def by_code(self) -> dict[str, UnitSpec]:
        return {u.code: u for u in self.units}

    # -- building helpers -------------------------------------------------------------------------------
    def position(self, name: str, position_type: str, level: str, family: str) -> str:
        self.positions.setdefault(name, PositionSpec(name, position_type, level, family))
        return name

    def unit(self, code: str, name: str, kind: str, parent: str | None, family: str, **extra) -> UnitSpec:
        spec = UnitSpec(code=code, name=name, kind=kind, parent=parent, family=family, **extra)
        self.units.append(spec)
        return spec


OPD_KIND = {"dinas": UnitKind.OFFICE, "badan": UnitKind.BOARD, "satuan": UnitKind.AGENCY_UNIT,
            "inspektorat": UnitKind.INSPECTORATE, "setwan": UnitKind.DPRD_SECRETARIAT}
#: Posts filled even in a small demo (tests seed 400 people), so each demo account has someone fitting to link to:
#: the BKPSDM competency-development field with a widyaiswara (admin, facilitator) and Disdikbud's HR subdivision.
KEY_POSTS: dict[str, dict] = {
    "bkpsdm.b3": {"key": True, "deputy": "Widyaiswara Ahli Madya"},
    "disdikbud.sekr": {"key": True},
    "disdikbud.sekr.umum": {"key": True},
}
SECRETARY = {"dinas": "Sekretaris Dinas", "badan": "Sekretaris Badan", "inspektorat": "Sekretaris Inspektorat",
             "satuan": "Sekretaris Satuan Polisi Pamong Praja"}


@functools.cache
def build_plan() -> OrgPlan:
    plan = OrgPlan()
    _functional_and_pelaksana(plan)
    _setda(plan)
    for opd in medan.OPDS:
        _opd(plan, *opd)
    _hospitals(plan)
    _health_centres_and_schools(plan)
    _districts(plan)
    _closed_units(plan)
    plan.ladders = _ladders(plan)
    return plan


def _functional_and_pelaksana(plan: OrgPlan) -> None:
    for series, (family, ahli, terampil) in FUNCTIONAL.items():
        for level in ahli:
            plan.position(functional_name(series, "ahli", level), AHLI_T, level, family)
        for level in terampil:
            plan.position(functional_name(series, "terampil", level), TRAMPIL_T, level, family)
    for name, (family, _education) in PELAKSANA.items():
        plan.position(name, PLK, PositionLevel.NONE, family)
    # Kepala sekolah is a guru with an extra task (Permendikbud 40/2021), shown as its own post so the demo
    # tree has a head per school; its level is that of the guru who usually holds it.
    plan.position("Kepala Sekolah", AHLI_T, PositionLevel.MADYA, "pendidikan")


def _setda(plan: OrgPlan) -> None:
    sekda = plan.position("Sekretaris Daerah", JPT, PositionLevel.MADYA, "pemerintahan")
    plan.unit("setda", "Sekretariat Daerah", UnitKind.SECRETARIAT, None, "pemerintahan", head=sekda)
    for i, (assistant, sections) in enumerate(medan.SETDA, 1):
        code = f"setda.as{i}"
        head = plan.position(assistant, JPT, PositionLevel.PRATAMA, "pemerintahan")
        # there is no "asisten" unit kind: OTHER keeps the tree honest without inventing one
        plan.unit(code, assistant, UnitKind.OTHER, "setda", "pemerintahan", head=head)
        for j, (bagian, family, subs) in enumerate(sections, 1):
            bcode = f"{code}.bag{j}"
            plan.unit(bcode, bagian, UnitKind.DIVISION, code, family,
                      head=plan.position(f"Kepala {bagian}", ADM, "", family))
            for k, sub in enumerate(subs, 1):
                plan.unit(f"{bcode}.sub{k}", sub, UnitKind.SUBDIVISION, bcode, family,
                          head=plan.position(f"Kepala {sub}", PGW, "", family), staff="kantor",
                          series=tuple(medan.SETDA_STAFF.get(family, ())))


def _opd(plan: OrgPlan, code, name, kind, family, head, fields, series) -> None:
    head = head or f"Kepala {name}"
    formed = code in medan.FORMED_2022
    plan.unit(code, name, OPD_KIND[kind], None, family, reports_to="setda",
              head=plan.position(head, JPT, PositionLevel.PRATAMA, family),
              valid_from=RESTRUCTURED_ON if formed else None)
    series = tuple(series)
    if kind != "setwan":  # the Sekretariat DPRD is itself a secretariat: its bagian hang directly below it
        sek = f"{code}.sekr"
        plan.unit(sek, "Sekretariat", UnitKind.SECRETARIAT_UNIT, code, "adum",
                  head=plan.position(SECRETARY[kind], ADM, "", "adum"), **KEY_POSTS.get(sek, {}))
        plan.unit(f"{sek}.umum", "Subbagian Umum dan Kepegawaian", UnitKind.SUBDIVISION, sek, "adum",
                  head=plan.position("Kepala Subbagian Umum dan Kepegawaian", PGW, "", "adum"), staff="subbag_umum",
                  **KEY_POSTS.get(f"{sek}.umum", {}))
        plan.unit(f"{sek}.keu", "Subbagian Keuangan dan Aset", UnitKind.SUBDIVISION, sek, "keuangan",
                  head=plan.position("Kepala Subbagian Keuangan dan Aset", PGW, "", "keuangan"),
                  staff="subbag_keuangan")
    staff = {"satpolpp": "trantib", "damkar": "damkar"}.get(code, "kantor")
    for i, (field_name, sections) in enumerate(fields, 1):
        fcode = f"{code}.b{i}"
        if kind == "inspektorat":  # "Inspektur Pembantu Wilayah I" heads the "Inspektorat Pembantu Wilayah I"
            unit_name, head_name = field_name.replace("Inspektur", "Inspektorat"), field_name
        else:
            unit_name, head_name = field_name, f"Kepala {field_name}"
        field_kind = UnitKind.DIVISION if kind == "setwan" else UnitKind.FIELD
        plan.unit(fcode, unit_name, field_kind, code, family, head=plan.position(head_name, ADM, "", family),
                  staff=None if sections else staff, series=series, **KEY_POSTS.get(fcode, {}))
        for j, section in enumerate(sections, 1):
            section_kind = UnitKind.SUBDIVISION if kind == "setwan" else UnitKind.SECTION
            weight = 2.0 if code == "satpolpp" and "Operasi" in section else 1.0
            plan.unit(f"{fcode}.s{j}", section, section_kind, fcode, family,
                      head=plan.position(f"Kepala {section}", PGW, "", family), staff=staff, series=series,
                      weight=weight)
    for i, (_opd_code, upt_name, template) in enumerate([u for u in medan.UPTS if u[0] == code], 1):
        plan.unit(f"{code}.upt{i}", upt_name, UnitKind.TECHNICAL_UNIT, code, family,
                  head=plan.position(f"Kepala {upt_name}", PGW, "", family), staff=template,
                  series=series if template == "kantor" else (), weight=3.0 if template == "damkar" else 1.0)


def _hospitals(plan: OrgPlan) -> None:
    code = "rsud-pirngadi"
    plan.unit(code, "RSUD dr. Pirngadi", UnitKind.HOSPITAL, None, "kesehatan", reports_to="setda",
              head=plan.position("Direktur RSUD dr. Pirngadi", JPT, PositionLevel.PRATAMA, "kesehatan"))
    plan.unit(f"{code}.bag1", "Bagian Umum dan Kepegawaian", UnitKind.DIVISION, code, "adum",
              head=plan.position("Kepala Bagian Umum dan Kepegawaian RSUD", ADM, "", "adum"), staff="subbag_umum")
    plan.unit(f"{code}.bag2", "Bagian Keuangan", UnitKind.DIVISION, code, "keuangan",
              head=plan.position("Kepala Bagian Keuangan RSUD", ADM, "", "keuangan"), staff="subbag_keuangan")
    fields = [("Bidang Pelayanan Medis", ["Seksi Pelayanan Medis Rawat Jalan", "Seksi Pelayanan Medis Rawat Inap"]),
              ("Bidang Keperawatan", ["Seksi Asuhan Keperawatan", "Seksi Mutu dan Etika Keperawatan"]),
              ("Bidang Penunjang Medis dan Nonmedis", ["Seksi Penunjang Medis", "Seksi Penunjang Nonmedis"])]
    for i, (field_name, sections) in enumerate(fields, 1):
        fcode = f"{code}.b{i}"
        plan.unit(fcode, field_name, UnitKind.FIELD, code, "kesehatan",
                  head=plan.position(f"Kepala {field_name}", ADM, "", "kesehatan"))
        for j, section in enumerate(sections, 1):
            plan.unit(f"{fcode}.s{j}", section, UnitKind.SECTION, fcode, "kesehatan",
                      head=plan.position(f"Kepala {section}", PGW, "", "kesehatan"), staff="kantor",
                      series=("Administrator Kesehatan",))
    # Instalasi are led by a doctor with an extra task, not a structural post: their staff report to a bidang.
    wards = [("Instalasi Rawat Jalan", "b1", "rsud", 2.5), ("Instalasi Rawat Inap", "b2", "rsud", 5.0),
             ("Instalasi Gawat Darurat", "b1", "rsud", 2.0), ("Instalasi Bedah Sentral", "b1", "rsud", 1.5),
             ("Instalasi Laboratorium", "b3", "rs_penunjang", 1.0), ("Instalasi Farmasi", "b3", "rs_penunjang", 1.0)]
    for i, (ward, field_code, template, weight) in enumerate(wards, 1):
        plan.unit(f"{code}.ins{i}", ward, UnitKind.OTHER, code, "kesehatan", staff=template, weight=weight,
                  reports_to=f"{code}.{field_code}")
    code = "rsud-bachtiar"
    plan.unit(code, "RSUD H. Bachtiar Djafar", UnitKind.HOSPITAL, None, "kesehatan", reports_to="setda",
              head=plan.position("Direktur RSUD H. Bachtiar Djafar", ADM, "", "kesehatan"))
    plan.unit(f"{code}.tu", "Subbagian Tata Usaha RSUD H. Bachtiar Djafar", UnitKind.SUBDIVISION, code, "adum",
              head=plan.position("Kepala Subbagian Tata Usaha RSUD H. Bachtiar Djafar", PGW, "", "adum"),
              staff="subbag_umum")
    plan.unit(f"{code}.s1", "Seksi Pelayanan dan Penunjang Medis", UnitKind.SECTION, code, "kesehatan",
              head=plan.position("Kepala Seksi Pelayanan dan Penunjang Medis", PGW, "", "kesehatan"),
              staff="rs_penunjang", weight=0.8)
    plan.unit(f"{code}.s2", "Seksi Keperawatan", UnitKind.SECTION, code, "kesehatan",
              head=plan.position("Kepala Seksi Keperawatan", PGW, "", "kesehatan"))
    for i, (ward, weight) in enumerate([("Instalasi Rawat Jalan", 1.0), ("Instalasi Rawat Inap", 1.5),
                                        ("Instalasi Gawat Darurat", 0.8)], 1):
        plan.unit(f"{code}.ins{i}", ward, UnitKind.OTHER, code, "kesehatan", staff="rsud", weight=weight,
                  reports_to=f"{code}.s2")


def _health_centres_and_schools(plan: OrgPlan) -> None:
    head = plan.position("Kepala UPT Puskesmas", PGW, "", "kesehatan")
    for i, name in enumerate(medan.PUSKESMAS, 1):
        plan.unit(f"dinkes.pkm{i:02d}", f"UPT Puskesmas {name}", UnitKind.HEALTH_CENTRE, "dinkes", "kesehatan",
                  head=head, staff="puskesmas")
    for number in medan.sd_numbers():
        plan.unit(f"disdikbud.sd{number:06d}", f"SD Negeri {number:06d}", UnitKind.SCHOOL, "disdikbud",
                  "pendidikan", head="Kepala Sekolah", staff="sd", reports_to="disdikbud.b1")
    for number in range(1, medan.SMP_COUNT + 1):
        plan.unit(f"disdikbud.smp{number:02d}", f"SMP Negeri {number} Medan", UnitKind.SCHOOL, "disdikbud",
                  "pendidikan", head="Kepala Sekolah", staff="smp", weight=1.8, reports_to="disdikbud.b2")


def _districts(plan: OrgPlan) -> None:
    camat = plan.position("Camat", ADM, "", "pemerintahan")
    sekcam = plan.position("Sekretaris Kecamatan", ADM, "", "pemerintahan")
    lurah = plan.position("Lurah", PGW, "", "pemerintahan")
    sekkel = plan.position("Sekretaris Kelurahan", PGW, "", "pemerintahan")
    for i, (district, villages) in enumerate(medan.KECAMATAN, 1):
        code = f"kec{i:02d}"
        plan.unit(code, f"Kecamatan {district}", UnitKind.DISTRICT, None, "pemerintahan", head=camat, deputy=sekcam,
                  staff="kecamatan", reports_to="setda")
        for j, section in enumerate(medan.KECAMATAN_SEKSI, 1):
            plan.unit(f"{code}.s{j}", section, UnitKind.SECTION, code, "pemerintahan",
                      head=plan.position(f"Kepala {section} Kecamatan", PGW, "", "pemerintahan"),
                      staff="kecamatan", weight=0.5)
        for j, village in enumerate(villages, 1):
            plan.unit(f"{code}.kel{j:02d}", f"Kelurahan {village}", UnitKind.VILLAGE, code, "pemerintahan",
                      head=lurah, deputy=sekkel, staff="kelurahan")


def _closed_units(plan: OrgPlan) -> None:
    end = RESTRUCTURED_ON - dt.timedelta(days=1)
    for code, name, kind, successor in medan.CLOSED_2022:
        plan.unit(code, name, OPD_KIND[kind], None, plan.by_code()[successor].family, valid_to=end,
                  replaced_by=successor)


def _ladders(plan: OrgPlan) -> list[tuple[str, str]]:
    """next_positions pairs: functional jenjang, unit tree (head → head above), pelaksana → head of their unit."""
    pairs: dict[tuple[str, str], None] = {}
    for series, (_family, ahli, terampil) in FUNCTIONAL.items():
        chain = [functional_name(series, "terampil", lv) for lv in terampil]
        for low, high in itertools.pairwise(chain):
            pairs[(low, high)] = None
        expert = [functional_name(series, "ahli", lv) for lv in ahli]
        for low, high in itertools.pairwise(expert):
            pairs[(low, high)] = None
        if chain and expert:  # perpindahan from keterampilan to keahlian after a degree
            pairs[(chain[-1], expert[0])] = None
    units = plan.by_code()
    positions = plan.positions
    for unit in plan.units:
        if unit.closed:
            continue
        above = units.get(unit.reports_to or unit.parent or "")
        if unit.head and above and above.head:
            low, high = positions[unit.head], positions[above.head]
            if 0 < high.seniority - low.seniority <= 1:
                pairs[(low.name, high.name)] = None
        if unit.head and unit.deputy:
            pairs[(unit.deputy, unit.head)] = None
        if unit.head and unit.staff:
            head = positions[unit.head]
            for name, kind, _weight in TEMPLATES[unit.staff]:
                if not kind and positions[name].family == head.family and head.position_type == PGW:
                    pairs[(name, head.name)] = None
    jpt_by_family: dict[str, list[str]] = {}
    for spec in positions.values():
        if spec.position_type == JPT and spec.level == PositionLevel.PRATAMA:
            jpt_by_family.setdefault(spec.family, []).append(spec.name)
    for spec in positions.values():  # administrators may rise to a JPT pratama of their own family
        if spec.position_type == ADM:
            for target in jpt_by_family.get(spec.family, [])[:3]:
                pairs[(spec.name, target)] = None
    pairs[("Guru Ahli Muda", "Kepala Sekolah")] = None
    pairs[("Kepala Sekolah", "Pengawas Sekolah Ahli Madya")] = None
    pairs[("Dokter Ahli Muda", "Kepala UPT Puskesmas")] = None
    assert set(JOB_FAMILIES) >= {p.family for p in positions.values()}
    return list(pairs)
