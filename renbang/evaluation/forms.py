from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renbang.catalog.models import Programme

from .models import Decision, EvaluationSettings, Feedback, FollowUp


def add_errors(form, exc) -> None:
    """Put a service's ValidationError on the form's fields (or on the form), keeping what was typed."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


SCALE = [(i, str(i)) for i in range(1, 6)]
SCALE_HELP = {
    "relevance": _("1 = tidak relevan, 5 = sangat relevan dengan pekerjaan saya"),
    "material": _("1 = sangat kurang, 5 = sangat baik"),
    "facilitator": _("1 = sangat kurang, 5 = sangat baik"),
    "organisation": _("1 = sangat kurang, 5 = sangat baik (jadwal, tempat/tautan, bahan)"),
    "benefit": _("1 = tidak bermanfaat, 5 = sangat bermanfaat bagi pekerjaan saya"),
}


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = [*Feedback.SCORE_FIELDS, "comment"]
        widgets = {name: forms.RadioSelect(choices=SCALE) for name in Feedback.SCORE_FIELDS} | {
            "comment": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Feedback.SCORE_FIELDS:
            field = self.fields[name]
            field.widget = forms.RadioSelect(choices=SCALE)
            field.help_text = SCALE_HELP[name]
            field.error_messages["required"] = _("Pilih nilai 1 sampai 5.")


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["applied", "example"]
        widgets = {"applied": forms.RadioSelect, "example": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applied"].required = True
        self.fields["applied"].choices = FollowUp.Applied.choices
        self.fields["applied"].error_messages["required"] = _("Pilih jawaban.")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Keputusan"), choices=Decision.choices, widget=forms.RadioSelect)
    replacement = forms.ModelChoiceField(label=_("Program pengganti"), queryset=Programme.objects.none(),
                                         required=False)
    replacement_method = forms.ModelChoiceField(label=_("Metode pengganti"), queryset=None, required=False)
    note = forms.CharField(label=_("Catatan/alasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def __init__(self, *args, agency_id=None, exclude_pk=None, **kwargs):
        super().__init__(*args, **kwargs)
        from renbang.catalog.selectors import methods_for_agency

        self.fields["replacement"].queryset = Programme.objects.filter(agency_id=agency_id, active=True).exclude(
            pk=exclude_pk).order_by("title")
        self.fields["replacement_method"].queryset = methods_for_agency(agency_id, active_only=True)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = EvaluationSettings
        fields = ["min_responses", "low_benefit_threshold", "low_benefit_score", "confidence", "anonymity_min",
                  "followup_months", "feedback_days", "prior_strength", "loop_min_responses", "weight_l1",
                  "weight_l2", "weight_l3"]


class ScoreImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas Excel/CSV (kolom: NIP, Pre-test, Post-test, Nilai maksimal)"))


class YearForm(forms.Form):
    tahun = forms.IntegerField(min_value=2000, max_value=2100, required=False)
