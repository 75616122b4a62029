from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "renbang.accounts"
    label = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self) -> None:
        from renbang.core.audit import register_audited

        from . import models

        register_audited(models.User, exclude_fields=["password", "last_login"])
        register_audited(models.Activation, exclude_fields=["token_hash", "code_hash", "password_stamp"])
        register_audited(models.RoleGrant)
        from . import scoping

        scoping.register(models.RoleGrant, agency="user__agency")  # read and changed by the BKPSDM admin only
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        noise = ["throttling_failure_timestamp", "throttling_failure_count", "last_used_at"]
        register_audited(TOTPDevice, exclude_fields=["key", "last_t", "drift", *noise])
        register_audited(StaticDevice, exclude_fields=noise)

        from django.contrib.auth.signals import user_logged_in

        from .twofactor.state import remember_device_state

        user_logged_in.connect(lambda sender, request, user, **kw: request and remember_device_state(request, user),
                               weak=False, dispatch_uid="renbang_otp_state")

        from renbang.core.navigation import NavItem, register

        register(NavItem("roles", _("Peran dan akses"), "accounts:roles_index", "bi-person-badge", 89, group="data",
                         visible=lambda u: u.has_perm("accounts.manage_roles")))
        register(NavItem("audit", _("Jejak audit"), "accounts:audit_log", "bi-clock-history", 90, group="data",
                         visible=lambda u: u.has_perm("accounts.view_audit")))
        register(NavItem("employee_accounts", _("Akun pegawai"), "accounts:employee_accounts", "bi-person-badge", 85,
                         group="data", visible=lambda u: u.has_perm("accounts.manage_accounts")))
