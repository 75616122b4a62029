from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from renbang.accounts.scoping import for_user

from . import selectors
from .models import OrgUnit, PositionType


@permission_required("org.view_orgunit", raise_exception=True)
def unit_tree(request):
    return render(request, "org/unit_tree.html", {"roots": selectors.unit_tree_for_user(request.user)})


@permission_required("org.view_orgunit", raise_exception=True)
def unit_detail(request, pk: int):
    unit = for_user(OrgUnit.objects.all(), request.user).filter(pk=pk).select_related("parent", "replaced_by").first()
    if unit is None:
        raise Http404
    return render(request, "org/unit_detail.html", {
        "unit": unit,
        "ancestors": OrgUnit.objects.ancestors(unit),
        "children": unit.children.order_by("name"),
    })


@permission_required("org.view_position", raise_exception=True)
def position_list(request):
    qs = selectors.position_list_for_user(request.user, q=request.GET.get("q", "").strip(),
                                          position_type=request.GET.get("type", ""))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "org/position_list.html", {"page_obj": page, "types": PositionType.choices})
