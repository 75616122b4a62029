from django.conf import settings

from . import usercache
from .navigation import items_for


def navigation(request):
    """The main menu of the user: computed once per request, and kept for the user a short time
    (renbang.core.usercache: recomputed at once when the user's roles change)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "LANGUAGES": settings.LANGUAGES}
    return {"nav_items": usercache.cached(user, "nav", lambda: items_for(user))}
