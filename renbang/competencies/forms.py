from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from renbang.org.models import JobFamily, Position, PositionType

from .models import Competency, CompetencyType

LEVEL_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(1, 6)]


class CompetencyFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Cari"))
    type = forms.ChoiceField(required=False, label=_("Jenis"), choices=[("", _("Semua jenis"))] + list(
        CompetencyType.choices))
    family = forms.ModelChoiceField(required=False, label=_("Rumpun jabatan"), queryset=JobFamily.objects.none(),
                                    empty_label=_("Semua rumpun"),
                                    widget=forms.Select(attrs={"class": "form-select form-select-sm",
                                                               "aria-label": _("Rumpun jabatan")}))
    inactive = forms.BooleanField(required=False, label=_("Termasuk nonaktif"))

    def __init__(self, *args, families=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family"].queryset = families if families is not None else JobFamily.objects.none()


class CompetencyForm(forms.ModelForm):
    class Meta:
        model = Competency
        fields = ["code", "name", "job_family", "definition", "active"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"code": _("mis. T.KEU.1 (unik di instansi)")}

    def __init__(self, *args, families=None, national=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_family"].queryset = families if families is not None else JobFamily.objects.none()
        self.fields["job_family"].required = not national
        if national:  # the code, type and family of a national competency follow PermenPANRB 38/2017
            for name in ("code", "job_family"):
                self.fields[name].disabled = True
                self.fields[name].required = False

    def _post_clean(self):  # services.competency_save runs full_clean with the agency set
        pass


class LevelForm(forms.Form):
    level = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=5)
    title = forms.CharField(label=_("Judul level"), required=False, max_length=200)
    description = forms.CharField(label=_("Deskripsi level"), widget=forms.Textarea(attrs={"rows": 2}))
    indicators = forms.CharField(label=_("Indikator perilaku (satu per baris)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))


LevelFormSet = formset_factory(LevelForm, extra=0, min_num=5, max_num=5, validate_min=True, validate_max=True)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas Excel (.xlsx) atau CSV"))
    dry_run = forms.BooleanField(label=_("Uji coba saja (tidak menyimpan)"), required=False)


class BulkApplyForm(forms.Form):
    position_type = forms.ChoiceField(label=_("Jenis jabatan"), required=False,
                                      choices=[("", _("Semua jenis"))] + list(PositionType.choices))
    job_family = forms.ModelChoiceField(label=_("Rumpun jabatan"), required=False, queryset=JobFamily.objects.none(),
                                        empty_label=_("Semua rumpun"))
    overwrite_manual = forms.BooleanField(label=_("Timpa juga level yang ditetapkan manual"), required=False)

    def __init__(self, *args, families=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_family"].queryset = families if families is not None else JobFamily.objects.none()


class NextPositionsForm(forms.Form):
    next_positions = forms.ModelMultipleChoiceField(
        label=_("Jabatan berikutnya (jalur karier)"), required=False, queryset=Position.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("PP 11/2017 Pasal 206: kesenjangan juga diukur terhadap jabatan berikutnya."))

    def __init__(self, *args, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_positions"].queryset = positions if positions is not None else Position.objects.none()
