"""Organisation master data: the agency (tenant), its unit tree, job families and positions."""

from __future__ import annotations

import base64

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode, TreeQuerySet

from renbang.core import uploads
from renbang.core.uploads import private_storage

#: The letterhead logo: PNG or JPEG (checked from the content), at most 1 MB and 2000 px a side.
LOGO_TYPES = {"image/png": "png", "image/jpeg": "jpg"}
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 2000


class Agency(models.Model):
    """An instansi (e.g. Pemerintah Kota Medan): the tenant every other record belongs to."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama instansi"), max_length=200)
    region = models.CharField(_("daerah"), max_length=120, blank=True, help_text=_("mis. Kota Medan"))
    hr_agency_name = models.CharField(
        _("nama BKPSDM"), max_length=200, blank=True,
        help_text=_("Badan Kepegawaian dan Pengembangan SDM yang menyusun rencana (PyB)."),
    )
    head_title = models.CharField(_("jabatan PPK"), max_length=120, blank=True, help_text=_("mis. Wali Kota Medan"))
    head_name = models.CharField(_("nama PPK"), max_length=200, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    logo = models.FileField(
        _("logo"), upload_to="logos/", storage=private_storage, blank=True,
        help_text=_("Lambang daerah untuk kop surat setiap dokumen PDF: PNG atau JPEG, paling besar 1 MB."),
    )
    current_year = models.PositiveSmallIntegerField(
        _("tahun berjalan"), null=True, blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Tahun perencanaan yang dibuka halaman secara bawaan; kosong: tahun kalender."),
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def working_year(self) -> int:
        """The year pages open by default: the one set at setup, else the calendar year."""
        return self.current_year or timezone.localdate().year

    def logo_data_uri(self) -> str:
        """The logo as a data: URI (for the PDF letterhead: WeasyPrint fetches no URL), '' without one."""
        if not self.logo:
            return ""
        try:
            with self.logo.open("rb") as stream:
                data = stream.read(LOGO_MAX_BYTES + 1)
        except OSError:
            return ""
        mime = uploads.sniff(data, LOGO_TYPES)
        if mime is None or len(data) > LOGO_MAX_BYTES:
            return ""
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


class UnitKind(models.TextChoices):
    SECRETARIAT = "sekretariat", _("Sekretariat Daerah")
    DPRD_SECRETARIAT = "setwan", _("Sekretariat DPRD")
    INSPECTORATE = "inspektorat", _("Inspektorat")
    OFFICE = "dinas", _("Dinas")
    BOARD = "badan", _("Badan")
    AGENCY_UNIT = "satuan", _("Satuan/Kantor")
    DIVISION = "bagian", _("Bagian")
    SECRETARIAT_UNIT = "sekretariat_opd", _("Sekretariat OPD")
    FIELD = "bidang", _("Bidang")
    SUBDIVISION = "subbagian", _("Subbagian")
    SECTION = "seksi", _("Seksi/Subbidang")
    DISTRICT = "kecamatan", _("Kecamatan")
    VILLAGE = "kelurahan", _("Kelurahan")
    TECHNICAL_UNIT = "upt", _("UPT")
    HEALTH_CENTRE = "puskesmas", _("Puskesmas")
    SCHOOL = "sekolah", _("Sekolah")
    HOSPITAL = "rsud", _("Rumah Sakit Umum Daerah")
    OTHER = "lainnya", _("Lainnya")


#: Kinds that head an OPD (perangkat daerah): the top of an HR officer's subtree.
OPD_KINDS = {
    UnitKind.SECRETARIAT, UnitKind.DPRD_SECRETARIAT, UnitKind.INSPECTORATE, UnitKind.OFFICE,
    UnitKind.BOARD, UnitKind.AGENCY_UNIT, UnitKind.DISTRICT, UnitKind.HOSPITAL,
}


class OrgUnitQuerySet(TreeQuerySet):
    def current(self, on=None) -> OrgUnitQuerySet:
        """Units in force on a date (default today): restructurings close units instead of deleting them."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class OrgUnit(TreeNode):
    """A unit kerja: perangkat daerah → bidang → seksi, kecamatan → kelurahan, UPT, puskesmas, sekolah, RSUD.

    Units are dated (valid_from/valid_to) and may name their successor, so that a restructuring such as
    Kota Medan's of December 2022 is recorded as data, not code.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("instansi"))
    code = models.CharField(_("kode"), max_length=40, blank=True)
    name = models.CharField(_("nama unit"), max_length=200)
    kind = models.CharField(_("jenis unit"), max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER)
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="predecessors",
        verbose_name=_("digantikan oleh"),
    )

    objects = OrgUnitQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "parent", "name"], name="org_unit_unique_name_in_parent"),
        ]
        indexes = [models.Index(fields=["agency", "name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.parent.agency_id != self.agency_id:
            raise ValidationError({"parent": _("Unit induk harus berada di instansi yang sama.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai.")})

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_to is None or self.valid_to >= today
        )


class JobFamily(models.Model):
    """A rumpun jabatan (e.g. pendidikan, kesehatan, keuangan): groups positions and technical competencies."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="job_families",
                               verbose_name=_("instansi"))
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama rumpun"), max_length=120)

    class Meta:
        verbose_name = _("rumpun jabatan")
        verbose_name_plural = _("rumpun jabatan")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="org_job_family_unique_code")]

    def __str__(self) -> str:
        return self.name


class PositionType(models.TextChoices):
    """Jenis jabatan (UU 20/2023; PP 11/2017)."""

    JPT = "jpt", _("Jabatan Pimpinan Tinggi")
    ADMINISTRATOR = "administrator", _("Administrator")
    SUPERVISORY = "pengawas", _("Pengawas")
    EXECUTIVE = "pelaksana", _("Pelaksana")
    FUNCTIONAL_EXPERT = "fungsional_keahlian", _("Fungsional keahlian")
    FUNCTIONAL_SKILLED = "fungsional_keterampilan", _("Fungsional keterampilan")


class PositionLevel(models.TextChoices):
    """Jenjang jabatan. Administrasi positions carry their type as the level (one jenjang each)."""

    UTAMA = "utama", _("Utama")
    MADYA = "madya", _("Madya")
    PRATAMA = "pratama", _("Pratama")
    MUDA = "muda", _("Muda")
    PERTAMA = "pertama", _("Pertama")
    PENYELIA = "penyelia", _("Penyelia")
    MAHIR = "mahir", _("Mahir")
    TERAMPIL = "terampil", _("Terampil")
    PEMULA = "pemula", _("Pemula")
    NONE = "", _("—")


LEVELS_BY_TYPE: dict[str, tuple[str, ...]] = {
    PositionType.JPT: (PositionLevel.UTAMA, PositionLevel.MADYA, PositionLevel.PRATAMA),
    PositionType.ADMINISTRATOR: (PositionLevel.NONE,),
    PositionType.SUPERVISORY: (PositionLevel.NONE,),
    PositionType.EXECUTIVE: (PositionLevel.NONE,),
    PositionType.FUNCTIONAL_EXPERT: (
        PositionLevel.UTAMA, PositionLevel.MADYA, PositionLevel.MUDA, PositionLevel.PERTAMA,
    ),
    PositionType.FUNCTIONAL_SKILLED: (
        PositionLevel.PENYELIA, PositionLevel.MAHIR, PositionLevel.TERAMPIL, PositionLevel.PEMULA,
    ),
}

#: Seniority on one scale (1 = entry), used for career ladders, mentor seniority and rank plausibility.
SENIORITY: dict[tuple[str, str], int] = {
    (PositionType.EXECUTIVE, ""): 1,
    (PositionType.SUPERVISORY, ""): 2,
    (PositionType.ADMINISTRATOR, ""): 3,
    (PositionType.JPT, PositionLevel.PRATAMA): 4,
    (PositionType.JPT, PositionLevel.MADYA): 5,
    (PositionType.JPT, PositionLevel.UTAMA): 6,
    (PositionType.FUNCTIONAL_SKILLED, PositionLevel.PEMULA): 1,
    (PositionType.FUNCTIONAL_SKILLED, PositionLevel.TERAMPIL): 1,
    (PositionType.FUNCTIONAL_SKILLED, PositionLevel.MAHIR): 2,
    (PositionType.FUNCTIONAL_SKILLED, PositionLevel.PENYELIA): 2,
    (PositionType.FUNCTIONAL_EXPERT, PositionLevel.PERTAMA): 2,
    (PositionType.FUNCTIONAL_EXPERT, PositionLevel.MUDA): 3,
    (PositionType.FUNCTIONAL_EXPERT, PositionLevel.MADYA): 4,
    (PositionType.FUNCTIONAL_EXPERT, PositionLevel.UTAMA): 5,
}
_TYPE_LABELS = dict(PositionType.choices)  # lazy labels: each read speaks the active language
_LEVEL_LABELS = dict(PositionLevel.choices)


class Position(models.Model):
    """A jabatan of the agency (name, type, level, job family); employees hold one."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="positions",
                               verbose_name=_("instansi"))
    name = models.CharField(_("nama jabatan"), max_length=200)
    position_type = models.CharField(_("jenis jabatan"), max_length=30, choices=PositionType.choices)
    level = models.CharField(_("jenjang"), max_length=20, choices=PositionLevel.choices, blank=True, default="")
    job_family = models.ForeignKey(
        JobFamily, on_delete=models.SET_NULL, null=True, blank=True, related_name="positions",
        verbose_name=_("rumpun jabatan"),
    )
    active = models.BooleanField(_("aktif"), default=True)
    next_positions = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="previous_positions",
        verbose_name=_("jabatan berikutnya (jalur karier)"),
        help_text=_("PP 11/2017 Pasal 206: kesenjangan juga diukur terhadap jabatan berikutnya."),
    )

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="org_position_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        allowed = LEVELS_BY_TYPE.get(self.position_type, ())
        if self.position_type and self.level not in allowed:
            names = ", ".join(str(PositionLevel(v).label) for v in allowed)
            raise ValidationError({"level": _("Jenjang tidak sesuai jenis jabatan; pilihan: %(names)s.") % {
                "names": names}})
        if self.job_family_id and self.job_family.agency_id != self.agency_id:
            raise ValidationError({"job_family": _("Rumpun jabatan harus dari instansi yang sama.")})

    @property
    def seniority(self) -> int:
        return SENIORITY.get((self.position_type, self.level), 1)

    @property
    def type_label(self) -> str:
        # From the choices directly: get_FOO_display() rebuilds a dict of the choices on each call (a list page
        # shows this for every row).
        label = _TYPE_LABELS.get(self.position_type, self.position_type)
        return f"{label} {_LEVEL_LABELS.get(self.level, self.level)}" if self.level else str(label)
