"""Training-needs surveys and focus-group (FGD) records: the qualitative side of the needs analysis."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from renbang.core.uploads import private_storage

DIF_VALIDATORS = [MinValueValidator(1), MaxValueValidator(3)]


class DIF(models.IntegerChoices):
    """DIF rating (Difficulty, Importance, Frequency) of a need, used in AKPK practice (DOMAIN.md)."""

    LOW = 1, _("Rendah")
    MEDIUM = 2, _("Sedang")
    HIGH = 3, _("Tinggi")


class NeedsSurvey(models.Model):
    """A survei kebutuhan pelatihan: employees propose the development they wish for."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="needs_surveys",
                               verbose_name=_("instansi"))
    campaign = models.ForeignKey("needs.Campaign", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="surveys", verbose_name=_("kampanye"))
    title = models.CharField(_("judul survei"), max_length=200)
    opens_on = models.DateField(_("dibuka"))
    closes_on = models.DateField(_("ditutup"))

    class Meta:
        verbose_name = _("survei kebutuhan pelatihan")
        verbose_name_plural = _("survei kebutuhan pelatihan")
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Tanggal tutup tidak boleh sebelum tanggal buka.")})


class SurveyResponse(models.Model):
    """One employee's answer to a needs survey: competencies wished for and/or free text."""

    survey = models.ForeignKey(NeedsSurvey, on_delete=models.CASCADE, related_name="responses",
                               verbose_name=_("survei"))
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="survey_responses",
                                 verbose_name=_("pegawai"))
    competencies = models.ManyToManyField("competencies.Competency", blank=True, related_name="+",
                                          verbose_name=_("kompetensi yang ingin dikembangkan"))
    wish = models.TextField(_("usulan pengembangan (bebas)"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(_("dikirim"), auto_now=True)

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        constraints = [models.UniqueConstraint(fields=["survey", "employee"], name="needs_survey_one_answer")]

    def __str__(self) -> str:
        return f"{self.survey_id} · {self.employee_id}"


class FocusGroup(models.Model):
    """A diskusi kelompok terarah (FGD) of a unit: who took part, the minutes and the needs agreed."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="focus_groups",
                               verbose_name=_("instansi"))
    campaign = models.ForeignKey("needs.Campaign", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="focus_groups", verbose_name=_("kampanye"))
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="focus_groups",
                             verbose_name=_("unit kerja"))
    held_on = models.DateField(_("tanggal FGD"))
    facilitator = models.CharField(_("fasilitator"), max_length=200)
    participants = models.ManyToManyField("people.Employee", blank=True, related_name="focus_groups",
                                          verbose_name=_("peserta"))
    minutes = models.TextField(_("notulen"), max_length=20000, blank=True)

    class Meta:
        verbose_name = _("FGD kebutuhan")
        verbose_name_plural = _("FGD kebutuhan")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"FGD {self.unit} {self.held_on:%d-%m-%Y}"

    def clean(self) -> None:
        super().clean()
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("Unit harus dari instansi yang sama.")})


class AgreedNeed(models.Model):
    """A need agreed in an FGD: competency, target group, priority and DIF rating."""

    focus_group = models.ForeignKey(FocusGroup, on_delete=models.CASCADE, related_name="agreed_needs",
                                    verbose_name=_("FGD"))
    competency = models.ForeignKey("competencies.Competency", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("kompetensi"))
    target_group = models.CharField(_("kelompok sasaran"), max_length=200)
    priority = models.PositiveSmallIntegerField(_("prioritas (1 = tertinggi)"), default=1,
                                                validators=[MinValueValidator(1), MaxValueValidator(9)])
    difficulty = models.PositiveSmallIntegerField(_("kesulitan (D)"), choices=DIF.choices, default=DIF.MEDIUM)
    importance = models.PositiveSmallIntegerField(_("kepentingan (I)"), choices=DIF.choices, default=DIF.MEDIUM)
    frequency = models.PositiveSmallIntegerField(_("frekuensi (F)"), choices=DIF.choices, default=DIF.MEDIUM)

    class Meta:
        verbose_name = _("kebutuhan hasil FGD")
        verbose_name_plural = _("kebutuhan hasil FGD")
        ordering = ["priority"]

    def __str__(self) -> str:
        return f"{self.competency_id} · {self.target_group}"


class FocusGroupAttachment(models.Model):
    """A PDF or image attached to an FGD record (attendance list, photos); type checked by content."""

    focus_group = models.ForeignKey(FocusGroup, on_delete=models.CASCADE, related_name="attachments",
                                    verbose_name=_("FGD"))
    file = models.FileField(_("berkas"), upload_to="fgd/%Y/", storage=private_storage)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(_("jenis"), max_length=60)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("lampiran FGD")
        verbose_name_plural = _("lampiran FGD")

    def __str__(self) -> str:
        return self.original_name
