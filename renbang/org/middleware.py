"""First run: a superuser on an installation without any agency is taken to the setup page."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import services

#: Pages a superuser can still reach before setup: the setup page itself, logging out, the Django admin,
#: the language switch, static files and the API.
EXEMPT_PREFIXES = ("/akun/", "/admin/", "/i18n/", "/api/", "/healthz/")


class FirstRunMiddleware:
    """Costs nothing for anyone but a superuser, and no query once an agency exists (cached: services)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.setup_url = ""

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_superuser and request.method == "GET":
            self.setup_url = self.setup_url or reverse("org:setup")
            if not request.path.startswith((*EXEMPT_PREFIXES, settings.STATIC_URL, self.setup_url)) \
                    and not services.agency_exists():
                return redirect(self.setup_url)
        return self.get_response(request)
