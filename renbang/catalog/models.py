"""The development catalogue: methods (Peraturan LAN 10/2018), providers, programmes, recurring sessions, and
the editable rules that suggest a development strategy for a competency gap."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renbang.competencies.models import LEVEL_VALIDATORS, CompetencyType
from renbang.org.models import PositionType
from renbang.people.models import EmployeeStatus

UNIT_INTERVAL = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class Route(models.TextChoices):
    """Jalur pengembangan kompetensi (Peraturan LAN 10/2018)."""

    EDUCATION = "pendidikan", _("Pendidikan")
    CLASSICAL = "klasikal", _("Pelatihan klasikal")
    NONCLASSICAL = "nonklasikal", _("Pelatihan nonklasikal")


class JpBasis(models.TextChoices):
    """How an activity's duration turns into JP (jam pelajaran). Conversions are UNVERIFIED agency practice."""

    MINUTES = "menit", _("Menurut durasi (1 JP = sekian menit)")
    DAY = "hari", _("Per hari kegiatan")
    ACTIVITY = "kegiatan", _("Per kegiatan")


class Method(models.Model):
    """A form of competency development (bentuk/jalur, Peraturan LAN 10/2018), with its JP conversion and
    effectiveness as editable defaults. National rows (agency empty) come from a data migration; an agency
    that edits one gets its own copy with the same code (see services.method_update)."""

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="development_methods", verbose_name=_("instansi"),
                               help_text=_("Kosong untuk daftar nasional (Peraturan LAN 10/2018)."))
    based_on = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="agency_copies", verbose_name=_("salinan dari"))
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama metode"), max_length=150)
    route = models.CharField(_("jalur"), max_length=12, choices=Route.choices)
    description = models.TextField(_("keterangan"), blank=True)
    jp_basis = models.CharField(_("dasar konversi JP"), max_length=10, choices=JpBasis.choices,
                                default=JpBasis.MINUTES)
    minutes_per_jp = models.PositiveSmallIntegerField(
        _("menit per JP"), default=45, validators=[MinValueValidator(1), MaxValueValidator(480)],
        help_text=_("Konvensi umum 1 JP = 45 menit (BELUM TERVERIFIKASI dalam teks peraturan; dapat diubah)."))
    jp_per_unit = models.DecimalField(
        _("JP per hari/kegiatan"), max_digits=5, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("200"))],
        help_text=_("Untuk dasar 'per hari' atau 'per kegiatan'. Nilai bawaan, dapat diubah."))
    effectiveness = models.DecimalField(
        _("efektivitas bawaan"), max_digits=3, decimal_places=2, default=Decimal("0.50"), validators=UNIT_INTERVAL,
        help_text=_("0–1: bagian dari kenaikan level yang diharapkan benar-benar tercapai. Nilai bawaan BELUM "
                    "TERVERIFIKASI; sesuaikan dengan hasil evaluasi instansi."))
    source = models.CharField(_("dasar hukum"), max_length=200, blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("metode pengembangan")
        verbose_name_plural = _("metode pengembangan")
        ordering = ["route", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="catalog_method_code_per_agency"),
            models.UniqueConstraint(fields=["code"], condition=Q(agency__isnull=True),
                                    name="catalog_method_national_code"),
        ]

    def __str__(self) -> str:
        return f"{self.name}"

    @property
    def is_national(self) -> bool:
        return self.agency_id is None

    def clean(self) -> None:
        super().clean()
        if self.jp_basis in (JpBasis.DAY, JpBasis.ACTIVITY) and not self.jp_per_unit:
            raise ValidationError({"jp_per_unit": _("Isi JP per hari/kegiatan untuk dasar konversi ini.")})

    def jp_for_minutes(self, minutes: int) -> Decimal:
        """JP earned by one activity of `minutes` (e.g. a mentoring meeting), by this method's conversion.

        Per minutes: minutes ÷ minutes-per-JP. Per activity: the fixed JP of one activity. Per day: like per
        minutes, but never more than one day's JP for one activity.
        """
        minutes = max(int(minutes or 0), 0)
        if self.jp_basis == JpBasis.ACTIVITY:
            value = Decimal(self.jp_per_unit) if minutes else Decimal("0")
        else:
            value = Decimal(minutes) / Decimal(self.minutes_per_jp)
            if self.jp_basis == JpBasis.DAY:
                value = min(value, Decimal(self.jp_per_unit))
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class ProviderKind(models.TextChoices):
    INTERNAL = "internal", _("Internal (BKPSDM/perangkat daerah)")
    PROVINCE = "bpsdm_provinsi", _("BPSDM Provinsi")
    LAN = "lan", _("Lembaga Administrasi Negara")
    MINISTRY = "kementerian", _("Kementerian/lembaga pembina")
    UNIVERSITY = "universitas", _("Perguruan tinggi")
    VENDOR = "vendor", _("Lembaga pelatihan swasta")
    OTHER = "lainnya", _("Lainnya")


class Provider(models.Model):
    """A penyelenggara of development (PP 11/2017 Pasal 207(3) huruf d): BKPSDM, BPSDM, LAN, universities…"""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="providers",
                               verbose_name=_("instansi"))
    name = models.CharField(_("nama penyelenggara"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=ProviderKind.choices, default=ProviderKind.OTHER)
    contact_person = models.CharField(_("narahubung"), max_length=120, blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    address = models.TextField(_("alamat"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("penyelenggara")
        verbose_name_plural = _("penyelenggara")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="catalog_provider_unique_name")]

    def __str__(self) -> str:
        return self.name


class Delivery(models.TextChoices):
    IN_PERSON = "tatap_muka", _("Tatap muka")
    ONLINE = "daring", _("Daring")
    BLENDED = "blended", _("Blended")


class Programme(models.Model):
    """A development programme of the catalogue: one method, one provider, the competencies it raises."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="programmes",
                               verbose_name=_("instansi"))
    code = models.CharField(_("kode"), max_length=30)
    title = models.CharField(_("judul program"), max_length=250)
    method = models.ForeignKey(Method, on_delete=models.PROTECT, related_name="programmes",
                               verbose_name=_("metode"))
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="programmes", verbose_name=_("penyelenggara"))
    description = models.TextField(_("deskripsi"), blank=True)
    competencies = models.ManyToManyField("competencies.Competency", through="ProgrammeCompetency",
                                          related_name="programmes", verbose_name=_("kompetensi"))
    min_level = models.PositiveSmallIntegerField(_("level saat ini minimal"), default=1,
                                                 validators=LEVEL_VALIDATORS)
    max_level = models.PositiveSmallIntegerField(_("level saat ini maksimal"), default=5,
                                                 validators=LEVEL_VALIDATORS)
    jp = models.PositiveSmallIntegerField(_("JP"), validators=[MinValueValidator(1), MaxValueValidator(2000)])
    cost_per_participant = models.PositiveBigIntegerField(_("biaya per peserta (Rp)"), default=0)
    capacity_per_session = models.PositiveIntegerField(_("kapasitas per angkatan"), default=30,
                                                       validators=[MinValueValidator(1)])
    delivery = models.CharField(_("moda"), max_length=12, choices=Delivery.choices, default=Delivery.IN_PERSON)
    mandatory = models.BooleanField(_("wajib"), default=False,
                                    help_text=_("mis. Pelatihan Dasar CPNS, PKP/PKA bagi pejabat baru."))
    employee_statuses = models.JSONField(
        _("sasaran status kepegawaian"), default=list, blank=True,
        help_text=_("Kosong: semua status. Mis. Pelatihan Dasar CPNS hanya bagi CPNS (pelatihan terintegrasi masa "
                    "percobaan CPNS, PP 11/2017), orientasi PPPK hanya bagi PPPK."))
    curriculum_reference = models.CharField(
        _("rujukan kurikulum"), max_length=250, blank=True,
        help_text=_("Kesesuaian dengan standar kurikulum instansi pembina (PP 11/2017 Pasal 207(3) huruf f)."))
    effectiveness_override = models.DecimalField(
        _("efektivitas khusus"), max_digits=3, decimal_places=2, null=True, blank=True, validators=UNIT_INTERVAL,
        help_text=_("Kosong: memakai efektivitas bawaan metode."))
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("program pengembangan")
        verbose_name_plural = _("program pengembangan")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="catalog_programme_unique_code")]
        indexes = [models.Index(fields=["agency", "active", "title"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.min_level and self.max_level and self.min_level > self.max_level:
            raise ValidationError({"max_level": _("Level maksimal tidak boleh di bawah level minimal.")})
        if not isinstance(self.employee_statuses, list) or any(
                s not in EmployeeStatus.values for s in self.employee_statuses):
            raise ValidationError({"employee_statuses": _("Status kepegawaian tidak dikenal.")})
        if self.method_id and self.method.agency_id not in (None, self.agency_id):
            raise ValidationError({"method": _("Metode tidak ditemukan di instansi ini.")})
        if self.provider_id and self.provider.agency_id != self.agency_id:
            raise ValidationError({"provider": _("Penyelenggara harus dari instansi yang sama.")})

    @property
    def effectiveness(self) -> Decimal:
        """The override if set, else the method's default."""
        if self.effectiveness_override is not None:
            return self.effectiveness_override
        return self.method.effectiveness

    @property
    def employee_status_labels(self) -> list[str]:
        labels = dict(EmployeeStatus.choices)
        return [str(labels.get(s, s)) for s in self.employee_statuses or []]

    @property
    def position_types(self) -> list[str]:
        return [e.position_type for e in self.eligibilities.all()]


class ProgrammeCompetency(models.Model):
    """A competency a programme develops, and by how many levels (expected uplift before effectiveness)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name=_("program"))
    competency = models.ForeignKey("competencies.Competency", on_delete=models.PROTECT,
                                   related_name="programme_targets", verbose_name=_("kompetensi"))
    uplift = models.PositiveSmallIntegerField(_("kenaikan level"), default=1,
                                              validators=[MinValueValidator(1), MaxValueValidator(4)])

    class Meta:
        verbose_name = _("kompetensi program")
        verbose_name_plural = _("kompetensi program")
        ordering = ["programme", "competency__code"]
        constraints = [models.UniqueConstraint(fields=["programme", "competency"], name="catalog_target_unique")]

    def __str__(self) -> str:
        return f"{self.programme} · {self.competency.code} +{self.uplift}"

    @property
    def expected_uplift(self) -> Decimal:
        """Uplift × effectiveness (the programme's override, else its method's default)."""
        return (Decimal(self.uplift) * self.programme.effectiveness).quantize(Decimal("0.01"))

    def clean(self) -> None:
        super().clean()
        if self.competency_id and self.programme_id and self.competency.agency_id not in (
                None, self.programme.agency_id):
            raise ValidationError({"competency": _("Kompetensi tidak ditemukan di instansi ini.")})


class ProgrammeEligibility(models.Model):
    """A position type a programme is meant for; a programme without any is open to every type."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="eligibilities",
                                  verbose_name=_("program"))
    position_type = models.CharField(_("jenis jabatan"), max_length=30, choices=PositionType.choices)

    class Meta:
        verbose_name = _("sasaran jenis jabatan")
        verbose_name_plural = _("sasaran jenis jabatan")
        constraints = [models.UniqueConstraint(fields=["programme", "position_type"],
                                               name="catalog_eligibility_unique")]

    def __str__(self) -> str:
        return self.get_position_type_display()


class RecurrenceRule(models.Model):
    """A programme that runs on a fixed pattern (e.g. monthly on the 2nd Tuesday); generates PlannedSessions."""

    class Mode(models.TextChoices):
        NTH_WEEKDAY = "nth_weekday", _("Hari ke-n dalam bulan (mis. Selasa kedua)")
        DAY_OF_MONTH = "day_of_month", _("Tanggal tetap")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Senin")
        TUESDAY = 1, _("Selasa")
        WEDNESDAY = 2, _("Rabu")
        THURSDAY = 3, _("Kamis")
        FRIDAY = 4, _("Jumat")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="recurrence_rules",
                                  verbose_name=_("program"))
    mode = models.CharField(_("pola"), max_length=14, choices=Mode.choices, default=Mode.NTH_WEEKDAY)
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices, null=True, blank=True)
    nth = models.SmallIntegerField(_("minggu ke-"), null=True, blank=True,
                                   validators=[MinValueValidator(-1), MaxValueValidator(4)],
                                   help_text=_("1–4, atau −1 untuk yang terakhir dalam bulan."))
    day_of_month = models.PositiveSmallIntegerField(_("tanggal"), null=True, blank=True,
                                                    validators=[MinValueValidator(1), MaxValueValidator(31)])
    months = models.JSONField(_("bulan"), default=list, blank=True, help_text=_("Kosong: setiap bulan."))
    capacity = models.PositiveIntegerField(_("kapasitas per sesi"), null=True, blank=True,
                                           help_text=_("Kosong: kapasitas per angkatan program."))
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pola jadwal rutin")
        verbose_name_plural = _("pola jadwal rutin")

    def __str__(self) -> str:
        if self.mode == self.Mode.DAY_OF_MONTH:
            return str(_("Setiap tanggal %(day)s") % {"day": self.day_of_month})
        nth = _("terakhir") if self.nth == -1 else _("ke-%(n)s") % {"n": self.nth}
        return str(_("Setiap %(day)s %(nth)s") % {"day": self.get_weekday_display(), "nth": nth})

    def clean(self) -> None:
        super().clean()
        if self.mode == self.Mode.NTH_WEEKDAY:
            errors = {}
            if self.weekday is None:
                errors["weekday"] = _("Pilih hari.")
            if self.nth in (None, 0):
                errors["nth"] = _("Isi minggu ke- (1–4 atau −1).")
            if errors:
                raise ValidationError(errors)
        elif self.day_of_month is None:
            raise ValidationError({"day_of_month": _("Isi tanggal (1–31).")})
        months = self.months or []
        if not isinstance(months, list) or any(not isinstance(m, int) or not 1 <= m <= 12 for m in months):
            raise ValidationError({"months": _("Bulan harus daftar angka 1–12.")})


class PlannedSession(models.Model):
    """A planned run (angkatan/sesi) of a programme on a date; the planner fills it, delivery holds it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="planned_sessions",
                                  verbose_name=_("program"))
    rule = models.ForeignKey(RecurrenceRule, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="sessions", verbose_name=_("pola jadwal"))
    date = models.DateField(_("tanggal"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    capacity = models.PositiveIntegerField(_("kapasitas"), validators=[MinValueValidator(1)])
    shifted_from = models.DateField(_("semula"), null=True, blank=True,
                                    help_text=_("Tanggal menurut pola sebelum digeser karena hari libur."))
    note = models.CharField(_("catatan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sesi terencana")
        verbose_name_plural = _("sesi terencana")
        ordering = ["date", "programme"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "year", "month"], condition=Q(rule__isnull=False),
                                    name="catalog_session_one_per_rule_month"),
        ]
        indexes = [models.Index(fields=["year", "month"])]

    def __str__(self) -> str:
        return f"{self.programme} · {self.date:%d-%m-%Y}"


class SuggestionRule(models.Model):
    """An editable rule: for a gap of this kind, suggest these methods in this order, for this reason.

    National defaults (agency empty) come from a data migration; an agency that edits the rules works on its
    own copy (services.suggestion_rules_adopt), so its choices never change another agency's.
    """

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="suggestion_rules", verbose_name=_("instansi"))
    name = models.CharField(_("nama aturan"), max_length=150)
    competency_type = models.CharField(_("jenis kompetensi"), max_length=20, choices=CompetencyType.choices,
                                       blank=True, help_text=_("Kosong: semua jenis."))
    min_gap = models.PositiveSmallIntegerField(_("kesenjangan minimal"), default=1,
                                               validators=[MinValueValidator(1), MaxValueValidator(4)])
    max_gap = models.PositiveSmallIntegerField(_("kesenjangan maksimal"), default=4,
                                               validators=[MinValueValidator(1), MaxValueValidator(4)])
    position_types = models.JSONField(_("jenis jabatan"), default=list, blank=True,
                                      help_text=_("Kosong: semua jenis jabatan."))
    code_prefix = models.CharField(_("awalan kode kompetensi"), max_length=20, blank=True,
                                   help_text=_("mis. T.TIK untuk rumpun teknologi informasi."))
    method_codes = models.JSONField(_("metode yang disarankan (urut)"), default=list)
    reason = models.TextField(_("alasan"))
    weight = models.DecimalField(_("bobot"), max_digits=4, decimal_places=2, default=Decimal("1.00"),
                                 validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))])
    order = models.PositiveSmallIntegerField(_("urutan"), default=10)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("aturan saran strategi")
        verbose_name_plural = _("aturan saran strategi")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.min_gap and self.max_gap and self.min_gap > self.max_gap:
            errors["max_gap"] = _("Kesenjangan maksimal tidak boleh di bawah minimal.")
        valid_types = set(PositionType.values)
        if not isinstance(self.position_types, list) or any(t not in valid_types for t in self.position_types):
            errors["position_types"] = _("Jenis jabatan tidak dikenal.")
        codes = self.method_codes
        if not isinstance(codes, list) or not codes or any(not isinstance(c, str) or not c for c in codes):
            errors["method_codes"] = _("Pilih sedikitnya satu metode.")
        else:
            known = set(Method.objects.filter(Q(agency__isnull=True) | Q(agency_id=self.agency_id))
                        .values_list("code", flat=True))
            unknown = [c for c in codes if c not in known]
            if unknown:
                errors["method_codes"] = _("Kode metode tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)}
        if errors:
            raise ValidationError(errors)

    def matches(self, *, competency_type: str, competency_code: str, gap: int, position_type: str) -> bool:
        if not self.active:
            return False
        if self.competency_type and self.competency_type != competency_type:
            return False
        if not self.min_gap <= gap <= self.max_gap:
            return False
        if self.position_types and position_type and position_type not in self.position_types:
            return False
        if self.position_types and not position_type:
            return False
        return not (self.code_prefix and not competency_code.upper().startswith(self.code_prefix.upper()))
