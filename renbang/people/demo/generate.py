"""Generate the Kota Medan workforce in memory (plain data, no database): heads, staff, NIPs, ranks, SKP.

Pure: the same plan, count, random stream and reference date give the same people, so determinism can be
tested without a database and the writer (people/demo/__init__.py) only maps codes to ids.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
from dataclasses import dataclass, field

from renbang.org.demo.plan import OrgPlan, PositionSpec, UnitSpec
from renbang.org.demo.positions import CATEGORY_OF_TEMPLATE, CATEGORY_SHARE, FUNCTIONAL, PELAKSANA, TEMPLATES
from renbang.org.demo.positions import functional_name as fname
from renbang.org.models import PositionType as PT
from renbang.people.nip import make_nip

from . import names

PNS, CPNS, PPPK, PPPK_PW = "pns", "cpns", "pppk", "pppk_pw"
HEAD_SHARE = 0.25  # with few employees, at most a quarter are heads (filled top-down), the rest staff
PPPK_CODE = 21  # NI PPPK digits 13–14 as seen on issued numbers ("…YYYY21…"); their meaning is disputed


@dataclass
class PersonSpec:
    nip: str
    name: str
    front_title: str
    back_title: str
    sex: str
    birth_date: dt.date
    status: str
    rank: str
    unit: str  # unit code
    position: str  # position name
    position_since: dt.date
    education: str
    education_major: str
    supervisor: int | None = None  # index into the generated list
    level: int = 0  # 0 = no supervisor; insertion order for the database
    performance: list[tuple[int, str, str, str]] = field(default_factory=list)


def generate(plan: OrgPlan, count: int, rng: random.Random, ref: dt.date) -> list[PersonSpec]:
    """`count` employees for `plan` as of `ref` (appointments and SKP years are before it)."""
    maker = _Maker(plan, rng, ref)
    return maker.run(count)


class _Maker:
    def __init__(self, plan: OrgPlan, rng: random.Random, ref: dt.date):
        self.plan, self.rng, self.ref = plan, rng, ref
        self.units = {u.code: u for u in plan.units if not u.closed}
        self.head_of: dict[str, int] = {}
        self.people: list[PersonSpec] = []
        self.sequences: dict[str, int] = {}
        self._depth: dict[str, int] = {}

    # -- structure ----------------------------------------------------------------------------------------
    def above(self, unit: UnitSpec) -> UnitSpec | None:
        return self.units.get(unit.reports_to or unit.parent or "")

    def depth(self, unit: UnitSpec) -> int:
        if unit.code not in self._depth:
            up = self.above(unit)
            self._depth[unit.code] = 0 if up is None else self.depth(up) + 1
        return self._depth[unit.code]

    def boss(self, unit: UnitSpec | None) -> int | None:
        """The nearest assigned head at or above `unit` (along reports_to, else parent)."""
        while unit is not None:
            if unit.code in self.head_of:
                return self.head_of[unit.code]
            unit = self.above(unit)
        return None

    def run(self, count: int) -> list[PersonSpec]:
        posts = []
        for order, unit in enumerate(self.units.values()):
            if unit.head:
                posts.append((self.depth(unit), 0, order, unit, unit.head, True))
            if unit.deputy:
                posts.append((self.depth(unit), 1, order, unit, unit.deputy, False))
        posts.sort(key=lambda p: p[:3])
        if count <= 0:
            return []
        budget = min(len(posts), max(1, int(count * HEAD_SHARE)))
        key = [p for p in posts if p[3].key]
        rest = [p for p in posts if not p[3].key]
        # key posts (see plan.KEY_POSTS) only once the very top can be filled too
        chosen = key + rest[:budget - len(key)] if budget > 2 * len(key) else rest[:budget]
        chosen.sort(key=lambda p: p[:3])  # top-down, so each head finds the heads above already placed
        for _depth, _deputy, _order, unit, position, is_head in chosen:
            supervisor = self.boss(unit) if not is_head else self.boss(self.above(unit))
            index = self.add(unit, self.plan.positions[position], supervisor, head=True)
            if is_head:
                self.head_of[unit.code] = index
        for unit, position in self.draw_staff(count - len(self.people)):
            self.add(unit, position, self.boss(unit), head=False)
        return self.people

    def draw_staff(self, count: int) -> list[tuple[UnitSpec, PositionSpec]]:
        if count <= 0:
            return []
        slots: list[tuple[UnitSpec, str, str]] = []
        weights: list[float] = []
        staffed = [u for u in self.units.values() if u.staff]
        category_total: dict[str, float] = {}
        for unit in staffed:
            category = CATEGORY_OF_TEMPLATE.get(unit.staff, "kantor")
            category_total[category] = category_total.get(category, 0.0) + unit.weight
        for unit in staffed:
            entries = list(TEMPLATES[unit.staff])
            if unit.staff == "kantor":  # offices also employ their OPD's own functional series
                for series in unit.series:
                    if series in PELAKSANA:
                        entries.append((series, "", 6))
                    else:
                        _family, ahli, terampil = FUNCTIONAL[series]
                        entries += [(series, "ahli", 8)] * bool(ahli) + [(series, "terampil", 5)] * bool(terampil)
            category = CATEGORY_OF_TEMPLATE.get(unit.staff, "kantor")
            unit_share = CATEGORY_SHARE[category] * unit.weight / category_total[category]
            template_total = sum(w for _n, _k, w in entries)
            for name, kind, weight in entries:
                slots.append((unit, name, kind))
                weights.append(unit_share * weight / template_total)
        drawn = self.rng.choices(slots, weights=weights, k=count)
        result = []
        for unit, name, kind in drawn:
            if not kind:
                result.append((unit, self.plan.positions[name]))
                continue
            _family, ahli, terampil = FUNCTIONAL[name]
            levels = ahli if kind == "ahli" else terampil
            table = AHLI_LEVELS if kind == "ahli" else TERAMPIL_LEVELS
            level = self.rng.choices(levels, weights=[table[lv] for lv in levels])[0]
            result.append((unit, self.plan.positions[fname(name, kind, level)]))
        return result

    # -- one person ------------------------------------------------------------------------------------------
    def add(self, unit: UnitSpec, position: PositionSpec, supervisor: int | None, *, head: bool) -> int:
        rng = self.rng
        status = PNS if head else self.status(position)
        sex = "P" if rng.random() < _female_share(position) else "L"
        low, high = _age_range(position)
        if status == CPNS:
            low, high = 22, 34
        age = _retirement_wave(rng.randint(low, high), low, high, self.ref.year, status)
        birth = self.ref - dt.timedelta(days=365 * age + rng.randint(0, 364))
        education, front, back, major = self.education(position, sex, birth.year)
        if status in (PPPK, PPPK_PW):
            year = 2025 if status == PPPK_PW else rng.choices(range(2021, 2026), weights=[4, 2, 2, 2, 1])[0]
            year = min(year, self.ref.year - 1)
            if birth.year + 20 > year:  # PPPK applicants are at least 20
                birth = birth.replace(year=year - 20 - rng.randint(0, 5), day=min(birth.day, 28))
            appointment: tuple[int, int] = (year, PPPK_CODE)
            start = dt.date(year, rng.choice((3, 4, 10)), 1)
        else:
            if status == CPNS:
                months_ago = rng.randint(1, 11)
                total = self.ref.year * 12 + self.ref.month - 1 - months_ago
                appointment = (total // 12, total % 12 + 1)
            else:
                entry = min(rng.randint(*ENTRY_AGE[education]), max(19, (self.ref.year - birth.year) - 1))
                appointment = (birth.year + max(entry, 19), rng.choice((1, 2, 3, 3, 4, 12)))
            start = dt.date(appointment[0], appointment[1], 1)
        rank = self.rank(position, status, education, self.ref.year - appointment[0])
        days = max(1, (self.ref - start).days)
        since = self.ref - dt.timedelta(days=rng.randint(1, min(days, 8 * 365)))
        nip = self.nip(birth, appointment, sex)
        person = PersonSpec(
            nip=nip, name=names.person_name(rng, sex), front_title=front, back_title=back, sex=sex,
            birth_date=birth, status=status, rank=rank, unit=unit.code, position=position.name,
            position_since=since, education=education, education_major=major, supervisor=supervisor,
            level=0 if supervisor is None else self.people[supervisor].level + 1,
        )
        person.performance = self.performance(appointment, status)
        self.people.append(person)
        return len(self.people) - 1

    def status(self, position: PositionSpec) -> str:
        if position.position_type == PT.EXECUTIVE:
            table = PW_HEAVY if position.name == "Pengelola Umum Operasional" else PELAKSANA_STATUS
        elif position.level in ("pertama", "pemula", "terampil"):
            table = ENTRY_STATUS
        elif position.level in ("muda", "mahir"):
            table = MIDDLE_STATUS
        else:
            table = SENIOR_STATUS
        return _pick(self.rng, table)

    def education(self, position: PositionSpec, sex: str, born: int) -> tuple[str, str, str, str]:
        """(education, front title, back title, major) fitting the position."""
        rng = self.rng
        series, kind = _series_of(position.name)
        titled = names.SERIES_TITLES.get(f"{series}:{kind}") or names.SERIES_TITLES.get(series or "")
        if titled:
            front, back, education, major = titled
            if series == "Dokter" and position.level in ("madya", "utama") and rng.random() < 0.6:
                return "s2", front, rng.choice(names.SPECIALISTS), f"{major} Spesialis"
            if education == "profesi" and rng.random() < 0.15:
                s2 = names.S2_BY_FAMILY.get(position.family, "M.Kes.")
                return "s2", front, f"{back}, {s2}".strip(", "), major
            return education, front, back, major
        if position.position_type == PT.EXECUTIVE:
            base = PELAKSANA[position.name][1]
            table = EXECUTIVE_EDUCATION[base]
        elif position.position_type == PT.FUNCTIONAL_SKILLED:
            table = FIELD_SKILLED_EDUCATION if series in ("Pemadam Kebakaran", "Polisi Pamong Praja") else \
                SKILLED_EDUCATION
        elif position.position_type == PT.FUNCTIONAL_EXPERT:
            table = SENIOR_EXPERT_EDUCATION if position.level in ("madya", "utama") else EXPERT_EDUCATION
        else:
            table = STRUCTURAL_EDUCATION[position.position_type]
        education = _pick(rng, table)
        front, back, major = self.titles(position.family, education, born)
        if front == "Drs." and sex == "P":
            front = "Dra."
        return education, front, back, major

    def titles(self, family: str, education: str, born: int) -> tuple[str, str, str]:
        rng = self.rng
        if education == "sma":
            return "", "", rng.choice(names.SMA_MAJORS)
        if education == "d3":
            return "", "A.Md.", rng.choice(names.D3_MAJORS)
        s1, major = rng.choice(names.S1_BY_FAMILY.get(family, names.S1_BY_FAMILY["adum"]))
        front = ""
        if born <= 1966 and family in OLD_TITLE_FAMILIES and rng.random() < 0.5:
            front, s1 = OLD_TITLE_FAMILIES[family], ""  # Drs./Ir. were awarded until the early 1990s
        if education == "s1":
            return front, s1, major
        s2 = names.S2_BY_FAMILY.get(family) or rng.choice(names._S2_OTHER)
        back = f"{s1}, {s2}" if s1 else s2
        if education == "s3":
            return "Dr.", back, major
        return front, back, major

    def rank(self, position: PositionSpec, status: str, education: str, tenure: int) -> str:
        rng = self.rng
        if status in (PPPK, PPPK_PW):
            return PPPK_RANK[education]
        if status == CPNS:
            return CPNS_RANK[education]
        if position.position_type == PT.EXECUTIVE:
            base, cap = PELAKSANA_RANK[education]
            step = min(cap - base, tenure // 4)
            return PNS_ORDER[base + step]
        key = position.name if position.name in RANK_BY_NAME else (position.position_type, position.level)
        table = RANK_BY_NAME.get(position.name) or RANK_BY_LEVEL[key]
        return _pick(rng, table)

    def nip(self, birth: dt.date, appointment: tuple[int, int], sex: str) -> str:
        prefix = make_nip(birth, appointment, sex, 0)[:15]
        sequence = self.sequences.get(prefix, 0) + 1
        self.sequences[prefix] = sequence
        return f"{prefix}{sequence:03d}"  # as make_nip (sequences stay far below 1000 per prefix)

    def performance(self, appointment: tuple[int, int], status: str) -> list[tuple[int, str, str, str]]:
        rng = self.rng
        records = []
        previous = None
        for year in (self.ref.year - 2, self.ref.year - 1):
            started = appointment[0] < year or (status not in (PPPK, PPPK_PW) and appointment == (year, 1))
            if not started:
                continue
            if previous and rng.random() < 0.6:  # predicates persist from one year to the next
                predicate = previous
            else:
                predicate = _pick(rng, PREDICATES)
            result, behaviour = rng.choices(RATINGS[predicate][0], weights=RATINGS[predicate][1])[0]
            records.append((year, predicate, result, behaviour))
            previous = predicate
        return records


def _pick(rng: random.Random, table: dict) -> str:
    """rng.choices over a {value: weight} table, with the cumulative weights computed once per table."""
    keys, cum = _cumulative(id(table), table)
    return rng.choices(keys, cum_weights=cum)[0]


_CUM: dict[int, tuple[dict, list, list]] = {}


def _cumulative(key: int, table: dict) -> tuple[list, list]:
    cached = _CUM.get(key)
    if cached is None or cached[0] is not table:  # keep the table alive and check identity: ids can be reused
        cached = _CUM[key] = (table, list(table), list(itertools.accumulate(table.values())))
    return cached[1], cached[2]


@functools.cache
def _series_of(name: str) -> tuple[str | None, str]:
    for series in FUNCTIONAL:
        if name.startswith(f"{series} Ahli "):
            return series, "ahli"
        if name.startswith(f"{series} ") and name[len(series) + 1:].lower() in ("pemula", "terampil", "mahir",
                                                                                  "penyelia"):
            return series, "terampil"
    return None, ""


def _female_share(position: PositionSpec) -> float:
    if position.name.startswith("Bidan"):
        return 1.0  # midwifery education in Indonesia admits women only
    if position.family == "kesehatan" and position.position_type in (PT.FUNCTIONAL_EXPERT, PT.FUNCTIONAL_SKILLED):
        return 0.85 if not position.name.startswith("Dokter") else 0.6
    if position.family == "pendidikan":
        return 0.72
    if position.family in ("damkar", "trantib"):
        return 0.12
    if position.position_type == PT.JPT:
        return 0.2
    return 0.45


#: Medan's age pyramid has a bulge of PNS born 1966–1970 (the retirement wave of issue 21): one PNS in four whose
#: position allows it is moved into those birth years (a deterministic transform of the drawn age: the random
#: stream, and so the rest of the demo, stays the same).
WAVE_BIRTH_YEARS = (1966, 1970)


def _retirement_wave(age: int, low: int, high: int, ref_year: int, status: str) -> int:
    if status != PNS or age % 4:
        return age
    wave = ref_year - WAVE_BIRTH_YEARS[1] + (age // 4) % (WAVE_BIRTH_YEARS[1] - WAVE_BIRTH_YEARS[0] + 1)
    return max(low, min(high, wave))


def _age_range(position: PositionSpec) -> tuple[int, int]:
    if position.name == "Kepala Sekolah":
        return 42, 59
    return AGE.get((position.position_type, position.level), (23, 57))


AGE = {
    (PT.JPT, "madya"): (50, 59), (PT.JPT, "pratama"): (45, 59), (PT.ADMINISTRATOR, ""): (40, 57),
    (PT.SUPERVISORY, ""): (33, 57), (PT.EXECUTIVE, ""): (23, 57),
    (PT.FUNCTIONAL_EXPERT, "pertama"): (25, 45), (PT.FUNCTIONAL_EXPERT, "muda"): (32, 55),
    (PT.FUNCTIONAL_EXPERT, "madya"): (42, 59), (PT.FUNCTIONAL_EXPERT, "utama"): (52, 64),
    (PT.FUNCTIONAL_SKILLED, "pemula"): (21, 35), (PT.FUNCTIONAL_SKILLED, "terampil"): (22, 50),
    (PT.FUNCTIONAL_SKILLED, "mahir"): (30, 56), (PT.FUNCTIONAL_SKILLED, "penyelia"): (40, 57),
}
ENTRY_AGE = {"sma": (19, 26), "d3": (21, 29), "d4": (22, 31), "s1": (22, 32), "profesi": (24, 33), "s2": (25, 35),
             "s3": (28, 36)}
AHLI_LEVELS = {"pertama": 45, "muda": 33, "madya": 20, "utama": 2}
TERAMPIL_LEVELS = {"pemula": 12, "terampil": 45, "mahir": 33, "penyelia": 10}
PELAKSANA_STATUS = {PNS: 50, CPNS: 4, PPPK: 14, PPPK_PW: 32}
PW_HEAVY = {PNS: 10, PPPK: 10, PPPK_PW: 80}
ENTRY_STATUS = {PNS: 46, CPNS: 7, PPPK: 42, PPPK_PW: 5}
MIDDLE_STATUS = {PNS: 86, PPPK: 14}
SENIOR_STATUS = {PNS: 97, PPPK: 3}
# Weight tables must be module constants: _pick caches their cumulative weights by identity.
EXECUTIVE_EDUCATION = {"sma": {"sma": 80, "d3": 15, "s1": 5}, "d3": {"d3": 60, "s1": 30, "sma": 10},
                       "s1": {"s1": 85, "d3": 10, "s2": 5}}
FIELD_SKILLED_EDUCATION = {"sma": 85, "d3": 15}  # Pol PP and firefighters enter from SMA
SKILLED_EDUCATION = {"d3": 70, "sma": 30}
SENIOR_EXPERT_EDUCATION = {"s1": 45, "s2": 50, "s3": 5}
EXPERT_EDUCATION = {"s1": 82, "s2": 18}
STRUCTURAL_EDUCATION = {PT.JPT: {"s2": 85, "s3": 10, "s1": 5}, PT.ADMINISTRATOR: {"s2": 55, "s1": 45},
                        PT.SUPERVISORY: {"s1": 65, "s2": 30, "d3": 5}}
OLD_TITLE_FAMILIES = {"adum": "Drs.", "pemerintahan": "Drs.", "sosial": "Drs.", "pendidikan": "Drs.",
                      "kepegawaian": "Drs.", "keuangan": "Drs.", "ekonomi": "Drs.", "teknik": "Ir.",
                      "pertanian": "Ir."}
PNS_ORDER = ["I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
             "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"]
_I = {code: i for i, code in enumerate(PNS_ORDER)}
PELAKSANA_RANK = {"sma": (_I["II/a"], _I["III/a"]), "d3": (_I["II/c"], _I["III/b"]), "d4": (_I["III/a"], _I["III/c"]),
                  "s1": (_I["III/a"], _I["III/c"]), "s2": (_I["III/b"], _I["III/d"])}
CPNS_RANK = {"sma": "II/a", "d3": "II/c", "d4": "III/a", "s1": "III/a", "profesi": "III/a", "s2": "III/b",
             "s3": "III/c"}
PPPK_RANK = {"sma": "V", "d3": "VII", "d4": "IX", "s1": "IX", "profesi": "X", "s2": "X", "s3": "XI"}
RANK_BY_LEVEL = {
    (PT.JPT, "madya"): {"IV/c": 20, "IV/d": 60, "IV/e": 20}, (PT.JPT, "pratama"): {"IV/b": 15, "IV/c": 60, "IV/d": 25},
    (PT.ADMINISTRATOR, ""): {"III/d": 30, "IV/a": 45, "IV/b": 25},
    (PT.SUPERVISORY, ""): {"III/b": 10, "III/c": 45, "III/d": 45},
    (PT.FUNCTIONAL_EXPERT, "pertama"): {"III/a": 55, "III/b": 45},
    (PT.FUNCTIONAL_EXPERT, "muda"): {"III/c": 50, "III/d": 50},
    (PT.FUNCTIONAL_EXPERT, "madya"): {"IV/a": 45, "IV/b": 35, "IV/c": 20},
    (PT.FUNCTIONAL_EXPERT, "utama"): {"IV/d": 70, "IV/e": 30},
    (PT.FUNCTIONAL_SKILLED, "pemula"): {"II/a": 100},
    (PT.FUNCTIONAL_SKILLED, "terampil"): {"II/b": 30, "II/c": 40, "II/d": 30},
    (PT.FUNCTIONAL_SKILLED, "mahir"): {"III/a": 50, "III/b": 50},
    (PT.FUNCTIONAL_SKILLED, "penyelia"): {"III/c": 60, "III/d": 40},
}
RANK_BY_NAME = {"Kepala Sekolah": {"IV/a": 60, "IV/b": 40}}
PREDICATES = {"sangat_baik": 14, "baik": 78, "butuh_perbaikan": 6, "kurang": 1.5, "sangat_kurang": 0.5}
# PermenPANRB 6/2022 matrix: predicate ← (rating hasil kerja, rating perilaku kerja)
RATINGS = {
    "sangat_baik": ([("di_atas", "di_atas")], [1]),
    "baik": ([("di_atas", "sesuai"), ("sesuai", "di_atas"), ("sesuai", "sesuai")], [1, 1, 6]),
    "butuh_perbaikan": ([("di_bawah", "sesuai"), ("di_bawah", "di_atas")], [4, 1]),
    "kurang": ([("sesuai", "di_bawah"), ("di_atas", "di_bawah")], [4, 1]),
    "sangat_kurang": ([("di_bawah", "di_bawah")], [1]),
}
