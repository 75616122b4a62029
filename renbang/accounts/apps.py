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

        from renbang.core.navigation import NavItem, register

        register(NavItem("audit", _("Jejak audit"), "accounts:audit_log", "bi-clock-history", 90, group="data",
                         visible=lambda u: u.has_perm("accounts.view_audit")))
        register(NavItem("employee_accounts", _("Akun pegawai"), "accounts:employee_accounts", "bi-person-badge", 85,
                         group="data", visible=lambda u: u.has_perm("accounts.manage_accounts")))
