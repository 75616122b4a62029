from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("Nama pengguna"), widget=forms.TextInput(attrs={"autofocus": True,
                                                                                         "autocomplete": "username"}))
    password = forms.CharField(label=_("Kata sandi"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah. Setelah beberapa kali gagal, akun dikunci sementara."),
        "inactive": _("Akun ini tidak aktif."),
    }


class RoleGrantForm(forms.Form):
    """Give a role; the unit (OPD HR officer only) is picked among the current units of the user's agency."""

    role = forms.ChoiceField(label=_("Peran"))
    unit = forms.ModelChoiceField(label=_("Unit yang dikelola"), queryset=None, required=False,
                                  help_text=_("Hanya untuk pengelola kepegawaian OPD: unit ini beserta seluruh "
                                              "unit di bawahnya."))

    def __init__(self, *args, user, **kwargs):
        from renbang.org.models import OrgUnit

        from .models import GRANTABLE_ROLES, Role

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, Role(r).label) for r in GRANTABLE_ROLES]
        self.fields["unit"].queryset = OrgUnit.objects.filter(agency_id=user.agency_id).current().order_by("name")

    def clean(self):
        from .models import Role

        data = super().clean()
        if data.get("role") == Role.HR_OFFICER and not data.get("unit"):
            self.add_error("unit", _("Pilih unit yang dikelola."))
        return data
