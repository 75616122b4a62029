"""The API documentation pages carry no inline script and load nothing from outside (CSP script-src 'self')."""

from __future__ import annotations

import re

from django.test import Client

from renbang.api.docs import LOGO_URL, redoc_source

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def test_the_docs_pages_have_no_inline_script(db):
    for path in ("/api/docs/", "/api/redoc/"):
        response = Client().get(path)
        assert response.status_code == 200
        assert not INLINE_SCRIPT.search(response.content), path
        assert b"googleapis" not in response.content and b"cdn." not in response.content


def test_the_swagger_init_script_is_a_separate_javascript_file(db):
    response = Client().get("/api/docs/?script=")
    assert response["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in response.content and b"/api/schema/" in response.content


def test_the_redoc_bundle_is_served_without_its_cdn_logo(db):
    response = Client().get("/api/redoc/redoc.standalone.js")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert not LOGO_URL.search(body) and b"cdn.redoc.ly" not in body
    assert body == redoc_source() and len(body) > 500_000
