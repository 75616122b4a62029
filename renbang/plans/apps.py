from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "renbang.plans"
    label = "plans"
    verbose_name = _("Rencana pengembangan")

    def ready(self) -> None:
        from renbang.core import home

        from . import home as home_page

        home.register_step(4, home_page.step)
        home.register_tasks(home_page.tasks)

        from renbang.accounts import scoping
        from renbang.core import employee_sections
        from renbang.core.audit import register_audited
        from renbang.core.navigation import NavItem, register

        from . import models, rules  # noqa: F401  (registers the permissions)
        from .views_idp import employee_section

        register_audited(models.PlanningScenario, models.ScenarioUnitBudget, models.DevelopmentPlan,
                         models.PlanItem, models.PlanAssignment, models.PlanTransition, models.IndividualPlan,
                         models.IdpComment, exclude_fields=["summary"])
        for model in (models.PlanAssignment, models.IndividualPlan):
            scoping.register(model, agency="plan__agency", unit="employee__unit", employee="employee")
        scoping.register(models.IdpComment, agency="idp__plan__agency", unit="idp__employee__unit",
                         employee="idp__employee")
        for model in (models.PlanningScenario, models.DevelopmentPlan):
            scoping.register(model, agency="agency")
        scoping.register(models.PlanItem, agency="plan__agency")
        register(NavItem("plans", _("Rencana"), "plans:index", "bi-calendar2-check", 42,
                         visible=lambda u: u.has_perm("plans.view_plans")))
        register(NavItem("idp", _("IDP"), "plans:idp_list", "bi-person-lines-fill", 43,
                         visible=lambda u: u.has_perm("plans.view_idp") and not u.has_perm("plans.view_plans")))
        employee_sections.register(employee_section)
