from django import forms
from django.utils.translation import gettext_lazy as _

from renbang.org.models import OrgUnit

from .models import Campaign, PriorityWeights
from .models_extra import AgreedNeed, FocusGroup


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "year", "period_start", "period_end", "target_units", "self_on", "supervisor_on",
                  "peer_on", "ac_on", "weight_self", "weight_supervisor", "weight_peer", "peers_per_employee",
                  "validity_months"]
        widgets = {"period_start": DateInput(), "period_end": DateInput(),
                   "target_units": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        self.fields["target_units"].queryset = OrgUnit.objects.current().filter(agency=agency).order_by("name")


class WeightsForm(forms.ModelForm):
    perf_sangat_baik = forms.FloatField(label=_("Sangat Baik"), min_value=0, max_value=1)
    perf_baik = forms.FloatField(label=_("Baik"), min_value=0, max_value=1)
    perf_butuh_perbaikan = forms.FloatField(label=_("Butuh Perbaikan"), min_value=0, max_value=1)
    perf_kurang = forms.FloatField(label=_("Kurang/Misconduct"), min_value=0, max_value=1)
    perf_sangat_kurang = forms.FloatField(label=_("Sangat Kurang"), min_value=0, max_value=1)

    class Meta:
        model = PriorityWeights
        fields = ["gap", "importance", "performance", "next_position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, value in (self.instance.performance_gap_map or {}).items():
            if f"perf_{key}" in self.fields:
                self.fields[f"perf_{key}"].initial = value

    def performance_map(self) -> dict[str, float]:
        return {key[5:]: value for key, value in self.cleaned_data.items() if key.startswith("perf_")}


class AssessmentImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas hasil assessment center (.xlsx atau .csv)"))
    dry_run = forms.BooleanField(label=_("Periksa saja, jangan simpan"), required=False)
    skip_invalid = forms.BooleanField(label=_("Lewati baris yang salah, simpan yang benar"), required=False)


class FocusGroupForm(forms.ModelForm):
    participant_nips = forms.CharField(
        label=_("NIP peserta"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu NIP per baris atau dipisah koma."))

    class Meta:
        model = FocusGroup
        fields = ["campaign", "unit", "held_on", "facilitator", "minutes"]
        widgets = {"held_on": DateInput(), "minutes": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, agency, units, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        self.fields["unit"].queryset = units
        self.fields["campaign"].queryset = campaigns

    def clean_participant_nips(self) -> list[str]:
        raw = self.cleaned_data.get("participant_nips", "")
        nips = [p.strip() for p in raw.replace(",", "\n").splitlines() if p.strip()]
        bad = [n for n in nips if not (n.isdigit() and len(n) == 18)]
        if bad:
            raise forms.ValidationError(_("NIP harus 18 angka: %(bad)s") % {"bad": ", ".join(b[:20] for b in bad[:5])})
        return nips


class AgreedNeedForm(forms.ModelForm):
    class Meta:
        model = AgreedNeed
        fields = ["competency", "target_group", "priority", "difficulty", "importance", "frequency"]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Lampiran (PDF, JPG atau PNG)"))
