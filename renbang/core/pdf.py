"""PDF documents (WeasyPrint) with the agency's letterhead: the RPK, IDPs, certificates, evaluation reports.

Templates extend `pdf/base.html` (A4, letterhead from `Agency`, page numbers) and fill `{% block content %}`;
`pdf/signature.html` is the signature block. WeasyPrint runs no JavaScript: charts are inline SVG
(`svg_chart`). Only local files are fetched (government intranets have no internet; no SSRF through a PDF).
"""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify


class PdfFetchRefused(ValueError):
    """A document tried to load something that is not a local static file."""


def _local_path(url: str) -> str:
    """The file on disk behind `/static/...` or a `file://` URL inside the project; refuse everything else."""
    static_url = settings.STATIC_URL
    path = None
    if static_url in url and not url.startswith(("http:", "https:", "ftp:")):
        path = finders.find(url.split(static_url, 1)[1].split("?")[0])
    elif url.startswith("file://"):
        candidate = Path(url.removeprefix("file://").split("?")[0]).resolve()
        if candidate.is_relative_to(Path(settings.BASE_DIR).resolve()):
            path = str(candidate)
    if not path:
        raise PdfFetchRefused(url)
    return Path(path).resolve().as_uri()


def _fetcher():
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            return super().fetch(_local_path(url), headers)

    return LocalFetcher(allowed_protocols={"file", "data"})


def render_pdf(template_name: str, context: dict | None = None) -> bytes:
    """Render a Django template to PDF bytes. The context gets `agency` from the caller (letterhead)."""
    from weasyprint import HTML

    html = render_to_string(template_name, context or {})
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_fetcher()).write_pdf()


def pdf_response(filename: str, template_name: str, context: dict | None = None, *,
                 inline: bool = False) -> HttpResponse:
    """An HTTP response with the rendered PDF (attachment by default)."""
    stem = slugify(Path(filename).stem) or "dokumen"
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{stem}.pdf"'
    return response


def svg_chart(figure) -> str:
    """A matplotlib figure as an inline SVG string (for PDFs: WeasyPrint draws SVG, runs no JavaScript)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]
