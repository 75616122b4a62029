from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from renbang.core.navigation import NavItem, register


class MentoringConfig(AppConfig):
    name = "renbang.mentoring"
    label = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        from renbang.accounts import scoping
        from renbang.core.audit import register_audited

        from . import models
        from .selectors import mentor_grant

        register_audited(models.MentoringProgramme, models.Participant, models.Pair, models.Log, models.Feedback)
        scoping.register(models.MentoringProgramme, agency="agency")
        scoping.register(models.Participant, agency="programme__agency", unit="employee__unit",
                         employee="employee")
        scoping.register(models.Pair, agency="programme__agency", unit="mentee__unit", employee="mentee")
        scoping.register(models.Log, agency="pair__programme__agency", unit="pair__mentee__unit",
                         employee="pair__mentee")
        scoping.register(models.Feedback, agency="pair__programme__agency", unit="pair__mentee__unit",
                         employee="pair__mentee")
        scoping.register_grant(mentor_grant)
        register(NavItem("mentoring", _("Mentoring"), "mentoring:programme_list", "bi-people-fill", 45,
                         group="strategy", visible=lambda u: u.has_perm("mentoring.view_mentoring")))
