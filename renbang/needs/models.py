"""Needs analysis (AKPK): assessment campaigns, assessments, current levels, needs, surveys and FGD records."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from renbang.competencies.models import LEVEL_VALIDATORS
from renbang.engine import gaps as engine

WEIGHT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))]


class Source(models.TextChoices):
    """Who gave a level (DOMAIN.md: assessment centre results are the strongest evidence)."""

    SELF = "self", _("Penilaian diri")
    SUPERVISOR = "supervisor", _("Penilaian atasan")
    PEER = "peer", _("Penilaian rekan kerja")
    ASSESSMENT_CENTRE = "ac", _("Assessment center")


class Campaign(models.Model):
    """A kampanye penilaian kompetensi: one round of self/supervisor/peer questionnaires for a year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        OPEN = "open", _("Dibuka")
        CLOSED = "closed", _("Ditutup")

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="campaigns",
                               verbose_name=_("instansi"))
    name = models.CharField(_("nama kampanye"), max_length=200)
    year = models.PositiveSmallIntegerField(_("tahun perencanaan"))
    period_start = models.DateField(_("mulai pengisian"))
    period_end = models.DateField(_("akhir pengisian"))
    target_units = models.ManyToManyField("org.OrgUnit", blank=True, related_name="campaigns",
                                          verbose_name=_("unit sasaran"),
                                          help_text=_("Kosong = seluruh unit instansi. Unit bawahan ikut."))
    self_on = models.BooleanField(_("penilaian diri"), default=True)
    supervisor_on = models.BooleanField(_("penilaian atasan"), default=True)
    peer_on = models.BooleanField(_("penilaian rekan kerja"), default=False)
    ac_on = models.BooleanField(_("hasil assessment center"), default=True,
                                help_text=_("Hasil asesmen yang masih berlaku mengalahkan kuesioner."))
    weight_self = models.DecimalField(_("bobot diri"), max_digits=4, decimal_places=2, default=Decimal("1"),
                                      validators=WEIGHT_VALIDATORS)
    weight_supervisor = models.DecimalField(_("bobot atasan"), max_digits=4, decimal_places=2,
                                            default=Decimal("2"), validators=WEIGHT_VALIDATORS)
    weight_peer = models.DecimalField(_("bobot rekan"), max_digits=4, decimal_places=2, default=Decimal("1"),
                                      validators=WEIGHT_VALIDATORS)
    peers_per_employee = models.PositiveSmallIntegerField(
        _("rekan penilai per pegawai"), default=2, validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Jika penilaian rekan aktif: sekian rekan seatasan dipilih bergiliran saat kampanye dibuka."))
    validity_months = models.PositiveSmallIntegerField(
        _("masa berlaku hasil asesmen (bulan)"), default=36, validators=[MaxValueValidator(120)],
        help_text=_("UNVERIFIED: praktik umum 2–3 tahun; dapat diubah."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    computed_at = models.DateTimeField(_("dihitung pada"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("dibuat oleh"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kampanye penilaian")
        verbose_name_plural = _("kampanye penilaian")
        ordering = ["-year", "-period_start"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="needs_campaign_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Akhir pengisian tidak boleh sebelum mulai pengisian.")
        if not (self.self_on or self.supervisor_on or self.peer_on or self.ac_on):
            errors["self_on"] = _("Aktifkan paling sedikit satu sumber penilaian.")
        weights = [(self.self_on, self.weight_self), (self.supervisor_on, self.weight_supervisor),
                   (self.peer_on, self.weight_peer)]
        if any(on for on, _w in weights) and not any(on and (w or 0) > 0 for on, w in weights):
            errors["weight_supervisor"] = _("Paling sedikit satu sumber kuesioner yang aktif harus berbobot > 0.")
        if self.year and not 2000 <= self.year <= 2100:
            errors["year"] = _("Tahun harus antara 2000 dan 2100.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def source_weights(self) -> dict[str, float]:
        """Weights of the questionnaire sources that are on (off → 0)."""
        return {
            Source.SELF: float(self.weight_self) if self.self_on else 0.0,
            Source.SUPERVISOR: float(self.weight_supervisor) if self.supervisor_on else 0.0,
            Source.PEER: float(self.weight_peer) if self.peer_on else 0.0,
        }


class Assessment(models.Model):
    """One respondent's ratings of one employee (penilaian diri/atasan/rekan) or an assessment-centre result."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Terkirim")

    # No index of its own: the (campaign, source, status) index and the unique (campaign, …) lead with it.
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, null=True, blank=True, db_index=False,
                                 related_name="assessments", verbose_name=_("kampanye"),
                                 help_text=_("Kosong untuk hasil assessment center yang diimpor."))
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="assessments",
                                 verbose_name=_("pegawai yang dinilai"))
    assessor = models.ForeignKey("people.Employee", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="assessments_given", verbose_name=_("penilai"))
    assessor_name = models.CharField(_("nama asesor"), max_length=200, blank=True)
    source = models.CharField(_("sumber"), max_length=12, choices=Source.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    assessed_on = models.DateField(_("tanggal penilaian"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("penilaian kompetensi")
        verbose_name_plural = _("penilaian kompetensi")
        ordering = ["campaign", "employee", "source"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "employee", "source", "assessor"],
                                    condition=models.Q(campaign__isnull=False), name="needs_assessment_unique"),
            models.UniqueConstraint(fields=["employee", "assessed_on", "assessor_name"],
                                    condition=models.Q(source="ac"), name="needs_ac_unique"),
        ]
        indexes = [models.Index(fields=["campaign", "source", "status"]),
                   models.Index(fields=["assessor", "campaign"])]

    def __str__(self) -> str:
        return f"{self.get_source_display()} · {self.employee_id}"

    def clean(self) -> None:
        super().clean()
        if self.source == Source.ASSESSMENT_CENTRE:
            if not self.assessed_on:
                raise ValidationError({"assessed_on": _("Hasil assessment center harus bertanggal.")})
        elif not self.campaign_id:
            raise ValidationError({"campaign": _("Kuesioner harus termasuk sebuah kampanye.")})
        if self.source == Source.SELF and self.assessor_id and self.assessor_id != self.employee_id:
            raise ValidationError({"assessor": _("Penilaian diri diisi oleh pegawai itu sendiri.")})

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class AssessmentScore(models.Model):
    """The level (1–5) a respondent chose for one competency."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores", db_index=False,
                                   verbose_name=_("penilaian"))  # the unique (assessment, competency) indexes it
    competency = models.ForeignKey("competencies.Competency", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("kompetensi"))
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("nilai kompetensi")
        verbose_name_plural = _("nilai kompetensi")
        constraints = [models.UniqueConstraint(fields=["assessment", "competency"], name="needs_score_unique")]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.level}"


class CurrentLevel(models.Model):
    """The level an employee holds in a competency at a campaign's close (materialised; formula in services)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="current_levels", db_index=False,
                                 verbose_name=_("kampanye"))  # indexed by the unique (campaign, …) constraint
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="current_levels",
                                 verbose_name=_("pegawai"))
    competency = models.ForeignKey("competencies.Competency", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("kompetensi"))
    level = models.PositiveSmallIntegerField(_("level saat ini"), validators=LEVEL_VALIDATORS)
    from_ac = models.BooleanField(_("dari assessment center"), default=False)
    self_level = models.PositiveSmallIntegerField(_("penilaian diri"), null=True, blank=True)
    supervisor_level = models.PositiveSmallIntegerField(_("penilaian atasan"), null=True, blank=True)
    peer_level = models.DecimalField(_("rata-rata rekan"), max_digits=3, decimal_places=2, null=True, blank=True)
    disagreement = models.BooleanField(_("selisih diri–atasan ≥ 2"), default=False)

    class Meta:
        verbose_name = _("level kompetensi saat ini")
        verbose_name_plural = _("level kompetensi saat ini")
        constraints = [models.UniqueConstraint(fields=["campaign", "employee", "competency"],
                                               name="needs_current_unique")]

    def __str__(self) -> str:
        return f"{self.employee_id} · {self.competency_id}: {self.level}"


class JobMatch(models.Model):
    """An employee's JPM (job–person match) and performance gap for a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="job_matches", db_index=False,
                                 verbose_name=_("kampanye"))  # indexed by the unique (campaign, …) constraint
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="job_matches",
                                 verbose_name=_("pegawai"))
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    jpm = models.DecimalField(_("JPM (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    band = models.CharField(_("kategori JPM"), max_length=20, blank=True)
    performance_gap = models.DecimalField(_("kesenjangan kinerja"), max_digits=3, decimal_places=2, default=0)
    predicate = models.CharField(_("predikat kinerja"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("kesesuaian jabatan (JPM)")
        verbose_name_plural = _("kesesuaian jabatan (JPM)")
        constraints = [models.UniqueConstraint(fields=["campaign", "employee"], name="needs_jobmatch_unique")]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.jpm}"

    BAND_LABELS = {engine.OPTIMAL: _("Optimal"), engine.FAIRLY_OPTIMAL: _("Cukup optimal"),
                   engine.NOT_OPTIMAL: _("Kurang optimal"), engine.UNMEASURED: _("Belum terukur")}

    @property
    def band_label(self) -> str:
        return str(self.BAND_LABELS.get(self.band, self.band))


class Need(models.Model):
    """A computed need: one employee × one competency of their current or next position's standard.

    A row exists for every required competency (gap 0 included, so that pages can show proportions); a need in
    the narrow sense is a row with gap > 0 or next_gap > 0. `current` is empty when the competency was not
    assessed (counted as 0 in the gap: no evidence, no credit).
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="needs", db_index=False,
                                 verbose_name=_("kampanye"))  # indexed by the unique (campaign, …) constraint
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="needs",
                                 verbose_name=_("pegawai"))
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("unit saat dihitung"))
    competency = models.ForeignKey("competencies.Competency", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("kompetensi"))
    required = models.PositiveSmallIntegerField(_("level jabatan saat ini"), default=0)
    current = models.PositiveSmallIntegerField(_("level saat ini"), null=True, blank=True)
    gap = models.PositiveSmallIntegerField(_("kesenjangan"), default=0)
    next_required = models.PositiveSmallIntegerField(_("level jabatan berikutnya"), default=0)
    next_gap = models.PositiveSmallIntegerField(_("kesenjangan jabatan berikutnya"), default=0)
    priority = models.DecimalField(_("skor prioritas"), max_digits=5, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("kebutuhan pengembangan")
        verbose_name_plural = _("kebutuhan pengembangan")
        constraints = [models.UniqueConstraint(fields=["campaign", "employee", "competency"],
                                               name="needs_need_unique")]
        indexes = [models.Index(fields=["campaign", "unit", "competency"]),
                   models.Index(fields=["campaign", "-priority"])]

    def __str__(self) -> str:
        return f"{self.employee_id} · {self.competency_id}: {self.gap}"


def default_performance_gap_map() -> dict[str, float]:
    return dict(engine.DEFAULT_PERFORMANCE_GAP)


class PriorityWeights(models.Model):
    """BKPSDM's editable weights of the priority score and the SKP predicate → performance-gap table."""

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="priority_weights",
                                  verbose_name=_("instansi"))
    gap = models.DecimalField(_("bobot kesenjangan jabatan saat ini"), max_digits=4, decimal_places=2,
                              default=Decimal("0.40"), validators=WEIGHT_VALIDATORS)
    importance = models.DecimalField(_("bobot kepentingan (DIF)"), max_digits=4, decimal_places=2,
                                     default=Decimal("0.25"), validators=WEIGHT_VALIDATORS)
    performance = models.DecimalField(_("bobot kesenjangan kinerja"), max_digits=4, decimal_places=2,
                                      default=Decimal("0.15"), validators=WEIGHT_VALIDATORS)
    next_position = models.DecimalField(_("bobot kesiapan jabatan berikutnya"), max_digits=4, decimal_places=2,
                                        default=Decimal("0.20"), validators=WEIGHT_VALIDATORS)
    performance_gap_map = models.JSONField(_("kesenjangan kinerja per predikat"),
                                           default=default_performance_gap_map)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("bobot prioritas")
        verbose_name_plural = _("bobot prioritas")

    def __str__(self) -> str:
        return str(self.agency)

    def clean(self) -> None:
        super().clean()
        if sum((self.gap or 0, self.importance or 0, self.performance or 0, self.next_position or 0)) <= 0:
            raise ValidationError(_("Paling sedikit satu bobot harus lebih dari 0."))
        from renbang.people.models import Predicate

        table = self.performance_gap_map
        if not isinstance(table, dict) or set(table) != set(Predicate.values):
            raise ValidationError({"performance_gap_map": _("Isi nilai untuk setiap predikat kinerja.")})
        for value in table.values():
            if not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ValidationError({"performance_gap_map": _("Nilai kesenjangan kinerja harus 0 sampai 1.")})

    def engine_weights(self) -> engine.Weights:
        return engine.Weights(float(self.gap), float(self.importance), float(self.performance),
                              float(self.next_position))


class Reminder(models.Model):
    """An in-app notice (and e-mail, when an address is known) that a questionnaire is still waiting."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders",
                                 verbose_name=_("kampanye"))
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("pegawai"))
    message = models.CharField(_("pesan"), max_length=300)
    emailed = models.BooleanField(_("dikirim lewat surel"), default=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengingat")
        verbose_name_plural = _("pengingat")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message


from .models_extra import (  # noqa: E402,F401  (surveys and FGD records live in their own module)
    AgreedNeed,
    FocusGroup,
    FocusGroupAttachment,
    NeedsSurvey,
    SurveyResponse,
)
