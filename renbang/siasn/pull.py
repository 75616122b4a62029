"""Pull from SIASN: unor → org units (keyed by SIASN id), data utama → employees (through the roster importer, the
same validation and upsert rules), riwayat diklat/kursus → delivery.TrainingRecord, riwayat jabatan →
PositionRecord.

Crash safety: a SyncRun holds the fixed list of NIPs and a cursor. Each batch of employees is fetched, then
written in ONE transaction together with the new cursor, so a process killed at any point (kill -9) leaves either
the batch and its checkpoint or neither; running again resumes at the cursor. Every write is an upsert by NIP or
SIASN id, so a batch applied twice changes nothing the second time.

A dry run is the same work inside a transaction that is rolled back: the report is exact, nothing stays.
Which NIPs: SIASN.md shows no "list every PNS of the instansi" read, so `--all` means the agency's active
employees already in Renbang; new employees are pulled by NIP (UNVERIFIED: a listing endpoint may exist).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from renbang.core.tabular import Table, parse_date
from renbang.delivery.models import Enrolment, ExternalClaim, TrainingRecord
from renbang.org.models import OrgUnit
from renbang.people.importing import import_table
from renbang.people.importing.columns import CellError, read_active, read_education, read_email, read_status
from renbang.people.importing.inference import guess_unit_kind
from renbang.people.models import Employee

from .client import SiasnClient
from .models import EmployeeLink, OutboxItem, PositionRecord, SyncRun, UnitLink

log = logging.getLogger(__name__)

BATCH = 250
MAX_CHANGES = 5000
MAX_PROBLEMS = 2000
WORKERS = 4
Progress = Callable[[int, str], None]

#: data-utama keys (SIASN.md §3) → roster headers the importer knows (people.importing.columns.ALIASES).
HEADERS = ("nipBaru", "nama", "gelarDepan", "gelarBelakang", "jenisKelamin", "tglLahir", "statusPegawai",
           "golRuangAkhir", "jabatanNama", "jenisJabatan", "unorNama", "unorIndukNama", "tmtJabatan", "emailGov",
           "kedudukanHukum", "pendidikanTerakhir", "pendidikanNama")


class PullStopped(Exception):
    """Raised by tests (through `stop_after`) to stop a run between batches, as a crash would."""


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _lenient(reader, *values) -> Any:
    """The first value the roster reader accepts, or "" (keep the stored value): SIASN's codes for status,
    kedudukan and education are not all known (UNVERIFIED), and an unknown one must not refuse the employee."""
    for value in values:
        if _text(value):
            try:
                result = reader(_text(value))
            except CellError:
                continue
            if result not in ("", None):
                return _text(value)
    return ""


def roster_row(data: dict, units: dict[str, tuple[str, str]]) -> list[Any]:
    """One importer row from a data-utama object. A unit linked by its SIASN id is named as Renbang names it."""
    unit_name, parent_name = units.get(str(data.get("unorId") or ""), (_text(data.get("unorNama")),
                                                                        _text(data.get("unorIndukNama"))))
    return [
        _text(data.get("nipBaru")), _text(data.get("nama")), _text(data.get("gelarDepan")),
        _text(data.get("gelarBelakang")), _text(data.get("jenisKelamin")), _text(data.get("tglLahir")),
        _lenient(read_status, data.get("statusPegawai"), data.get("jenisPegawaiNama")),
        _text(data.get("golRuangAkhir")), _text(data.get("jabatanNama")), _text(data.get("jenisJabatan")),
        unit_name, parent_name, _text(data.get("tmtJabatan")),
        _lenient(read_email, data.get("emailGov"), data.get("email")),
        _lenient(read_active, data.get("kedudukanPnsNama")),
        _lenient(read_education, data.get("tkPendidikanTerakhir"), data.get("pendidikanTerakhirNama")),
        _text(data.get("pendidikanTerakhirNama")),
    ]


# -- fetching --------------------------------------------------------------------------------------------------
def fetch(client: SiasnClient, nip: str) -> dict:
    """Everything pulled for one NIP; a SIASN failure is kept as a problem of this NIP, not of the run."""
    from .client import SiasnError

    try:
        utama = client.data_utama(nip)
        if utama is None:
            return {"nip": nip, "problem": f"NIP {nip} tidak ditemukan di SIASN."}
        return {"nip": nip, "utama": utama, "diklat": client.rw_diklat(nip), "kursus": client.rw_kursus(nip),
                "jabatan": client.rw_jabatan(nip)}
    except SiasnError as exc:
        return {"nip": nip, "problem": str(exc)}


def fetch_batch(client: SiasnClient, nips: list[str], workers: int = WORKERS) -> list[dict]:
    if workers <= 1 or len(nips) <= 1:
        return [fetch(client, nip) for nip in nips]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda nip: fetch(client, nip), nips))


# -- units -----------------------------------------------------------------------------------------------------
def pull_units(agency, client: SiasnClient) -> dict:
    """ref-unor → OrgUnit, top-down; an unlinked unit with the same name under the same parent is linked, not
    duplicated. Returns counts and problems."""
    rows = client.ref_unor()
    by_id = {str(r.get("Id")): r for r in rows if r.get("Id") and _text(r.get("NamaUnor"))}
    links = dict(UnitLink.objects.filter(agency=agency).values_list("siasn_id", "unit_id"))
    units = {u.pk: u for u in OrgUnit.objects.filter(agency=agency)}
    linked_units = set(links.values())
    result = {"units_created": 0, "units_linked": 0, "units_updated": 0, "problems": []}
    for siasn_id in _top_down(by_id):
        row = by_id[siasn_id]
        name = _text(row["NamaUnor"])[:200]
        parent_id = links.get(str(row.get("DiatasanId") or ""))
        unit = units.get(links.get(siasn_id))
        try:
            with transaction.atomic():
                if unit is None:
                    unit = next((u for u in units.values() if u.pk not in linked_units and u.parent_id == parent_id
                                 and u.name.casefold() == name.casefold()), None)
                    if unit is None:
                        unit = OrgUnit(agency=agency, name=name, kind=guess_unit_kind(name), parent_id=parent_id)
                        unit.save()
                        units[unit.pk] = unit
                        result["units_created"] += 1
                    else:
                        result["units_linked"] += 1
                    UnitLink.objects.create(agency=agency, unit=unit, siasn_id=siasn_id)
                    links[siasn_id] = unit.pk
                    linked_units.add(unit.pk)
                elif unit.name != name or (parent_id and unit.parent_id != parent_id):
                    unit.name, unit.parent_id = name, parent_id or unit.parent_id
                    unit.save()
                    result["units_updated"] += 1
        except (IntegrityError, ValueError) as exc:
            result["problems"].append({"nip": "", "message": f"Unit SIASN {name}: tidak dapat disimpan "
                                                              f"({type(exc).__name__})."})
    return result


def _top_down(by_id: dict[str, dict]) -> list[str]:
    order, done = [], set()
    for start in by_id:
        chain, cur = [], start
        while cur in by_id and cur not in done and cur not in chain:
            chain.append(cur)
            cur = str(by_id[cur].get("DiatasanId") or "")
        for siasn_id in reversed(chain):
            done.add(siasn_id)
            order.append(siasn_id)
    return order


# -- applying one batch ----------------------------------------------------------------------------------------
def _number(value: Any) -> Decimal:
    try:
        return max(Decimal(str(value).replace(",", ".")), Decimal("0")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return Decimal("0")


def _date(value: Any) -> dt.date | None:
    try:
        return parse_date(_text(value)) if _text(value) else None
    except (ValueError, OverflowError):
        return None


def _history_fields(kind: str, item: dict) -> dict:
    if kind == "kursus":
        start, end = _date(item.get("tanggalKursus")), _date(item.get("tanggalSelesaiKursus"))
        year = item.get("tahunKursus")
        fields = {"title": _text(item.get("namaKursus")) or _text(item.get("jenisKursusNama")) or "Kursus",
                  "jenis_diklat_id": _text(item.get("jenisDiklatId"))[:12],
                  "certificate_number": _text(item.get("noSertipikat"))[:120]}
    else:
        start, end = _date(item.get("tanggal")), _date(item.get("tanggalSelesai"))
        year = item.get("tahun")
        fields = {"title": _text(item.get("latihanStrukturalNama")) or "Diklat struktural",
                  "latihan_struktural_id": _text(item.get("latihanStrukturalId"))[:12],
                  "certificate_number": _text(item.get("nomor"))[:120]}
    end = end or start
    try:
        year = int(year) if year not in (None, "") else (end.year if end else None)
    except (TypeError, ValueError):
        year = end.year if end else None
    fields.update(title=fields["title"][:300], organiser=_text(item.get("institusiPenyelenggara"))[:250],
                  start_date=start, end_date=end, year=year if year and 1900 <= year <= 2100 else None,
                  jp=_number(item.get("jumlahJam")))
    return fields


class _Linker:
    """Finds the Renbang activity a SIASN record is the same as: first one we sent (outbox id), then a completed
    session or a verified claim of the same employee that ends the same day under the same title."""

    def __init__(self, employee_ids: list[int], siasn_ids: list[str]) -> None:
        self.sent = {i.siasn_id: i for i in OutboxItem.objects.filter(siasn_id__in=siasn_ids).exclude(siasn_id="")}
        self.sessions: dict[tuple, int] = {}
        for pk, emp, end, title, session_title in Enrolment.objects.filter(
                employee_id__in=employee_ids, completed=True).values_list(
                "pk", "employee_id", "session__end_date", "session__programme__title", "session__title"):
            for t in (title, session_title):
                if t:
                    self.sessions[(emp, end, t.casefold())] = pk
        self.claims = {(emp, end, t.casefold()): pk for pk, emp, end, t in ExternalClaim.objects.filter(
            employee_id__in=employee_ids, status=ExternalClaim.Status.VERIFIED).values_list(
            "pk", "employee_id", "end_date", "title")}

    def links(self, employee_id: int, siasn_id: str, fields: dict) -> dict:
        item = self.sent.get(siasn_id)
        if item is not None:
            return {"enrolment_id": item.enrolment_id, "claim_id": item.claim_id, "mentoring_pair_id": item.pair_id}
        key = (employee_id, fields["end_date"], fields["title"].casefold())
        return {"enrolment_id": self.sessions.get(key), "claim_id": self.claims.get(key), "mentoring_pair_id": None}


def apply_batch(agency, fetched: list[dict], run: SyncRun) -> None:
    """Write one batch (the caller holds the transaction): employees, links, history, positions; totals in run."""
    totals, ok = run.totals, [f for f in fetched if "utama" in f]
    for f in fetched:
        if "problem" in f:
            _problem(run, f["nip"], f["problem"])
    if not ok:
        return
    units = {sid: (u.name, u.parent.name if u.parent_id else "") for sid, u in (
        (link.siasn_id, link.unit) for link in UnitLink.objects.filter(
            agency=agency, siasn_id__in=[str(f["utama"].get("unorId") or "") for f in ok]).select_related(
            "unit__parent"))}
    table = Table(headers=list(HEADERS), rows=[roster_row(f["utama"], units) for f in ok])
    report, changes = import_table(table=table, agency=agency, dry_run=False, skip_invalid=True)
    for key in ("created", "updated", "unchanged", "skipped"):
        totals[key] = totals.get(key, 0) + getattr(report, key)
    for error in report.errors:
        nip = _text(table.rows[error.row - table.first_row_number][0])
        _problem(run, nip, f"{error.column}: {error.message} ({error.value})")
    for nip, field, old, new in changes:
        if len(run.changes) < MAX_CHANGES:
            run.changes.append({"nip": nip, "field": field, "old": _shown(old), "new": _shown(new)})
    employees = {e.nip: e for e in Employee.objects.filter(agency=agency, nip__in=[f["nip"] for f in ok])}
    _upsert_links(employees, ok)
    _upsert_history(employees, ok, run)
    _upsert_positions(employees, ok)


def _shown(value: Any) -> str:
    return value.strftime("%d-%m-%Y") if isinstance(value, dt.date) else ("" if value is None else str(value))


def _problem(run: SyncRun, nip: str, message: str) -> None:
    run.totals["problems"] = run.totals.get("problems", 0) + 1
    if len(run.problems) < MAX_PROBLEMS:
        run.problems.append({"nip": nip, "message": message[:500]})


def _upsert_links(employees: dict[str, Employee], fetched: list[dict]) -> None:
    existing = {link.employee_id: link for link in EmployeeLink.objects.filter(
        employee__in=list(employees.values()))}
    for f in fetched:
        employee, pns_id = employees.get(f["nip"]), _text(f["utama"].get("id"))[:64]
        instansi = (_text(f["utama"].get("instansiKerjaId")) or _text(f["utama"].get("instansiIndukId")))[:64]
        if employee is None or not pns_id:
            continue
        link = existing.get(employee.pk)
        if link is None:
            EmployeeLink.objects.create(employee=employee, pns_id=pns_id, instansi_id=instansi)
        elif (link.pns_id, link.instansi_id) != (pns_id, instansi):
            link.pns_id, link.instansi_id = pns_id, instansi
            link.save()


def _upsert_history(employees: dict[str, Employee], fetched: list[dict], run: SyncRun) -> None:
    items = [(employees[f["nip"]], kind, item) for f in fetched if f["nip"] in employees
             for kind in ("diklat", "kursus") for item in f[kind] if _text(item.get("id"))]
    ids = [_text(item["id"])[:64] for _e, _k, item in items]
    stored = {(r.kind, r.siasn_id): r for r in TrainingRecord.objects.filter(siasn_id__in=ids)}
    linker = _Linker([e.pk for e in employees.values()], ids)
    totals = run.totals
    for employee, kind, item in items:
        siasn_id = _text(item["id"])[:64]
        fields = _history_fields(kind, item)
        record = stored.get((kind, siasn_id))
        if record is None:
            fields.update(linker.links(employee.pk, siasn_id, fields))
            record = TrainingRecord(employee=employee, kind=kind, siasn_id=siasn_id, **fields)
            record.save()
            totals["history_created"] = totals.get("history_created", 0) + 1
            if len(run.changes) < MAX_CHANGES:
                run.changes.append({"nip": employee.nip, "field": "riwayat", "old": "", "new": fields["title"]})
            continue
        if not record.linked:
            fields.update({k: v for k, v in linker.links(employee.pk, siasn_id, fields).items() if v})
        diff = {k: v for k, v in fields.items() if getattr(record, k) != v}
        if record.employee_id != employee.pk:
            diff["employee_id"] = employee.pk
        if diff:
            for k, v in diff.items():
                setattr(record, k, v)
            record.save()
            totals["history_updated"] = totals.get("history_updated", 0) + 1
        else:
            totals["history_unchanged"] = totals.get("history_unchanged", 0) + 1


def _upsert_positions(employees: dict[str, Employee], fetched: list[dict]) -> None:
    items = [(employees[f["nip"]], item) for f in fetched if f["nip"] in employees for item in f["jabatan"]
             if _text(item.get("id"))]
    stored = {p.siasn_id: p for p in PositionRecord.objects.filter(siasn_id__in=[_text(i["id"]) for _e, i in items])}
    for employee, item in items:
        fields = {"employee": employee,
                  "position": (_text(item.get("namaJabatan")) or _text(item.get("jabatanFungsionalNama"))
                               or _text(item.get("jabatanFungsionalUmumNama")))[:300],
                  "unit": (_text(item.get("unorNama")) or _text(item.get("namaUnor")))[:300],
                  "since": _date(item.get("tmtJabatan")), "decree_number": _text(item.get("nomorSk"))[:120]}
        record = stored.get(_text(item["id"]))
        if record is None:
            PositionRecord.objects.create(siasn_id=_text(item["id"])[:64], **fields)
        elif any(getattr(record, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(record, k, v)
            record.save()


# -- the run ---------------------------------------------------------------------------------------------------
def start_run(*, agency, nips: list[str], user=None, with_units: bool = True) -> SyncRun:
    unique = list(dict.fromkeys(n.strip() for n in nips if n and n.strip()))
    return SyncRun.objects.create(agency=agency, nips=unique, created_by=user, with_units=with_units)


def unfinished_run(agency) -> SyncRun | None:
    return SyncRun.objects.filter(agency=agency, status=SyncRun.Status.RUNNING).order_by("-started_at").first()


def run_pull(run: SyncRun, client: SiasnClient, *, progress: Progress | None = None, batch: int = BATCH,
             stop_after: int | None = None, workers: int = WORKERS) -> SyncRun:
    """Carry `run` on from its cursor to the end. `stop_after` (tests): stop after that many batches."""
    report = progress or (lambda percent, message: None)
    if run.with_units and not run.totals.get("units_done"):
        with transaction.atomic():
            result = pull_units(run.agency, client)
            run.problems.extend(result.pop("problems"))
            run.totals.update(result, units_done=True)
            run.save(update_fields=["totals", "problems"])
    done_batches = 0
    while run.cursor < len(run.nips):
        nips = run.nips[run.cursor:run.cursor + batch]
        fetched = fetch_batch(client, nips, workers)
        with transaction.atomic():
            apply_batch(run.agency, fetched, run)
            run.cursor += len(nips)
            run.save(update_fields=["cursor", "totals", "changes", "problems"])
        report(run.percent, f"{run.cursor} dari {len(run.nips)} pegawai")
        done_batches += 1
        if stop_after is not None and done_batches >= stop_after and run.cursor < len(run.nips):
            raise PullStopped
    run.status, run.finished_at = SyncRun.Status.DONE, timezone.now()
    run.save(update_fields=["status", "finished_at"])
    log.info("SIASN pull %s done: %s", run.pk, {k: v for k, v in run.totals.items() if isinstance(v, int)})
    return run


def dry_run(*, agency, nips: list[str], client: SiasnClient, with_units: bool = True,
            progress: Progress | None = None) -> SyncRun:
    """The whole pull in a transaction that is rolled back: the returned (unsaved) run holds the exact report."""
    result: SyncRun | None = None
    with transaction.atomic():
        run = start_run(agency=agency, nips=nips, with_units=with_units)
        run_pull(run, client, progress=progress)
        result = SyncRun(agency=agency, nips=run.nips, cursor=run.cursor, status=run.status, totals=run.totals,
                         changes=run.changes, problems=run.problems, with_units=with_units)
        transaction.set_rollback(True)
    return result
