from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from renbang.core.navigation import NavItem, register


class NeedsConfig(AppConfig):
    name = "renbang.needs"
    label = "needs"
    verbose_name = _("Analisis kebutuhan")

    def ready(self) -> None:
        from renbang.core import home

        from . import home as home_page

        home.register_step(2, home_page.step)
        home.register_tasks(home_page.tasks)

        from renbang.accounts import scoping
        from renbang.core import employee_sections
        from renbang.core.audit import register_audited

        from . import models
        from .views_results import employee_section

        register_audited(models.Campaign, models.Assessment, models.AssessmentScore, models.PriorityWeights,
                         models.FocusGroup, models.AgreedNeed)
        for model in (models.Assessment, models.Reminder, models.SurveyResponse):
            scoping.register(model, agency="employee__agency", unit="employee__unit", employee="employee")
        # Computed rows: the agency through the (small) campaign table keeps the admin's heatmap join-free.
        for model in (models.CurrentLevel, models.JobMatch, models.Need):
            scoping.register(model, agency="campaign__agency", unit="employee__unit", employee="employee")
        for model in (models.Campaign, models.PriorityWeights, models.NeedsSurvey, models.FocusGroup):
            scoping.register(model, agency="agency")
        employee_sections.register(employee_section)
        register(NavItem("needs", _("Kebutuhan"), "needs:index", "bi-clipboard2-data", 35,
                         visible=lambda u: u.has_perm("needs.use")))
