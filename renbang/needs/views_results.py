"""Results pages: heatmap of needs by unit × competency, top needs, the employees behind a cell, profiles."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from renbang.accounts.scoping import for_user, shared_viewer
from renbang.competencies.models import Competency
from renbang.core import figures
from renbang.core.exports import xlsx_response
from renbang.org.models import OrgUnit
from renbang.people.selectors import employee_detail_for_user

from . import results, selectors
from .compute import weights_for
from .views_campaigns import _int


def _campaign(request):
    """The campaign asked for (?kampanye=) or the latest computed one the user sees."""
    pk = _int(request.GET.get("kampanye"))
    qs = selectors.campaigns_for_user(request.user).filter(computed_at__isnull=False)
    campaign = qs.filter(pk=pk).first() if pk else qs.first()
    if pk and campaign is None:
        raise Http404
    return campaign, qs


def _unit(request, campaign):
    unit_id = _int(request.GET.get("unit"))
    if unit_id is None:
        return None
    unit = for_user(OrgUnit.objects.filter(agency_id=campaign.agency_id), request.user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def _cell_links(table: dict, campaign) -> dict:
    """Give each heatmap cell its link, tooltip and figures as text, made here once per page instead of one
    {% url %}, {% blocktranslate %} and two number localisations per cell in the template (a 5,000-employee
    agency has over a thousand cells: that was most of the page's CPU). Same text as the template made."""
    base, separator = reverse("needs:cell"), get_format("DECIMAL_SEPARATOR")
    tooltip = gettext("%(a)s dari %(b)s pegawai")
    for row in table["rows"]:
        for cell in row["cells"]:
            if cell:
                cell["href"] = mark_safe(  # noqa: S308 (ints only)
                    f"{base}?kampanye={int(campaign.pk)}&unit={int(row['unit_id'])}"
                    f"&kompetensi={int(cell['competency'].pk)}")
                cell["title"] = tooltip % {"a": cell["with_gap"], "b": cell["n"]}
                cell["mean_gap_text"] = str(cell["mean_gap"]).replace(".", separator)
    return table


@permission_required("needs.view_results", raise_exception=True)
def heatmap(request):
    campaign, campaigns = _campaign(request)
    if campaign is None:
        return render(request, "needs/no_results.html", {})
    unit = _unit(request, campaign)
    # The table is the page's cost (hundreds of cells): rendered once per scope (scoping.shared_viewer; a user who
    # sees rows of their own keeps their own), campaign computation and data version (unit and competency names),
    # and read only when the cached fragment is missing.
    viewer = shared_viewer(request.user)
    who = viewer or request.user
    scope = viewer.key if viewer is not None else f"user{request.user.pk}"
    return render(request, "needs/heatmap.html", {
        "campaign": campaign, "campaigns": campaigns, "unit": unit,
        "map": SimpleLazyObject(lambda: _cell_links(results.heatmap(campaign, who, unit.pk if unit else None),
                                                    campaign)),
        "map_key": f"{campaign.pk}:{campaign.computed_at.isoformat()}:{figures.version()}:{scope}:"
                   f"{unit.pk if unit else ''}",
        "bands": results.band_summary(campaign, request.user),
        "top": results.top_needs(campaign, request.user, unit.pk if unit else None, limit=10),
        "agreed": results.agreed_needs(campaign, request.user, unit.pk if unit else None)[:20],
        "weights": weights_for(campaign.agency_id),
    })


@permission_required("needs.view_results", raise_exception=True)
def cell(request):
    campaign, _campaigns = _campaign(request)
    if campaign is None:
        raise Http404
    unit = _unit(request, campaign)
    competency = Competency.objects.filter(pk=_int(request.GET.get("kompetensi"))).first()
    if unit is None or competency is None:
        raise Http404
    qs = results.cell_needs(campaign, request.user, unit.pk, competency.pk)
    if request.GET.get("semua") != "1":
        qs = qs.filter(gap__gt=0)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "needs/cell.html", {"campaign": campaign, "unit": unit, "competency": competency,
                                               "page_obj": page})


@permission_required("needs.view_profile", raise_exception=True)
def my_profile(request):
    if not request.user.employee_id:
        raise Http404
    return redirect("needs:profile", pk=request.user.employee_id)


@permission_required("needs.view_profile", raise_exception=True)
def profile(request, pk: int):
    employee = employee_detail_for_user(request.user, pk)
    if employee is None:
        raise Http404
    campaign, campaigns = _campaign(request)
    data = results.employee_profile(campaign, request.user, employee) if campaign else None
    return render(request, "needs/profile.html", {"employee": employee, "campaign": campaign,
                                                  "campaigns": campaigns, "data": data})


def employee_section(request, employee) -> dict | None:
    """The needs section of the employee detail page: the latest computed campaign's profile (radar, JPM, gaps
    to the current and next position), in five queries. The people page has already applied the scoping."""
    user = request.user
    if not user.has_perm("needs.view_profile"):
        return None
    campaign = selectors.latest_closed_campaign(user)
    if campaign is None:
        return None
    data = results.employee_profile(campaign, user, employee)
    if not data["needs"]:
        return None
    return {"template": "needs/_employee_section.html", "data": {"campaign": campaign, "employee": employee,
                                                                  "profile": data}}


@permission_required("needs.export_results", raise_exception=True)
def export(request):
    campaign, _campaigns = _campaign(request)
    if campaign is None:
        raise Http404
    unit = _unit(request, campaign)
    qs = selectors.needs_for_user(request.user, campaign).select_related(
        "employee", "employee__position", "unit", "competency").order_by("unit__name", "employee__name",
                                                                         "competency__code")
    if unit:
        qs = qs.filter(unit__in=results.subtree(unit.pk))
    jpm = dict(selectors.job_matches_for_user(request.user, campaign).values_list("employee_id", "jpm"))
    rows = ([n.employee.nip, n.employee.full_name, n.employee.position.name, n.unit.name, n.competency.code,
             n.competency.name, n.required, n.current, n.gap, n.next_required, n.next_gap, float(n.priority),
             float(jpm[n.employee_id]) if jpm.get(n.employee_id) is not None else None]
            for n in qs.iterator(chunk_size=2000))
    headers = [_("NIP"), _("Nama"), _("Jabatan"), _("Unit kerja"), _("Kode"), _("Kompetensi"),
               _("Level standar"), _("Level saat ini"), _("Kesenjangan"), _("Level jabatan berikutnya"),
               _("Kesenjangan jabatan berikutnya"), _("Skor prioritas"), _("JPM (%)")]
    return xlsx_response(f"kebutuhan-{campaign.year}-{campaign.pk}.xlsx", headers, rows, "Kebutuhan")
