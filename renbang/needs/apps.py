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
        from renbang.core.audit import register_audited, register_exempt

        from . import models
        from .views_results import employee_section

        register_audited(models.Campaign, models.Assessment, models.AssessmentScore, models.PriorityWeights,
                         models.AgreedNeed, models.NeedsSurvey, models.FocusGroupAttachment)
        # Who took part in an FGD and which competencies an employee wished for are part of the record.
        register_audited(models.FocusGroup, m2m_fields=["participants"])
        register_audited(models.SurveyResponse, m2m_fields=["competencies"])
        derived = ("derived: recomputed as a whole by needs.compute (bulk COPY, no signals) from audited rows "
                   "(Assessment, AssessmentScore, PositionStandard, PerformanceRecord, PriorityWeights); "
                   "the audited act is the campaign's computation")
        for model in (models.CurrentLevel, models.JobMatch, models.Need):
            register_exempt(model, derived)
        register_exempt(models.Reminder, "operational: a notice that a questionnaire is still waiting, written in "
                                         "bulk by reminders_send; it changes no data and decides nothing")
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
