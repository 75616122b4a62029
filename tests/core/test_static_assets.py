"""Government intranets have no internet: no collected static file may load anything from a CDN."""

from __future__ import annotations

import re

from django.apps import apps
from django.contrib.staticfiles import finders
from django.test import Client

CDN = re.compile(rb"(cdn\.|cdnjs|jsdelivr|unpkg|googleapis|gstatic)", re.IGNORECASE)


def test_it_collects_no_static_file_that_names_a_cdn():
    ignored = apps.get_app_config("staticfiles").ignore_patterns  # what collectstatic leaves out
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
