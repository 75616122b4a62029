"""The roster importer: read → check every row and the whole file → (optionally) write in one transaction.

Design notes (see docs/panduan/impor-roster.md for the user's view):
- Validation uses the rules of `Employee.clean` (`nip_problems`, `rank_problem`; the supervisor rules are
  checked in memory over the whole file plus the agency's existing employees instead of one query per row).
- A column that is absent keeps the stored value of an existing employee; a column that is present is the
  truth (an empty optional cell clears the field; an empty sex/birth date is taken from the NIP; an empty
  status/aktif keeps the stored value, or PNS/aktif for a new employee).
- Full roster ("daftar lengkap"): active employees of the agency missing from the file are marked inactive, in the
  same transaction, behind a guard on their share (full_roster.py).
- Supervisor on an invalid row, with skip_invalid: if the supervisor already exists in the database the link
  is kept; otherwise the subordinate row is still written, its supervisor left as it was (empty for a new
  employee), and a note says so. Cycles are re-checked after invalid rows are dropped, until stable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from renbang.accounts.provisioning import provision_accounts
from renbang.core import figures
from renbang.core.audit import audit_created, audit_updated, values_of
from renbang.core.tabular import ImportReport, RowError, Table, TabularError, cell_text, map_columns, read_table
from renbang.org.models import Agency, OrgUnit, Position

from .. import nip as nip_rules
from ..models import Employee, EmployeeStatus, PerformanceRecord, nip_problems, rank_problem
from ..ranks import normalise_rank
from . import full_roster as full
from .columns import (
    ALIASES,
    CANONICAL,
    CellError,
    read_active,
    read_bup,
    read_date,
    read_education,
    read_email,
    read_nip,
    read_predicate,
    read_sex,
    read_status,
    read_year,
)
from .inference import PositionGuessError, guess_position, guess_unit_kind

log = logging.getLogger(__name__)

Progress = Callable[[int, str], None]

#: Employee fields the importer compares and writes.
FIELDS = ("front_title", "name", "back_title", "sex", "birth_date", "status", "rank", "unit_id", "position_id",
          "position_since", "education", "education_major", "email", "active", "bup_age", "retirement_date",
          "contract_end")
#: What the audit trail records of each created or changed employee (one LogEntry per row, written in bulk).
AUDITED = (*FIELDS, "supervisor_id")
TEXT_FIELDS = ("name", "front_title", "back_title", "education_major")
BATCH = 1000
MAX_VALUE_CHARS = 120


class ImportRefused(TabularError):
    """The file as a whole is refused (no NIP column…); nothing was read into the database."""


@dataclass
class Row:
    number: int
    cells: dict[str, Any]
    nip: str = ""
    target: dict[str, Any] = field(default_factory=dict)
    unit_ref: Any = None
    position_ref: Any = None
    supervisor_nip: str | None = None  # None: column absent or keep; "" : no supervisor
    skp: tuple[int, str] | None = None
    errors: list[RowError] = field(default_factory=list)
    existing: Employee | None = None

    @property
    def valid(self) -> bool:
        return not self.errors


def import_employees(*, data: bytes, filename: str, agency: Agency, dry_run: bool, skip_invalid: bool,
                     progress: Progress | None = None, full_roster: bool = False, force: bool = False) -> ImportReport:
    """Import a roster file into `agency`; raise TabularError if the file as a whole is refused.

    `full_roster`: the file lists every employee of the agency; the active ones missing from it are deactivated
    (refused past the share guard unless `force`)."""
    report_progress = progress or (lambda percent, message: None)
    report_progress(2, "Membaca berkas…")
    table = read_table(data, filename)
    columns = map_columns(table.headers, ALIASES)
    if "nip" not in columns:
        raise ImportRefused("Kolom NIP tidak ditemukan. Beri judul kolom NIP (atau nipBaru / NI PPPK) pada baris "
                            "judul; judul kolom yang terbaca: " + ", ".join(h for h in table.headers if h)[:300])
    importer = _Importer(agency, table, columns, skip_invalid, report_progress)
    importer.full_roster, importer.force = full_roster, force
    return importer.run(dry_run=dry_run)


def import_table(*, table: Table, agency: Agency, dry_run: bool, skip_invalid: bool,
                 progress: Progress | None = None) -> tuple[ImportReport, list[tuple[str, str, Any, Any]]]:
    """The same import from rows already in memory (the SIASN pull), with what changed: (NIP, field, old, new)
    for each changed field of an existing employee."""
    importer = _Importer(agency, table, map_columns(table.headers, ALIASES), skip_invalid,
                         progress or (lambda percent, message: None))
    return importer.run(dry_run=dry_run), importer.changes


class _Importer:
    def __init__(self, agency: Agency, table: Table, columns: dict[str, int], skip_invalid: bool,
                 progress: Progress) -> None:
        self.agency, self.table, self.columns = agency, table, columns
        self.skip_invalid, self.progress = skip_invalid, progress
        self.report = ImportReport()
        self.rows: list[Row] = []
        self.new_units: dict[tuple, dict[str, Any]] = {}
        self.new_positions: dict[str, dict[str, Any]] = {}
        self.changes: list[tuple[str, str, Any, Any]] = []
        self.full_roster, self.force = False, False
        self.roster: full.FullRosterPlan | None = None

    # -- helpers ---------------------------------------------------------------------------------------------
    def header(self, field_name: str) -> str:
        index = self.columns.get(field_name)
        return self.table.headers[index] if index is not None else CANONICAL[field_name]

    def error(self, row: Row, field_name: str, message: str, value: Any = None) -> None:
        if value is None:
            value = row.cells.get(field_name)
        text = cell_text(value) if not isinstance(value, str) else value
        row.errors.append(RowError(row=row.number, column=self.header(field_name), value=text[:MAX_VALUE_CHARS],
                                   message=message))

    # -- main --------------------------------------------------------------------------------------------------
    def run(self, *, dry_run: bool) -> ImportReport:
        report = self.report
        report.dry_run = dry_run
        self._load_existing()
        self._note_ignored_columns()
        self._read_rows()
        self.progress(60, "Memeriksa NIP ganda, unit kerja, jabatan dan atasan…")
        self._check_duplicates_and_agency()
        self._resolve_units_and_positions()
        self._complete_targets()
        self._resolve_supervisors()
        self.progress(75, "Menghitung perubahan…")
        plan = self._plan()
        if self.full_roster:
            self._plan_full_roster()
        report.total_rows = len(self.rows)
        for row in self.rows:
            report.errors.extend(row.errors)
        report.skipped = report.invalid_rows
        if report.errors and not self.skip_invalid:
            report.notes.insert(0, "Tidak ada yang ditulis: ada baris yang tidak valid (impor semua-atau-tidak-sama-"
                                   "sekali). Perbaiki berkas, atau pilih lewati baris tidak valid.")
            return report
        if dry_run:
            return report
        if self.roster is not None and self.roster.refused:
            report.notes.insert(0, self.roster.refusal())
            return report
        self.progress(80, "Menulis ke basis data…")
        try:
            self._write(plan)
        except IntegrityError:
            log.warning("roster import into agency %s hit a constraint (concurrent change)", self.agency.pk)
            raise TabularError("Data pegawai berubah saat impor berjalan (impor lain?); tidak ada yang ditulis. "
                               "Ulangi impor.") from None
        report.written = True
        log.info("roster import into agency %s: %s created, %s updated, %s unchanged, %s skipped, %s deactivated",
                 self.agency.pk, report.created, report.updated, report.unchanged, report.skipped,
                 len(self.roster.missing) if self.roster else 0)
        if report.accounts.get("collisions"):
            report.notes.append("Akun tidak dibuat karena nama pengguna (NIP) sudah dipakai pengguna lain: "
                                + ", ".join(report.accounts["collisions"][:50])
                                + (" …" if len(report.accounts["collisions"]) > 50 else "") + ".")
        self.progress(100, "Selesai.")
        return report

    # -- loading -------------------------------------------------------------------------------------------------
    def _load_existing(self) -> None:
        self.employees: dict[str, Employee] = {
            e.nip: e for e in Employee.objects.filter(agency=self.agency).order_by().iterator(chunk_size=5000)
        }
        self.nip_by_id = {e.pk: nip for nip, e in self.employees.items()}
        units = list(OrgUnit.objects.filter(agency=self.agency).order_by("pk")
                     .values("pk", "name", "parent_id", "valid_from", "valid_to"))
        today = timezone.localdate()
        self.unit_parent = {u["pk"]: u["parent_id"] for u in units}
        self.unit_name = {u["pk"]: u["name"] for u in units}
        self.unit_current = {u["pk"]: (u["valid_from"] is None or u["valid_from"] <= today)
                             and (u["valid_to"] is None or u["valid_to"] >= today) for u in units}
        self.units_by_name: dict[str, list[int]] = {}
        for u in units:
            self.units_by_name.setdefault(_fold(u["name"]), []).append(u["pk"])
        self.positions = {_fold(name): pk for pk, name in
                          Position.objects.filter(agency=self.agency).values_list("pk", "name")}

    def _note_ignored_columns(self) -> None:
        used = set(self.columns.values())
        ignored = [h for i, h in enumerate(self.table.headers) if h and i not in used]
        if ignored:
            self.report.notes.append("Kolom yang tidak dikenal dan diabaikan: " + ", ".join(ignored)[:500] + ".")

    # -- per-row reading -----------------------------------------------------------------------------------------
    def _read_rows(self) -> None:
        total = len(self.table.rows)
        for index, raw in enumerate(self.table.rows):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw):
                continue
            cells = {f: (raw[i] if i < len(raw) else None) for f, i in self.columns.items()}
            row = Row(number=self.table.first_row_number + index, cells=cells)
            self._read_row(row)
            self.rows.append(row)
            if index % 2000 == 0:
                self.progress(5 + int(55 * index / max(total, 1)), f"Memeriksa baris {index + 1} dari {total}…")

    def _read_row(self, row: Row) -> None:
        cells, target = row.cells, row.target
        try:
            row.nip = read_nip(cells.get("nip"))
        except CellError as exc:
            self.error(row, "nip", str(exc))
        if not row.nip and not row.errors:
            self.error(row, "nip", "NIP wajib diisi.")
        for field_name, reader in (("sex", read_sex), ("status", read_status), ("education", read_education),
                                   ("email", read_email), ("active", read_active)):
            if field_name in cells:
                try:
                    target[field_name] = reader(cells[field_name])
                except CellError as exc:
                    self.error(row, field_name, str(exc))
        if "bup_age" in cells:
            try:
                target["bup_age"] = read_bup(cells["bup_age"])
            except CellError as exc:
                self.error(row, "bup_age", str(exc))
        for field_name, label in (("birth_date", "Tanggal lahir"), ("position_since", "TMT jabatan"),
                                  ("retirement_date", "TMT pensiun"), ("contract_end", "Akhir perjanjian kerja")):
            if field_name in cells:
                try:
                    target[field_name] = read_date(cells[field_name], label)
                except CellError as exc:
                    self.error(row, field_name, str(exc))
        for field_name in TEXT_FIELDS:
            if field_name in cells:
                text = " ".join(cell_text(cells[field_name]).split())
                limit = Employee._meta.get_field(field_name).max_length
                if len(text) > limit:
                    self.error(row, field_name, f"Terlalu panjang: {len(text)} karakter, paling banyak {limit}.")
                target[field_name] = text
        if "name" in cells and not target.get("name"):
            self.error(row, "name", "Nama wajib diisi.")
        if "rank" in cells:
            target["rank"] = normalise_rank(cell_text(cells["rank"]))
        for field_name, label in (("unit", "Unit kerja"), ("position", "Jabatan")):
            if field_name in cells and not cell_text(cells[field_name]):
                self.error(row, field_name, f"{label} wajib diisi.")
        if "supervisor" in self.columns:
            try:
                row.supervisor_nip = read_nip(cells.get("supervisor"), "NIP atasan")
            except CellError as exc:
                self.error(row, "supervisor", str(exc))
            if row.supervisor_nip and (not row.supervisor_nip.isdigit() or len(row.supervisor_nip) != 18):
                self.error(row, "supervisor", "NIP atasan harus 18 digit angka.")
                row.supervisor_nip = None  # one message per cell: not also "not found"
        if "skp_year" in self.columns and "skp_predicate" in self.columns:
            self._read_skp(row)

    def _read_skp(self, row: Row) -> None:
        try:
            year = read_year(row.cells.get("skp_year"))
        except CellError as exc:
            self.error(row, "skp_year", str(exc))
            return
        try:
            predicate = read_predicate(row.cells.get("skp_predicate"))
        except CellError as exc:
            self.error(row, "skp_predicate", str(exc))
            return
        if bool(year) != bool(predicate):
            missing = "skp_predicate" if year else "skp_year"
            self.error(row, missing, "Tahun SKP dan predikat kinerja harus diisi keduanya (atau dikosongkan).")
        elif year:
            row.skp = (year, predicate)

    # -- whole-file checks ------------------------------------------------------------------------------------
    def _check_duplicates_and_agency(self) -> None:
        first_row: dict[str, int] = {}
        for row in self.rows:
            if not row.nip:
                continue
            if row.nip in first_row:
                self.error(row, "nip", f"NIP ganda: sudah ada di baris {first_row[row.nip]} berkas ini.")
            else:
                first_row[row.nip] = row.number
            row.existing = self.employees.get(row.nip)
        self.file_rows = {row.nip: row for row in self.rows if row.nip and first_row.get(row.nip) == row.number}
        unknown = [n for n in first_row if n not in self.employees]
        unknown += [r.supervisor_nip for r in self.rows if r.supervisor_nip
                    and r.supervisor_nip not in self.employees and r.supervisor_nip not in first_row]
        self.elsewhere = _nips_in_other_agencies(set(unknown), self.agency)
        for row in self.rows:
            if row.nip in self.elsewhere and row.existing is None:
                self.error(row, "nip", "NIP ini sudah terdaftar pada instansi lain; pindahkan pegawai lewat "
                                       "instansi asalnya, bukan lewat impor.")

    def _resolve_units_and_positions(self) -> None:
        for row in self.rows:
            if cell_text(row.cells.get("unit")):
                try:
                    row.unit_ref = self._unit_ref(cell_text(row.cells["unit"]), cell_text(row.cells.get("parent_unit")))
                except CellError as exc:
                    self.error(row, "unit", str(exc))
            if cell_text(row.cells.get("position")):
                try:
                    row.position_ref = self._position_ref(cell_text(row.cells["position"]),
                                                          cell_text(row.cells.get("position_type")))
                except CellError as exc:
                    self.error(row, "position", str(exc))
        for unit in self.new_units.values():
            parent = unit["parent_name"]
            where = f" di bawah {parent}" if parent else " (unit teratas)"
            self.report.notes.append(f"Unit kerja baru{where}: {unit['name']} (jenis {unit['kind'].label}).")
        for position in self.new_positions.values():
            level = f" {position['level']}" if position["level"] else ""
            self.report.notes.append(f"Jabatan baru: {position['name']} "
                                     f"({position['type'].label}{level.title()}).")

    def _unit_ref(self, name: str, parent_name: str) -> Any:
        name, parent_name = " ".join(name.split()), " ".join(parent_name.split())
        limit = OrgUnit._meta.get_field("name").max_length
        if len(name) > limit or len(parent_name) > limit:
            raise CellError(f"Nama unit kerja terlalu panjang (paling banyak {limit} karakter).")
        if parent_name:
            parent = self._find_unit(parent_name, None, label="Unit induk")
            if parent is None:
                parent = self._plan_unit(parent_name, None)
            if _fold(parent_name) == _fold(name):
                return parent
            if isinstance(parent, int):
                found = self._find_unit(name, parent, label="Unit kerja")
                if found is not None:
                    return found
            return self._plan_unit(name, parent)
        found = self._find_unit(name, None, label="Unit kerja")
        return found if found is not None else self._plan_unit(name, None)

    def _find_unit(self, name: str, under: int | None, *, label: str) -> int | None:
        candidates = self.units_by_name.get(_fold(name), [])
        if under is not None:
            candidates = [c for c in candidates if under in self._ancestors(c)]
            direct = [c for c in candidates if self.unit_parent[c] == under]
            candidates = direct or candidates
        if len(candidates) > 1:
            current = [c for c in candidates if self.unit_current[c]]
            candidates = current or candidates
        if len(candidates) > 1 and under is None:
            roots = [c for c in candidates if self.unit_parent[c] is None]
            candidates = roots if len(roots) == 1 else candidates
        if len(candidates) > 1:
            raise CellError(f"{label} '{name}' ada lebih dari satu (di induk yang berbeda); isi kolom Unit Induk "
                            "agar jelas unit yang dimaksud.")
        return candidates[0] if candidates else None

    def _ancestors(self, unit_id: int) -> list[int]:
        chain, seen = [], set()
        current = self.unit_parent.get(unit_id)
        while current is not None and current not in seen:
            seen.add(current)
            chain.append(current)
            current = self.unit_parent.get(current)
        return chain

    def _plan_unit(self, name: str, parent: Any) -> tuple:
        key = ("new-unit", parent, _fold(name))
        if key not in self.new_units:
            if isinstance(parent, tuple):
                parent_name = self.new_units[parent]["name"]
            else:
                parent_name = self.unit_name[parent] if parent else ""
            self.new_units[key] = {"name": name, "parent": parent, "parent_name": parent_name,
                                   "kind": guess_unit_kind(name)}
        return key

    def _position_ref(self, name: str, jenis: str) -> Any:
        name = " ".join(name.split())
        limit = Position._meta.get_field("name").max_length
        if len(name) > limit:
            raise CellError(f"Nama jabatan terlalu panjang (paling banyak {limit} karakter).")
        key = _fold(name)
        if key in self.positions:
            return self.positions[key]
        if key not in self.new_positions:
            try:
                position_type, level = guess_position(name, jenis)
            except PositionGuessError as exc:
                raise CellError(str(exc)) from None
            self.new_positions[key] = {"name": name, "type": position_type, "level": level}
        return ("new-position", key)

    def _complete_targets(self) -> None:
        """Merge the file's values with the stored employee (or defaults) and apply the model's rules."""
        for row in self.rows:
            if not row.nip:
                continue
            existing, target = row.existing, row.target
            base = {f: getattr(existing, f) for f in FIELDS} if existing else {
                "front_title": "", "back_title": "", "rank": "", "position_since": None, "education": "",
                "education_major": "", "email": "", "active": True, "status": EmployeeStatus.PNS,
                "sex": "", "birth_date": None, "name": "", "unit_id": None, "position_id": None,
                "bup_age": None, "retirement_date": None, "contract_end": None,
            }
            if self.full_roster and target.get("active") in ("", None):
                target["active"] = True  # on the agency's full list: active, unless the file says otherwise
            for field_name in ("status", "active"):
                if target.get(field_name) in ("", None):
                    target[field_name] = base[field_name]
            given_birth, given_sex = target.get("birth_date"), target.get("sex")
            for field_name, message in nip_problems(row.nip, status=target["status"], birth_date=given_birth,
                                                    sex=given_sex or None):
                self.error(row, field_name, message)
            if not any(e.column == self.header("nip") for e in row.errors):
                info = nip_rules.parse_nip(row.nip, pppk=EmployeeStatus.is_pppk(target["status"]))
                target["birth_date"] = given_birth or info.birth_date
                target["sex"] = given_sex or info.sex
            problem = rank_problem(target.get("rank", base["rank"]), status=target["status"])
            if problem:
                self.error(row, "rank", problem, value=cell_text(row.cells.get("rank")) or base["rank"])
            for field_name, value in base.items():
                target.setdefault(field_name, value)
            if existing is None:
                for field_name, label in (("name", "Nama"), ("unit", "Unit kerja"), ("position", "Jabatan")):
                    if field_name not in self.columns:
                        self.error(row, field_name, f"{label} wajib untuk pegawai baru, tetapi kolom "
                                                    f"{CANONICAL[field_name]} tidak ada di berkas.", value="")

    def _resolve_supervisors(self) -> None:
        """Link supervisors by NIP (file or database), then drop cycles until the graph is stable."""
        edges = {nip: self.nip_by_id.get(e.supervisor_id) for nip, e in self.employees.items()}
        for row in self.rows:
            if not row.supervisor_nip or not row.nip:
                continue
            sup = row.supervisor_nip
            if sup == row.nip:
                self.error(row, "supervisor", "Pegawai tidak boleh menjadi atasan dirinya sendiri.")
            elif sup not in self.file_rows and sup not in self.employees:
                if sup in self.elsewhere:
                    self.error(row, "supervisor", "Atasan harus dari instansi yang sama; NIP atasan ini terdaftar "
                                                  "di instansi lain.")
                else:
                    self.error(row, "supervisor", "NIP atasan tidak ditemukan, baik di berkas ini maupun di data "
                                                  "pegawai instansi.")
        while True:
            graph = dict(edges)
            for row in self.rows:
                if row.valid and row.nip:
                    graph[row.nip] = self._effective_supervisor(row)
            cycle_rows = []
            for cycle in _cycles(graph):
                shown = " → ".join([*cycle[:6], cycle[0]] if len(cycle) <= 6 else [*cycle[:6], "…"])
                for nip in cycle:
                    row = self.file_rows.get(nip)
                    if row is not None and row.valid and row.supervisor_nip is not None:
                        cycle_rows.append((row, shown))
            if not cycle_rows:
                break
            for row, shown in cycle_rows:
                self.error(row, "supervisor", f"Atasan membentuk lingkaran ({shown}): seorang pegawai tidak "
                                              "boleh menjadi atasan dari atasannya sendiri.",
                           value=row.supervisor_nip)
        for row in self.rows if self.skip_invalid else ():
            if row.valid and row.supervisor_nip and self._effective_supervisor(row) != row.supervisor_nip:
                sup_row = self.file_rows[row.supervisor_nip]
                self.report.notes.append(f"Baris {row.number}: atasan (baris {sup_row.number}) tidak valid, sehingga "
                                         "atasan pegawai ini tidak diubah.")

    def _effective_supervisor(self, row: Row) -> str | None:
        """The supervisor NIP this row ends up with, given which rows are currently valid."""
        if row.supervisor_nip is None:
            return self.nip_by_id.get(row.existing.supervisor_id) if row.existing else None
        sup = row.supervisor_nip
        if not sup:
            return None
        sup_row = self.file_rows.get(sup)
        if sup_row is not None and not sup_row.valid and sup not in self.employees:
            return self.nip_by_id.get(row.existing.supervisor_id) if row.existing else None
        return sup

    # -- plan and write ------------------------------------------------------------------------------------------
    def _plan(self) -> dict[str, list[Row]]:
        plan: dict[str, list[Row]] = {"create": [], "update": [], "unchanged": []}
        years = {row.skp[0] for row in self.rows if row.skp}
        self.skp_existing: dict[tuple[int, int], PerformanceRecord] = {}
        if years:
            for record in PerformanceRecord.objects.filter(employee__agency=self.agency, year__in=years):
                self.skp_existing[(record.employee_id, record.year)] = record
        for row in self.rows:
            if not row.valid:
                continue
            row.target["supervisor_nip"] = self._effective_supervisor(row)
            if row.existing is None:
                plan["create"].append(row)
                continue
            changed = any(row.target[f] != getattr(row.existing, f) for f in FIELDS if f not in ("unit_id",
                                                                                                  "position_id"))
            changed = changed or (row.unit_ref is not None and row.unit_ref != row.existing.unit_id)
            changed = changed or (row.position_ref is not None and row.position_ref != row.existing.position_id)
            changed = changed or row.target["supervisor_nip"] != self.nip_by_id.get(row.existing.supervisor_id)
            if row.skp:
                record = self.skp_existing.get((row.existing.pk, row.skp[0]))
                changed = changed or record is None or record.predicate != row.skp[1]
            plan["update" if changed else "unchanged"].append(row)
            if changed:
                self._note_changes(row)
        self.report.created, self.report.updated = len(plan["create"]), len(plan["update"])
        self.report.unchanged = len(plan["unchanged"])
        return plan

    def _plan_full_roster(self) -> None:
        self.roster = full.plan(employees=self.employees.values(), file_nips={r.nip for r in self.rows if r.nip},
                                unreadable_rows=[r.number for r in self.rows if not full.readable(r.nip)],
                                forced=self.force)
        self.report.full_roster = self.roster.as_dict(self.unit_name)
        if self.roster.withheld:
            self.report.notes.append(self.roster.withheld)

    def _note_changes(self, row: Row) -> None:
        old = row.existing
        for f in FIELDS:
            if f not in ("unit_id", "position_id") and row.target[f] != getattr(old, f):
                self.changes.append((row.nip, f, getattr(old, f), row.target[f]))
        if row.unit_ref is not None and row.unit_ref != old.unit_id:
            new = (self.new_units[row.unit_ref]["name"] if isinstance(row.unit_ref, tuple)
                   else self.unit_name.get(row.unit_ref))
            self.changes.append((row.nip, "unit", self.unit_name.get(old.unit_id, ""), new))
        if row.position_ref is not None and row.position_ref != old.position_id:
            names = dict(Position.objects.filter(pk__in=[old.position_id, row.position_ref]
                                                 if not isinstance(row.position_ref, tuple) else [old.position_id])
                         .values_list("pk", "name"))
            new = (self.new_positions[row.position_ref[1]]["name"] if isinstance(row.position_ref, tuple)
                   else names.get(row.position_ref))
            self.changes.append((row.nip, "position", names.get(old.position_id, ""), new))

    def _write(self, plan: dict[str, list[Row]]) -> None:
        valid = plan["create"] + plan["update"]
        used_units = {r.unit_ref for r in valid if isinstance(r.unit_ref, tuple)}
        used_positions = {r.position_ref for r in valid if isinstance(r.position_ref, tuple)}
        with transaction.atomic():
            Agency.objects.select_for_update().filter(pk=self.agency.pk).first()  # one import per agency at a time
            figures.bump()  # bulk writes pass no model signal: cached dashboards are read again after the commit
            unit_ids = self._create_units(used_units)
            position_ids = self._create_positions(used_positions)
            now = timezone.now()

            def apply(employee: Employee, row: Row) -> None:
                for f in FIELDS:
                    setattr(employee, f, row.target[f])
                employee.unit_id = unit_ids.get(row.unit_ref, row.unit_ref) if row.unit_ref else employee.unit_id
                employee.position_id = (position_ids.get(row.position_ref, row.position_ref) if row.position_ref
                                        else employee.position_id)
                employee.updated_at = now

            # New employees are inserted level by level down the supervisor tree, so that each row's supervisor
            # already has an id: no second pass over 25,000 rows to link them.
            ids = {nip: e.pk for nip, e in self.employees.items()}
            for level in self._levels(plan["create"]):
                batch = []
                for row in level:
                    employee = Employee(agency=self.agency, nip=row.nip)
                    apply(employee, row)
                    sup = row.target["supervisor_nip"]
                    employee.supervisor_id = ids[sup] if sup else None
                    batch.append(employee)
                Employee.objects.bulk_create(batch, batch_size=BATCH)
                if any(e.pk is None for e in batch):  # a database that does not return ids from bulk inserts
                    nips = [e.nip for e in batch]
                    for start in range(0, len(nips), 5000):
                        ids.update(Employee.objects.filter(nip__in=nips[start:start + 5000]).values_list("nip", "pk"))
                    for e in batch:
                        e.pk = ids[e.nip]
                else:
                    ids.update((e.nip, e.pk) for e in batch)
                audit_created(batch, ("nip", *AUDITED))  # one audit entry per employee, in bulk
            before = values_of([row.existing for row in plan["update"]], AUDITED)
            changed = []
            for row in plan["update"]:
                apply(row.existing, row)
                sup = row.target["supervisor_nip"]
                row.existing.supervisor_id = ids[sup] if sup else None
                changed.append(row.existing)
            Employee.objects.bulk_update(changed, [*FIELDS, "supervisor_id", "updated_at"], batch_size=BATCH)
            audit_updated(changed, AUDITED, before)
            self._write_skp([r for r in valid if r.skp], ids)
            missing = self.roster.missing if self.roster else []
            full.deactivate(missing)
            # One account per employee of the file (new, changed or not: a roster imported before accounts
            # existed gets them on its next import); an inactive employee's account is disabled, as is the account
            # of an employee a full roster deactivated.
            rows = valid + plan["unchanged"]
            accounts = provision_accounts(employee_ids=[ids[r.nip] for r in rows] + [e.pk for e in missing])
            self.report.accounts = accounts.as_dict()

    def _levels(self, rows: list[Row]) -> list[list[Row]]:
        """New rows grouped by depth below their nearest supervisor that is not new (the file has no cycles)."""
        new = {row.nip: row for row in rows}
        depth: dict[str, int] = {}
        for row in rows:
            chain, nip = [], row.nip
            while nip in new and nip not in depth:  # iterative: a 25,000-long chain must not hit recursion limits
                chain.append(nip)
                nip = new[nip].target["supervisor_nip"]
            base = depth.get(nip, -1) if nip in new else -1
            for offset, item in enumerate(reversed(chain), start=1):
                depth[item] = base + offset
        levels: dict[int, list[Row]] = {}
        for row in rows:
            levels.setdefault(depth[row.nip], []).append(row)
        return [levels[d] for d in sorted(levels)]

    def _create_units(self, used: set[tuple]) -> dict[tuple, int]:
        needed: set[tuple] = set()
        for key in used:
            while isinstance(key, tuple):  # a new unit under a new parent needs the parent first
                needed.add(key)
                key = self.new_units[key]["parent"]
        ids: dict[tuple, int] = {}
        pending = sorted(needed, key=lambda k: isinstance(self.new_units[k]["parent"], tuple))
        for key in pending:
            spec = self.new_units[key]
            parent = spec["parent"]
            parent_id = ids[parent] if isinstance(parent, tuple) else parent
            unit = OrgUnit(agency=self.agency, name=spec["name"], kind=spec["kind"], parent_id=parent_id)
            unit.save()
            ids[key] = unit.pk
        return ids

    def _create_positions(self, used: set[tuple]) -> dict[tuple, int]:
        specs = [self.new_positions[key[1]] for key in used]
        created = Position.objects.bulk_create([Position(agency=self.agency, name=s["name"], position_type=s["type"],
                                                         level=s["level"]) for s in specs], batch_size=BATCH)
        audit_created([p for p in created if p.pk], ("name", "position_type", "level"))
        by_name = {_fold(n): pk for pk, n in Position.objects.filter(agency=self.agency).values_list("pk", "name")}
        return {key: by_name[key[1]] for key in used}

    def _write_skp(self, rows: list[Row], ids: dict[str, int]) -> None:
        create, update = [], []
        before = values_of(self.skp_existing.values(), ("predicate",))
        for row in rows:
            year, predicate = row.skp
            record = self.skp_existing.get((ids[row.nip], year))
            if record is None:
                create.append(PerformanceRecord(employee_id=ids[row.nip], year=year, predicate=predicate))
            elif record.predicate != predicate:
                record.predicate = predicate
                update.append(record)
        PerformanceRecord.objects.bulk_create(create, batch_size=BATCH)
        PerformanceRecord.objects.bulk_update(update, ["predicate"], batch_size=BATCH)
        audit_created([r for r in create if r.pk], ("employee_id", "year", "predicate"))
        audit_updated(update, ("predicate",), before)


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _nips_in_other_agencies(nips: set[str], agency: Agency) -> set[str]:
    found: set[str] = set()
    items = sorted(n for n in nips if n)
    for start in range(0, len(items), 5000):
        found.update(Employee.objects.filter(nip__in=items[start:start + 5000]).exclude(agency=agency)
                     .values_list("nip", flat=True))
    return found


def _cycles(graph: dict[str, str | None]) -> list[list[str]]:
    """Every cycle of a functional graph (each node has at most one supervisor), in O(n)."""
    state: dict[str, int] = {}  # 1 on the current walk, 2 done
    cycles = []
    for start in graph:
        if start in state:
            continue
        path, index = [], {}
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            index[node] = len(path)
            path.append(node)
            node = graph.get(node)
        if node is not None and state.get(node) == 1:
            cycles.append(path[index[node]:])
        for n in path:
            state[n] = 2
    return cycles
