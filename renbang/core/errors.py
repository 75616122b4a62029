"""The error pages (403, 404, 500, CSRF failure) in the app's layout, Indonesian with English available.

403 and 404 render with the request (menu, the user's role, whom to ask); the 500 page renders a template that
touches neither the database nor a context processor, so it still appears when the database is what failed.
"""

from __future__ import annotations

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def _bkpsdm(request) -> str:
    """The agency's BKPSDM name when the user's agency has one, else ''."""
    user = getattr(request, "user", None)
    agency = getattr(user, "agency", None) if user is not None and user.is_authenticated else None
    return getattr(agency, "hr_agency_name", "") or ""


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "errors/403.html", {"bkpsdm": _bkpsdm(request)}, status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "errors/404.html", {"path": request.path}, status=404)


@requires_csrf_token
def server_error(request):
    # No request context: context processors (the menu) query the database.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: usually a form left open too long (the session expired) or cookies switched off."""
    return render(request, "errors/csrf.html", {"bkpsdm": _bkpsdm(request)}, status=403)
