from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "renbang.plans"
    label = "plans"
    verbose_name = _("Rencana pengembangan")

    def ready(self) -> None:
        from renbang.accounts import scoping
        from renbang.core.audit import register_audited

        from . import models

        register_audited(models.PlanningScenario, models.ScenarioUnitBudget, models.DevelopmentPlan,
                         models.PlanItem, models.PlanAssignment, models.IndividualPlan, models.IdpComment,
                         exclude_fields=["summary"])
        for model in (models.PlanAssignment, models.IndividualPlan):
            scoping.register(model, agency="plan__agency", unit="employee__unit", employee="employee")
        scoping.register(models.IdpComment, agency="idp__plan__agency", unit="idp__employee__unit",
                         employee="idp__employee")
        for model in (models.PlanningScenario, models.DevelopmentPlan):
            scoping.register(model, agency="agency")
        scoping.register(models.PlanItem, agency="plan__agency")
