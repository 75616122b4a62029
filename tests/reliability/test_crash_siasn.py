"""A SIASN pull killed with SIGKILL in the middle of a batch resumes at its checkpoint: nothing lost, nothing
twice (PostgreSQL: the worker is a second process talking to the fake SIASN over loopback)."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from renbang.delivery.models import TrainingRecord
from renbang.people.models import Employee
from renbang.siasn import pull, sample
from renbang.siasn.client import SiasnClient, SiasnConfig
from renbang.siasn.fake import FakeSiasn
from renbang.siasn.models import EmployeeLink, SyncRun

from .crash import kill_job_midway, queued_job

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fake(monkeypatch, settings):
    server = FakeSiasn(seed=11).start()
    values = server.settings(BACKOFF=0.0)
    for key, value in values.items():  # the child process reads its settings from the environment
        monkeypatch.setenv(f"SIASN_{key}", str(value))
    settings.SIASN = values
    yield server
    server.stop()


def test_a_killed_pull_resumes_without_duplicates(world, fake):
    assert connection.vendor == "postgresql"
    rng = random.Random(5)
    employees = [world.boss, world.chief, world.staff, world.other]
    for e in employees:
        fake.add_pns(sample.data_utama_of(e), kursus=sample.kursus_items(e.nip, rng, 2026, 2))
    new = sample.generated(1, seed=4, unit=world.unit_b.name)[0]
    fake.add_pns(new[0], kursus=new[2], diklat=new[1])
    nips = [e.nip for e in employees] + [new[0]["nipBaru"]]
    expected = sum(len(fake.riwayat_of(k, n)) for n in nips for k in ("diklat", "kursus"))
    run = pull.start_run(agency=world.agency, nips=nips, user=world.users.admin)
    job = queued_job(kind="siasn_pull", function_path="renbang.siasn.jobs.pull_job", agency=world.agency,
                     user=world.users.admin, params={"run_id": run.pk, "batch": 2})

    # batches of 2: the 3rd link is the first write of the second batch; the child dies there
    killed = kill_job_midway(job.pk, pause_after_writes=3, model="siasn.EmployeeLink")

    assert killed.returncode == -9
    run.refresh_from_db()
    assert run.status == SyncRun.Status.RUNNING and run.cursor == 2
    assert EmployeeLink.objects.count() == 2  # the first batch and its checkpoint; the second rolled back
    done_history = TrainingRecord.objects.count()
    assert 0 < done_history < expected
    fetched = fake.count("GET /pns/data-utama/{id}")
    assert fetched >= 3

    with SiasnClient(SiasnConfig.from_settings()) as client:
        pull.run_pull(pull.unfinished_run(world.agency), client, batch=2)

    run.refresh_from_db()
    assert run.status == SyncRun.Status.DONE and run.cursor == 5
    assert fake.count("GET /pns/data-utama/{id}") - fetched == 3  # from the checkpoint on, not from the start
    assert EmployeeLink.objects.count() == 5 and Employee.objects.filter(agency=world.agency).count() == 5
    assert TrainingRecord.objects.count() == expected
    assert TrainingRecord.objects.values("kind", "siasn_id").distinct().count() == expected
