from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renbang.catalog.forms import BootstrapMixin, competencies_for
from renbang.catalog.selectors import methods_for_agency
from renbang.people.models import Employee

from .models import Log, MentoringProgramme, Participant


class ProgrammeForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = MentoringProgramme
        fields = ["title", "description", "method", "competencies", "start_date", "end_date",
                  "capacity_per_mentor", "gap_weight", "same_unit_bonus", "same_family_bonus", "succession_bonus",
                  "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}),
                   "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "competencies": forms.SelectMultiple(attrs={"size": 10})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        self.fields["method"].queryset = methods_for_agency(agency.pk, active_only=True)
        self.fields["competencies"].queryset = competencies_for(agency.pk)
        if not self.instance.pk:
            mentoring = self.fields["method"].queryset.filter(code="NK-MEN").first()
            self.initial.setdefault("method", mentoring.pk if mentoring else None)
        self.fields["succession_bonus"].required = False  # optional: empty or omitted = 0 (off)
        self._style()
        self.fields["competencies"].widget.attrs["class"] = "form-select"

    def clean_succession_bonus(self) -> int:
        return self.cleaned_data.get("succession_bonus") or 0


class ParticipantsForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=Participant.Role.choices,
                             widget=forms.Select(attrs={"class": "form-select"}))
    nips = forms.CharField(label=_("NIP"), widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
                           help_text=_("Satu NIP per baris (atau dipisah koma/spasi)."))
    capacity = forms.IntegerField(label=_("Kapasitas mentee per mentor"), min_value=1, max_value=3, required=False,
                                  widget=forms.NumberInput(attrs={"class": "form-control"}),
                                  help_text=_("Khusus mentor; kosong: bawaan program."))

    def clean_nips(self):
        text = self.cleaned_data["nips"].replace(",", " ").replace(";", " ")
        nips = [n for n in text.split() if n]
        if not nips:
            raise forms.ValidationError(_("Isi sedikitnya satu NIP."))
        if len(nips) > 2000:
            raise forms.ValidationError(_("Paling banyak 2.000 NIP sekali tambah."))
        return nips


class PairAddForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=Employee.objects.none(),
                                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    mentee = forms.ModelChoiceField(label=_("Mentee"), queryset=Employee.objects.none(),
                                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        base = Employee.objects.filter(mentoring_roles__programme=programme).order_by("name")
        self.fields["mentor"].queryset = base.filter(mentoring_roles__role=Participant.Role.MENTOR)
        self.fields["mentee"].queryset = base.filter(mentoring_roles__role=Participant.Role.MENTEE)


class LogForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Log
        fields = ["date", "topic", "duration_minutes", "notes"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Nilai"), coerce=int, choices=[(i, str(i)) for i in range(1, 6)],
                                    widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Komentar singkat"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
