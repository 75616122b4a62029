"""Evaluation of development (Kirkpatrick L1–L4): participants' feedback, pre/post tests, the supervisor's
follow-up, and BKPSDM's review decisions on programmes; plus the agency's editable evaluation rules.

Peraturan LAN 10/2018 names evaluation as the last stage of competency development (planning, implementation,
evaluation); the four levels follow Kirkpatrick, the common practice (DOMAIN.md). Every threshold here is agency
practice (UNVERIFIED as a rule), editable in EvaluationSettings.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
SHARE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class EvaluationSettings(models.Model):
    """The agency's evaluation rules: the review flag, the anonymity floor, the follow-up interval, the loop."""

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="evaluation_settings",
                                  verbose_name=_("instansi"))
    min_responses = models.PositiveSmallIntegerField(
        _("responden minimal untuk menandai"), default=10, validators=[MinValueValidator(1),
                                                                       MaxValueValidator(10000)],
        help_text=_("Program dengan responden lebih sedikit tidak pernah ditandai (sampel kecil tidak pasti)."))
    low_benefit_threshold = models.DecimalField(
        _("ambang porsi manfaat rendah"), max_digits=3, decimal_places=2, default=Decimal("0.30"),
        validators=SHARE_VALIDATORS,
        help_text=_("Ditandai bila batas bawah selang kepercayaan porsi manfaat rendah melebihi ambang ini."))
    low_benefit_score = models.PositiveSmallIntegerField(
        _("skor manfaat yang dianggap rendah (≤)"), default=2, validators=[MinValueValidator(1),
                                                                            MaxValueValidator(4)])
    confidence = models.DecimalField(
        _("tingkat kepercayaan"), max_digits=3, decimal_places=2, default=Decimal("0.95"),
        validators=[MinValueValidator(Decimal("0.50")), MaxValueValidator(Decimal("0.99"))])
    anonymity_min = models.PositiveSmallIntegerField(
        _("responden minimal untuk menampilkan hasil"), default=5, validators=[MinValueValidator(3),
                                                                                 MaxValueValidator(100)],
        help_text=_("Di bawah jumlah ini hasil tidak dirinci (menjaga kerahasiaan responden)."))
    followup_months = models.PositiveSmallIntegerField(
        _("tindak lanjut atasan (bulan setelah selesai)"), default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)])
    prior_strength = models.PositiveSmallIntegerField(
        _("bobot nilai bawaan metode (pengamatan semu)"), default=10, validators=[MaxValueValidator(1000)],
        help_text=_("Makin besar, makin lambat efektivitas terukur menggeser nilai bawaan metode."))
    loop_min_responses = models.PositiveSmallIntegerField(
        _("pengamatan minimal untuk dipakai perencanaan"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10000)])
    weight_l1 = models.DecimalField(_("bobot L1 (manfaat)"), max_digits=4, decimal_places=2, default=Decimal("1"),
                                    validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))])
    weight_l2 = models.DecimalField(_("bobot L2 (gain tes)"), max_digits=4, decimal_places=2,
                                    default=Decimal("1"),
                                    validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))])
    weight_l3 = models.DecimalField(_("bobot L3 (penerapan)"), max_digits=4, decimal_places=2,
                                    default=Decimal("2"),
                                    validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))])
    feedback_days = models.PositiveSmallIntegerField(
        _("umpan balik dibuka (hari setelah selesai)"), default=60,
        validators=[MinValueValidator(1), MaxValueValidator(730)])
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan evaluasi")
        verbose_name_plural = _("pengaturan evaluasi")

    def __str__(self) -> str:
        return str(_("Pengaturan evaluasi %(agency)s") % {"agency": self.agency})

    def clean(self) -> None:
        super().clean()
        if self.weight_l1 is not None and self.weight_l2 is not None and self.weight_l3 is not None and (
                self.weight_l1 + self.weight_l2 + self.weight_l3) <= 0:
            raise ValidationError({"weight_l1": _("Sedikitnya satu bobot harus lebih dari nol.")})


class Feedback(models.Model):
    """L1 reaction: one participant's ratings (1–5) of one completed session, given once.

    The row names its enrolment so that nobody answers twice; pages and exports show aggregates only, never who
    said what, and nothing below the agency's anonymity floor.
    """

    enrolment = models.OneToOneField("delivery.Enrolment", on_delete=models.CASCADE, related_name="feedback",
                                     verbose_name=_("peserta"))
    relevance = models.PositiveSmallIntegerField(_("relevansi dengan pekerjaan"), validators=SCORE_VALIDATORS)
    material = models.PositiveSmallIntegerField(_("materi"), validators=SCORE_VALIDATORS)
    facilitator = models.PositiveSmallIntegerField(_("fasilitator/pengajar"), validators=SCORE_VALIDATORS)
    organisation = models.PositiveSmallIntegerField(_("penyelenggaraan"), validators=SCORE_VALIDATORS)
    benefit = models.PositiveSmallIntegerField(_("manfaat bagi saya"), validators=SCORE_VALIDATORS)
    comment = models.TextField(_("saran dan komentar"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("dikirim"), auto_now_add=True)

    SCORE_FIELDS = ("relevance", "material", "facilitator", "organisation", "benefit")

    class Meta:
        verbose_name = _("umpan balik peserta")
        verbose_name_plural = _("umpan balik peserta")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return str(_("Umpan balik #%(pk)s") % {"pk": self.pk})


class TestScore(models.Model):
    """L2 learning: a participant's pre- and post-test score in one session (entered or imported)."""

    enrolment = models.OneToOneField("delivery.Enrolment", on_delete=models.CASCADE, related_name="test_score",
                                     verbose_name=_("peserta"))
    pre = models.DecimalField(_("nilai pre-test"), max_digits=6, decimal_places=2, null=True, blank=True,
                              validators=[MinValueValidator(Decimal("0"))])
    post = models.DecimalField(_("nilai post-test"), max_digits=6, decimal_places=2, null=True, blank=True,
                               validators=[MinValueValidator(Decimal("0"))])
    maximum = models.DecimalField(_("nilai maksimal"), max_digits=6, decimal_places=2, default=Decimal("100"),
                                  validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("1000"))])
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("nilai pre/post-test")
        verbose_name_plural = _("nilai pre/post-test")

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.pre} → {self.post}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        for field in ("pre", "post"):
            value = getattr(self, field)
            if value is not None and self.maximum is not None and value > self.maximum:
                errors[field] = _("Nilai tidak boleh melebihi nilai maksimal (%(max)s).") % {"max": self.maximum}
        if self.pre is None and self.post is None:
            errors["pre"] = _("Isi nilai pre-test atau post-test.")
        if errors:
            raise ValidationError(errors)


class FollowUp(models.Model):
    """L3 behaviour: the supervisor's answer, some months after completion, on whether the participant now applies
    the competencies the programme targets."""

    class Applied(models.TextChoices):
        YES = "ya", _("Ya, sudah diterapkan")
        PARTLY = "sebagian", _("Sebagian")
        NO = "belum", _("Belum diterapkan")

    #: evidence value of each answer for the effectiveness estimate (yes 1, partly ½, no 0)
    APPLIED_VALUE = {Applied.YES: 1.0, Applied.PARTLY: 0.5, Applied.NO: 0.0}

    enrolment = models.OneToOneField("delivery.Enrolment", on_delete=models.CASCADE, related_name="follow_up",
                                     verbose_name=_("peserta"))
    supervisor = models.ForeignKey("people.Employee", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="evaluation_follow_ups", verbose_name=_("atasan"))
    due_on = models.DateField(_("jatuh tempo"))
    applied = models.CharField(_("kompetensi diterapkan?"), max_length=10, choices=Applied.choices, blank=True)
    example = models.TextField(_("contoh penerapan/catatan"), blank=True, max_length=2000)
    answered_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("dijawab oleh"))
    answered_at = models.DateTimeField(_("dijawab pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("tindak lanjut atasan")
        verbose_name_plural = _("tindak lanjut atasan")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["supervisor", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.due_on:%d-%m-%Y}"

    @property
    def is_answered(self) -> bool:
        return bool(self.applied)


class Decision(models.TextChoices):
    KEEP = "pertahankan", _("Pertahankan")
    REVISE = "perbaiki", _("Perbaiki")
    REPLACE = "ganti", _("Ganti dengan program/metode lain")
    RETIRE = "hentikan", _("Hentikan")


class ProgrammeReview(models.Model):
    """BKPSDM's decision on a programme after its evaluation (audited), with the evidence at that moment."""

    programme = models.ForeignKey("catalog.Programme", on_delete=models.CASCADE, related_name="reviews",
                                  verbose_name=_("program"))
    decision = models.CharField(_("keputusan"), max_length=12, choices=Decision.choices)
    note = models.TextField(_("catatan/alasan"), max_length=4000)
    replacement = models.ForeignKey("catalog.Programme", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="replacing_reviews", verbose_name=_("program pengganti"))
    replacement_method = models.ForeignKey("catalog.Method", on_delete=models.SET_NULL, null=True, blank=True,
                                           related_name="+", verbose_name=_("metode pengganti"))
    flagged = models.BooleanField(_("ditandai saat diputuskan"), default=False)
    responses = models.PositiveIntegerField(_("responden saat diputuskan"), default=0)
    low_share = models.DecimalField(_("porsi manfaat rendah saat diputuskan"), max_digits=4, decimal_places=3,
                                    null=True, blank=True)
    effectiveness = models.DecimalField(_("efektivitas terukur saat diputuskan"), max_digits=4, decimal_places=3,
                                        null=True, blank=True)
    decided_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("diputuskan oleh"))
    decided_at = models.DateTimeField(_("diputuskan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("keputusan tinjauan program")
        verbose_name_plural = _("keputusan tinjauan program")
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme} · {self.get_decision_display()}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.replacement_id and self.programme_id:
            if self.replacement_id == self.programme_id:
                errors["replacement"] = _("Program pengganti tidak boleh program yang sama.")
            elif self.replacement.agency_id != self.programme.agency_id:
                errors["replacement"] = _("Program pengganti tidak ditemukan di instansi ini.")
        if (self.replacement_method_id and self.programme_id
                and self.replacement_method.agency_id not in (None, self.programme.agency_id)):
            errors["replacement_method"] = _("Metode tidak ditemukan di instansi ini.")
        if self.decision == Decision.REPLACE and not (self.replacement_id or self.replacement_method_id):
            errors["replacement"] = _("Pilih program atau metode pengganti.")
        if self.note is not None and not self.note.strip():
            errors["note"] = _("Tuliskan alasan keputusan.")
        if errors:
            raise ValidationError(errors)


class ReminderLog(models.Model):
    """A reminder sent to one participant (feedback) or supervisor (follow-up), so nobody is reminded twice a day."""

    class Kind(models.TextChoices):
        FEEDBACK = "feedback", _("Umpan balik")
        FOLLOW_UP = "follow_up", _("Tindak lanjut atasan")

    enrolment = models.ForeignKey("delivery.Enrolment", on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("peserta"))
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("dikirim"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengingat evaluasi")
        verbose_name_plural = _("pengingat evaluasi")
        indexes = [models.Index(fields=["enrolment", "kind", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.sent_at:%d-%m-%Y}"
