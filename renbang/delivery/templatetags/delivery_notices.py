"""The navbar bell: unread in-app notices of the user (one COUNT query, kept a short time for the user: a new
notice or one marked read forgets it, renbang.core.notices)."""

from django import template

from renbang.core import usercache
from renbang.core.models import Notice

register = template.Library()


@register.inclusion_tag("delivery/includes/bell.html", takes_context=True)
def notice_bell(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = usercache.cached(user, "bell", Notice.objects.filter(user=user, read_at__isnull=True).count)
    return {"unread": unread}
