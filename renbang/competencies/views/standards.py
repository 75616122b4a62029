"""Position standards (SKJ): overview with bulk apply, one position's grid, the defaults table, import/export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from renbang.accounts.scoping import for_user
from renbang.core.exports import xlsx_response
from renbang.org.models import JobFamily, Position, PositionType

from .. import selectors, services
from ..defaults import COMPETENCY_TYPES, POSITION_KINDS, initial_level, kind_label
from ..exports import STANDARD_HEADERS, standard_rows
from ..forms import BulkApplyForm, NextPositionsForm
from ..models import CompetencyType, PositionStandard, StandardDefault
from ..services.imports import standard_import
from ._common import run_import


def _families(user):
    return for_user(JobFamily.objects.all(), user).order_by("name")


@permission_required("competencies.view_standard", raise_exception=True)
def standard_list(request):
    family = request.GET.get("family", "")
    qs = selectors.position_standard_list_for_user(
        request.user, q=request.GET.get("q", "").strip(), position_type=request.GET.get("type", ""),
        job_family=int(family) if family.isdigit() else None)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "competencies/standard_list.html", {
        "page_obj": page, "types": PositionType.choices, "families": _families(request.user),
        "bulk_form": BulkApplyForm(families=_families(request.user)),
        "can_edit": request.user.has_perm("competencies.change_standard"),
    })


@require_POST
@permission_required("competencies.change_standard", raise_exception=True)
def standard_bulk_apply_view(request):
    form = BulkApplyForm(request.POST, families=_families(request.user))
    if not form.is_valid():
        messages.error(request, _("Pilihan tidak valid."))
        return redirect("competencies:standard_list")
    data = form.cleaned_data
    result = services.standard_bulk_apply(agency=request.user.agency, position_type=data["position_type"],
                                          job_family=data["job_family"], overwrite_manual=data["overwrite_manual"])
    messages.success(request, _("Default diterapkan ke %(n)s jabatan: %(c)s dibuat, %(u)s diubah, %(d)s dihapus, "
                                "%(m)s level manual dipertahankan.") % {
        "n": result.positions, "c": result.created, "u": result.updated, "d": result.deleted,
        "m": result.kept_manual})
    return redirect("competencies:standard_list")


@require_POST
@permission_required("competencies.change_career", raise_exception=True)
def career_defaults_view(request):
    n = services.career_apply_defaults(agency=request.user.agency, only_empty=True)
    messages.success(request, _("Jalur karier bawaan diisi untuk %(n)s jabatan yang belum memilikinya.") % {"n": n})
    return redirect("competencies:standard_list")


def _grid_rows(position, standards: list[PositionStandard], defaults: dict) -> list[dict]:
    """Every competency the position needs by default plus any set by hand, with its current level."""
    applicable = selectors.applicable_competencies(agency_id=position.agency_id,
                                                   job_family_ids=[position.job_family_id])
    by_competency = {s.competency_id: s for s in standards}
    technical_default = defaults.get((position.position_type, position.level, CompetencyType.TECHNICAL))
    rows, seen = [], set()

    def default_for(c):
        if c.competency_type == CompetencyType.TECHNICAL:
            if c.job_family_id != position.job_family_id:
                return None
            return technical_default
        return defaults.get((position.position_type, position.level, c.competency_type))

    listed = applicable["general"] + applicable["by_family"].get(position.job_family_id, [])
    listed += [s.competency for s in standards if s.competency_id not in {c.pk for c in listed}]
    for competency in listed:
        if competency.pk in seen:
            continue
        seen.add(competency.pk)
        standard = by_competency.get(competency.pk)
        rows.append({"competency": competency, "standard": standard, "default": default_for(competency),
                     "level": standard.required_level if standard else None})
    order = {CompetencyType.MANAGERIAL: 0, CompetencyType.SOCIOCULTURAL: 1, CompetencyType.TECHNICAL: 2}
    rows.sort(key=lambda r: (order.get(r["competency"].competency_type, 3), r["competency"].code))
    return rows


@require_http_methods(["GET", "POST"])
@permission_required("competencies.view_standard", raise_exception=True)
def standard_detail(request, pk: int):
    position = selectors.position_for_user(request.user, pk)
    if position is None:
        raise Http404
    can_edit = request.user.has_perm("competencies.change_standard")
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        return _save_grid(request, position)
    standards = selectors.standards_of_position(position)
    defaults = selectors.default_levels_for_agency(position.agency_id)
    rows = _grid_rows(position, standards, defaults)
    others = []
    if can_edit:
        listed = {r["competency"].pk for r in rows}
        others = [c for c in selectors.competencies_for_user(request.user).filter(
            active=True, competency_type=CompetencyType.TECHNICAL).select_related("job_family").order_by("code")
            if c.pk not in listed]
    positions = for_user(Position.objects.filter(active=True), request.user).exclude(pk=position.pk).order_by("name")
    next_positions = list(position.next_positions.order_by("name"))
    next_form = NextPositionsForm(positions=positions)
    return render(request, "competencies/standard_detail.html", {
        "position": position, "rows": rows, "can_edit": can_edit, "others": others,
        "next_positions": next_positions, "next_ids": {p.pk for p in next_positions}, "next_form": next_form,
        "proposal": services.career_default_next(position=position) if can_edit else [],
        "holders": position.employees.filter(active=True).count(),
        "levels": range(1, 6),
    })


def _save_grid(request, position):
    levels: dict[int, int | None] = {}
    for key, value in request.POST.items():
        if not key.startswith("c_"):
            continue
        competency_id = key[2:]
        if not competency_id.isdigit() or value not in ("", "1", "2", "3", "4", "5"):
            messages.error(request, _("Isian level tidak valid; tidak ada yang disimpan."))
            return redirect("competencies:standard_detail", position.pk)
        levels[int(competency_id)] = int(value) if value else None
    extra, extra_level = request.POST.get("add_competency", ""), request.POST.get("add_level", "")
    if extra.isdigit() and extra_level in ("1", "2", "3", "4", "5"):
        levels[int(extra)] = int(extra_level)
    try:
        result = services.standard_set_levels(position=position, levels=levels)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Standar disimpan: %(c)s ditambah, %(u)s diubah, %(d)s dihapus.") % {
            "c": result.created, "u": result.updated, "d": result.deleted})
    return redirect("competencies:standard_detail", position.pk)


@require_POST
@permission_required("competencies.change_standard", raise_exception=True)
def standard_apply_view(request, pk: int):
    position = selectors.position_for_user(request.user, pk)
    if position is None:
        raise Http404
    overwrite = request.POST.get("overwrite_manual") == "1"
    result = services.standard_apply_defaults(position=position, overwrite_manual=overwrite)
    messages.success(request, _("Default diterapkan: %(c)s dibuat, %(u)s diubah, %(d)s dihapus, %(m)s level manual "
                                "dipertahankan.") % {"c": result.created, "u": result.updated, "d": result.deleted,
                                                      "m": result.kept_manual})
    return redirect("competencies:standard_detail", position.pk)


@require_POST
@permission_required("competencies.change_career", raise_exception=True)
def career_edit_view(request, pk: int):
    position = selectors.position_for_user(request.user, pk)
    if position is None:
        raise Http404
    if request.POST.get("action") == "default":
        chosen = services.career_default_next(position=position)
    else:
        positions = for_user(Position.objects.filter(active=True), request.user).exclude(pk=position.pk)
        form = NextPositionsForm(request.POST, positions=positions)
        if not form.is_valid():
            messages.error(request, _("Pilihan jabatan berikutnya tidak valid."))
            return redirect("competencies:standard_detail", position.pk)
        chosen = form.cleaned_data["next_positions"]
    try:
        services.career_set_next(position=position, next_positions=chosen)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Jalur karier disimpan."))
    return redirect("competencies:standard_detail", position.pk)


@require_http_methods(["GET", "POST"])
@permission_required("competencies.view_standarddefault", raise_exception=True)
def defaults_table(request):
    agency = request.user.agency
    can_edit = request.user.has_perm("competencies.change_standarddefault")
    if not StandardDefault.objects.filter(agency=agency).exists():
        services.standard_defaults_ensure(agency=agency)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        values, bad = {}, False
        for ptype, plevel in POSITION_KINDS:
            for ctype in COMPETENCY_TYPES:
                raw = request.POST.get(f"d_{ptype}_{plevel}_{ctype}", "")
                if raw not in ("1", "2", "3", "4", "5"):
                    bad = True
                    continue
                values[(ptype, plevel, ctype)] = int(raw)
        if bad:
            messages.error(request, _("Setiap level bawaan harus 1–5; tidak ada yang disimpan."))
        else:
            n = services.standard_defaults_save(agency=agency, values=values)
            messages.success(request, _("%(n)s nilai bawaan diubah. Terapkan ke jabatan lewat halaman standar "
                                        "jabatan (terapkan default massal).") % {"n": n})
            return redirect("competencies:defaults")
    current = selectors.default_levels_for_agency(agency.pk)
    rows = [{"label": kind_label(ptype, plevel), "cells": [
        {"name": f"d_{ptype}_{plevel}_{ctype}",
         "value": current.get((ptype, plevel, ctype), initial_level(ptype, plevel)),
         "initial": initial_level(ptype, plevel)} for ctype in COMPETENCY_TYPES]}
        for ptype, plevel in POSITION_KINDS]
    return render(request, "competencies/defaults.html", {
        "rows": rows, "columns": [CompetencyType(c).label for c in COMPETENCY_TYPES], "can_edit": can_edit,
        "levels": range(1, 6),
    })


@permission_required("competencies.view_standard", raise_exception=True)
def standard_export(request):
    return xlsx_response(f"standar-kompetensi-jabatan-{timezone.localdate():%Y%m%d}.xlsx", STANDARD_HEADERS,
                         standard_rows(request.user.agency_id), "Standar kompetensi")


@require_http_methods(["GET", "POST"])
@permission_required("competencies.change_standard", raise_exception=True)
def standard_import_view(request):
    return run_import(request, importer=standard_import, template="competencies/import.html", context={
        "title": _("Impor standar kompetensi jabatan"), "headers": STANDARD_HEADERS,
        "back_url": "competencies:standard_list", "export_url": "competencies:standard_export",
        "hint": _("Satu baris per jabatan × kompetensi. Kolom wajib: Jabatan, Kode kompetensi, Level. Level kosong "
                  "menghapus persyaratan; level yang diubah menjadi 'manual'. Baris yang tidak ada di berkas tidak "
                  "diubah."),
    })

