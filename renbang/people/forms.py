from django import forms
from django.utils.translation import gettext_lazy as _

from renbang.core.widgets import PlainSelect
from renbang.org.models import PositionType

from .models import EmployeeStatus
from .ranks import RANK_CHOICES


class EmployeeFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False)
    #: The units in scope as (pk, name) rows, not model instances, in a PlainSelect: a city has 900 units.
    unit = forms.TypedChoiceField(label=_("Unit kerja"), coerce=int, empty_value=None, required=False,
                                  widget=PlainSelect)
    position_type = forms.ChoiceField(label=_("Jenis jabatan"), required=False,
                                      choices=[("", _("Semua jenis"))] + list(PositionType.choices))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status"))] + list(EmployeeStatus.choices))
    rank = forms.ChoiceField(label=_("Golongan"), required=False, choices=[("", _("Semua golongan"))] + RANK_CHOICES)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Semua unit"))] + list(
            units.values_list("pk", "name") if units is not None else [])
        for name, field in self.fields.items():
            css = "form-control form-control-sm" if name == "q" else "form-select form-select-sm"
            field.widget.attrs.setdefault("class", css)


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas roster (.xlsx atau .csv)"),
                           help_text=_("Kolom NIP wajib. Judul kolom boleh bahasa Indonesia atau nama kolom SIASN."))
    skip_invalid = forms.BooleanField(
        label=_("Lewati baris yang tidak valid"), required=False,
        help_text=_("Tanpa pilihan ini, satu baris salah membatalkan seluruh impor (tidak ada yang ditulis)."),
    )
    full_roster = forms.BooleanField(
        label=_("Berkas ini daftar lengkap pegawai instansi"), required=False,
        help_text=_("Pegawai aktif instansi yang tidak ada di berkas akan dinonaktifkan (tidak dihapus) dan akunnya "
                    "dinonaktifkan. Pratinjau menampilkan siapa saja sebelum Anda mengonfirmasi."),
    )
