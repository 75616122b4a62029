"""Employees (ASN) and their yearly performance records."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from renbang.org.models import Agency, OrgUnit, Position

from . import nip as nip_rules
from .ranks import PNS_RANKS, PPPK_ORDER, RANK_CHOICES


class EmployeeStatus(models.TextChoices):
    PNS = "pns", _("PNS")
    CPNS = "cpns", _("CPNS")
    PPPK = "pppk", _("PPPK")
    PPPK_PART_TIME = "pppk_pw", _("PPPK paruh waktu")

    @classmethod
    def is_pppk(cls, value: str) -> bool:
        return value in (cls.PPPK, cls.PPPK_PART_TIME)


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Education(models.TextChoices):
    SD = "sd", _("SD")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA/SMK")
    D1 = "d1", _("D-I")
    D2 = "d2", _("D-II")
    D3 = "d3", _("D-III")
    D4 = "d4", _("D-IV")
    S1 = "s1", _("S-1")
    PROFESSION = "profesi", _("Profesi")
    S2 = "s2", _("S-2")
    S3 = "s3", _("S-3")


class EmployeeQuerySet(models.QuerySet):
    def active(self) -> EmployeeQuerySet:
        return self.filter(active=True)

    def subordinates_of(self, employee_id: int) -> EmployeeQuerySet:
        """Direct and indirect subordinates along the supervisor chain, in one recursive query.

        UNION (not UNION ALL) makes the walk stop even if bad data ever held a cycle.
        """
        table = self.model._meta.db_table
        sql = (
            f"WITH RECURSIVE sub(id) AS (SELECT id FROM {table} WHERE supervisor_id = %s "  # noqa: S608
            f"UNION SELECT e.id FROM {table} e JOIN sub ON e.supervisor_id = sub.id) SELECT id FROM sub"
        )
        return self.filter(pk__in=models.expressions.RawSQL(sql, [employee_id]))  # noqa: S611 (params bound)


class Employee(models.Model):
    """A pegawai ASN (PNS, CPNS, PPPK or part-time PPPK) identified by NIP / NI PPPK."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="employees",
                               verbose_name=_("instansi"))
    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    front_title = models.CharField(_("gelar depan"), max_length=40, blank=True)
    name = models.CharField(_("nama"), max_length=150)
    back_title = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    status = models.CharField(_("status kepegawaian"), max_length=10, choices=EmployeeStatus.choices,
                              default=EmployeeStatus.PNS)
    rank = models.CharField(_("golongan"), max_length=6, choices=RANK_CHOICES, blank=True)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="employees",
                             verbose_name=_("unit kerja"))
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="employees",
                                 verbose_name=_("jabatan"))
    position_since = models.DateField(_("TMT jabatan"), null=True, blank=True)
    supervisor = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="subordinates", verbose_name=_("atasan langsung"))
    education = models.CharField(_("pendidikan terakhir"), max_length=10, choices=Education.choices, blank=True)
    education_major = models.CharField(_("jurusan"), max_length=120, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    # Retirement (issue 21; computed in renbang.talent.retirement when empty). SIASN's bupPensiun / tmtPensiun or
    # the roster's columns win over the computed values; PPPK: the end of the work agreement (perjanjian kerja).
    bup_age = models.PositiveSmallIntegerField(_("batas usia pensiun (BUP)"), null=True, blank=True,
                                               validators=[MinValueValidator(40), MaxValueValidator(75)])
    retirement_date = models.DateField(_("TMT pensiun"), null=True, blank=True)
    contract_end = models.DateField(_("akhir perjanjian kerja (PPPK)"), null=True, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name", "nip"]
        indexes = [
            models.Index(fields=["agency", "active", "name"]),
            models.Index(fields=["unit", "active"]),
            models.Index(fields=["supervisor"]),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nip})"

    @property
    def full_name(self) -> str:
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def is_pppk(self) -> bool:
        return EmployeeStatus.is_pppk(self.status)

    @property
    def rank_title(self) -> str:
        return PNS_RANKS.get(self.rank, f"PPPK {self.rank}" if self.rank else "")

    def age_on(self, day: dt.date) -> int:
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        for field, message in nip_problems(self.nip or "", status=self.status, birth_date=self.birth_date,
                                           sex=self.sex):
            errors.setdefault(field, []).append(message)
        problem = rank_problem(self.rank, status=self.status)
        if problem:
            errors.setdefault("rank", []).append(problem)
        for field in ("unit", "position"):
            related = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if related is not None and related.agency_id != self.agency_id:
                errors.setdefault(field, []).append(str(_("Harus dari instansi yang sama dengan pegawai.")))
        if self.supervisor_id:
            problem = supervisor_problem(self, self.supervisor)
            if problem:
                errors.setdefault("supervisor", []).append(problem)
        if errors:
            raise ValidationError(errors)


def nip_problems(nip: str, *, status: str, birth_date: dt.date | None, sex: str | None) -> list[tuple[str, str]]:
    """The NIP rules of `Employee.clean` as (field, message) pairs; shared with the roster importer."""
    try:
        info = nip_rules.parse_nip(nip, pppk=EmployeeStatus.is_pppk(status))
    except nip_rules.NipError as exc:
        return [("nip", str(exc))]
    return nip_rules.check_consistency(info, birth_date=birth_date, sex=sex)


def rank_problem(rank: str, *, status: str) -> str | None:
    """Why a golongan does not fit the employment status (PNS I/a–IV/e, PPPK I–XVII), or None."""
    if not rank:
        return None
    if EmployeeStatus.is_pppk(status) and rank not in PPPK_ORDER:
        return str(_("Golongan PPPK harus I sampai XVII, bukan %(rank)s.") % {"rank": rank})
    if not EmployeeStatus.is_pppk(status) and rank not in PNS_RANKS:
        return str(_("Golongan PNS harus I/a sampai IV/e, bukan %(rank)s.") % {"rank": rank})
    return None


def supervisor_problem(employee: Employee, supervisor: Employee) -> str | None:
    """Why `supervisor` cannot supervise `employee` (other agency, self, or a cycle), or None."""
    if supervisor.agency_id != employee.agency_id:
        return str(_("Atasan langsung harus dari instansi yang sama."))
    if employee.pk and supervisor.pk == employee.pk:
        return str(_("Pegawai tidak boleh menjadi atasan dirinya sendiri."))
    if employee.pk and Employee.objects.subordinates_of(employee.pk).filter(pk=supervisor.pk).exists():
        return str(_("Atasan langsung tidak boleh bawahan pegawai ini (membentuk lingkaran)."))
    return None


class Predicate(models.TextChoices):
    """Predikat kinerja pegawai (PermenPANRB 6/2022)."""

    VERY_GOOD = "sangat_baik", _("Sangat Baik")
    GOOD = "baik", _("Baik")
    NEEDS_IMPROVEMENT = "butuh_perbaikan", _("Butuh Perbaikan")
    POOR = "kurang", _("Kurang/Misconduct")
    VERY_POOR = "sangat_kurang", _("Sangat Kurang")


class Rating(models.TextChoices):
    ABOVE = "di_atas", _("Di atas ekspektasi")
    AS_EXPECTED = "sesuai", _("Sesuai ekspektasi")
    BELOW = "di_bawah", _("Di bawah ekspektasi")


class PerformanceRecord(models.Model):
    """The yearly SKP appraisal of an employee: predicate and the two ratings (PermenPANRB 6/2022)."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="performance_records",
                                 verbose_name=_("pegawai"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    predicate = models.CharField(_("predikat kinerja"), max_length=20, choices=Predicate.choices)
    result_rating = models.CharField(_("rating hasil kerja"), max_length=10, choices=Rating.choices, blank=True)
    behaviour_rating = models.CharField(_("rating perilaku kerja"), max_length=10, choices=Rating.choices,
                                        blank=True)

    class Meta:
        verbose_name = _("catatan kinerja (SKP)")
        verbose_name_plural = _("catatan kinerja (SKP)")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="people_perf_one_per_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_predicate_display()}"

    def clean(self) -> None:
        super().clean()
        if self.year and not 2000 <= self.year <= dt.date.today().year:
            raise ValidationError({"year": _("Tahun penilaian harus antara 2000 dan tahun ini.")})
