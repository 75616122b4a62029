"""The "Pengaturan talenta" form: every TalentSettings field, the keyed tables as one input per key (conf.py) and the
special BUP rules as a formset of rows (extra empty rows to add, a "hapus" box to remove: no script needed)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from . import conf as keys
from .models import TalentSettings

SPECIAL_PREFIX = "khusus"


class SettingsForm(forms.Form):
    def __init__(self, *args, conf: TalentSettings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(TalentSettings, fields=keys.SCALAR_FIELDS))
        self.initial.update(model_to_dict(conf, fields=keys.SCALAR_FIELDS))
        tables = keys.tables_of(conf)
        self._add(tables, "bup_table", keys.BUP_KEYS, keys.key_label,
                  lambda: forms.IntegerField(min_value=40, max_value=75))
        self._add(tables, "predicate_scores", keys.PREDICATE_KEYS, keys.key_label,
                  lambda: forms.FloatField(min_value=0, max_value=10))
        self._add(tables, "box_numbers", keys.BOX_KEYS, keys.box_label,
                  lambda: forms.IntegerField(min_value=1, max_value=9))
        self._add(tables, "min_rank_table", keys.MIN_RANK_KEYS, keys.key_label,
                  lambda: forms.ChoiceField(choices=[("", _("tanpa syarat golongan")), *keys.RANK_CHOICES],
                                            required=False))
        self._add(tables, "readiness_weights", keys.READINESS_KEYS, keys.key_label,
                  lambda: forms.FloatField(min_value=0, max_value=1))
        for field in self.fields.values():
            field.widget.attrs["class"] = ("form-select form-select-sm" if isinstance(field.widget, forms.Select)
                                           else "form-control form-control-sm")
        #: Errors of a whole table (e.g. two cells with the same box number), shown under the table.
        self.table_errors: dict[str, list[str]] = {}

    def full_clean(self) -> None:
        super().full_clean()
        self._mark_invalid()

    def _mark_invalid(self) -> None:
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = attrs.get("class", "").replace(" is-invalid", "") + " is-invalid"
                attrs["aria-invalid"] = "true"

    def _add(self, tables, table: str, table_keys, label, make) -> None:
        for key in table_keys:
            name = keys.field_name(table, key)
            self.fields[name] = make()
            self.fields[name].label = label(key)
            self.initial[name] = tables[table][key]

    def _inputs(self, table: str, table_keys) -> list[forms.BoundField]:
        return [self[keys.field_name(table, k)] for k in table_keys]

    def _scalar(self, *names: str) -> list[forms.BoundField]:
        return [self[name] for name in names]

    # the page's sections, in its order
    def bup_table_inputs(self):
        return self._inputs("bup_table", keys.BUP_KEYS)

    def retirement_inputs(self):
        return self._scalar(*keys.RETIREMENT_FIELDS)

    def predicate_inputs(self):
        return self._inputs("predicate_scores", keys.PREDICATE_KEYS)

    def performance_inputs(self):
        return self._scalar("performance_years", "performance_high", "performance_mid")

    def potential_inputs(self):
        return self._scalar("weight_jpm", "weight_next", "weight_ac", "potential_high", "potential_mid")

    def box_grid(self) -> list[tuple[str, list[forms.BoundField]]]:
        labels = (_("Kinerja tinggi"), _("Kinerja menengah"), _("Kinerja rendah"))
        return [(label, self._inputs("box_numbers", row)) for label, row in zip(labels, keys.BOX_ROWS, strict=True)]

    def eligibility_inputs(self):
        return self._scalar("key_horizon_years", "min_service_years", "max_rank_steps_below")

    def min_rank_inputs(self):
        return self._inputs("min_rank_table", keys.MIN_RANK_KEYS)

    def readiness_weight_inputs(self):
        return self._inputs("readiness_weights", keys.READINESS_KEYS)

    def readiness_inputs(self):
        return self._scalar("ready_now_match", "ready_now_box", "ready_soon_match", "ready_soon_box")

    def values(self) -> dict:
        """The cleaned values by TalentSettings field (keyed tables as dicts of the keys shown)."""
        data = self.cleaned_data
        out = {name: data[name] for name in keys.SCALAR_FIELDS}
        for table, attr in _KEYS.items():
            out[table] = {k: data[keys.field_name(table, k)] for k in getattr(keys, attr)}
        return out

    def add_service_errors(self, exc, special) -> None:
        """A service's ValidationError on the input it is about, the form keeping what was typed."""
        for name, messages in (exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}) \
                .items():
            if name in self.fields:
                self.add_error(name, messages)
            elif name == "bup_special":
                special.table_errors = messages
            elif name in _KEYS:
                self.table_errors[name] = messages
            else:
                self.add_error(None, messages)
        self._mark_invalid()


_KEYS = {"bup_table": "BUP_KEYS", "predicate_scores": "PREDICATE_KEYS", "box_numbers": "BOX_KEYS",
         "min_rank_table": "MIN_RANK_KEYS", "readiness_weights": "READINESS_KEYS"}


class SpecialRuleForm(forms.Form):
    contains = forms.CharField(label=_("kata dalam nama jabatan"), max_length=100,
                               widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))
    age = forms.IntegerField(label=_("BUP (tahun)"), min_value=40, max_value=75,
                             widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}))
    note = forms.CharField(label=_("dasar hukum / catatan"), max_length=200, required=False,
                           widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))

    def clean_contains(self) -> str:
        words = self.cleaned_data["contains"].strip()
        if not words:
            raise forms.ValidationError(_("Isi kata yang dicari dalam nama jabatan."))
        return words


class BaseSpecialRuleFormSet(forms.BaseFormSet):
    table_errors: list[str] = []

    def rules(self) -> list[dict]:
        """The rows kept: filled, not marked for removal (an empty extra row is skipped)."""
        return [{"contains": f.cleaned_data["contains"], "age": f.cleaned_data["age"],
                 "note": f.cleaned_data.get("note", "")}
                for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


SpecialRuleFormSet = forms.formset_factory(SpecialRuleForm, formset=BaseSpecialRuleFormSet, extra=2,
                                           can_delete=True, max_num=30, validate_max=True)


def special_formset(data, conf: TalentSettings) -> BaseSpecialRuleFormSet:
    rows = conf.bup_special if isinstance(conf.bup_special, list) else []
    return SpecialRuleFormSet(data, prefix=SPECIAL_PREFIX, initial=[
        {"contains": r.get("contains", ""), "age": r.get("age"), "note": r.get("note", "")}
        for r in rows if isinstance(r, dict)])
