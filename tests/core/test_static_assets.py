"""Government intranets have no internet: no collected static file may load anything from a CDN."""

from __future__ import annotations

import re

from django.apps import apps
from django.contrib.staticfiles import finders
from django.test import Client

CDN = re.compile(rb"(cdn\.|cdnjs|jsdelivr|unpkg|googleapis|gstatic)", re.IGNORECASE)


def test_it_collects_no_static_file_that_names_a_cdn():
    ignored = apps.get_app_config("staticfiles").ignore_patterns  # collectstatic's own; the finders add theirs
    offenders = []
    for finder in finders.get_finders():
        for path, storage in finder.list(ignored):
            if path.endswith((".js", ".css", ".html", ".json", ".map", ".svg")):
                with storage.open(path) as handle:
                    if CDN.search(handle.read()):
                        offenders.append(path)
    assert offenders == []


def test_it_serves_the_api_docs_from_local_files(db):
    page = Client().get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert not CDN.search(page.encode())


def test_the_finders_leave_out_the_redoc_bundle_but_find_the_swagger_ui():
    assert finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js") is None
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js") is not None


def test_live_servers_serve_static_files(live_server):
    # pytest-django's live server serves static files only when INSTALLED_APPS names "django.contrib.staticfiles"
    # literally; without them every browser test runs a page with no CSS and no JavaScript.
    from urllib.request import urlopen

    with urlopen(f"{live_server.url}/static/vendor/bootstrap/js/bootstrap.bundle.min.js") as response:
        assert response.status == 200
