from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renbang.competencies.models import Competency
from renbang.org.models import PositionType
from renbang.people.models import EmployeeStatus

from .models import Delivery, Method, Programme, Provider, RecurrenceRule, Route, SuggestionRule

MONTHS = [(1, _("Januari")), (2, _("Februari")), (3, _("Maret")), (4, _("April")), (5, _("Mei")), (6, _("Juni")),
          (7, _("Juli")), (8, _("Agustus")), (9, _("September")), (10, _("Oktober")), (11, _("November")),
          (12, _("Desember"))]


def competencies_for(agency_id):
    return Competency.objects.filter(Q(agency__isnull=True) | Q(agency_id=agency_id), active=True).order_by("code")


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari judul atau kode"), required=False)
    route = forms.ChoiceField(label=_("Jalur"), required=False, choices=[("", _("Semua jalur"))] + Route.choices)
    method = forms.ModelChoiceField(label=_("Metode"), queryset=Method.objects.none(), required=False,
                                    empty_label=_("Semua metode"))
    provider = forms.ModelChoiceField(label=_("Penyelenggara"), queryset=Provider.objects.none(), required=False,
                                      empty_label=_("Semua penyelenggara"))
    competency = forms.ModelChoiceField(label=_("Kompetensi"), queryset=Competency.objects.none(), required=False,
                                        empty_label=_("Semua kompetensi"))
    position_type = forms.ChoiceField(label=_("Jenis jabatan"), required=False,
                                      choices=[("", _("Semua jenis"))] + PositionType.choices)
    delivery = forms.ChoiceField(label=_("Moda"), required=False, choices=[("", _("Semua moda"))] + Delivery.choices)

    def __init__(self, *args, methods=None, providers=None, competencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, qs in (("method", methods), ("provider", providers), ("competency", competencies)):
            if qs is not None:
                self.fields[name].queryset = qs
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
        self.fields["q"].widget.attrs["class"] = "form-control form-control-sm"


class BootstrapMixin:
    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class ProgrammeForm(BootstrapMixin, forms.ModelForm):
    position_types = forms.MultipleChoiceField(
        label=_("Sasaran jenis jabatan"), choices=PositionType.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Kosong: terbuka untuk semua jenis jabatan."))
    employee_statuses = forms.MultipleChoiceField(
        label=_("Sasaran status kepegawaian"), choices=EmployeeStatus.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosong: semua status. Mis. Pelatihan Dasar CPNS hanya bagi CPNS."))
    targets = forms.CharField(
        label=_("Kompetensi dan kenaikan level"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu per baris atau dipisah titik koma, format kode:kenaikan, mis. M.2:1; T.KEU.1:2"))

    class Meta:
        model = Programme
        fields = ["code", "title", "method", "provider", "description", "min_level", "max_level", "jp",
                  "cost_per_participant", "capacity_per_session", "delivery", "mandatory", "employee_statuses",
                  "curriculum_reference", "effectiveness_override", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agency, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.instance.agency = agency
        self.fields["method"].queryset = methods
        self.fields["provider"].queryset = Provider.objects.filter(agency=agency, active=True)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Kosong: dibuat otomatis (PRG-0001…).")
        if self.instance.pk:
            self.initial["position_types"] = self.instance.position_types
            self.initial["targets"] = "; ".join(f"{t.competency.code}:{t.uplift}"
                                                for t in self.instance.targets.select_related("competency"))
        self._style()

    def clean_code(self):
        from .services import next_programme_code

        return self.cleaned_data.get("code", "").strip() or next_programme_code(self.agency)

    def clean_targets(self):
        text = self.cleaned_data.get("targets", "")
        known = {c.code.upper(): c for c in competencies_for(self.agency.pk)}
        result, errors = [], []
        for part in filter(None, (p.strip() for p in text.replace("\n", ";").split(";"))):
            code, _sep, uplift = part.partition(":")
            competency = known.get(code.strip().upper())
            uplift = uplift.strip() or "1"
            if competency is None:
                errors.append(_("Kompetensi '%(code)s' tidak dikenal.") % {"code": code.strip()[:20]})
            elif not uplift.isdigit() or not 1 <= int(uplift) <= 4:
                errors.append(_("Kenaikan level %(code)s harus 1–4.") % {"code": competency.code})
            else:
                result.append((competency, int(uplift)))
        if errors:
            raise forms.ValidationError(errors)
        return result


class MethodForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Method
        fields = ["name", "description", "jp_basis", "minutes_per_jp", "jp_per_unit", "effectiveness", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class ProviderForm(BootstrapMixin, forms.ModelForm):
    website = forms.URLField(label=_("situs web"), required=False, assume_scheme="https")

    class Meta:
        model = Provider
        fields = ["name", "kind", "contact_person", "phone", "email", "address", "website", "active"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency or getattr(self.instance, "agency", None)
        self._style()


class RecurrenceRuleForm(BootstrapMixin, forms.ModelForm):
    months = forms.TypedMultipleChoiceField(label=_("Bulan"), choices=MONTHS, coerce=int, required=False,
                                            widget=forms.CheckboxSelectMultiple,
                                            help_text=_("Kosong: setiap bulan."))
    year = forms.IntegerField(label=_("Buat jadwal untuk tahun"), min_value=2000, max_value=2100)

    class Meta:
        model = RecurrenceRule
        fields = ["mode", "weekday", "nth", "day_of_month", "months", "capacity"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = dt.date.today().year
        self._style()


class SuggestForm(forms.Form):
    competency = forms.ModelChoiceField(label=_("Kompetensi"), queryset=Competency.objects.none())
    gap = forms.IntegerField(label=_("Kesenjangan (level)"), min_value=1, max_value=4, initial=1)
    position_type = forms.ChoiceField(label=_("Jenis jabatan"), required=False,
                                      choices=[("", _("Semua jenis"))] + PositionType.choices)
    current_level = forms.IntegerField(label=_("Level saat ini (opsional)"), min_value=1, max_value=5,
                                       required=False)

    def __init__(self, *args, agency_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = competencies_for(agency_id)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if isinstance(field.widget, forms.Select)
                                          else "form-control")


class SuggestionRuleForm(BootstrapMixin, forms.ModelForm):
    position_types = forms.MultipleChoiceField(label=_("Jenis jabatan"), choices=PositionType.choices,
                                               required=False, widget=forms.CheckboxSelectMultiple,
                                               help_text=_("Kosong: semua jenis jabatan."))
    method_codes = forms.CharField(label=_("Metode yang disarankan (kode, urut prioritas)"),
                                   help_text=_("Dipisah koma, mis. NK-MEN, NK-COA, KL-MAN"))

    class Meta:
        model = SuggestionRule
        fields = ["name", "competency_type", "min_gap", "max_gap", "position_types", "code_prefix",
                  "method_codes", "reason", "weight", "order", "active"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["method_codes"] = ", ".join(self.instance.method_codes or [])
        self._style()

    def clean_method_codes(self):
        return [c.strip().upper() for c in self.cleaned_data["method_codes"].split(",") if c.strip()]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas katalog (.xlsx atau .csv)"),
                           help_text=_("Gunakan kolom yang sama dengan berkas ekspor katalog."))
    skip_invalid = forms.BooleanField(
        label=_("Lewati baris yang tidak valid"), required=False,
        help_text=_("Tanpa pilihan ini, satu baris salah membatalkan seluruh impor (tidak ada yang ditulis)."))
