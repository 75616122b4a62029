"""Pull from the fake SIASN over HTTP: employees and history created then updated idempotently, dry run writes
nothing, token expiry mid-sync survived, a NIP SIASN cannot answer reported, the ledger counts history once."""

import datetime as dt
import random
from decimal import Decimal

import pytest

from renbang.delivery.ledger import employee_jp
from renbang.delivery.models import TrainingRecord
from renbang.people.models import Employee
from renbang.siasn import pull, sample
from renbang.siasn.client import SiasnClient, SiasnConfig
from renbang.siasn.models import EmployeeLink, PositionRecord, SyncRun, UnitLink

YEAR = 2026


def _client():
    return SiasnClient(SiasnConfig.from_settings(backoff=0.0))


def _load(fake, world):
    """SIASN knows the four employees of the world, one with a new rank, plus a new one; each has history."""
    rng = random.Random(3)
    for employee in (world.boss, world.chief, world.staff, world.other):
        data = sample.data_utama_of(employee)
        if employee == world.staff:
            data["golRuangAkhir"] = "III/b"
        fake.add_pns(data, kursus=sample.kursus_items(employee.nip, rng, YEAR, 2),
                     diklat=sample.diklat_items(employee.nip, rng, YEAR) if employee == world.chief else [],
                     jabatan=[{"id": f"jab-{employee.nip}", "namaJabatan": data["jabatanNama"],
                               "unorNama": data["unorNama"], "tmtJabatan": "01-01-2024", "nomorSk": "821/1"}])
    new = sample.generated(1, seed=9, unit=world.unit_b.name)[0]
    fake.add_pns(new[0], kursus=new[2])
    fake.unor = [{"Id": "u-dik", "NamaUnor": world.unit_a.name, "DiatasanId": None},
                 {"Id": "u-bid", "NamaUnor": world.field_a.name, "DiatasanId": "u-dik"},
                 {"Id": "u-new", "NamaUnor": "UPT Laboratorium Kesehatan Daerah", "DiatasanId": "u-dik"}]
    return [e.nip for e in (world.boss, world.chief, world.staff, world.other)] + [new[0]["nipBaru"]]


@pytest.mark.django_db
def test_it_creates_then_updates_nothing_on_a_second_pull(fake_siasn, world):
    nips = _load(fake_siasn, world)
    with _client() as client:
        run = pull.run_pull(pull.start_run(agency=world.agency, nips=nips), client)
    assert run.status == SyncRun.Status.DONE and run.cursor == 5
    assert run.totals["created"] == 1 and run.totals["updated"] == 1 and run.totals["unchanged"] == 3
    assert {"nip": world.staff.nip, "field": "rank", "old": "III/a", "new": "III/b"} in run.changes
    world.staff.refresh_from_db()
    assert world.staff.rank == "III/b"
    expected = sum(len(fake_siasn.riwayat_of(k, n)) for n in nips for k in ("diklat", "kursus"))
    assert TrainingRecord.objects.count() == expected == run.totals["history_created"]
    assert EmployeeLink.objects.count() == 5 and PositionRecord.objects.count() == 4
    assert run.totals["units_linked"] == 2 and run.totals["units_created"] == 1
    assert UnitLink.objects.get(siasn_id="u-new").unit.parent == world.unit_a

    with _client() as client:
        again = pull.run_pull(pull.start_run(agency=world.agency, nips=nips), client)
    assert again.totals["created"] == 0 and again.totals["updated"] == 0 and again.totals["unchanged"] == 5
    assert again.totals.get("history_created", 0) == 0 and again.totals["history_unchanged"] == expected
    assert TrainingRecord.objects.count() == expected and Employee.objects.count() == 5
    assert again.changes == []

    record = TrainingRecord.objects.filter(kind="kursus", employee=world.other).first()
    fake_siasn.kursus[record.siasn_id]["jumlahJam"] = 40
    with _client() as client:
        third = pull.run_pull(pull.start_run(agency=world.agency, nips=[world.other.nip], with_units=False), client)
    assert third.totals["history_updated"] == 1
    record.refresh_from_db()
    assert record.jp == Decimal("40.00") and TrainingRecord.objects.count() == expected


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(fake_siasn, world):
    nips = _load(fake_siasn, world)
    before = list(Employee.objects.order_by("pk").values_list("nip", "rank", "unit_id"))
    with _client() as client:
        report = pull.dry_run(agency=world.agency, nips=nips, client=client)
    assert report.totals["created"] == 1 and report.totals["history_created"] > 0
    assert {"nip": world.staff.nip, "field": "rank", "old": "III/a", "new": "III/b"} in report.changes
    assert list(Employee.objects.order_by("pk").values_list("nip", "rank", "unit_id")) == before
    assert not TrainingRecord.objects.exists() and not SyncRun.objects.exists()
    assert not EmployeeLink.objects.exists() and not UnitLink.objects.exists()


@pytest.mark.django_db
def test_it_survives_token_expiry_mid_sync(fake_siasn, world):
    nips = _load(fake_siasn, world)
    fake_siasn.expire_after = 6  # every token dies after the 6th API request
    with _client() as client:
        run = pull.run_pull(pull.start_run(agency=world.agency, nips=nips), client, batch=2, workers=1)
    assert run.status == SyncRun.Status.DONE and run.totals.get("problems", 0) == 0
    assert EmployeeLink.objects.count() == 5


@pytest.mark.django_db
def test_5xx_are_retried_then_reported_for_that_nip_only(fake_siasn, world, settings):
    nips = _load(fake_siasn, world)
    settings.SIASN = {**settings.SIASN, "RETRIES": 1}
    with _client() as client:
        client.data_utama(nips[0])  # tokens first, so the failures below fall on data requests
        fake_siasn.fail_next(2)  # first NIP's data utama: 2 attempts, both 503
        run = pull.run_pull(pull.start_run(agency=world.agency, nips=nips, with_units=False), client, workers=1)
    assert run.status == SyncRun.Status.DONE
    assert run.totals["problems"] == 1
    assert run.problems[0]["nip"] == nips[0] and "HTTP 503" in run.problems[0]["message"]
    assert EmployeeLink.objects.count() == 4
    fake_siasn.error_rate = 0.3  # seeded random failures: retries absorb them
    settings.SIASN = {**settings.SIASN, "RETRIES": 6}
    with _client() as client:
        again = pull.run_pull(pull.start_run(agency=world.agency, nips=nips, with_units=False), client, workers=1)
    assert again.totals.get("problems", 0) == 0 and EmployeeLink.objects.count() == 5


@pytest.mark.django_db
def test_a_stopped_run_resumes_at_its_checkpoint(fake_siasn, world):
    nips = _load(fake_siasn, world)
    run = pull.start_run(agency=world.agency, nips=nips)
    with _client() as client, pytest.raises(pull.PullStopped):
        pull.run_pull(run, client, batch=2, stop_after=1, workers=1)
    run = pull.unfinished_run(world.agency)
    assert run.cursor == 2 and EmployeeLink.objects.count() == 2
    calls = fake_siasn.count("GET /pns/data-utama/{id}")
    with _client() as client:
        pull.run_pull(run, client, batch=2, workers=1)
    assert fake_siasn.count("GET /pns/data-utama/{id}") - calls == 3  # only the rest
    assert EmployeeLink.objects.count() == 5 and pull.unfinished_run(world.agency) is None


@pytest.mark.django_db
def test_the_ledger_counts_history_once(fake_siasn, world):
    from renbang.delivery import services
    from tests.delivery.helpers import pdf_upload

    claim = services.claim_submit(user=world.users.employee, upload=pdf_upload(), data={
        "title": "Kursus Bahasa Inggris", "provider_name": "LAN", "start_date": dt.date(YEAR, 5, 1),
        "end_date": dt.date(YEAR, 5, 3), "jp": Decimal("24")})
    services.claim_decide(claim=claim, user=world.users.admin, approve=True)
    fake_siasn.add_pns(sample.data_utama_of(world.staff), kursus=[
        {"id": "k-same", "jenisDiklatId": "11", "namaKursus": "Kursus Bahasa Inggris", "jumlahJam": 24,
         "tanggalKursus": "01-05-2026", "tanggalSelesaiKursus": "03-05-2026", "tahunKursus": YEAR},
        {"id": "k-other", "jenisDiklatId": "9", "namaKursus": "Seminar Nasional Kearsipan", "jumlahJam": 8,
         "tanggalKursus": "10-06-2026", "tanggalSelesaiKursus": "10-06-2026", "tahunKursus": YEAR}])
    with _client() as client:
        pull.run_pull(pull.start_run(agency=world.agency, nips=[world.staff.nip], with_units=False), client)
    assert TrainingRecord.objects.get(siasn_id="k-same").claim == claim
    totals = employee_jp(world.staff, YEAR)
    assert totals["claims"] == 24 and totals["history"] == 8 and totals["total"] == 32
