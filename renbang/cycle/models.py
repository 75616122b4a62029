"""The continuous cycle: a planning year's closing (realised vs planned) and the needs it carries into the next.

PP 11/2017 Pasal 203–212 (as amended by PP 17/2020): development is planned yearly, carried out, evaluated, and
the evaluation feeds the next year's plan. Closing a year freezes its figures (`YearClosing.summary`) and writes
the needs still open into `CarriedNeed` rows of the next year, which the needs analysis and planning read.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class YearClosing(models.Model):
    """One agency's closed planning year: who closed it, when, and the frozen realised-vs-planned figures."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Sedang ditutup")
        CLOSED = "closed", _("Ditutup")

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="year_closings",
                               verbose_name=_("instansi"))
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    summary = models.JSONField(_("ringkasan realisasi"), default=dict, blank=True)
    carried = models.PositiveIntegerField(_("kebutuhan dibawa ke tahun berikutnya"), default=0)
    job = models.ForeignKey("core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name=_("pekerjaan"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("ditutup oleh"))
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("penutupan tahun")
        verbose_name_plural = _("penutupan tahun")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="cycle_closing_unique")]

    def __str__(self) -> str:
        return f"{self.year} ({self.get_status_display()})"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class CarriedNeed(models.Model):
    """A need still open at a year's close, carried into the next year's needs (one per employee × competency
    × origin), so the next plan starts from what was not yet developed."""

    class Origin(models.TextChoices):
        NEED = "need", _("Kebutuhan belum terpenuhi")
        PLAN = "plan", _("Item rencana belum terlaksana")

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("instansi"))
    from_year = models.PositiveSmallIntegerField(_("dari tahun"), validators=YEAR_VALIDATORS)
    year = models.PositiveSmallIntegerField(_("untuk tahun"), validators=YEAR_VALIDATORS)
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="carried_needs",
                                 verbose_name=_("pegawai"))
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    competency = models.ForeignKey("competencies.Competency", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("kompetensi"))
    origin = models.CharField(_("asal"), max_length=6, choices=Origin.choices, default=Origin.NEED)
    gap = models.PositiveSmallIntegerField(_("kesenjangan"), default=0)
    next_gap = models.PositiveSmallIntegerField(_("kesenjangan jabatan berikutnya"), default=0)
    priority = models.DecimalField(_("skor prioritas"), max_digits=5, decimal_places=2, default=0)
    programme_title = models.CharField(_("program yang belum terlaksana"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("kebutuhan yang dibawa")
        verbose_name_plural = _("kebutuhan yang dibawa")
        ordering = ["-priority", "employee__name"]
        constraints = [models.UniqueConstraint(fields=["agency", "from_year", "employee", "competency", "origin"],
                                               name="cycle_carried_unique")]
        indexes = [models.Index(fields=["agency", "year", "unit"])]

    def __str__(self) -> str:
        return f"{self.employee_id} · {self.competency_id} → {self.year}"
