"""Push to the fake SIASN over HTTP: each completed development once with its certificate, kursus or diklat by
the mapping, an update (same SIASN id) on re-send, a refused reference reported with SIASN's message."""

import pytest

from renbang.siasn import push
from renbang.siasn.client import SiasnClient, SiasnConfig
from renbang.siasn.models import EmployeeLink, JenisMapping, OutboxItem

from .builders import completed_year, known_to_siasn

pytestmark = pytest.mark.django_db


def _client():
    return SiasnClient(SiasnConfig.from_settings(backoff=0.0))


def test_it_sends_each_completed_development_once_with_its_certificate(fake_siasn, world):
    known_to_siasn(fake_siasn, world)
    year = completed_year(world)
    with _client() as client:
        result = push.push(agency=world.agency, year=year, client=client)
    assert result["created"] == 5 and result["sent"] == 5 and result["failed"] == 0
    items = {(i.source, i.employee_id, i.target): i for i in OutboxItem.objects.all()}
    assert set(items) == {("session", world.staff.pk, "kursus"), ("session", world.chief.pk, "kursus"),
                          ("session", world.chief.pk, "diklat"), ("claim", world.staff.pk, "kursus"),
                          ("mentoring", world.other.pk, "kursus")}
    assert len(fake_siasn.kursus) == 4 and len(fake_siasn.diklat) == 1
    diklat = items[("session", world.chief.pk, "diklat")]
    assert fake_siasn.diklat[diklat.siasn_id]["latihanStrukturalId"] == "8"
    assert fake_siasn.documents[diklat.siasn_id]["id_ref_dokumen"] == "874"
    mentoring = items[("mentoring", world.other.pk, "kursus")]
    saved = fake_siasn.kursus[mentoring.siasn_id]
    assert saved["jenisDiklatId"] == "15" and saved["jumlahJam"] == 4
    assert mentoring.siasn_id not in fake_siasn.documents and "tanpa sertifikat" in mentoring.message
    for key in (("session", world.staff.pk, "kursus"), ("claim", world.staff.pk, "kursus")):
        assert fake_siasn.documents[items[key].siasn_id]["id_ref_dokumen"] == "881"
    assert all(i.status == "sent" and i.sent_at for i in items.values())

    with _client() as client:
        again = push.push(agency=world.agency, year=year, client=client)
    assert again["to_send"] == 0 and len(fake_siasn.saves) == 5  # nothing sent twice


def test_a_changed_or_resent_record_updates_the_same_siasn_id(fake_siasn, world):
    known_to_siasn(fake_siasn, world)
    year = completed_year(world)
    with _client() as client:
        push.push(agency=world.agency, year=year, client=client)
    claim_item = OutboxItem.objects.get(source="claim")
    first_id = claim_item.siasn_id
    claim = claim_item.claim
    claim.jp = 7
    claim.save()
    with _client() as client:
        result = push.push(agency=world.agency, year=year, client=client)
        assert result["changed"] == 1 and result["sent"] == 1
        push.push(agency=world.agency, year=year, client=client, item_ids=[claim_item.pk])  # "send again"
    claim_item.refresh_from_db()
    assert claim_item.siasn_id == first_id and len(fake_siasn.kursus) == 4
    assert [s["id"] for s in fake_siasn.saves[5:]] == [first_id, first_id]
    assert fake_siasn.kursus[first_id]["jumlahJam"] == 7


def test_a_refused_reference_is_reported_with_siasn_message_and_sent_again_after_the_fix(fake_siasn, world):
    known_to_siasn(fake_siasn, world)
    year = completed_year(world)
    mapping = JenisMapping.objects.create(agency=world.agency, method_code="KL-TEK", target="kursus",
                                          jenis_diklat_id="99")
    with _client() as client:
        result = push.push(agency=world.agency, year=year, client=client)
    assert result["failed"] == 2 and result["sent"] == 3
    failed = OutboxItem.objects.filter(status="failed")
    assert all("jenisDiklatId 99 tidak ditemukan pada referensi" in i.message for i in failed)
    assert all(i.employee.nip in i.message for i in failed)
    mapping.jenis_diklat_id = "3"
    mapping.save()
    with _client() as client:
        result = push.push(agency=world.agency, year=year, client=client)
    assert result["sent"] == 2 and not OutboxItem.objects.exclude(status="sent").exists()


def test_an_employee_not_yet_pulled_fails_clearly(fake_siasn, world):
    known_to_siasn(fake_siasn, world)
    year = completed_year(world)
    EmployeeLink.objects.filter(employee=world.other).delete()
    with _client() as client:
        push.push(agency=world.agency, year=year, client=client)
    item = OutboxItem.objects.get(employee=world.other)
    assert item.status == "failed" and "belum ditarik dari SIASN" in item.message


def test_a_dry_run_writes_nothing(fake_siasn, world):
    known_to_siasn(fake_siasn, world)
    year = completed_year(world)
    with _client() as client:
        result = push.push(agency=world.agency, year=year, client=client, dry_run=True)
    assert result["to_send"] == 5 and not OutboxItem.objects.exists() and not fake_siasn.saves


def test_every_send_is_in_the_audit_trail(fake_siasn, world):
    from auditlog.models import LogEntry

    known_to_siasn(fake_siasn, world)
    year = completed_year(world)
    with _client() as client:
        push.push(agency=world.agency, year=year, client=client)
    item = OutboxItem.objects.get(source="claim")
    entries = LogEntry.objects.get_for_object(item)
    assert any("siasn_id" in (e.changes_dict or {}) for e in entries)
