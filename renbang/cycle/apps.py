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

        from renbang.catalog.models import Programme
        from renbang.competencies.models import Competency
        from renbang.core import figures
        from renbang.delivery.models import Certificate
        from renbang.evaluation import models as evaluation
        from renbang.mentoring.models import Feedback as MentoringFeedback
        from renbang.mentoring.models import Log, MentoringProgramme, Pair
        from renbang.needs.models import Campaign, JobMatch, Need
        from renbang.plans.models import DevelopmentPlan, IndividualPlan, PlanAssignment, PlanItem

        # What the leaders' dashboard reads beyond the JP ledger (which delivery watches): its cached figures are
        # read again after any change of these (a campaign's computation saves the campaign; a closing its row).
        figures.watch(models.YearClosing, models.CarriedNeed, Campaign, Need, JobMatch, DevelopmentPlan, PlanItem,
                      PlanAssignment, Log, Pair, MentoringProgramme, evaluation.Feedback, evaluation.TestScore,
                      evaluation.ProgrammeReview, evaluation.EvaluationSettings, Programme, Competency)
        # ... and what an employee's "my development" reads beyond those (views.my_development keeps it per user).
        figures.watch(IndividualPlan, Certificate, MentoringFeedback)
        register(NavItem("my_development", _("Saya"), "cycle:my_development", "bi-person-badge", 5,
                         visible=lambda u: u.has_perm("cycle.view_my_development")))
        register(NavItem("dashboard", _("Pimpinan"), "cycle:dashboard", "bi-speedometer2", 70,
                         visible=lambda u: u.has_perm("cycle.view_dashboard")))
