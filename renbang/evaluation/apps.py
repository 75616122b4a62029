from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from renbang.core.navigation import NavItem, register


def _sees_evaluation(user) -> bool:
    return user.has_perm("evaluation.view_results") or user.has_perm("evaluation.give_feedback")


class EvaluationConfig(AppConfig):
    name = "renbang.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluasi dan umpan balik")

    def ready(self) -> None:
        from renbang.core import home

        from . import home as home_page

        home.register_step(6, home_page.step)
        home.register_tasks(home_page.tasks)

        from renbang.accounts import scoping
        from renbang.catalog.selectors import register_effectiveness_source
        from renbang.core.audit import register_audited, register_exempt

        from . import models
        from .evidence import loop_effectiveness

        register_audited(models.EvaluationSettings, models.TestScore, models.FollowUp, models.ProgrammeReview)
        # Feedback is audited by count only: its answers are anonymous to everyone (no per-row audit entries).
        register_exempt(models.Feedback, "anonymous by design (L1): per-row entries would tie answers to a person")
        register_exempt(models.ReminderLog, "operational: when a reminder went out, so nobody is reminded twice a day")
        scoping.register(models.EvaluationSettings, agency="agency")
        scoping.register(models.ProgrammeReview, agency="programme__agency")
        for model in (models.Feedback, models.TestScore, models.FollowUp, models.ReminderLog):
            scoping.register(model, agency="enrolment__session__agency", unit="enrolment__employee__unit",
                             employee="enrolment__employee")
        # Close the loop: measured effectiveness replaces the catalogue's default in the planner's offers.
        register_effectiveness_source("evaluation", loop_effectiveness)
        register(NavItem("evaluation", _("Evaluasi"), "evaluation:index", "bi-clipboard2-check", 60,
                         visible=_sees_evaluation))
