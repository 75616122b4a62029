"""The agency's profile (first-run setup and the profile page) and the first BKPSDM admin account."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Agency


class AgencyProfileForm(forms.ModelForm):
    """Code, names, PPK, address, year and the letterhead logo (checked by content, refused with a message)."""

    logo_file = forms.FileField(
        label=_("Logo untuk kop surat"), required=False,
        help_text=_("PNG atau JPEG, paling besar 1 MB dan 2000 piksel per sisi. Tampil di kop setiap dokumen PDF."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Hapus logo"), required=False)

    class Meta:
        model = Agency
        fields = ["code", "name", "region", "hr_agency_name", "head_title", "head_name", "address", "current_year"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"code": _("Huruf kecil, angka dan tanda hubung, mis. kota-medan. Dipakai perintah "
                                "manage.py --agency.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["current_year"].widget.attrs.update({"min": 2000, "max": 2100})
        if not self.instance.logo:
            del self.fields["remove_logo"]
        for field in self.fields.values():
            checkbox = isinstance(field.widget, forms.CheckboxInput)
            field.widget.attrs.setdefault("class", "form-check-input" if checkbox else "form-control")

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        return services.logo_checked(upload) if upload else None

    def save_profile(self) -> Agency:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return services.agency_save(agency=self.instance if self.instance.pk else None,
                                    logo=self.cleaned_data.get("logo_file"),
                                    remove_logo=bool(self.cleaned_data.get("remove_logo")), **fields)


class SetupForm(AgencyProfileForm):
    """First-run setup: the agency's profile plus the first BKPSDM admin account."""

    admin_username = forms.CharField(label=_("Nama pengguna admin BKPSDM"), max_length=150,
                                     widget=forms.TextInput(attrs={"autocomplete": "off"}))
    admin_name = forms.CharField(label=_("Nama lengkap admin"), max_length=150)
    admin_email = forms.EmailField(label=_("E-mail admin"))
    admin_password1 = forms.CharField(label=_("Kata sandi admin"), strip=False,
                                      widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                      help_text=password_validators_help_text_html())
    admin_password2 = forms.CharField(label=_("Ulangi kata sandi"), strip=False,
                                      widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["current_year"].required = True

    def clean_admin_username(self):
        username = self.cleaned_data["admin_username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Nama pengguna ini sudah dipakai."))
        return username

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("admin_password1"), cleaned.get("admin_password2")
        if first and second and first != second:
            self.add_error("admin_password2", _("Kedua kata sandi tidak sama."))
        elif first:
            name = cleaned.get("admin_name", "")
            probe = get_user_model()(username=cleaned.get("admin_username", ""), email=cleaned.get("admin_email", ""),
                                     first_name=name)
            try:
                validate_password(first, probe)
            except ValidationError as exc:
                self.add_error("admin_password1", exc)
        return cleaned

    def admin_fields(self) -> dict:
        return {"username": self.cleaned_data["admin_username"], "email": self.cleaned_data["admin_email"],
                "password": self.cleaned_data["admin_password1"], "first_name": self.cleaned_data["admin_name"]}
