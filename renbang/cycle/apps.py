from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "renbang.cycle"
    label = "cycle"
    verbose_name = _("Siklus pengembangan")

    def ready(self) -> None:
        from renbang.core import home

        from . import home as home_page

        home.register_tasks(home_page.tasks)

        from renbang.accounts import scoping
        from renbang.core.audit import register_audited, register_exempt
        from renbang.core.navigation import NavItem, register
        from renbang.plans.carried import register_carried_source

        from . import models, selectors

        # CarriedNeed rows are derived by the closing (like needs.Need): the closing itself is the audited decision.
        register_audited(models.YearClosing)
        register_exempt(models.CarriedNeed, "derived by the year closing; the closing (YearClosing) is the audited "
                                            "decision")
        scoping.register(models.YearClosing, agency="agency")
        scoping.register(models.CarriedNeed, agency="agency", unit="employee__unit", employee="employee")
        # Next year's planning scenarios start from what the closing carried over (plans cannot import cycle).
        register_carried_source("cycle", selectors.carried_for_plans)
        register(NavItem("my_development", _("Saya"), "cycle:my_development", "bi-person-badge", 5,
                         visible=lambda u: u.has_perm("cycle.view_my_development")))
        register(NavItem("dashboard", _("Pimpinan"), "cycle:dashboard", "bi-speedometer2", 70,
                         visible=lambda u: u.has_perm("cycle.view_dashboard")))
