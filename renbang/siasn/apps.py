from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiasnConfig(AppConfig):
    name = "renbang.siasn"
    label = "siasn"
    verbose_name = _("Koneksi SIASN BKN")

    def ready(self) -> None:
        from renbang.accounts import scoping
        from renbang.core import employee_sections
        from renbang.core.audit import register_audited, register_exempt
        from renbang.core.navigation import NavItem, register

        from . import models
        from .sections import employee_section

        register_audited(models.EmployeeLink, models.UnitLink, models.PositionRecord, models.JenisMapping,
                         models.OutboxItem)
        register_exempt(models.SyncRun, "the report of a pull (its checkpoint and counts); every row the pull "
                                        "writes (employees, units, training history, links) is audited itself")
        scoping.register(models.OutboxItem, agency="agency", unit="employee__unit", employee="employee")
        scoping.register(models.PositionRecord, agency="employee__agency", unit="employee__unit",
                         employee="employee")
        scoping.register(models.SyncRun, agency="agency")
        scoping.register(models.JenisMapping, agency="agency")
        employee_sections.register(employee_section)
        register(NavItem("siasn", _("SIASN"), "siasn:outbox", "bi-cloud-arrow-up", 95,
                         visible=lambda u: u.has_perm("siasn.view_outbox")))
