from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "renbang.talent"
    label = "talent"
    verbose_name = _("Talenta dan suksesi")

    def ready(self) -> None:
        from renbang.accounts import scoping
        from renbang.core import employee_sections
        from renbang.core.audit import register_audited
        from renbang.core.navigation import NavItem, register

        from . import models, rules  # noqa: F401 (permissions)

        register_audited(models.TalentSettings, models.KeyPosition, models.SuccessionGroup, models.SuccessionMember)
        scoping.register(models.TalentSettings, agency="agency")
        scoping.register(models.KeyPosition, agency="agency")
        scoping.register(models.SuccessionGroup, agency="key_position__agency")
        scoping.register(models.SuccessionMember, agency="group__key_position__agency", unit="employee__unit",
                         employee="employee")
        register(NavItem("talent_outlook", _("Proyeksi pensiun"), "talent:outlook", "bi-hourglass-split", 38,
                         group="talent",
                         visible=lambda u: u.has_perm("talent.view_outlook")))
        register(NavItem("talent_box", _("Kotak talenta"), "talent:box", "bi-grid-3x3", 39, group="talent",
                         visible=lambda u: u.has_perm("talent.view_box")))
        register(NavItem("talent_keys", _("Jabatan kunci"), "talent:keys", "bi-diagram-3", 40, group="talent",
                         visible=lambda u: u.has_perm("talent.view_succession")))
        from .views import employee_section

        employee_sections.register(employee_section)
