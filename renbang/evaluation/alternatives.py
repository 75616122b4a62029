"""Alternatives for a flagged programme: other programmes for the same competencies and the same participants, and
other methods with better evidence, ranked by their evidence, each with the reason in words.

Ranking key (engine.effectiveness.alternative_scores): coverage × the lower credible bound of the alternative's
shrunk effectiveness, where coverage = share of the flagged programme's competencies it addresses × share of the
flagged programme's position types it is open to. Flagged programmes are never proposed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Prefetch
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from renbang.catalog.models import Programme, ProgrammeCompetency
from renbang.engine import effectiveness as ef
from renbang.org.models import PositionType

from .evidence import Evidence, programme_evidence, settings_for

MAX_PROGRAMMES = 5
MAX_METHODS = 3


@dataclass
class Alternative:
    kind: str  # "programme" or "method"
    programme: Programme | None
    method_id: int
    method_name: str
    evidence: Evidence
    coverage: float
    score: float
    reason: str


def _pct(x: float) -> str:
    return f"{number_format(x * 100, 0)} %"


def _n(x: float) -> str:
    return number_format(x, 2)


def _evidence_text(e: Evidence) -> str:
    if not e.has_evidence:
        return _("belum ada data evaluasi; memakai nilai bawaan katalog %(v)s") % {"v": _n(e.prior)}
    return _("efektivitas terukur %(v)s (selang %(lo)s–%(hi)s, %(n)s pengamatan)") % {
        "v": _n(e.value), "lo": _n(e.lower), "hi": _n(e.upper), "n": e.observations}


def alternatives_for(programme: Programme, *, evidence: dict[int, Evidence] | None = None,
                     methods: dict[int, Evidence] | None = None) -> list[Alternative]:
    """Ranked alternatives (programmes first by score, then methods) for `programme`. Bounded queries."""
    agency_id = programme.agency_id
    s = settings_for(agency_id)
    targets = {t.competency_id: t.competency.code for t in programme.targets.select_related("competency")}
    if not targets:
        return []
    own_types = set(programme.eligibilities.values_list("position_type", flat=True))
    all_types = set(PositionType.values)
    wanted_types = own_types or all_types
    candidates = list(Programme.objects.filter(agency_id=agency_id, active=True,
                                               targets__competency_id__in=list(targets)).exclude(
        pk=programme.pk).distinct().select_related("method").prefetch_related(
        Prefetch("targets", queryset=ProgrammeCompetency.objects.select_related("competency")), "eligibilities"))
    if evidence is None or methods is None:
        evidence, methods = programme_evidence(agency_id, settings=s, with_methods=True)
    mine = evidence.get(programme.pk)
    rows: list[tuple[Programme, Evidence, float, str]] = []
    for cand in candidates:
        e = evidence.get(cand.pk)
        if e is None or e.flagged:
            continue
        covered = [targets[t.competency_id] for t in cand.targets.all() if t.competency_id in targets]
        types = {el.position_type for el in cand.eligibilities.all()} or all_types
        type_fit = len(types & wanted_types) / len(wanted_types)
        if not covered or type_fit == 0:
            continue
        coverage = len(covered) / len(targets) * type_fit
        parts = [_("mencakup %(k)s dari %(n)s kompetensi (%(codes)s)") % {
            "k": len(covered), "n": len(targets), "codes": ", ".join(sorted(covered))}]
        parts.append(_("terbuka untuk semua jenis jabatan peserta") if type_fit == 1 else
                     _("terbuka untuk %(p)s jenis jabatan peserta") % {"p": _pct(type_fit)})
        parts.append(_evidence_text(e))
        if cand.method_id != programme.method_id:
            parts.append(_("metode lain: %(m)s") % {"m": cand.method.name})
        if mine is not None and e.has_evidence and mine.has_evidence and e.lower > mine.upper:
            parts.append(_("jelas lebih baik dari program yang ditandai (%(own)s), selangnya tidak bertumpang") % {
                "own": _n(mine.value)})
        elif mine is not None and e.value > mine.value:
            parts.append(_("lebih tinggi dari program yang ditandai (%(own)s)") % {"own": _n(mine.value)})
        rows.append((cand, e, coverage, "; ".join(parts) + "."))
    result: list[Alternative] = []
    if rows:
        keys = ef.alternative_scores([r[2] for r in rows], [r[1].lower for r in rows], [r[1].value for r in rows])
        for i in np.argsort(-keys, kind="stable")[:MAX_PROGRAMMES]:
            cand, e, coverage, reason = rows[int(i)]
            result.append(Alternative("programme", cand, cand.method_id, cand.method.name, e, coverage,
                                      float(keys[i]), reason))
    own_method = methods.get(programme.method_id)
    floor = own_method.value if own_method is not None else 0.0
    method_rows = [m for mid, m in methods.items() if mid != programme.method_id and m.has_evidence
                   and not m.flagged and m.value > floor]
    method_rows.sort(key=lambda m: (m.lower, m.value), reverse=True)
    for m in method_rows[:MAX_METHODS]:
        reason = _("Metode %(m)s: %(ev)s pada %(p)s program, lebih tinggi dari metode program ini (%(own)s). "
                   "Pertimbangkan menyusun program untuk kompetensi yang sama dengan metode ini.") % {
            "m": m.method_name, "ev": _evidence_text(m), "p": m.programmes, "own": _n(floor)}
        result.append(Alternative("method", None, m.method_id, m.method_name, m, 0.0, m.lower, reason))
    return result
