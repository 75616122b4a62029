from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kode 6 angka dari aplikasi autentikator"), max_length=6, min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True,
                                      "pattern": "[0-9]{6}"}),
        error_messages={"min_length": _("Kode terdiri dari 6 angka."), "max_length": _("Kode terdiri dari 6 angka.")},
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("Kode terdiri dari 6 angka."))
        return token


class RecoveryForm(forms.Form):
    token = forms.CharField(label=_("Kode pemulihan"), max_length=16,
                            widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}))
