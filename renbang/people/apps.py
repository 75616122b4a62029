from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from renbang.core.navigation import NavItem, register


class PeopleConfig(AppConfig):
    name = "renbang.people"
    label = "people"
    verbose_name = _("Kepegawaian")

    def ready(self) -> None:
        from renbang.accounts import scoping
        from renbang.core.audit import register_audited

        from . import models

        register_audited(models.Employee, models.PerformanceRecord)
        scoping.register(models.Employee, agency="agency", unit="unit", employee="pk")
        scoping.register(models.PerformanceRecord, agency="employee__agency", unit="employee__unit",
                         employee="employee")
        register(NavItem("people", _("Pegawai"), "people:list", "bi-people", 10, group="data",
                         visible=lambda u: u.has_perm("people.list_employees")))

        from renbang.core import golive

        from . import golive as golive_checks

        golive.register(30, golive_checks.roster)
        golive.register(60, golive_checks.accounts)
