"""`{% sso_button %}`: the single sign-on button of the login page, shown only while SSO is configured."""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from renbang.accounts.oidc import enabled

register = template.Library()


@register.inclusion_tag("accounts/includes/sso_button.html", takes_context=True)
def sso_button(context):
    return {
        "enabled": enabled(),
        "label": settings.OIDC_BUTTON_LABEL or _("Masuk dengan SSO ASN"),
        "next": context.get("next", ""),
    }
