"""The error pages: 403, 404, 500 and the CSRF refusal in the app's layout, in Indonesian and in English; the 403
says whom to ask; the 500 page appears even when the database is down."""

from __future__ import annotations

from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_refuses_a_page_outside_the_role_with_the_layout_and_whom_to_ask(world, login):
    response = login(world.users.employee).get(reverse("people:import"))
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="mainnav"' in page  # the app's menu: the user is still somewhere they know
    assert "Anda tidak memiliki akses ke halaman ini" in page
    assert "minta admin BKPSDM Kota Medan menambahkan peran" in page
    assert "Pegawai" in page  # their role, so they can tell BKPSDM what they have


def test_it_says_bkpsdm_of_the_agency_when_the_agency_has_no_bkpsdm_name(world, login):
    world.agency.hr_agency_name = ""
    world.agency.save()
    page = login(world.users.facilitator).get(reverse("people:import")).content.decode()
    assert "minta admin BKPSDM instansi Anda menambahkan peran" in page


def test_a_refused_plan_action_is_the_styled_403(world, login):
    from tests.security.rows_plans import _plan

    plan = _plan(world).plan
    response = login(world.users.head).post(reverse("plans:plan_action", args=[plan.pk]), {"action": "submit"})
    assert response.status_code == 403
    assert "Kode galat 403" in response.content.decode()


def test_it_says_a_page_is_not_found_in_the_layout(world, login):
    response = login(world.users.employee).get("/tidak-ada/sama-sekali/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'id="mainnav"' in page and "Halaman tidak ditemukan" in page and "/tidak-ada/sama-sekali/" in page


def test_it_speaks_english_when_chosen(world, login):
    client = login(world.users.employee)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    refused = client.get(reverse("people:import")).content.decode()
    assert "You do not have access to this page" in refused and "ask the BKPSDM Kota Medan admin" in refused
    assert "Page not found" in client.get("/tidak-ada/").content.decode()


def test_the_500_page_renders_when_the_database_is_down(world, client):
    client.force_login(world.users.employee, backend="django.contrib.auth.backends.ModelBackend")
    client.raise_request_exception = False
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=OperationalError("database is down")):
        response = client.get(reverse("core:home"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Terjadi kesalahan pada server" in page and "bg-renbang" in page and 'lang="id"' in page
    assert "database is down" not in page  # nothing of the failure reaches the browser


def test_the_csrf_refusal_says_what_to_do(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "pegawai", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formulir tidak dapat dikirim" in page and "muat ulang" in page and "bg-renbang" in page
