from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renbang.catalog.models import Programme
from renbang.competencies.models import Competency
from renbang.needs.models import Campaign
from renbang.org.models import OrgUnit

from .models import PlanningScenario


class StyledMixin:
    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
                widget.attrs.setdefault("size", "6")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


TALENT_OPTIONS = ("retirement_rule", "retirement_weight", "successor_weight")


class ScenarioForm(StyledMixin, forms.ModelForm):
    unit_budgets = forms.CharField(
        label=_("Anggaran per unit"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Satu unit per baris: kode atau nama unit, titik dua, jumlah Rupiah. "
                    "Contoh: Dinas Kesehatan: 250000000. Unit yang tidak disebut berbagi anggaran total."))

    class Meta:
        model = PlanningScenario
        fields = ["name", "year", "description", "campaign", "budget_total", "jp_floor_pns", "jp_cap_pppk",
                  "jp_cap_general", "max_sessions_per_month", "include_next_position", "jp_floor_weight",
                  "candidates_per_employee", "use_carried_needs", "carried_boost", "retirement_rule",
                  "retirement_weight", "successor_weight", "proposed_sessions", "time_limit",
                  "competencies", "programmes", "units"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.instance.agency = agency
        self.fields["campaign"].queryset = Campaign.objects.filter(agency=agency, status=Campaign.Status.CLOSED)
        self.fields["competencies"].queryset = Competency.objects.filter(
            Q(agency__isnull=True) | Q(agency=agency), active=True).order_by("code")
        self.fields["programmes"].queryset = Programme.objects.filter(agency=agency, active=True).order_by("title")
        self.fields["units"].queryset = OrgUnit.objects.filter(agency=agency, parent__isnull=True).order_by("name")
        for name in TALENT_OPTIONS:  # optional on the form (API clients and older forms omit them): the default
            self.fields[name].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["unit_budgets"] = "\n".join(
                f"{b.unit.name}: {b.amount}" for b in self.instance.unit_budgets.select_related("unit"))
        self._style()

    def clean_unit_budgets(self) -> dict[int, int]:
        text = self.cleaned_data.get("unit_budgets") or ""
        units = OrgUnit.objects.filter(agency=self.agency)
        result: dict[int, int] = {}
        problems = []
        for n, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line:
                continue
            name, sep, amount = line.rpartition(":")
            name = name.strip()
            digits = amount.strip().replace(".", "").replace(",", "").replace("Rp", "").strip()
            if not sep or not name or not digits.isdigit():
                problems.append(_("Baris %(n)s: tulis \"nama unit: jumlah\", mis. Dinas Kesehatan: 250000000.")
                                % {"n": n})
                continue
            found = list(units.filter(Q(code=name) | Q(name__iexact=name))[:2])
            if len(found) != 1:
                problems.append(_("Baris %(n)s: unit \"%(name)s\" tidak ditemukan atau tidak unik.")
                                % {"n": n, "name": name})
                continue
            if len(digits) > 15:
                problems.append(_("Baris %(n)s: jumlah terlalu besar.") % {"n": n})
                continue
            result[found[0].pk] = int(digits)
        if problems:
            raise forms.ValidationError(problems)
        return result

    def clean(self):
        data = super().clean()
        for name in TALENT_OPTIONS:
            if data.get(name) in (None, "") and name not in self.errors:
                data[name] = PlanningScenario._meta.get_field(name).get_default()
        total = data.get("budget_total")
        units = data.get("unit_budgets") or {}
        if total is not None and sum(units.values()) > total:
            self.add_error("unit_budgets", _("Jumlah anggaran unit melebihi anggaran total."))
        return data


class AddParticipantForm(forms.Form):
    nip = forms.CharField(label=_("NIP pegawai"), max_length=18)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Catatan"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
