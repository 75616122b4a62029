"""Push to SIASN: every completed development of the year becomes a riwayat in SIASN (SIASN.md §2B).

- Sources: completed enrolments (session ended in the year), verified external claims (ended in the year), and
  mentoring (one record per pair and year, the mentee's logged JP).
- Kursus or diklat: the method's JenisMapping (agency's own row, else the national one) says /kursus/save with a
  jenisDiklatId, or /diklat/save with a latihanStrukturalId (structural/PIM leadership training).
- Then the certificate PDF is uploaded against the returned riwayat id (/upload-dok-rw, document type 881 for a
  kursus, 874 for a diklat): the session's certificate as Renbang prints it, the claim's file when it is a PDF.
- Once: an item keeps SIASN's id; a later send passes that id (an update, SIASN.md: "pass the record id to update",
  inferred) and nothing is sent again unless its content changed (fingerprint) or someone asks to send it again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone

from renbang.delivery.models import Enrolment, ExternalClaim
from renbang.mentoring.models import Log

from .client import DOC_DIKLAT, DOC_KURSUS, SiasnClient, SiasnError
from .models import EmployeeLink, JenisMapping, OutboxItem, Target

log = logging.getLogger(__name__)
Progress = Callable[[int, str], None]

#: A claim without a method is sent as jenis diklat 11 "Kursus" (a choice of this app, UNVERIFIED with BKN).
DEFAULT_MAPPING = JenisMapping(method_code="", target=Target.KURSUS, jenis_diklat_id="11")
#: jenisKursusSertipikat: P for jenis 4, 7 and 9, T for most others (SIASN.md §2C); which two rows carry F is
#: not known, so T is sent for them (UNVERIFIED).
CERTIFICATE_KIND_P = {"4", "7", "9"}


def _fold(text: str) -> str:
    return " ".join(text.split())


# -- the outbox ------------------------------------------------------------------------------------------------
def _sources(agency, year: int) -> list[dict]:
    start, end = f"{year}-01-01", f"{year}-12-31"
    rows = []
    for e in Enrolment.objects.filter(completed=True, session__agency=agency, session__end_date__gte=start,
                                      session__end_date__lte=end).select_related("session__programme__method"):
        rows.append({"source": OutboxItem.Source.SESSION, "enrolment_id": e.pk, "employee_id": e.employee_id,
                     "title": _fold(e.session.title or e.session.programme.title), "jp": e.jp,
                     "method": e.session.programme.method.code})
    for c in ExternalClaim.objects.filter(status=ExternalClaim.Status.VERIFIED, employee__agency=agency,
                                          end_date__gte=start, end_date__lte=end).select_related("method"):
        rows.append({"source": OutboxItem.Source.CLAIM, "claim_id": c.pk, "employee_id": c.employee_id,
                     "title": _fold(c.title), "jp": c.jp, "method": c.method.code if c.method_id else ""})
    for p in Log.objects.filter(pair__programme__agency=agency, date__gte=start, date__lte=end).values(
            "pair_id", "pair__mentee_id", "pair__programme__title", "pair__programme__method__code").annotate(
            jp=Sum("jp")).order_by():
        if p["jp"]:
            rows.append({"source": OutboxItem.Source.MENTORING, "pair_id": p["pair_id"],
                         "employee_id": p["pair__mentee_id"], "title": _fold(p["pair__programme__title"]),
                         "jp": p["jp"], "method": p["pair__programme__method__code"]})
    return rows


def mappings_for(agency) -> dict[str, JenisMapping]:
    rows = JenisMapping.objects.filter(Q(agency__isnull=True) | Q(agency=agency)).order_by("agency_id")
    result: dict[str, JenisMapping] = {}
    for row in rows:  # national first, the agency's own rows override them
        if row.agency_id is None and row.method_code in result:
            continue
        result[row.method_code] = row
    return result


def refresh_outbox(*, agency, year: int) -> dict:
    """Bring the outbox of `year` in line with what is completed: new items waiting, changed items (title, JP,
    kind) waiting again if already sent, waiting items whose source is gone removed."""
    mappings = mappings_for(agency)
    existing = {(i.source, i.enrolment_id or i.claim_id or i.pair_id): i
                for i in OutboxItem.objects.filter(agency=agency, year=year)}
    seen, created, changed = set(), 0, 0
    with transaction.atomic():
        for row in _sources(agency, year):
            key = (row["source"], row.get("enrolment_id") or row.get("claim_id") or row.get("pair_id"))
            seen.add(key)
            target = mappings.get(row["method"], DEFAULT_MAPPING).target
            item = existing.get(key)
            if item is None:
                OutboxItem.objects.create(
                    agency=agency, year=year, employee_id=row["employee_id"], source=row["source"],
                    enrolment_id=row.get("enrolment_id"), claim_id=row.get("claim_id"), pair_id=row.get("pair_id"),
                    title=row["title"][:300], jp=row["jp"], target=target)
                created += 1
            elif (item.title, item.jp, item.target) != (row["title"][:300], row["jp"], target):
                item.title, item.jp, item.target = row["title"][:300], row["jp"], target
                if item.status == OutboxItem.Status.SENT:
                    item.status = OutboxItem.Status.WAITING
                item.save()
                changed += 1
        gone = [i.pk for k, i in existing.items() if k not in seen and i.status != OutboxItem.Status.SENT]
        OutboxItem.objects.filter(pk__in=gone).delete()
    return {"created": created, "changed": changed, "removed": len(gone)}


# -- one item --------------------------------------------------------------------------------------------------
def _date(value) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _hours(jp: Decimal) -> int:
    return int(Decimal(jp).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _details(item: OutboxItem) -> dict:
    """Dates, organiser, certificate number and method of the item's source."""
    if item.source == OutboxItem.Source.SESSION:
        e = item.enrolment
        s = e.session
        cert = getattr(e, "certificate", None)
        return {"start": s.start_date, "end": s.end_date, "organiser": s.agency.name,
                "number": (cert.number or cert.code) if cert and not cert.revoked else "",
                "method": s.programme.method.code}
    if item.source == OutboxItem.Source.CLAIM:
        c = item.claim
        return {"start": c.start_date, "end": c.end_date, "organiser": c.provider_name,
                "number": c.certificate_number, "method": c.method.code if c.method_id else ""}
    dates = Log.objects.filter(pair=item.pair, date__year=item.year).aggregate(a=Min("date"), b=Max("date"))
    return {"start": dates["a"], "end": dates["b"], "organiser": item.pair.programme.agency.name, "number": "",
            "method": item.pair.programme.method.code}


def build_body(item: OutboxItem, link: EmployeeLink, mapping: JenisMapping) -> dict:
    d = _details(item)
    if mapping.target == Target.DIKLAT:
        return {"id": item.siasn_id or "", "pnsOrangId": link.pns_id,
                "latihanStrukturalId": mapping.latihan_struktural_id, "nomor": d["number"],
                "tanggal": _date(d["start"]), "tanggalSelesai": _date(d["end"]), "tahun": item.year,
                "jumlahJam": _hours(item.jp), "institusiPenyelenggara": d["organiser"], "bobot": 0,
                "jenisKompetensi": "", "path": []}
    jenis = mapping.jenis_diklat_id
    return {"id": item.siasn_id or "", "pnsOrangId": link.pns_id, "instansiId": link.instansi_id, "lokasiId": "",
            "jenisDiklatId": jenis, "jenisKursus": "",
            "jenisKursusSertipikat": "P" if jenis in CERTIFICATE_KIND_P else "T",
            "namaKursus": item.title, "institusiPenyelenggara": d["organiser"], "nomorSertipikat": d["number"],
            "jumlahJam": _hours(item.jp), "tahunKursus": item.year, "tanggalKursus": _date(d["start"]),
            "tanggalSelesaiKursus": _date(d["end"]), "path": []}


def fingerprint(body: dict) -> str:
    content = {k: v for k, v in body.items() if k != "id"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def certificate_pdf(item: OutboxItem) -> tuple[bytes, str] | None:
    """The certificate to upload, or None when there is none as a PDF (mentoring; a claim scanned as an image)."""
    if item.source == OutboxItem.Source.CLAIM:
        claim = item.claim
        if claim.file_type != "application/pdf" or not claim.file:
            return None
        with claim.file.open("rb") as handle:
            return handle.read(), f"sertifikat-klaim-{claim.pk}.pdf"
    if item.source == OutboxItem.Source.SESSION:
        cert = getattr(item.enrolment, "certificate", None)
        if cert is None or cert.revoked:
            return None
        from renbang.core.pdf import render_pdf

        e = item.enrolment
        verify = _site() + reverse("delivery:verify_code", args=[cert.code])
        return render_pdf("delivery/pdf/certificate.html", {
            "agency": e.session.agency, "certificate": cert, "enrolment": e, "session": e.session,
            "employee": e.employee, "verify_url": verify}), f"sertifikat-{cert.code}.pdf"
    return None


def _site() -> str:
    """The address printed on a certificate rendered outside a request: the first allowed host."""
    hosts = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h not in ("*", "")]
    return f"https://{hosts[0]}" if hosts else ""


def send_item(item: OutboxItem, client: SiasnClient, *, mappings: dict[str, JenisMapping] | None = None,
              force: bool = False) -> OutboxItem:
    """Send (or update) one item and upload its certificate; the result is saved on the item (audited)."""
    item = OutboxItem.objects.select_related(
        "employee", "enrolment__session__programme__method", "enrolment__session__agency", "enrolment__certificate",
        "claim__method", "pair__programme__method", "pair__programme__agency").get(pk=item.pk)
    nip = item.employee.nip
    mapping = (mappings or mappings_for(item.agency)).get(_details(item)["method"], DEFAULT_MAPPING)
    link = EmployeeLink.objects.filter(employee=item.employee).first()
    item.attempts += 1
    if link is None:
        return _failed(item, f"NIP {nip} belum ditarik dari SIASN (ID PNS belum ada): jalankan penarikan untuk "
                             "pegawai ini dulu.")
    try:
        body = build_body(item, link, mapping)
    except (AttributeError, ValueError) as exc:
        return _failed(item, f"Data kegiatan NIP {nip} tidak lengkap ({type(exc).__name__}).")
    digest = fingerprint(body)
    if (not force and item.status == OutboxItem.Status.SENT and item.fingerprint == digest
            and item.certificate_sent):
        return item
    try:
        save = client.save_diklat if mapping.target == Target.DIKLAT else client.save_kursus
        item.siasn_id = save(body, nip=nip)
        item.target = mapping.target
        item.fingerprint = digest
        pdf = certificate_pdf(item)
        note = ""
        if pdf is not None:
            doc = DOC_DIKLAT if mapping.target == Target.DIKLAT else DOC_KURSUS
            client.upload_riwayat_document(rw_id=item.siasn_id, doc_type=doc, content=pdf[0], filename=pdf[1],
                                           nip=nip)
            item.certificate_sent = True
        else:
            item.certificate_sent = False
            note = "Terkirim tanpa sertifikat (tidak ada sertifikat PDF); unggah manual di SIASN bila perlu."
    except SiasnError as exc:
        return _failed(item, str(exc))
    item.status, item.message, item.sent_at = OutboxItem.Status.SENT, note, timezone.now()
    item.save()
    return item


def _failed(item: OutboxItem, message: str) -> OutboxItem:
    item.status, item.message = OutboxItem.Status.FAILED, message[:2000]
    item.save()
    return item


# -- the year --------------------------------------------------------------------------------------------------
def pending(agency, year: int):
    return OutboxItem.objects.filter(agency=agency, year=year).exclude(status=OutboxItem.Status.SENT)


def push(*, agency, year: int, client: SiasnClient, item_ids: list[int] | None = None,
         progress: Progress | None = None, dry_run: bool = False) -> dict:
    """Refresh the year's outbox and send what waits or failed (or exactly `item_ids`, sent items included)."""
    report = progress or (lambda percent, message: None)
    if dry_run:  # what would be sent; the refreshed outbox is rolled back
        with transaction.atomic():
            refreshed = refresh_outbox(agency=agency, year=year)
            waiting = pending(agency, year).count()
            transaction.set_rollback(True)
        return {**refreshed, "to_send": waiting}
    refreshed = refresh_outbox(agency=agency, year=year) if item_ids is None else {}
    items = list((OutboxItem.objects.filter(agency=agency, pk__in=item_ids) if item_ids is not None
                  else pending(agency, year)).order_by("pk"))
    mappings = mappings_for(agency)
    counts = {"sent": 0, "failed": 0}
    for n, item in enumerate(items, start=1):
        result = send_item(item, client, mappings=mappings, force=item_ids is not None)
        counts["sent" if result.status == OutboxItem.Status.SENT else "failed"] += 1
        if n % 25 == 0 or n == len(items):
            report(int(100 * n / len(items)), f"{n} dari {len(items)} riwayat")
    log.info("SIASN push of agency %s, year %s: %s", agency.pk, year, counts)
    return {**refreshed, **counts, "to_send": len(items)}
