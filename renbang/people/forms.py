from django import forms
from django.utils.translation import gettext_lazy as _

from renbang.org.models import OrgUnit, PositionType

from .models import EmployeeStatus
from .ranks import RANK_CHOICES


class EmployeeFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False)
    unit = forms.ModelChoiceField(label=_("Unit kerja"), queryset=OrgUnit.objects.none(), required=False)
    position_type = forms.ChoiceField(label=_("Jenis jabatan"), required=False,
                                      choices=[("", _("Semua jenis"))] + list(PositionType.choices))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status"))] + list(EmployeeStatus.choices))
    rank = forms.ChoiceField(label=_("Golongan"), required=False, choices=[("", _("Semua golongan"))] + RANK_CHOICES)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas roster (.xlsx atau .csv)"),
                           help_text=_("Kolom NIP wajib. Judul kolom boleh bahasa Indonesia atau nama kolom SIASN."))
    skip_invalid = forms.BooleanField(
        label=_("Lewati baris yang tidak valid"), required=False,
        help_text=_("Tanpa pilihan ini, satu baris salah membatalkan seluruh impor (tidak ada yang ditulis)."),
    )
