"""Full roster ("daftar lengkap pegawai instansi"): the file lists every employee of the agency, so an active
employee missing from it has left and is marked inactive, never deleted; account provisioning then disables their
account (`disabled_reason = employee_inactive`).

Rules (docs/panduan/impor-roster.md, "Daftar lengkap"):
- the scope is the whole agency: only a BKPSDM admin may import (`people.import_employees`);
- an employee is in the file when their NIP is on any row, valid or not: a row left out with "skip invalid rows"
  is still a person on the list. When a row's NIP cannot be read (not 18 digits), nobody is deactivated (who is
  missing cannot be known), and a note says so;
- on a full roster, a row without an Aktif value makes the employee active (being on the list says so): the
  right file mends what a wrong one did;
- the guard: when the missing are more than `RENBANG["FULL_ROSTER_MAX_DEACTIVATE_SHARE"]` of the agency's active
  employees, the import writes nothing unless the user confirms explicitly (`force`): one OPD's list uploaded as
  the agency's must not disable the whole agency;
- deactivation is written in the import's transaction (all or nothing) and audited like the other rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from renbang.core.audit import audit_updated, values_of

from ..models import Employee

#: How many of the missing the report keeps by name (the preview shows them; the count is always whole).
LISTED = 1000


def max_share() -> float:
    return float(settings.RENBANG["FULL_ROSTER_MAX_DEACTIVATE_SHARE"])


@dataclass
class FullRosterPlan:
    """Who a full roster deactivates, and whether the guard lets it."""

    missing: list[Employee] = field(default_factory=list)
    active: int = 0  # active employees of the agency before the import
    limit: float = 0.2
    forced: bool = False
    withheld: str = ""  # why nobody is deactivated although the file is a full roster

    @property
    def share(self) -> float:
        return len(self.missing) / self.active if self.active else 0.0

    @property
    def over_limit(self) -> bool:
        return self.share > self.limit

    @property
    def refused(self) -> bool:
        return self.over_limit and not self.forced

    def refusal(self) -> str:
        return (f"Tidak ada yang ditulis: daftar lengkap ini akan menonaktifkan {len(self.missing)} dari "
                f"{self.active} pegawai aktif ({self.share:.0%}), melebihi batas {self.limit:.0%}. Periksa apakah "
                "berkasnya benar; bila benar, konfirmasi penonaktifan secara eksplisit.")

    def as_dict(self, unit_names: dict[int, str]) -> dict:
        return {"missing": len(self.missing), "active": self.active, "share": round(self.share, 4),
                "limit": self.limit, "over_limit": self.over_limit, "forced": self.forced,
                "withheld": self.withheld,
                "people": [{"nip": e.nip, "name": e.name, "unit": unit_names.get(e.unit_id, "")}
                           for e in self.missing[:LISTED]]}


def readable(nip: str) -> bool:
    """A NIP that names one person (18 digits), even on a row with other problems."""
    return len(nip) == 18 and nip.isdigit() and nip.isascii()


def plan(*, employees: Iterable[Employee], file_nips: set[str], unreadable_rows: Sequence[int], forced: bool,
         limit: float | None = None) -> FullRosterPlan:
    """The active `employees` (the agency's, loaded by the importer) whose NIP is not in `file_nips`."""
    active = [e for e in employees if e.active]
    result = FullRosterPlan(active=len(active), limit=max_share() if limit is None else limit, forced=forced)
    if unreadable_rows:
        shown = ", ".join(str(n) for n in unreadable_rows[:20]) + (" …" if len(unreadable_rows) > 20 else "")
        result.withheld = (f"Daftar lengkap tidak diterapkan: NIP pada baris {shown} tidak terbaca, sehingga tidak "
                           "dapat dipastikan siapa yang tidak ada di berkas. Tidak ada pegawai yang dinonaktifkan.")
        return result
    result.missing = sorted((e for e in active if e.nip not in file_nips), key=lambda e: (e.name, e.nip))
    return result


def deactivate(employees: Sequence[Employee]) -> None:
    """Mark the missing inactive (never deleted), with one audit entry each; inside the import's transaction."""
    if not employees:
        return
    before = values_of(employees, ("active",))
    now = timezone.now()
    for employee in employees:
        employee.active, employee.updated_at = False, now
    Employee.objects.bulk_update(employees, ["active", "updated_at"], batch_size=1000)
    audit_updated(employees, ("active",), before)
