"""Mentoring (Peraturan LAN 10/2018, pelatihan nonklasikal): programmes, participants, matched pairs, logs and
feedback."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CAPACITY_VALIDATORS = [MinValueValidator(1), MaxValueValidator(3)]


class MentoringProgramme(models.Model):
    """A mentoring programme for a set of competencies in a period: mentors are matched to mentees."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Persiapan")
        MATCHED = "matched", _("Sudah dipasangkan")
        RUNNING = "running", _("Berjalan")
        CLOSED = "closed", _("Selesai")

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="mentoring_programmes",
                               verbose_name=_("instansi"))
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("deskripsi"), blank=True)
    method = models.ForeignKey("catalog.Method", on_delete=models.PROTECT, related_name="mentoring_programmes",
                               verbose_name=_("metode"), help_text=_("Menentukan konversi durasi pertemuan ke JP."))
    competencies = models.ManyToManyField("competencies.Competency", related_name="mentoring_programmes",
                                          verbose_name=_("kompetensi"))
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    capacity_per_mentor = models.PositiveSmallIntegerField(_("mentee per mentor"), default=2,
                                                           validators=CAPACITY_VALIDATORS)
    gap_weight = models.PositiveSmallIntegerField(_("bobot per level kesenjangan"), default=100,
                                                  validators=[MinValueValidator(1), MaxValueValidator(1000)])
    same_unit_bonus = models.PositiveSmallIntegerField(_("bonus satu unit kerja"), default=10,
                                                       validators=[MaxValueValidator(1000)])
    same_family_bonus = models.PositiveSmallIntegerField(_("bonus satu rumpun jabatan"), default=5,
                                                         validators=[MaxValueValidator(1000)])
    succession_bonus = models.PositiveSmallIntegerField(
        _("bonus pemangku yang pensiun → calon penggantinya"), default=0, validators=[MaxValueValidator(5000)],
        help_text=_("Alih pengetahuan: pemangku jabatan kunci yang pensiun dalam horizon jabatan kunci dipasangkan "
                    "dengan calon penggantinya (kelompok suksesi) bila keduanya peserta; 0 = tidak."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    matched_at = models.DateTimeField(_("dipasangkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("program mentoring")
        verbose_name_plural = _("program mentoring")
        ordering = ["-start_date", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
        if self.method_id and self.method.agency_id not in (None, self.agency_id):
            raise ValidationError({"method": _("Metode tidak ditemukan di instansi ini.")})


class Participant(models.Model):
    """An employee taking part in a mentoring programme as mentor or as mentee."""

    class Role(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        MENTEE = "mentee", _("Mentee")

    programme = models.ForeignKey(MentoringProgramme, on_delete=models.CASCADE, related_name="participants",
                                  verbose_name=_("program"))
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="mentoring_roles",
                                 verbose_name=_("pegawai"))
    role = models.CharField(_("peran"), max_length=6, choices=Role.choices)
    capacity = models.PositiveSmallIntegerField(_("kapasitas mentee"), null=True, blank=True,
                                                validators=CAPACITY_VALIDATORS,
                                                help_text=_("Khusus mentor; kosong: bawaan program."))

    class Meta:
        verbose_name = _("peserta mentoring")
        verbose_name_plural = _("peserta mentoring")
        ordering = ["programme", "role", "employee__name"]
        constraints = [models.UniqueConstraint(fields=["programme", "employee"], name="mentoring_one_role")]

    def __str__(self) -> str:
        return f"{self.employee.name} ({self.get_role_display()})"

    def clean(self) -> None:
        super().clean()
        if self.employee_id and self.programme_id and self.employee.agency_id != self.programme.agency_id:
            raise ValidationError({"employee": _("Pegawai harus dari instansi yang sama.")})
        if self.role == self.Role.MENTEE and self.capacity is not None:
            raise ValidationError({"capacity": _("Kapasitas hanya untuk mentor.")})

    @property
    def effective_capacity(self) -> int:
        return self.capacity or self.programme.capacity_per_mentor


class Pair(models.Model):
    """A mentor–mentee pair: proposed by the optimiser, or locked/added/removed by BKPSDM."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Usulan optimasi")
        LOCKED = "locked", _("Dikunci")
        REMOVED = "removed", _("Dihapus (tidak dipasangkan lagi)")

    class Source(models.TextChoices):
        OPTIMISER = "optimiser", _("Optimasi")
        MANUAL = "manual", _("Manual")

    programme = models.ForeignKey(MentoringProgramme, on_delete=models.CASCADE, related_name="pairs",
                                  verbose_name=_("program"))
    mentor = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="mentor_pairs",
                               verbose_name=_("mentor"))
    mentee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="mentee_pairs",
                               verbose_name=_("mentee"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    source = models.CharField(_("asal"), max_length=10, choices=Source.choices, default=Source.OPTIMISER)
    score = models.IntegerField(_("skor"), default=0)
    gap_covered = models.PositiveSmallIntegerField(_("kesenjangan yang ditutup (level)"), default=0)
    reason = models.TextField(_("alasan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pasangan mentoring")
        verbose_name_plural = _("pasangan mentoring")
        ordering = ["programme", "mentor__name", "mentee__name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "mentee"], condition=~Q(status="removed"),
                                    name="mentoring_one_active_mentor"),
            models.UniqueConstraint(fields=["programme", "mentor", "mentee"], name="mentoring_pair_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.name} → {self.mentee.name}"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.REMOVED


class Log(models.Model):
    """A mentoring meeting: date, topic, duration (→ JP by the method's conversion), notes."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="logs", verbose_name=_("pasangan"))
    date = models.DateField(_("tanggal"))
    topic = models.CharField(_("topik"), max_length=200)
    duration_minutes = models.PositiveSmallIntegerField(_("durasi (menit)"),
                                                        validators=[MinValueValidator(5), MaxValueValidator(720)])
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2, default=0)
    notes = models.TextField(_("catatan"), blank=True)
    author = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("dicatat oleh"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("catatan mentoring")
        verbose_name_plural = _("catatan mentoring")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.topic}"


class Feedback(models.Model):
    """A short rating (1–5) and comment on a pair, one from the mentor and one from the mentee."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("pasangan"))
    side = models.CharField(_("dari"), max_length=6, choices=Participant.Role.choices)
    rating = models.PositiveSmallIntegerField(_("nilai"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("komentar"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("umpan balik mentoring")
        verbose_name_plural = _("umpan balik mentoring")
        constraints = [models.UniqueConstraint(fields=["pair", "side"], name="mentoring_feedback_one_per_side")]

    def __str__(self) -> str:
        return f"{self.pair} · {self.get_side_display()}: {self.rating}"
