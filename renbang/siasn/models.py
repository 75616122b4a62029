"""The SIASN connector's own data: links to SIASN ids, the riwayat jabatan, the jenis-diklat mapping, sync runs
(with their checkpoint) and the outbox of records sent to SIASN. The training history itself is
delivery.TrainingRecord (the JP ledger counts it)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.TextChoices):
    KURSUS = "kursus", _("Riwayat kursus (/kursus/save)")
    DIKLAT = "diklat", _("Riwayat diklat struktural (/diklat/save)")


class EmployeeLink(models.Model):
    """The PNS id SIASN gives an employee (data-utama `id`, sent as `pnsOrangId`)."""

    employee = models.OneToOneField("people.Employee", on_delete=models.CASCADE, related_name="siasn_link",
                                    verbose_name=_("pegawai"))
    pns_id = models.CharField(_("ID PNS SIASN"), max_length=64)
    instansi_id = models.CharField(_("ID instansi SIASN"), max_length=64, blank=True,
                                   help_text=_("instansiKerjaId dari data utama; dikirim sebagai instansiId."))
    pulled_at = models.DateTimeField(_("terakhir ditarik"), auto_now=True)

    class Meta:
        verbose_name = _("tautan pegawai SIASN")
        verbose_name_plural = _("tautan pegawai SIASN")

    def __str__(self) -> str:
        return self.pns_id


class UnitLink(models.Model):
    """An org unit keyed by its SIASN unor id (ref-unor `Id`)."""

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="siasn_units",
                               verbose_name=_("instansi"))
    unit = models.OneToOneField("org.OrgUnit", on_delete=models.CASCADE, related_name="siasn_link",
                                verbose_name=_("unit kerja"))
    siasn_id = models.CharField(_("ID unor SIASN"), max_length=64)

    class Meta:
        verbose_name = _("tautan unit SIASN")
        verbose_name_plural = _("tautan unit SIASN")
        constraints = [models.UniqueConstraint(fields=["agency", "siasn_id"], name="siasn_unit_link_unique")]

    def __str__(self) -> str:
        return self.siasn_id


class PositionRecord(models.Model):
    """One row of the employee's riwayat jabatan in SIASN (rw-jabatan)."""

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="siasn_positions",
                                 verbose_name=_("pegawai"))
    siasn_id = models.CharField(_("ID riwayat SIASN"), max_length=64, unique=True)
    position = models.CharField(_("jabatan"), max_length=300, blank=True)
    unit = models.CharField(_("unit organisasi"), max_length=300, blank=True)
    since = models.DateField(_("TMT jabatan"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("riwayat jabatan SIASN")
        verbose_name_plural = _("riwayat jabatan SIASN")
        ordering = ["-since"]

    def __str__(self) -> str:
        return self.position


class JenisMapping(models.Model):
    """How a development method (catalog.Method code, Peraturan LAN 10/2018) is recorded in SIASN: a kursus with
    a jenis diklat id, or a diklat struktural with a latihan struktural id. National rows (agency empty) are
    seeded from SIASN.md §2C; an agency edits its own copy."""

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="siasn_mappings", verbose_name=_("instansi"))
    method_code = models.CharField(_("kode metode"), max_length=20)
    target = models.CharField(_("dikirim sebagai"), max_length=6, choices=Target.choices, default=Target.KURSUS)
    jenis_diklat_id = models.CharField(_("jenisDiklatId"), max_length=12, blank=True,
                                       help_text=_("Referensi jenis-diklat SIASN (1–25) untuk riwayat kursus."))
    latihan_struktural_id = models.CharField(_("latihanStrukturalId"), max_length=12, blank=True,
                                             help_text=_("Referensi latihan-struktural SIASN (1–8) untuk diklat."))

    class Meta:
        verbose_name = _("pemetaan jenis diklat SIASN")
        verbose_name_plural = _("pemetaan jenis diklat SIASN")
        ordering = ["method_code"]
        constraints = [models.UniqueConstraint(fields=["agency", "method_code"], name="siasn_mapping_unique"),
                       models.UniqueConstraint(fields=["method_code"], condition=models.Q(agency__isnull=True),
                                               name="siasn_mapping_national_unique")]

    def __str__(self) -> str:
        return self.method_code

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.target == Target.KURSUS and not (self.jenis_diklat_id or "").isdigit():
            raise ValidationError({"jenis_diklat_id": _("Isi jenisDiklatId (angka referensi SIASN).")})
        if self.target == Target.DIKLAT and not (self.latihan_struktural_id or "").isdigit():
            raise ValidationError({"latihan_struktural_id": _("Isi latihanStrukturalId (angka referensi SIASN).")})


class SyncRun(models.Model):
    """One pull from SIASN: the fixed list of NIPs and a checkpoint (`cursor`, the next index) written in the same
    transaction as each batch, so a run killed at any point resumes where it stopped."""

    class Status(models.TextChoices):
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="siasn_runs",
                               verbose_name=_("instansi"))
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("dijalankan oleh"))
    nips = models.JSONField(_("NIP"), default=list)
    with_units = models.BooleanField(_("tarik unit organisasi"), default=True)
    cursor = models.PositiveIntegerField(_("posisi"), default=0)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.RUNNING)
    totals = models.JSONField(_("jumlah"), default=dict)
    changes = models.JSONField(_("perubahan"), default=list)
    problems = models.JSONField(_("masalah"), default=list)
    started_at = models.DateTimeField(_("mulai"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("penarikan SIASN")
        verbose_name_plural = _("penarikan SIASN")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%d-%m-%Y %H:%M}"

    @property
    def percent(self) -> int:
        return int(100 * self.cursor / len(self.nips)) if self.nips else 100


class OutboxItem(models.Model):
    """One completed development to record in SIASN: waiting, sent (with SIASN's riwayat id) or failed (with
    SIASN's message). A sent item is updated in SIASN (same id), never sent twice."""

    class Source(models.TextChoices):
        SESSION = "session", _("Sesi pelatihan")
        CLAIM = "claim", _("Klaim terverifikasi")
        MENTORING = "mentoring", _("Mentoring")

    class Status(models.TextChoices):
        WAITING = "waiting", _("menunggu")
        SENT = "sent", _("terkirim")
        FAILED = "failed", _("gagal")

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="siasn_outbox",
                               verbose_name=_("instansi"))
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="siasn_outbox",
                                 verbose_name=_("pegawai"))
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    enrolment = models.OneToOneField("delivery.Enrolment", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="siasn_item", verbose_name=_("peserta sesi"))
    claim = models.OneToOneField("delivery.ExternalClaim", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="siasn_item", verbose_name=_("klaim"))
    pair = models.ForeignKey("mentoring.Pair", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="siasn_items", verbose_name=_("pasangan mentoring"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    title = models.CharField(_("kegiatan"), max_length=300)
    jp = models.DecimalField(_("JP"), max_digits=7, decimal_places=2, default=Decimal("0"))
    target = models.CharField(_("dikirim sebagai"), max_length=6, choices=Target.choices, default=Target.KURSUS)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.WAITING)
    siasn_id = models.CharField(_("ID riwayat SIASN"), max_length=64, blank=True)
    fingerprint = models.CharField(_("sidik isi terakhir terkirim"), max_length=64, blank=True)
    certificate_sent = models.BooleanField(_("sertifikat terunggah"), default=False)
    message = models.TextField(_("pesan SIASN"), blank=True)
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("kiriman SIASN")
        verbose_name_plural = _("kiriman SIASN")
        ordering = ["status", "-year", "employee__name"]
        constraints = [models.UniqueConstraint(fields=["pair", "year"], name="siasn_outbox_pair_year")]
        indexes = [models.Index(fields=["agency", "year", "status"])]

    def __str__(self) -> str:
        return self.title
