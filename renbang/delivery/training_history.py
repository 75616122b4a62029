"""The training history an employee has in BKN's SIASN (riwayat diklat and riwayat kursus), as pulled by the
siasn app. It lives here, on delivery's floor, because the JP ledger counts it: a record that is the same
training as a completed session, a verified claim or a mentoring pair already in Renbang is linked to it and not
counted again (delivery.ledger)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingRecord(models.Model):
    class Kind(models.TextChoices):
        DIKLAT = "diklat", _("Diklat struktural (riwayat diklat)")
        KURSUS = "kursus", _("Kursus/pelatihan (riwayat kursus)")

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="training_records",
                                 verbose_name=_("pegawai"))
    kind = models.CharField(_("jenis riwayat"), max_length=6, choices=Kind.choices)
    siasn_id = models.CharField(_("ID riwayat SIASN"), max_length=64)
    title = models.CharField(_("nama pelatihan"), max_length=300)
    organiser = models.CharField(_("penyelenggara"), max_length=250, blank=True)
    jenis_diklat_id = models.CharField(_("jenis diklat SIASN"), max_length=12, blank=True)
    latihan_struktural_id = models.CharField(_("latihan struktural SIASN"), max_length=12, blank=True)
    certificate_number = models.CharField(_("nomor sertifikat"), max_length=120, blank=True)
    start_date = models.DateField(_("tanggal mulai"), null=True, blank=True)
    end_date = models.DateField(_("tanggal selesai"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    jp = models.DecimalField(_("JP"), max_digits=7, decimal_places=2, default=Decimal("0"))
    enrolment = models.ForeignKey("delivery.Enrolment", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="training_records", verbose_name=_("sama dengan sesi"))
    claim = models.ForeignKey("delivery.ExternalClaim", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="training_records", verbose_name=_("sama dengan klaim"))
    mentoring_pair = models.ForeignKey("mentoring.Pair", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="training_records", verbose_name=_("sama dengan mentoring"))
    pulled_at = models.DateTimeField(_("ditarik dari SIASN"), auto_now=True)

    class Meta:
        verbose_name = _("riwayat pelatihan SIASN")
        verbose_name_plural = _("riwayat pelatihan SIASN")
        ordering = ["-end_date", "title"]
        constraints = [models.UniqueConstraint(fields=["kind", "siasn_id"], name="delivery_training_record_siasn_id")]
        indexes = [models.Index(fields=["employee", "end_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def linked(self) -> bool:
        """The same training as a session, claim or mentoring already counted in Renbang."""
        return bool(self.enrolment_id or self.claim_id or self.mentoring_pair_id)
