from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from renbang.catalog.forms import BootstrapMixin
from renbang.catalog.models import Programme
from renbang.catalog.selectors import methods_for_agency
from renbang.org.models import OrgUnit
from renbang.people.models import Employee

from .models import DeliverySettings, ExternalClaim, Session

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SessionForm(BootstrapMixin, forms.ModelForm):
    online_url = forms.URLField(label=_("tautan daring"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Session
        fields = ["programme", "title", "unit", "start_date", "end_date", "start_time", "end_time", "venue",
                  "online_url", "facilitator", "facilitator_employee", "capacity", "jp", "status", "notes"]
        widgets = {"start_date": DATE, "end_date": DATE, "start_time": TIME, "end_time": TIME,
                   "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        from renbang.accounts.models import User

        self.fields["programme"].queryset = Programme.objects.filter(agency=agency, active=True).order_by("title")
        self.fields["unit"].queryset = OrgUnit.objects.filter(agency=agency).order_by("name")
        self.fields["facilitator"].queryset = User.objects.filter(agency=agency, is_active=True).order_by(
            "username")
        self.fields["facilitator_employee"].queryset = Employee.objects.filter(agency=agency, active=True)
        self.fields["facilitator_employee"].widget = forms.NumberInput()
        self.fields["facilitator_employee"].help_text = _("Opsional: ID pegawai bila fasilitator pegawai instansi.")
        self.fields["jp"].required = False
        self.fields["capacity"].required = False
        self._style()


class FromPlannedForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100,
                              widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}))
    month = forms.IntegerField(label=_("Bulan"), min_value=1, max_value=12, required=False,
                               widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}))


class FromPlanForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Rencana yang ditetapkan"), queryset=None,
                                  widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import approved_plans

        self.fields["plan"].queryset = approved_plans(agency)


class InviteForm(forms.Form):
    nips = forms.CharField(label=_("NIP"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                           help_text=_("Satu NIP per baris (atau dipisah koma/spasi)."))
    unit = forms.ModelChoiceField(label=_("atau seluruh pegawai unit"), queryset=OrgUnit.objects.none(),
                                  required=False, widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["unit"].queryset = OrgUnit.objects.filter(agency=agency).order_by("name")

    def clean(self):
        data = super().clean()
        text = (data.get("nips") or "").replace(",", " ").replace(";", " ")
        nips = [n for n in text.split() if n]
        if len(nips) > 2000:
            raise forms.ValidationError(_("Paling banyak 2.000 NIP sekali undang."))
        if not nips and not data.get("unit"):
            raise forms.ValidationError(_("Isi NIP atau pilih unit."))
        employees = list(Employee.objects.filter(agency=self.agency, nip__in=nips, active=True))
        unknown = sorted(set(nips) - {e.nip for e in employees})
        if unknown:
            raise forms.ValidationError(_("NIP tidak ditemukan: %(nips)s") % {"nips": ", ".join(unknown[:20])})
        if data.get("unit"):
            units = OrgUnit.objects.descendants(data["unit"], include_self=True).values("pk")
            employees += list(Employee.objects.filter(agency=self.agency, unit__in=units, active=True)
                              .exclude(pk__in=[e.pk for e in employees]).order_by("name")[:2000])
        data["employees"] = employees
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=1000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))


class ReplaceForm(forms.Form):
    candidate = forms.ModelChoiceField(label=_("Pengganti"), queryset=Employee.objects.none(),
                                       widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates


class CheckinForm(forms.Form):
    code = forms.CharField(label=_("Kode presensi"), max_length=12,
                           widget=forms.TextInput(attrs={"class": "form-control text-uppercase",
                                                         "autocomplete": "off", "autofocus": True}))


class VerifyForm(forms.Form):
    kode = forms.CharField(label=_("Kode verifikasi"), max_length=40,
                           widget=forms.TextInput(attrs={"class": "form-control text-uppercase",
                                                         "autocomplete": "off"}))


class ClaimForm(BootstrapMixin, forms.ModelForm):
    upload = forms.FileField(label=_("Berkas sertifikat/STTPP"), help_text=_("PDF atau gambar (PNG, JPEG, WebP)."),
                             widget=forms.ClearableFileInput(attrs={"accept": ".pdf,image/png,image/jpeg,image/webp"}))

    class Meta:
        model = ExternalClaim
        fields = ["title", "provider_name", "method", "start_date", "end_date", "jp", "certificate_number"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = methods_for_agency(agency.pk if agency else None)
        self._style()

    def clean(self):
        data = super().clean()
        from .services.claims import check_claim_dates

        try:
            check_claim_dates(data.get("end_date"))
        except ValidationError as exc:
            self.add_error(None, exc)
        return data


class ClaimDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("verify", _("Verifikasi")), ("reject", _("Tolak"))],
                                 widget=forms.RadioSelect)
    jp = forms.DecimalField(label=_("JP diakui"), required=False, min_value=0.5, max_value=2000, decimal_places=2,
                            widget=forms.NumberInput(attrs={"class": "form-control form-control-sm",
                                                            "step": "0.5"}))
    reason = forms.CharField(label=_("Alasan penolakan"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}))


class SettingsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = DeliverySettings
        fields = ["completion_percent", "jp_target", "pppk_jp_cap", "include_pppk_in_target", "max_upload_mb",
                  "self_checkin"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
