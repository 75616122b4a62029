"""No personal data in logs (issue 10, hardening): key flows run with every log record captured, and no NIP or
birth date of any employee appears in a message or a traceback."""

from __future__ import annotations

import logging

import pytest
from django.db import IntegrityError

from renbang.core.jobs import start_job
from renbang.core.models import Job, JobStatus
from renbang.needs.imports import import_assessments
from renbang.people.models import Employee
from tests.people.builders import make_csv, person

FAILING = "tests.security.test_no_personal_data_in_logs.failing_job"


def failing_job(job, *, nip: str, **params) -> dict:
    job.report(10, "mulai")
    # What a database error looks like: the offending values are in the exception's message.
    raise IntegrityError(f'duplicate key value violates unique constraint DETAIL: Key (nip)=({nip}) already exists.')


def secrets() -> set[str]:
    found = set()
    for nip, birth in Employee.objects.values_list("nip", "birth_date"):
        found.add(nip)
        if birth:
            found |= {birth.isoformat(), birth.strftime("%d-%m-%Y"), birth.strftime("%d/%m/%Y")}
    return found


def leaked(records: list[logging.LogRecord]) -> list[str]:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    texts = [handler.format(record) for record in records]  # the message, its arguments and any traceback
    return [text for text in texts for secret in secrets() if secret in text]


@pytest.fixture
def everything_logged(caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="renbang")
    caplog.set_level(logging.DEBUG, logger="axes")
    return caplog


def test_key_flows_log_no_nip_and_no_birth_date(world, login, client, everything_logged,
                                                django_capture_on_commit_callbacks):
    staff = world.staff
    # failed logins with a NIP typed as user name, up to the lockout
    for _ in range(6):
        client.post("/akun/masuk/", {"username": staff.nip, "password": "salah"})
    # searching and reading employees, pages and API
    officer = login(world.users.officer_a)
    assert officer.get("/pegawai/", {"q": staff.nip}).status_code == 200
    assert officer.get(f"/pegawai/{staff.pk}/").status_code == 200
    assert officer.get("/api/v1/employees/", {"search": staff.nip}).status_code == 200
    assert officer.get(f"/pegawai/{world.other.pk}/").status_code == 404  # another unit
    # roster import through the web, with one invalid row and one valid row
    admin = login(world.users.admin)
    rows = [person(1, unit=world.unit_a.name, position=world.positions.staff.name),
            person(2, unit=world.unit_a.name, position=world.positions.staff.name, birth_date="31-02-1980")]
    upload = make_csv(rows)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post("/pegawai/impor/", {"file": _file(upload), "skip_invalid": "on"})
    assert response.status_code == 302
    preview = Job.objects.latest("pk")
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(f"/pegawai/impor/{preview.pk}/konfirmasi/", {"skip_invalid": "1"})
    applied = Job.objects.latest("pk")
    assert applied.status == JobStatus.DONE and applied.result["report"]["written"]
    assert Employee.objects.filter(nip=rows[0]["nip"]).exists()
    # assessment-centre import with an unknown NIP
    report = import_assessments(f"NIP;Kode kompetensi;Level;Tanggal;Asesor\n{staff.nip};M.1;3;15-03-2025;X\n"
                                "199001012015031001;M.1;3;15-03-2025;X\n".encode(), "ac.csv", agency=world.agency)
    assert report.errors
    # a job that fails with personal data in its exception
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(kind="test.fail", function_path=FAILING, params={"nip": staff.nip})
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED

    records = everything_logged.records
    assert any(r.name == "renbang.core.jobs" and r.levelno >= logging.ERROR for r in records)  # it was logged…
    assert any("Traceback" in logging.Formatter().format(r) for r in records)  # …with where it failed
    assert leaked(records) == []


def test_the_check_finds_a_nip_in_a_log_record(world, everything_logged):
    logging.getLogger("renbang.test").warning("pegawai %s", world.staff.nip)
    assert leaked(everything_logged.records)


def _file(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("roster.csv", data, content_type="text/csv")


def test_the_console_handler_drops_exception_messages_but_keeps_the_traceback(world):
    from django.conf import settings

    from renbang.core.logs import RedactExceptionMessages

    assert "redact" in settings.LOGGING["handlers"]["console"]["filters"]
    try:
        try:
            raise KeyError(world.staff.nip)
        except KeyError as inner:
            raise ValueError(f"tanggal lahir {world.staff.birth_date:%d-%m-%Y}") from inner
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: /x/",
                                   None, sys.exc_info())
    assert RedactExceptionMessages().filter(record)
    text = logging.Formatter().format(record)
    assert "Traceback" in text and "ValueError" in text and "KeyError" in text and "raise ValueError" in text
    assert leaked([record]) == []
