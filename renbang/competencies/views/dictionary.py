"""The dictionary browser (everyone of the agency) and the editor of competencies (BKPSDM admin)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from renbang.accounts.scoping import for_user
from renbang.core.exports import xlsx_response
from renbang.org.models import JobFamily

from .. import selectors, services
from ..exports import TECHNICAL_HEADERS, technical_rows
from ..forms import CompetencyFilterForm, CompetencyForm, LevelFormSet
from ..models import CompetencyType
from ..services.dictionary import LevelData, split_indicators
from ..services.imports import technical_import
from ._common import run_import


def _families(user):
    return for_user(JobFamily.objects.all(), user).order_by("name")


@permission_required("competencies.view_competency", raise_exception=True)
def competency_list(request):
    form = CompetencyFilterForm(request.GET or None, families=_families(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.competency_list_for_user(
        request.user, q=filters.get("q", "").strip(), competency_type=filters.get("type", ""),
        job_family=filters["family"].pk if filters.get("family") else None,
        active=None if filters.get("inactive") else True,
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "competencies/competency_list.html", {
        "form": form, "page_obj": page, "types": CompetencyType,
        "can_edit": request.user.has_perm("competencies.change_competency"),
    })


@permission_required("competencies.view_competency", raise_exception=True)
def competency_detail(request, pk: int):
    competency = selectors.competency_detail_for_user(request.user, pk)
    if competency is None:
        raise Http404
    return render(request, "competencies/competency_detail.html", {
        "competency": competency, "can_edit": request.user.has_perm("competencies.change_competency"),
    })


def _level_initial(competency) -> list[dict]:
    if competency is None:
        return [{"level": n} for n in range(1, 6)]
    stored = {lvl.level: lvl for lvl in competency.levels.all()}
    initial = []
    for n in range(1, 6):
        lvl = stored.get(n)
        initial.append({"level": n, "title": lvl.title if lvl else "", "description": lvl.description if lvl else "",
                        "indicators": "\n".join(i.text for i in lvl.indicators.all()) if lvl else ""})
    return initial


@require_http_methods(["GET", "POST"])
@permission_required("competencies.change_competency", raise_exception=True)
def competency_edit(request, pk: int | None = None):
    competency = None
    if pk is not None:
        competency = selectors.competency_detail_for_user(request.user, pk)
        if competency is None:
            raise Http404
    national = competency is not None and competency.agency_id is None
    families = _families(request.user)
    form = CompetencyForm(request.POST or None, instance=competency, families=families, national=national)
    formset = LevelFormSet(request.POST or None, initial=_level_initial(competency), prefix="level")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        levels = [LevelData(level=f.cleaned_data["level"], title=f.cleaned_data.get("title", ""),
                            description=f.cleaned_data["description"],
                            indicators=split_indicators(f.cleaned_data.get("indicators", "")))
                  for f in formset.forms]
        try:
            saved = services.competency_save(
                agency=request.user.agency, competency=competency, code=data.get("code") or "", name=data["name"],
                definition=data.get("definition", ""), job_family=data.get("job_family"),
                active=data.get("active", False), levels=levels)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Kompetensi %(code)s disimpan.") % {"code": saved.code})
            return redirect("competencies:detail", saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "competencies/competency_form.html", {
        "form": form, "formset": formset, "competency": competency, "national": national,
    }, status=status)


@permission_required("competencies.view_competency", raise_exception=True)
def technical_export(request):
    return xlsx_response(f"kompetensi-teknis-{timezone.localdate():%Y%m%d}.xlsx", TECHNICAL_HEADERS,
                         technical_rows(request.user.agency_id), "Kompetensi teknis")


@require_http_methods(["GET", "POST"])
@permission_required("competencies.change_competency", raise_exception=True)
def technical_import_view(request):
    return run_import(request, importer=technical_import, template="competencies/import.html", context={
        "title": _("Impor kompetensi teknis"), "headers": TECHNICAL_HEADERS,
        "back_url": "competencies:list", "export_url": "competencies:technical_export",
        "hint": _("Satu baris per level: setiap kode harus memiliki level 1 sampai 5. Indikator perilaku satu per "
                  "baris di dalam sel. Rumpun jabatan diisi kode atau nama; rumpun yang belum ada akan dibuat."),
    })
