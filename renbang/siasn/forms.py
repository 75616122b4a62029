from django import forms
from django.utils.translation import gettext_lazy as _

from renbang.people.models import Employee
from renbang.people.nip import normalise_nip

from .models import Target


class PullForm(forms.Form):
    nips = forms.CharField(label=_("NIP"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Satu NIP per baris (atau dipisah koma/spasi)."))
    all_active = forms.BooleanField(label=_("Semua pegawai aktif instansi"), required=False)
    dry_run = forms.BooleanField(label=_("Uji coba: hitung perubahan saja, jangan simpan"), required=False,
                                 initial=True)

    def clean(self):
        data = super().clean()
        raw = [normalise_nip(n) for n in (data.get("nips") or "").replace(",", " ").split()]
        bad = [n for n in raw if not (n.isdigit() and len(n) == 18)]
        if bad:
            self.add_error("nips", _("NIP harus 18 digit angka: %(n)s") % {"n": ", ".join(bad[:5])})
        data["nip_list"] = raw
        if not raw and not data.get("all_active"):
            raise forms.ValidationError(_("Isi NIP atau pilih semua pegawai aktif."))
        return data

    def nip_list(self, agency) -> list[str]:
        nips = list(self.cleaned_data["nip_list"])
        if self.cleaned_data.get("all_active"):
            nips += list(Employee.objects.filter(agency=agency, active=True).order_by("nip")
                         .values_list("nip", flat=True))
        return list(dict.fromkeys(nips))


class MappingForm(forms.Form):
    method_code = forms.CharField(label=_("Kode metode"), max_length=20)
    target = forms.ChoiceField(label=_("Dikirim sebagai"), choices=Target.choices)
    jenis_diklat_id = forms.CharField(label=_("jenisDiklatId"), max_length=12, required=False)
    latihan_struktural_id = forms.CharField(label=_("latihanStrukturalId"), max_length=12, required=False)
