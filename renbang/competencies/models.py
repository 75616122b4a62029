"""The competency dictionary (PermenPANRB 38/2017) and job competency standards (SKJ)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class CompetencyType(models.TextChoices):
    """Jenis kompetensi (PP 11/2017 Pasal 165–166; PermenPANRB 38/2017)."""

    TECHNICAL = "teknis", _("Teknis")
    MANAGERIAL = "manajerial", _("Manajerial")
    SOCIOCULTURAL = "sosial_kultural", _("Sosial kultural")


class Competency(models.Model):
    """A competency of the dictionary: national managerial/socio-cultural ones (agency empty) or an agency's
    technical competency for one job family."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="competencies", verbose_name=_("instansi"),
                               help_text=_("Kosong untuk kamus nasional (PermenPANRB 38/2017)."))
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama kompetensi"), max_length=200)
    competency_type = models.CharField(_("jenis"), max_length=20, choices=CompetencyType.choices)
    definition = models.TextField(_("definisi"), blank=True)
    job_family = models.ForeignKey("org.JobFamily", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="competencies", verbose_name=_("rumpun jabatan"))
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kompetensi")
        ordering = ["competency_type", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="comp_unique_code_per_agency"),
            models.UniqueConstraint(fields=["code"], condition=Q(agency__isnull=True),
                                    name="comp_unique_national_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_national(self) -> bool:
        """Part of the national dictionary (PermenPANRB 38/2017), shared by every agency."""
        return self.agency_id is None


class Level(models.Model):
    """One of the five proficiency levels of a competency, with its description."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="levels",
                                   verbose_name=_("kompetensi"))
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    title = models.CharField(_("judul"), max_length=200, blank=True)
    description = models.TextField(_("deskripsi"))

    class Meta:
        verbose_name = _("level kompetensi")
        verbose_name_plural = _("level kompetensi")
        ordering = ["competency", "level"]
        constraints = [models.UniqueConstraint(fields=["competency", "level"], name="comp_level_unique")]

    def __str__(self) -> str:
        return f"{self.competency.code} level {self.level}"


class Indicator(models.Model):
    """A behavioural indicator of a level (indikator perilaku)."""

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="indicators",
                              verbose_name=_("level"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=1)
    text = models.TextField(_("indikator perilaku"))

    class Meta:
        verbose_name = _("indikator perilaku")
        verbose_name_plural = _("indikator perilaku")
        ordering = ["level", "order"]

    def __str__(self) -> str:
        return self.text[:60]


class PositionStandard(models.Model):
    """The required level of one competency for one position (Standar Kompetensi Jabatan, SKJ)."""

    class Origin(models.TextChoices):
        DEFAULT = "default", _("Bawaan (tabel default)")
        JOB_FAMILY = "rumpun", _("Dari rumpun jabatan")
        MANUAL = "manual", _("Ditetapkan manual")

    position = models.ForeignKey("org.Position", on_delete=models.CASCADE, related_name="standards",
                                 verbose_name=_("jabatan"))
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="standards",
                                   verbose_name=_("kompetensi"))
    required_level = models.PositiveSmallIntegerField(_("level yang dipersyaratkan"), validators=LEVEL_VALIDATORS)
    origin = models.CharField(_("asal"), max_length=10, choices=Origin.choices, default=Origin.MANUAL)

    class Meta:
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        ordering = ["position", "competency"]
        constraints = [
            models.UniqueConstraint(fields=["position", "competency"], name="comp_standard_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position} · {self.competency.code} ≥ {self.required_level}"


class StandardDefault(models.Model):
    """Editable default: required managerial/socio-cultural level by position type and jenjang.

    The mapping (JPT Utama 5 … Pelaksana 1) is common practice, UNVERIFIED in a primary text (DOMAIN.md):
    it is data an agency can change, and the UI says it is a default.
    """

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="standard_defaults",
                               verbose_name=_("instansi"))
    position_type = models.CharField(_("jenis jabatan"), max_length=30)
    level = models.CharField(_("jenjang"), max_length=20, blank=True, default="")
    competency_type = models.CharField(_("jenis kompetensi"), max_length=20, choices=CompetencyType.choices)
    required_level = models.PositiveSmallIntegerField(_("level bawaan"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("default standar kompetensi")
        verbose_name_plural = _("default standar kompetensi")
        constraints = [
            models.UniqueConstraint(fields=["agency", "position_type", "level", "competency_type"],
                                    name="comp_default_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position_type} {self.level} {self.competency_type}: {self.required_level}"
