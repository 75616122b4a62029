from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "renbang.talent"
    label = "talent"
    verbose_name = _("Talenta dan suksesi")

    def ready(self) -> None:
        from renbang.accounts import scoping
        from renbang.core.audit import register_audited

        from . import models, rules  # noqa: F401 (permissions)

        register_audited(models.TalentSettings, models.KeyPosition, models.SuccessionGroup, models.SuccessionMember)
        scoping.register(models.TalentSettings, agency="agency")
        scoping.register(models.KeyPosition, agency="agency")
        scoping.register(models.SuccessionGroup, agency="key_position__agency")
        scoping.register(models.SuccessionMember, agency="group__key_position__agency", unit="employee__unit",
                         employee="employee")
