"""Named actors reused by every test (healthchecks' hc/test.py style).

The world: Kota Medan with two OPDs (A: Dinas Pendidikan with a bidang and a seksi; B: Dinas Kesehatan),
a chain of employees in A (head of bidang → head of seksi → staff), one in B, and one user per role.
"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright + live_server share the thread

from renbang.accounts.models import Role
from renbang.org.models import PositionType, UnitKind

from .factories import (
    AgencyFactory,
    EmployeeFactory,
    OrgUnitFactory,
    PositionFactory,
    UserFactory,
)
from .oidc import oidc_provider  # noqa: F401 (fixture: a real OIDC provider on loopback, see tests/oidc.py)

PASSWORD = "rahasia-uji-123"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run in the PostgreSQL pass of `make test` only; on SQLite they are deselected
    (not skipped: CI runs both passes, so each of them runs in one)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    chosen = [item for item in items if item.get_closest_marker("postgres") is None]
    if len(chosen) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item.get_closest_marker("postgres")])
        items[:] = chosen


@pytest.fixture
def world(db):
    agency = AgencyFactory()
    unit_a = OrgUnitFactory(agency=agency, name="Dinas Pendidikan dan Kebudayaan", kind=UnitKind.OFFICE)
    field_a = OrgUnitFactory(agency=agency, name="Bidang Pembinaan SD", kind=UnitKind.FIELD, parent=unit_a)
    section_a = OrgUnitFactory(agency=agency, name="Seksi Kurikulum SD", kind=UnitKind.SECTION, parent=field_a)
    unit_b = OrgUnitFactory(agency=agency, name="Dinas Kesehatan", kind=UnitKind.OFFICE)
    admin_pos = PositionFactory(agency=agency, name="Kepala Bidang Pembinaan SD",
                                position_type=PositionType.ADMINISTRATOR)
    pengawas = PositionFactory(agency=agency, name="Kepala Seksi Kurikulum SD", position_type=PositionType.SUPERVISORY)
    staff_pos = PositionFactory(agency=agency, name="Pengolah Data", position_type=PositionType.EXECUTIVE)
    boss = EmployeeFactory(agency=agency, unit=field_a, position=admin_pos, name="Rahmat Hasibuan", rank="IV/a")
    chief = EmployeeFactory(agency=agency, unit=section_a, position=pengawas, supervisor=boss, name="Butet Siregar",
                            sex="P", rank="III/d")
    staff = EmployeeFactory(agency=agency, unit=section_a, position=staff_pos, supervisor=chief,
                            name="Ahmad Lubis", rank="III/a")
    other = EmployeeFactory(agency=agency, unit=unit_b, position=staff_pos, name="Siti Nasution", sex="P",
                            rank="III/b")
    users = SimpleNamespace(
        admin=UserFactory(username="admin", agency=agency, role=Role.BKPSDM_ADMIN),
        officer_a=UserFactory(username="opd_a", agency=agency, role=Role.HR_OFFICER, unit=unit_a),
        officer_b=UserFactory(username="opd_b", agency=agency, role=Role.HR_OFFICER, unit=unit_b),
        supervisor=UserFactory(username="atasan", agency=agency, role=Role.SUPERVISOR, employee=chief),
        employee=UserFactory(username="pegawai", agency=agency, role=Role.EMPLOYEE, employee=staff),
        mentor=UserFactory(username="mentor", agency=agency, role=Role.MENTOR, employee=boss),
        facilitator=UserFactory(username="fasilitator", agency=agency, role=Role.FACILITATOR),
        head=UserFactory(username="ppk", agency=agency, role=Role.HEAD),
    )
    return SimpleNamespace(
        agency=agency, unit_a=unit_a, field_a=field_a, section_a=section_a, unit_b=unit_b,
        boss=boss, chief=chief, staff=staff, other=other, users=users,
        positions=SimpleNamespace(administrator=admin_pos, pengawas=pengawas, staff=staff_pos),
    )


@pytest.fixture
def login(client):
    """login(user) → the test client logged in as that user."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


def mark_otp_verified(client, user) -> None:
    """Mark a force_login session as having passed two-factor verification, the way django_otp.login does: the
    session holds the persistent id of a confirmed device of the user (a static device without codes)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _created = StaticDevice.objects.get_or_create(user=user, name="tests", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """force_login skips the password; for the roles that must use two-factor verification (BKPSDM admin, PPK)
    it skips the code too, so page tests keep testing the page. Enforcement stays on: tests/accounts/test_twofactor.py
    logs in through the forms and shows it working."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if user.holds_admin_role:
            mark_otp_verified(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: figures cached from one test's rows must not reach the next, whose
    rows may get the same ids (SQLite reuses them after a rollback)."""
    from django.core.cache import cache

    cache.clear()


#: Data migrations that load reference data (idempotent `load(apps, schema_editor)` functions).
REFERENCE_DATA_MIGRATIONS = [
    "renbang.competencies.migrations.0002_national_dictionary",
    "renbang.catalog.migrations.0002_lan_methods_and_rules",
    "renbang.siasn.migrations.0002_seed_jenis_mapping",
]


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """A transactional test (browser tests with live_server) flushes every table at teardown, the rows of data
    migrations included; the next transactional test on the same worker gets them back here."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for path in REFERENCE_DATA_MIGRATIONS:
        importlib.import_module(path).load(apps, None)


@pytest.fixture(autouse=True)
def _media_root(request, tmp_path_factory):
    """Uploads (e.g. delivery's certificate claims) go to a temporary directory, never to var/media."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames \
            and not request.node.get_closest_marker("django_db"):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    yield
