from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (pagination and sorting links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def sort_link(context, field: str, label: str) -> str:
    request = context["request"]
    current = request.GET.get("sort", "")
    new = f"-{field}" if current == field else field
    params = request.GET.copy()
    params["sort"] = new
    params.pop("page", None)
    arrow = " ▲" if current == field else (" ▼" if current == f"-{field}" else "")
    return format_html('<a href="?{}" class="text-reset text-decoration-none">{}{}</a>', params.urlencode(),
                       label, arrow)


@register.filter
def rupiah(value) -> str:
    try:
        return "Rp " + f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return "—"


@register.filter
def role_label(user) -> str:
    """The user's role as shown in the navbar and on the home page. A superuser who is not an employee (the person
    who installed Renbang) is "Administrator sistem", never the default role "Pegawai"."""
    if getattr(user, "is_superuser", False) and not getattr(user, "employee_id", None):
        return gettext("Administrator sistem")
    display = getattr(user, "get_role_display", None)
    return display() if display else ""
