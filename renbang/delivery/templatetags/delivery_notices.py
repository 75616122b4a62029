"""The navbar bell: unread in-app notices of the user (one COUNT query per page)."""

from django import template

from renbang.core.models import Notice

register = template.Library()


@register.inclusion_tag("delivery/includes/bell.html", takes_context=True)
def notice_bell(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = Notice.objects.filter(user=user, read_at__isnull=True).count()
    return {"unread": unread}
