"""The agency's logo on the letterhead of every PDF (pdf/base.html, shared by all documents)."""

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renbang.core.pdf import render_pdf
from renbang.org import services


@pytest.fixture
def template(tmp_path, settings):
    (tmp_path / "uji.html").write_text('{% extends "pdf/base.html" %}{% block content %}<p>Isi</p>{% endblock %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    return "uji.html"


def images_in(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return [line for line in listing.splitlines()[2:] if line.strip()]


def test_it_puts_the_logo_on_the_letterhead(world, template, tmp_path, png):
    assert images_in(render_pdf(template, {"agency": world.agency}), tmp_path) == []
    logo = services.logo_checked(SimpleUploadedFile("lambang.png", png(size=(120, 150))))
    services.agency_save(agency=world.agency, logo=logo)
    world.agency.refresh_from_db()
    images = images_in(render_pdf(template, {"agency": world.agency}), tmp_path)
    assert len(images) == 1
    assert images[0].split()[3:5] == ["120", "150"]  # page num type width height: the logo itself


def test_a_real_document_carries_the_logo(world, login, tmp_path, png):
    services.agency_save(agency=world.agency, logo=services.logo_checked(SimpleUploadedFile("l.png", png())))
    response = login(world.users.admin).get(reverse("cycle:dashboard_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert len(images_in(response.content, tmp_path)) == 1
