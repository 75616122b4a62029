"""Delivery (Penerapan): sessions of programmes on the calendar, invitations and enrolment, attendance per session
day, external claims, certificates and in-app notices; plus the agency's editable delivery rules.

Who attended/completed session S (for evaluation and others): `renbang.delivery.selectors.completers(session)`
(enrolments with `completed=True`) and `selectors.attendees(session)` (enrolments with at least one present day).
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Codes without look-alike characters (0/O, 1/I/L) so a printed code can be typed back.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def random_code(length: int = 12) -> str:
    """A random code (secrets, ~59 bits for 12 characters): no enumeration of certificates or check-ins."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def checkin_code() -> str:
    return random_code(6)


def certificate_code() -> str:
    return random_code(12)


class DeliverySettings(models.Model):
    """The agency's editable delivery rules. Defaults follow the regulations cited; every number can be changed."""

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="delivery_settings",
                                  verbose_name=_("instansi"))
    completion_percent = models.PositiveSmallIntegerField(
        _("kehadiran minimal untuk lulus (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Praktik umum 80 % (BELUM TERVERIFIKASI sebagai aturan nasional; dapat diubah)."))
    jp_target = models.DecimalField(
        _("target JP per tahun"), max_digits=6, decimal_places=2, default=Decimal("20"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1000"))],
        help_text=_("PP 11/2017 Pasal 203(4): paling sedikit 20 JP setahun bagi PNS."))
    pppk_jp_cap = models.DecimalField(
        _("batas JP PPPK per tahun"), max_digits=6, decimal_places=2, default=Decimal("24"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1000"))],
        help_text=_("PP 49/2018 Pasal 40: pengembangan PPPK paling lama 24 JP setahun (ditandai, tidak diblokir)."))
    include_pppk_in_target = models.BooleanField(
        _("PPPK ikut target 20 JP"), default=False,
        help_text=_("Pasal 203 PP 11/2017 mengatur PNS; centang bila instansi juga menargetkan PPPK."))
    max_upload_mb = models.PositiveSmallIntegerField(
        _("ukuran unggahan maksimal (MB)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(20)])
    self_checkin = models.BooleanField(_("izinkan presensi mandiri dengan kode"), default=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan pelaksanaan")
        verbose_name_plural = _("pengaturan pelaksanaan")

    def __str__(self) -> str:
        return str(_("Pengaturan pelaksanaan %(agency)s") % {"agency": self.agency})


class Session(models.Model):
    """A run (angkatan/sesi) of a catalogue programme: its days, venue or link, facilitator and capacity."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Rancangan")
        SCHEDULED = "scheduled", _("Terjadwal")
        RUNNING = "running", _("Berlangsung")
        COMPLETED = "completed", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="delivery_sessions",
                               verbose_name=_("instansi"))
    programme = models.ForeignKey("catalog.Programme", on_delete=models.PROTECT, related_name="delivery_sessions",
                                  verbose_name=_("program"))
    planned_session = models.OneToOneField("catalog.PlannedSession", on_delete=models.SET_NULL, null=True,
                                           blank=True, related_name="delivery_session",
                                           verbose_name=_("sesi terencana"))
    plan_item = models.ForeignKey("plans.PlanItem", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="delivery_sessions", verbose_name=_("item rencana"),
                                  help_text=_("Item RPK yang ditetapkan asal sesi ini."))
    title = models.CharField(_("nama sesi"), max_length=250, blank=True,
                             help_text=_("Kosong: judul program dan tanggal."))
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="delivery_sessions", verbose_name=_("unit sasaran/penyelenggara"),
                             help_text=_("Kosong: untuk seluruh instansi."))
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    start_time = models.TimeField(_("jam mulai"), default="08:00")
    end_time = models.TimeField(_("jam selesai"), default="16:00")
    venue = models.CharField(_("tempat"), max_length=250, blank=True)
    online_url = models.URLField(_("tautan daring"), blank=True)
    facilitator = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="facilitated_sessions", verbose_name=_("fasilitator (akun)"))
    facilitator_employee = models.ForeignKey("people.Employee", on_delete=models.SET_NULL, null=True, blank=True,
                                             related_name="facilitated_sessions",
                                             verbose_name=_("fasilitator (pegawai)"))
    capacity = models.PositiveIntegerField(_("kapasitas"), validators=[MinValueValidator(1),
                                                                       MaxValueValidator(5000)])
    jp = models.DecimalField(_("JP bagi yang lulus"), max_digits=6, decimal_places=2,
                             validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("2000"))],
                             help_text=_("Bawaan: JP program."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    checkin_code = models.CharField(_("kode presensi"), max_length=12, default=checkin_code)
    notes = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("dibuat oleh"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    completed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("sesi pelatihan")
        verbose_name_plural = _("sesi pelatihan")
        ordering = ["start_date", "start_time", "pk"]
        indexes = [models.Index(fields=["agency", "start_date"]), models.Index(fields=["agency", "status"])]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                              name="delivery_session_dates_ordered")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        return f"{self.programme.title} · {self.start_date:%d-%m-%Y}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED, self.Status.RUNNING)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        elif self.start_date and self.end_date and (self.end_date - self.start_date).days > 366:
            errors["end_date"] = _("Satu sesi paling lama satu tahun.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("Jam selesai harus setelah jam mulai.")
        if self.programme_id and self.agency_id and self.programme.agency_id != self.agency_id:
            errors["programme"] = _("Program tidak ditemukan di instansi ini.")
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            errors["unit"] = _("Unit tidak ditemukan di instansi ini.")
        if self.facilitator_id and self.agency_id and self.facilitator.agency_id not in (None, self.agency_id):
            errors["facilitator"] = _("Fasilitator harus dari instansi yang sama.")
        if (self.facilitator_employee_id and self.agency_id
                and self.facilitator_employee.agency_id != self.agency_id):
            errors["facilitator_employee"] = _("Fasilitator harus dari instansi yang sama.")
        if errors:
            raise ValidationError(errors)


class SessionDay(models.Model):
    """One day of a session; attendance is taken per day."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="days", verbose_name=_("sesi"))
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("jam mulai"), null=True, blank=True, help_text=_("Kosong: jam sesi."))
    end_time = models.TimeField(_("jam selesai"), null=True, blank=True, help_text=_("Kosong: jam sesi."))

    class Meta:
        verbose_name = _("hari sesi")
        verbose_name_plural = _("hari sesi")
        ordering = ["session", "date"]
        constraints = [models.UniqueConstraint(fields=["session", "date"], name="delivery_day_unique")]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.session} · {self.date:%d-%m-%Y}"

    @property
    def starts(self):
        return self.start_time or self.session.start_time

    @property
    def ends(self):
        return self.end_time or self.session.end_time


class Enrolment(models.Model):
    """An employee invited to a session, and what became of it (confirmed, declined, waitlisted, released…).

    `completed` and `jp` are set when the session is closed (services.session_complete), by the agency's
    completion rule (DeliverySettings.completion_percent). One row per (session, employee): the JP ledger can
    never count a session twice.
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("Diundang")
        CONFIRMED = "confirmed", _("Dikonfirmasi")
        DECLINED = "declined", _("Menolak")
        WAITLISTED = "waitlisted", _("Daftar tunggu")
        RELEASED = "released", _("Dibebaskan atasan")
        CANCELLED = "cancelled", _("Dibatalkan")

    class Source(models.TextChoices):
        PLAN = "plan", _("Rencana pengembangan")
        MANUAL = "manual", _("Ditambahkan manual")
        REPLACEMENT = "replacement", _("Pengganti")
        SELF = "self", _("Mendaftar sendiri")

    ACTIVE = (Status.INVITED, Status.CONFIRMED)

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="enrolments",
                                verbose_name=_("sesi"))
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="enrolments",
                                 verbose_name=_("pegawai"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INVITED)
    source = models.CharField(_("asal"), max_length=12, choices=Source.choices, default=Source.MANUAL)
    reason = models.TextField(_("alasan"), blank=True, max_length=1000,
                              help_text=_("Alasan menolak atau membebaskan."))
    waitlist_rank = models.PositiveIntegerField(_("urutan daftar tunggu"), null=True, blank=True)
    replaces = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="replaced_by", verbose_name=_("menggantikan"))
    invited_at = models.DateTimeField(_("diundang pada"), null=True, blank=True)
    responded_at = models.DateTimeField(_("dijawab pada"), null=True, blank=True)
    decided_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("diputuskan oleh"))
    attendance_percent = models.DecimalField(_("kehadiran (%)"), max_digits=5, decimal_places=2, null=True,
                                             blank=True)
    completed = models.BooleanField(_("lulus/selesai"), default=False)
    jp = models.DecimalField(_("JP diperoleh"), max_digits=6, decimal_places=2, default=Decimal("0"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("peserta sesi")
        verbose_name_plural = _("peserta sesi")
        ordering = ["session", "employee__name"]
        constraints = [models.UniqueConstraint(fields=["session", "employee"], name="delivery_enrolment_unique")]
        indexes = [models.Index(fields=["employee", "completed"]), models.Index(fields=["session", "status"])]

    def __str__(self) -> str:
        return f"{self.employee.name} · {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Attendance(models.Model):
    """Presence of one enrolled employee on one session day."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Hadir")
        LATE = "late", _("Terlambat")
        EXCUSED = "excused", _("Izin/sakit")
        ABSENT = "absent", _("Tidak hadir")

    PRESENT_STATUSES = (Status.PRESENT, Status.LATE)

    class Method(models.TextChoices):
        FACILITATOR = "facilitator", _("Dicatat fasilitator")
        SELF = "self", _("Presensi mandiri")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance",
                                  verbose_name=_("peserta"))
    day = models.ForeignKey(SessionDay, on_delete=models.CASCADE, related_name="attendance",
                            verbose_name=_("hari"))
    status = models.CharField(_("kehadiran"), max_length=8, choices=Status.choices, default=Status.PRESENT)
    method = models.CharField(_("cara"), max_length=12, choices=Method.choices, default=Method.FACILITATOR)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("dicatat oleh"))
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now=True)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [models.UniqueConstraint(fields=["enrolment", "day"], name="delivery_attendance_unique")]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.day.date:%d-%m-%Y}: {self.get_status_display()}"

    @property
    def is_present(self) -> bool:
        return self.status in self.PRESENT_STATUSES


def claim_upload_path(instance: ExternalClaim, filename: str) -> str:
    # Never the user's file name on disk (personal data, path tricks): a random name with the checked extension.
    return f"delivery/claims/{instance.employee_id}/{random_code(16).lower()}{instance.file_extension}"


class ExternalClaim(models.Model):
    """Development done outside the agency's sessions (a certificate/STTPP), claimed by the employee and verified
    or rejected by BKPSDM. Only verified claims count in the JP ledger."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu verifikasi")
        VERIFIED = "verified", _("Diverifikasi")
        REJECTED = "rejected", _("Ditolak")

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="external_claims",
                                 verbose_name=_("pegawai"))
    title = models.CharField(_("nama kegiatan"), max_length=250)
    provider_name = models.CharField(_("penyelenggara"), max_length=200)
    method = models.ForeignKey("catalog.Method", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="external_claims", verbose_name=_("metode"))
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2,
                             validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("2000"))])
    certificate_number = models.CharField(_("nomor sertifikat/STTPP"), max_length=100, blank=True)
    file = models.FileField(_("berkas sertifikat"), upload_to=claim_upload_path, max_length=200)
    file_type = models.CharField(_("jenis berkas"), max_length=40, blank=True)
    file_size = models.PositiveIntegerField(_("ukuran berkas (bita)"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("alasan penolakan"), blank=True, max_length=1000)
    verified_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("diverifikasi oleh"))
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    submitted_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("diajukan oleh"))
    submitted_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("klaim pengembangan eksternal")
        verbose_name_plural = _("klaim pengembangan eksternal")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "end_date"]), models.Index(fields=["employee", "status"])]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                              name="delivery_claim_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.employee.name} · {self.title}"

    @property
    def file_extension(self) -> str:
        return {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg",
                "image/webp": ".webp"}.get(self.file_type, ".bin")

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})


class Certificate(models.Model):
    """The certificate of one completed enrolment, with a random verification code (public verification page)."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate",
                                     verbose_name=_("peserta"))
    code = models.CharField(_("kode verifikasi"), max_length=16, unique=True, default=certificate_code)
    number = models.CharField(_("nomor sertifikat"), max_length=60, blank=True)
    issued_at = models.DateTimeField(_("diterbitkan"), auto_now_add=True)
    revoked = models.BooleanField(_("dicabut"), default=False)

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.code


# Notices moved to core (one notification path for every app); the name stays importable from here.
from renbang.core.models import Notice  # noqa: E402,F401

# Training history from BKN SIASN (pulled by the siasn app; counted by the ledger): its own module.
from .training_history import TrainingRecord  # noqa: E402,F401
