"""The API's documentation pages, served under the site's CSP (script-src 'self'; nothing from outside).

- Swagger UI (/api/docs/): drf-spectacular's split view, which serves its init script as a separate JavaScript
  response instead of an inline <script> (CSP blocks inline scripts; the page was blank).
- ReDoc (/api/redoc/): the sidecar's bundle draws a "Redocly" logo from cdn.redoc.ly in its side menu, which our
  static finders keep out of collected files (renbang.core.staticfinders). `redoc_bundle` serves that bundle with
  the logo's address replaced by an empty inline image, so the page loads nothing from outside and reports no CSP
  violation. The page's options are attributes of the <redoc> element (no inline init script): the search index
  would run in a blob: worker, which script-src 'self' forbids, so search is off (the side menu lists every
  operation).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import drf_spectacular_sidecar
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

REDOC_BUNDLE = (Path(drf_spectacular_sidecar.__file__).parent
                / "static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")
#: The logo's absolute address in the bundle (Redocly's own host): removed, never fetched.
LOGO_URL = re.compile(rb"https://[\w.-]+/redoc/logo-mini\.svg")
EMPTY_IMAGE = b"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"


class RedocView(SpectacularRedocView):
    template_name = "api/redoc.html"

    @staticmethod
    def _redoc_standalone():
        from django.urls import reverse

        return reverse("redoc-bundle")


@functools.cache
def redoc_source() -> bytes:
    """The sidecar's ReDoc bundle without its one outside address (a new sidecar version that adds one fails
    tests/core/test_api_docs.py)."""
    source = REDOC_BUNDLE.read_bytes()
    source, replaced = LOGO_URL.subn(EMPTY_IMAGE, source)
    if replaced != 1:
        raise RuntimeError("the ReDoc bundle changed: check where it loads its logo from")
    return source


@login_not_required
@require_GET
def redoc_bundle(request):
    response = HttpResponse(redoc_source(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response

