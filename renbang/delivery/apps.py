from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from renbang.core.navigation import NavItem, register


class DeliveryConfig(AppConfig):
    name = "renbang.delivery"
    label = "delivery"
    verbose_name = _("Pelaksanaan pengembangan")

    def ready(self) -> None:
        from renbang.core import home

        from . import home as home_page

        home.register_step(5, home_page.step)
        home.register_tasks(home_page.tasks)

        from renbang.accounts import scoping
        from renbang.core.audit import register_audited

        from . import models
        from .selectors import facilitator_grant

        register_audited(models.DeliverySettings, models.Session, models.SessionDay, models.Enrolment,
                         models.Attendance, models.ExternalClaim, models.Certificate, models.TrainingRecord)
        # Sessions and their days are the agency's calendar (no personal data): everyone in the agency reads,
        # BKPSDM admins change; facilitators act on their own sessions through services' checks.
        scoping.register(models.Session, agency="agency")
        scoping.register(models.SessionDay, agency="session__agency")
        scoping.register(models.DeliverySettings, agency="agency")
        scoping.register(models.Enrolment, agency="session__agency", unit="employee__unit", employee="employee")
        scoping.register(models.Attendance, agency="enrolment__session__agency", unit="enrolment__employee__unit",
                         employee="enrolment__employee")
        scoping.register(models.ExternalClaim, agency="employee__agency", unit="employee__unit",
                         employee="employee")
        scoping.register(models.TrainingRecord, agency="employee__agency", unit="employee__unit",
                         employee="employee")
        scoping.register(models.Certificate, agency="enrolment__session__agency",
                         unit="enrolment__employee__unit", employee="enrolment__employee")
        scoping.register_grant(facilitator_grant, models=(models.Enrolment, models.Attendance))
        from renbang.core import figures
        from renbang.mentoring.models import Log, Pair
        from renbang.org.models import OrgUnit
        from renbang.people.models import Employee

        # What the JP ledger reads (delivery.ledger): its cached figures are read again after any change of these.
        figures.watch(models.DeliverySettings, models.Session, models.Enrolment, models.ExternalClaim,
                      models.TrainingRecord, Log, Pair, Employee, OrgUnit)
        register(NavItem("delivery", _("Pelaksanaan"), "delivery:calendar", "bi-calendar-event", 50,
                         visible=lambda u: u.has_perm("delivery.view_calendar")))
