"""The annual competency development plan (RPK) and individual plans (IDP) — PP 11/2017 Pasal 205–207.

A `PlanningScenario` holds the planner's assumptions (budget, JP floor and caps, scope); running it through the
optimiser (engine/optimizer) stores a `DevelopmentPlan` whose `PlanItem`s carry the seven items of
Pasal 207(3) and whose `PlanAssignment`s say who attends what and why. Approval by the PPK freezes a plan;
changes afterwards make a new version. Each employee's part of a plan is their `IndividualPlan` (IDP).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: PP 17/2020 (perubahan PP 11/2017) Pasal 203 ayat (4): every PNS gets at least 20 JP of development a year.
DEFAULT_JP_FLOOR_PNS = 20
#: PP 49/2018 Pasal 40: PPPK development is at most 24 JP a year (DOMAIN.md: flag, don't block). Editable.
DEFAULT_JP_CAP_PPPK = 24
#: UNVERIFIED: a general cap on time away from work (JP per year) — an agency policy, editable.
DEFAULT_JP_CAP_GENERAL = 120


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", _("Belum dijalankan")
    RUNNING = "running", _("Sedang dijalankan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class PlanningScenario(models.Model):
    """One set of planning assumptions for a year; several per year can be compared side by side."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="planning_scenarios",
                               verbose_name=_("instansi"))
    year = models.PositiveSmallIntegerField(_("tahun rencana"),
                                            validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    name = models.CharField(_("nama skenario"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    campaign = models.ForeignKey("needs.Campaign", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("kampanye kebutuhan"),
                                 help_text=_("Kosong: kampanye tertutup terakhir."))
    budget_total = models.PositiveBigIntegerField(_("anggaran total (Rp)"))
    jp_floor_pns = models.PositiveSmallIntegerField(
        _("JP minimal PNS per tahun"), default=DEFAULT_JP_FLOOR_PNS, validators=[MaxValueValidator(500)],
        help_text=_("PP 17/2020 Pasal 203 ayat (4): paling sedikit 20 JP setahun."))
    jp_cap_pppk = models.PositiveSmallIntegerField(
        _("JP maksimal PPPK per tahun"), default=DEFAULT_JP_CAP_PPPK, validators=[MaxValueValidator(500)],
        help_text=_("PP 49/2018 Pasal 40: paling lama 24 JP setahun. Optimasi mematuhinya; "
                    "suntingan manual yang melampauinya diberi tanda."))
    jp_cap_general = models.PositiveSmallIntegerField(
        _("JP maksimal per pegawai per tahun"), default=DEFAULT_JP_CAP_GENERAL,
        validators=[MinValueValidator(1), MaxValueValidator(2000)],
        help_text=_("Batas waktu meninggalkan tugas; kebijakan instansi."))
    max_sessions_per_month = models.PositiveSmallIntegerField(
        _("sesi maksimal per pegawai per bulan"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)])
    include_next_position = models.BooleanField(
        _("sertakan kesiapan jabatan berikutnya"), default=True,
        help_text=_("Kesenjangan terhadap jabatan berikutnya ikut dihitung (PP 11/2017 Pasal 206)."))
    jp_floor_weight = models.DecimalField(
        _("bobot pemenuhan 20 JP"), max_digits=5, decimal_places=3, default=Decimal("0.050"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))],
        help_text=_("Nilai tiap JP menuju batas minimal dibandingkan satu level kesenjangan yang tertutup."))
    competencies = models.ManyToManyField("competencies.Competency", blank=True, related_name="+",
                                          verbose_name=_("kompetensi dalam cakupan"),
                                          help_text=_("Kosong: semua kompetensi."))
    programmes = models.ManyToManyField("catalog.Programme", blank=True, related_name="+",
                                        verbose_name=_("program dalam cakupan"),
                                        help_text=_("Kosong: semua program aktif."))
    units = models.ManyToManyField("org.OrgUnit", blank=True, related_name="+", verbose_name=_("unit dalam cakupan"),
                                   help_text=_("Kosong: seluruh instansi. Unit bawahan ikut."))
    proposed_sessions = models.PositiveSmallIntegerField(
        _("angkatan usulan per program tanpa jadwal"), default=2, validators=[MaxValueValidator(12)],
        help_text=_("Program katalog yang belum punya sesi terjadwal di tahun ini boleh diberi angkatan usulan "
                    "(bulan tersebar merata); 0 = hanya sesi yang sudah terjadwal."))
    candidates_per_employee = models.PositiveSmallIntegerField(
        _("program kandidat per pegawai"), default=4, validators=[MinValueValidator(0), MaxValueValidator(20)],
        help_text=_("Optimasi memilih dari sekian program yang paling menutup kesenjangan tiap pegawai. "
                    "Batas atas terbukti berlaku untuk pilihan kandidat ini. 0 = tanpa batas: semua program yang "
                    "terbuka bagi pegawai dan menutup salah satu kesenjangannya (optimasi bisa jauh lebih lama)."))
    use_carried_needs = models.BooleanField(
        _("pakai kebutuhan yang dibawa dari tahun lalu"), default=True,
        help_text=_("Kebutuhan yang belum terpenuhi dan item rencana yang belum terlaksana saat tahun lalu ditutup "
                    "ikut direncanakan bila kampanye kebutuhan tidak mengukur kompetensi itu."))
    carried_boost = models.DecimalField(
        _("pengali bobot item yang belum terlaksana"), max_digits=4, decimal_places=2, default=Decimal("1.50"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
        help_text=_("Bobot kebutuhan yang item rencananya tahun lalu belum terlaksana dikalikan angka ini "
                    "(1 = tanpa tambahan). Kebijakan instansi."))
    # Talent and succession (issue 21; renbang.talent.planning)
    retirement_rule = models.CharField(
        _("pegawai yang pensiun"), max_length=8, default="off",
        choices=[("off", _("tidak diperhitungkan")),
                 ("exclude", _("tidak diberi program yang berakhir setelah pensiun")),
                 ("weight", _("bobot kebutuhannya diturunkan"))],
        help_text=_("Pegawai yang pensiun atau kontraknya berakhir pada tahun rencana (atau tahun berikutnya, untuk "
                    "penurunan bobot)."))
    retirement_weight = models.DecimalField(
        _("pengali bobot pegawai yang segera pensiun"), max_digits=3, decimal_places=2, default=Decimal("0.25"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))])
    successor_weight = models.DecimalField(
        _("pengali bobot calon pengganti jabatan kunci"), max_digits=4, decimal_places=2, default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
        help_text=_("Kesenjangan calon pengganti (kelompok suksesi) terhadap standar jabatan kunci yang dituju ikut "
                    "direncanakan dengan bobot dikali angka ini; 1 = tidak."))
    time_limit = models.PositiveSmallIntegerField(_("batas waktu optimasi (detik)"), default=60,
                                                  validators=[MinValueValidator(1), MaxValueValidator(600)])
    status = models.CharField(_("status"), max_length=10, choices=ScenarioStatus.choices,
                              default=ScenarioStatus.DRAFT)
    job = models.ForeignKey("core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name=_("pekerjaan"))
    objective = models.FloatField(_("nilai tujuan"), null=True, blank=True)
    bound = models.FloatField(_("batas atas terbukti"), null=True, blank=True)
    solver_status = models.CharField(_("status pemecah"), max_length=20, blank=True)
    summary = models.JSONField(_("ringkasan hasil"), default=dict, blank=True)
    ran_at = models.DateTimeField(_("dijalankan pada"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("dibuat oleh"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("skenario perencanaan")
        verbose_name_plural = _("skenario perencanaan")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "name"], name="plans_scenario_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def clean(self) -> None:
        super().clean()
        if self.jp_cap_general is not None and self.jp_floor_pns and self.jp_cap_general < self.jp_floor_pns:
            raise ValidationError({"jp_cap_general": _("Batas JP per pegawai tidak boleh di bawah JP minimal PNS.")})

    @property
    def gap_percent(self) -> float | None:
        """Relative distance between the plan and the proven bound (0 = proven optimal)."""
        if self.objective is None or not self.bound:
            return None
        return max(0.0, (self.bound - self.objective) / self.bound * 100)


class ScenarioUnitBudget(models.Model):
    """A unit's own budget ceiling inside a scenario (units without a row share the total)."""

    scenario = models.ForeignKey(PlanningScenario, on_delete=models.CASCADE, related_name="unit_budgets",
                                 verbose_name=_("skenario"))
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    amount = models.PositiveBigIntegerField(_("anggaran unit (Rp)"))

    class Meta:
        verbose_name = _("anggaran unit")
        verbose_name_plural = _("anggaran unit")
        ordering = ["unit__name"]
        constraints = [models.UniqueConstraint(fields=["scenario", "unit"], name="plans_unit_budget_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.amount}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    APPROVED = "approved", _("Ditetapkan")
    SUPERSEDED = "superseded", _("Diganti versi baru")


class DevelopmentPlan(models.Model):
    """The agency's rencana pengembangan kompetensi (RPK) for a year, one version of it.

    PP 11/2017 Pasal 205–207: drafted by the agency's HR unit, set (ditetapkan) by the PPK. An approved
    version is frozen; a change makes version n+1 (`previous`). `lock_version` protects against two officers
    overwriting each other (optimistic locking: every edit names the version it was made on).
    """

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="development_plans",
                               verbose_name=_("instansi"))
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_versions",
                                 verbose_name=_("versi sebelumnya"))
    scenario = models.ForeignKey(PlanningScenario, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="plans", verbose_name=_("skenario"))
    title = models.CharField(_("judul"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    lock_version = models.PositiveIntegerField(_("nomor perubahan"), default=0)
    budget_total = models.PositiveBigIntegerField(_("pagu anggaran (Rp)"), default=0)
    note = models.TextField(_("catatan"), blank=True)
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("diajukan oleh"))
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("ditetapkan oleh"))
    approved_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("dibuat oleh"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("rencana pengembangan kompetensi")
        verbose_name_plural = _("rencana pengembangan kompetensi")
        ordering = ["-year", "-version"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "version"], name="plans_plan_unique")]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    @property
    def is_editable(self) -> bool:
        return self.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)

    @property
    def is_frozen(self) -> bool:
        return self.status in (PlanStatus.APPROVED, PlanStatus.SUPERSEDED)


class PlanItem(models.Model):
    """One row of the RPK: a programme session with the seven items of PP 11/2017 Pasal 207 ayat (3).

    (a) jenis kompetensi → `competencies`; (b) target pegawai → the assignments (`participants`);
    (c) bentuk dan jalur → `method`/`route`/`form`; (d) penyelenggara → `provider`/`provider_name`;
    (e) jadwal → `session`/`month`/`date`; (f) kesesuaian dengan standar kurikulum → `curriculum_reference`;
    (g) anggaran → `cost_per_participant` × participants = `budget`.
    Catalogue values are copied (snapshots) so an approved plan does not change when the catalogue does.
    """

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items",
                             verbose_name=_("rencana"))
    programme = models.ForeignKey("catalog.Programme", on_delete=models.PROTECT, related_name="plan_items",
                                  verbose_name=_("program"))
    session = models.ForeignKey("catalog.PlannedSession", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="plan_items", verbose_name=_("sesi"))
    competencies = models.ManyToManyField("competencies.Competency", blank=True, related_name="+",
                                          verbose_name=_("kompetensi yang dikembangkan"))
    method = models.ForeignKey("catalog.Method", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("bentuk pengembangan"))
    route = models.CharField(_("jalur"), max_length=12)
    form = models.CharField(_("bentuk"), max_length=150)
    provider = models.ForeignKey("catalog.Provider", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("penyelenggara"))
    provider_name = models.CharField(_("nama penyelenggara"), max_length=200, blank=True)
    month = models.PositiveSmallIntegerField(_("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    date = models.DateField(_("tanggal"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("kapasitas"), default=0)
    jp = models.PositiveSmallIntegerField(_("JP"), default=0)
    cost_per_participant = models.PositiveBigIntegerField(_("biaya per peserta (Rp)"), default=0)
    curriculum_reference = models.CharField(_("kesesuaian standar kurikulum"), max_length=250, blank=True)
    participants = models.PositiveIntegerField(_("jumlah peserta"), default=0)
    budget = models.PositiveBigIntegerField(_("anggaran (Rp)"), default=0)
    locked = models.BooleanField(_("dikunci"), default=False,
                                 help_text=_("Optimasi ulang mempertahankan item yang dikunci."))

    class Meta:
        verbose_name = _("item rencana")
        verbose_name_plural = _("item rencana")
        ordering = ["month", "date", "programme__title", "pk"]
        indexes = [models.Index(fields=["plan", "month"])]

    def __str__(self) -> str:
        return f"{self.programme_id} · {self.month}"

    @property
    def month_label(self) -> str:
        from .months import month_name

        return month_name(self.month)


class ReasonKind(models.TextChoices):
    CURRENT = "current", _("Jabatan saat ini")
    NEXT = "next", _("Jabatan berikutnya")
    JP = "jp", _("Pemenuhan JP minimal")


class Source(models.TextChoices):
    OPTIMIZER = "optimizer", _("Optimasi")
    MANUAL = "manual", _("Manual")


class PlanAssignment(models.Model):
    """One employee attending one plan item, with the reason (which gap of which competency)."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="assignments",
                             verbose_name=_("rencana"))
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("item"))
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="plan_assignments",
                                 verbose_name=_("pegawai"))
    programme = models.ForeignKey("catalog.Programme", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("program"))
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit pembebanan"))
    competency = models.ForeignKey("competencies.Competency", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("kompetensi alasan"))
    reason_kind = models.CharField(_("dasar"), max_length=10, choices=ReasonKind.choices, default=ReasonKind.CURRENT)
    current_level = models.PositiveSmallIntegerField(_("level saat ini"), null=True, blank=True)
    required_level = models.PositiveSmallIntegerField(_("level dibutuhkan"), null=True, blank=True)
    gap = models.PositiveSmallIntegerField(_("kesenjangan"), default=0)
    jp = models.PositiveSmallIntegerField(_("JP"), default=0)
    cost = models.PositiveBigIntegerField(_("biaya (Rp)"), default=0)
    month = models.PositiveSmallIntegerField(_("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    locked = models.BooleanField(_("dikunci"), default=False)
    source = models.CharField(_("asal"), max_length=10, choices=Source.choices, default=Source.OPTIMIZER)

    class Meta:
        verbose_name = _("penugasan rencana")
        verbose_name_plural = _("penugasan rencana")
        ordering = ["item", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "employee", "programme"], name="plans_assignment_once"),
        ]
        indexes = [models.Index(fields=["plan", "employee"]), models.Index(fields=["plan", "unit"])]

    def __str__(self) -> str:
        return f"{self.employee_id} → {self.item_id}"


class PlanTransition(models.Model):
    """The approval trail of a plan: who moved it from which status to which, with their note."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="transitions",
                             verbose_name=_("rencana"))
    from_status = models.CharField(_("dari"), max_length=12, choices=PlanStatus.choices, blank=True)
    to_status = models.CharField(_("ke"), max_length=12, choices=PlanStatus.choices)
    note = models.TextField(_("catatan"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("oleh"))
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat status rencana")
        verbose_name_plural = _("riwayat status rencana")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.from_status} → {self.to_status}"


class IdpStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Menunggu persetujuan atasan")
    APPROVED = "approved", _("Disetujui atasan")
    RETURNED = "returned", _("Dikembalikan atasan")


class IndividualPlan(models.Model):
    """An employee's individual development plan (IDP) within a plan version."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="individual_plans",
                             verbose_name=_("rencana"))
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="individual_plans",
                                 verbose_name=_("pegawai"))
    status = models.CharField(_("status"), max_length=10, choices=IdpStatus.choices, default=IdpStatus.DRAFT)
    total_jp = models.PositiveIntegerField(_("total JP"), default=0)
    total_cost = models.PositiveBigIntegerField(_("total biaya (Rp)"), default=0)
    employee_note = models.TextField(_("tanggapan pegawai"), blank=True)
    acknowledged_at = models.DateTimeField(_("dibaca pegawai pada"), null=True, blank=True)
    supervisor_note = models.TextField(_("catatan atasan"), blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("disetujui oleh"))
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("rencana pengembangan individu (IDP)")
        verbose_name_plural = _("rencana pengembangan individu (IDP)")
        ordering = ["employee__name"]
        constraints = [models.UniqueConstraint(fields=["plan", "employee"], name="plans_idp_unique")]

    def __str__(self) -> str:
        return f"IDP {self.employee_id} · {self.plan_id}"


class IdpComment(models.Model):
    """A comment on an IDP by the employee, their supervisor or HR."""

    idp = models.ForeignKey(IndividualPlan, on_delete=models.CASCADE, related_name="comments",
                            verbose_name=_("IDP"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("penulis"))
    text = models.TextField(_("komentar"), max_length=2000)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("komentar IDP")
        verbose_name_plural = _("komentar IDP")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.idp_id}: {self.text[:40]}"
