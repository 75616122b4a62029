import subprocess

import pytest

from renbang.core.pdf import PdfFetchRefused, _local_path, pdf_response


@pytest.fixture
def template(tmp_path, settings):
    (tmp_path / "uji.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}<h1>Rencana Pengembangan</h1>'
        '{% include "pdf/signature.html" with place="Medan" title="Wali Kota Medan" name="Bobby" %}'
        "{% endblock %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    return "uji.html"


def test_it_renders_the_letterhead_content_and_signature(template, world, tmp_path):
    response = pdf_response("rencana 2026.pdf", template, {"agency": world.agency})
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="rencana-2026.pdf"' in response["Content-Disposition"]
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert world.agency.name.upper() in text
    assert "RENCANA PENGEMBANGAN" in text
    assert "Wali Kota Medan" in text and "Bobby" in text


def test_it_refuses_to_fetch_anything_but_local_files():
    with pytest.raises(PdfFetchRefused):
        _local_path("http://169.254.169.254/latest/meta-data")
    with pytest.raises(PdfFetchRefused):
        _local_path("file:///etc/passwd")
