"""Talent and succession (issue 21): per-agency settings, key positions and versioned succession groups.

The talent box and the retirement outlook are computed on the fly (renbang.talent.box, .outlook); only what
BKPSDM decides is stored: the settings, which positions are key, and each succession group.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from renbang.people.ranks import PNS_ORDER

from . import retirement


def default_bup_table() -> dict[str, int]:
    return dict(retirement.DEFAULT_BUP)


def default_bup_special() -> list[dict]:
    return [dict(r) for r in retirement.DEFAULT_SPECIAL]


def default_predicate_scores() -> dict[str, float]:
    """SKP predicate → score (PermenPANRB 6/2022 predicates; the scores are UNVERIFIED defaults)."""
    return {"sangat_baik": 3.0, "baik": 2.0, "butuh_perbaikan": 1.0, "kurang": 0.5, "sangat_kurang": 0.0}


def default_box_numbers() -> dict[str, int]:
    """"performance-potential" (each 1 low .. 3 high) → box number of PermenPANRB 3/2020's 3×3 box.
    The numbering as commonly published (box 9 = high/high, 7–9 the promotion pool): UNVERIFIED, editable."""
    return {"1-1": 1, "1-2": 2, "2-1": 3, "1-3": 4, "2-2": 5, "3-1": 6, "2-3": 7, "3-2": 8, "3-3": 9}


def default_min_rank() -> dict[str, str]:
    """Lowest golongan a successor should hold for a target position type[:level]. UNVERIFIED defaults (the
    promotion rules differ per position): BKPSDM edits them; a type not named has no rank requirement."""
    return {"jpt": "IV/b", "administrator": "III/d", "pengawas": "III/b",
            "fungsional_keahlian:utama": "IV/d", "fungsional_keahlian:madya": "IV/a",
            "fungsional_keahlian:muda": "III/c", "fungsional_keahlian:pertama": "III/a",
            "fungsional_keterampilan:penyelia": "III/b", "fungsional_keterampilan:mahir": "II/d",
            "fungsional_keterampilan:terampil": "II/b"}


def default_readiness_weights() -> dict[str, float]:
    """Weights of a candidate's readiness score: competency match to the target standard, performance, talent box.
    A design choice of Renbang (no regulation sets them): editable."""
    return {"match": 0.6, "performance": 0.2, "box": 0.2}


PENSION_RULES = [(retirement.NEXT_MONTH, _("tanggal 1 bulan berikutnya setelah mencapai BUP")),
                 (retirement.BIRTHDAY, _("tanggal mencapai BUP"))]
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class TalentSettings(models.Model):
    """BKPSDM's editable rules of retirement, the talent box, succession and readiness (defaults UNVERIFIED
    where the docstrings say so)."""

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="talent_settings",
                                  verbose_name=_("instansi"))
    bup_table = models.JSONField(_("BUP per jenis/jenjang jabatan"), default=default_bup_table,
                                 help_text=_("PP 11/2017 Pasal 239 jo. PP 17/2020."))
    bup_special = models.JSONField(_("BUP khusus menurut nama jabatan"), default=default_bup_special, blank=True,
                                   help_text=_("Pasal 240: jabatan fungsional yang BUP-nya diatur undang-undang "
                                               "(BELUM DIVERIFIKASI)."))
    pension_rule = models.CharField(_("TMT pensiun"), max_length=12, choices=PENSION_RULES,
                                    default=retirement.NEXT_MONTH)
    # talent box (PermenPANRB 3/2020)
    performance_years = models.PositiveSmallIntegerField(_("tahun SKP yang dihitung"), default=2,
                                                         validators=[MinValueValidator(1), MaxValueValidator(5)])
    predicate_scores = models.JSONField(_("skor per predikat kinerja"), default=default_predicate_scores)
    performance_high = models.DecimalField(_("kinerja tinggi mulai skor"), max_digits=4, decimal_places=2,
                                           default=Decimal("2.50"))
    performance_mid = models.DecimalField(_("kinerja menengah mulai skor"), max_digits=4, decimal_places=2,
                                          default=Decimal("1.75"))
    weight_jpm = models.DecimalField(_("bobot JPM jabatan saat ini"), max_digits=4, decimal_places=2,
                                     default=Decimal("0.50"))
    weight_next = models.DecimalField(_("bobot kesiapan jabatan berikutnya"), max_digits=4, decimal_places=2,
                                      default=Decimal("0.30"))
    weight_ac = models.DecimalField(_("bobot hasil assessment center"), max_digits=4, decimal_places=2,
                                    default=Decimal("0.20"))
    potential_high = models.DecimalField(_("potensial tinggi mulai (%)"), max_digits=5, decimal_places=2,
                                         default=Decimal("90"), validators=PERCENT)
    potential_mid = models.DecimalField(_("potensial menengah mulai (%)"), max_digits=5, decimal_places=2,
                                        default=Decimal("78"), validators=PERCENT)
    box_numbers = models.JSONField(_("nomor kotak talenta"), default=default_box_numbers)
    # key positions and succession
    key_horizon_years = models.PositiveSmallIntegerField(
        _("jabatan kunci: pemangku pensiun dalam (tahun)"), default=2,
        validators=[MinValueValidator(0), MaxValueValidator(10)])
    min_service_years = models.PositiveSmallIntegerField(_("masa kerja minimal calon (tahun)"), default=2,
                                                         validators=[MaxValueValidator(40)])
    max_rank_steps_below = models.PositiveSmallIntegerField(
        _("golongan calon paling rendah (langkah di bawah golongan minimal jabatan)"), default=1,
        validators=[MaxValueValidator(16)])
    min_rank_table = models.JSONField(_("golongan minimal calon per jenis jabatan"), default=default_min_rank,
                                      blank=True)
    readiness_weights = models.JSONField(_("bobot skor kesiapan"), default=default_readiness_weights)
    ready_now_match = models.DecimalField(_("siap sekarang: kecocokan minimal (%)"), max_digits=5,
                                          decimal_places=2, default=Decimal("90"), validators=PERCENT)
    ready_now_box = models.PositiveSmallIntegerField(_("siap sekarang: kotak talenta minimal"), default=7,
                                                     validators=[MinValueValidator(1), MaxValueValidator(9)])
    ready_soon_match = models.DecimalField(_("siap 1–2 tahun: kecocokan minimal (%)"), max_digits=5,
                                           decimal_places=2, default=Decimal("75"), validators=PERCENT)
    ready_soon_box = models.PositiveSmallIntegerField(_("siap 1–2 tahun: kotak talenta minimal"), default=5,
                                                      validators=[MinValueValidator(1), MaxValueValidator(9)])
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan talenta")
        verbose_name_plural = _("pengaturan talenta")

    def __str__(self) -> str:
        return str(self.agency)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.performance_mid is not None and self.performance_high is not None \
                and self.performance_mid > self.performance_high:
            errors["performance_mid"] = _("Batas kinerja menengah tidak boleh di atas batas kinerja tinggi.")
        if self.potential_mid is not None and self.potential_high is not None \
                and self.potential_mid > self.potential_high:
            errors["potential_mid"] = _("Batas potensial menengah tidak boleh di atas batas potensial tinggi.")
        if not isinstance(self.bup_table, dict) or not all(
                isinstance(v, int) and 40 <= v <= 75 for v in self.bup_table.values()):
            errors["bup_table"] = _("BUP harus berupa usia 40–75 tahun per jenis jabatan.")
        special = self.bup_special if isinstance(self.bup_special, list) else None
        if special is None or not all(isinstance(r, dict) and str(r.get("contains", "")).strip()
                                      and isinstance(r.get("age"), int) and 40 <= r["age"] <= 75 for r in special):
            errors["bup_special"] = _("Setiap aturan khusus perlu kata dalam nama jabatan dan usia 40–75 tahun.")
        if sorted(self.box_numbers.values() if isinstance(self.box_numbers, dict) else []) != list(range(1, 10)):
            errors["box_numbers"] = _("Nomor kotak harus 1 sampai 9, masing-masing sekali.")
        errors.update(self._clean_weights())
        if errors:
            raise ValidationError(errors)

    def _clean_weights(self) -> dict[str, str]:
        """Scores, weights and readiness rules that would make the box or the ranking meaningless."""
        errors: dict[str, str] = {}
        weights = [self.weight_jpm, self.weight_next, self.weight_ac]
        if all(w is not None for w in weights) and (min(weights) < 0 or sum(weights) <= 0):
            errors["weight_jpm"] = _("Bobot potensial tidak boleh negatif dan paling sedikit satu lebih dari 0.")
        for name in ("performance_high", "performance_mid"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("Batas kinerja tidak boleh negatif.")
        if not _numbers(self.predicate_scores):
            errors["predicate_scores"] = _("Skor setiap predikat berupa angka 0 atau lebih.")
        weights_ok = _numbers(self.readiness_weights)
        if not weights_ok or not sum(self.readiness_weights.values()) > 0:
            errors["readiness_weights"] = _("Bobot kesiapan berupa angka 0 atau lebih; paling sedikit satu lebih "
                                            "dari 0.")
        if not isinstance(self.min_rank_table, dict) or not all(v in PNS_ORDER for v in self.min_rank_table.values()):
            errors["min_rank_table"] = _("Golongan minimal harus golongan ruang PNS (mis. III/a).")
        if self.ready_soon_match is not None and self.ready_now_match is not None \
                and self.ready_soon_match > self.ready_now_match:
            errors["ready_soon_match"] = _("Kecocokan minimal “siap 1–2 tahun” tidak boleh di atas "
                                           "“siap sekarang”.")
        if self.ready_soon_box is not None and self.ready_now_box is not None \
                and self.ready_soon_box > self.ready_now_box:
            errors["ready_soon_box"] = _("Kotak minimal “siap 1–2 tahun” tidak boleh di atas "
                                         "“siap sekarang”.")
        return errors


def _numbers(table) -> bool:
    """A dict of numbers ≥ 0 (not booleans)."""
    return isinstance(table, dict) and all(
        isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in table.values())


class KeyPosition(models.Model):
    """A jabatan kunci marked by BKPSDM (PermenPANRB 3/2020): its succession is planned."""

    class Reason(models.TextChoices):
        MANUAL = "manual", _("ditandai BKPSDM")
        LEADERSHIP = "pimpinan", _("JPT/administrator")
        RETIREMENT = "pensiun", _("pemangku pensiun tanpa pengganti")

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="key_positions",
                               verbose_name=_("instansi"))
    position = models.ForeignKey("org.Position", on_delete=models.CASCADE, related_name="key_marks",
                                 verbose_name=_("jabatan"))
    reason = models.CharField(_("alasan"), max_length=10, choices=Reason.choices, default=Reason.MANUAL)
    note = models.CharField(_("catatan"), max_length=250, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("ditandai oleh"))
    marked_at = models.DateTimeField(_("ditandai pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("jabatan kunci")
        verbose_name_plural = _("jabatan kunci")
        ordering = ["position__name"]
        constraints = [models.UniqueConstraint(fields=["agency", "position"], name="talent_key_position_unique")]

    def __str__(self) -> str:
        return str(self.position)

    def clean(self) -> None:
        super().clean()
        if self.position_id and self.agency_id and self.position.agency_id != self.agency_id:
            raise ValidationError({"position": _("Jabatan harus dari instansi yang sama.")})


class Readiness(models.TextChoices):
    NOW = "siap_sekarang", _("Siap sekarang")
    SOON = "siap_1_2_tahun", _("Siap 1–2 tahun")
    NOT_YET = "belum_siap", _("Belum siap")


class SuccessionGroup(models.Model):
    """One saved version of a key position's succession group (kelompok rencana suksesi), up to 3 people."""

    key_position = models.ForeignKey(KeyPosition, on_delete=models.CASCADE, related_name="groups",
                                     verbose_name=_("jabatan kunci"))
    version = models.PositiveSmallIntegerField(_("versi"))
    note = models.CharField(_("catatan"), max_length=250, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("disimpan oleh"))
    created_at = models.DateTimeField(_("disimpan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("kelompok suksesi")
        verbose_name_plural = _("kelompok suksesi")
        ordering = ["key_position", "-version"]
        constraints = [models.UniqueConstraint(fields=["key_position", "version"], name="talent_group_version")]

    def __str__(self) -> str:
        return f"{self.key_position} v{self.version}"


class SuccessionMember(models.Model):
    """A successor in a saved group, with the readiness and reasons as they were when saved."""

    MAX_PER_GROUP = 3

    group = models.ForeignKey(SuccessionGroup, on_delete=models.CASCADE, related_name="members",
                              verbose_name=_("kelompok"))
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="succession_entries",
                                 verbose_name=_("pegawai"))
    order = models.PositiveSmallIntegerField(_("urutan"), validators=[MinValueValidator(1), MaxValueValidator(3)])
    readiness = models.CharField(_("kesiapan"), max_length=16, choices=Readiness.choices)
    match = models.DecimalField(_("kecocokan kompetensi (%)"), max_digits=5, decimal_places=2, null=True,
                                blank=True)
    box = models.PositiveSmallIntegerField(_("kotak talenta"), null=True, blank=True)
    reasons = models.JSONField(_("alasan"), default=list, blank=True)

    class Meta:
        verbose_name = _("anggota kelompok suksesi")
        verbose_name_plural = _("anggota kelompok suksesi")
        ordering = ["group", "order"]
        constraints = [models.UniqueConstraint(fields=["group", "employee"], name="talent_member_once"),
                       models.UniqueConstraint(fields=["group", "order"], name="talent_member_order")]

    def __str__(self) -> str:
        return f"{self.group}: {self.employee_id}"
