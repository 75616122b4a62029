from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from renbang.core.navigation import NavItem, register


class CatalogConfig(AppConfig):
    name = "renbang.catalog"
    label = "catalog"
    verbose_name = _("Katalog pengembangan")

    def ready(self) -> None:
        from renbang.core import home

        from . import home as home_page

        home.register_step(3, home_page.step)

        from renbang.accounts import scoping
        from renbang.core.audit import register_audited, register_exempt

        from . import models

        register_audited(models.Method, models.Provider, models.Programme, models.ProgrammeCompetency,
                         models.RecurrenceRule, models.SuggestionRule, models.ProgrammeEligibility)
        register_exempt(models.PlannedSession, "derived: generated from the audited RecurrenceRule and the holiday "
                                               "calendar by planned_sessions_generate, which rewrites them in place")
        # Reference data, no personal data: everyone in the agency reads, BKPSDM admins change. National rows
        # (agency NULL) are read through selectors.national_or_own().
        for model in (models.Provider, models.Programme):
            scoping.register(model, agency="agency")
        scoping.register(models.ProgrammeCompetency, agency="programme__agency")
        scoping.register(models.PlannedSession, agency="programme__agency")
        scoping.register(models.RecurrenceRule, agency="programme__agency")
        register(NavItem("catalog", _("Katalog"), "catalog:programme_list", "bi-journal-bookmark", 40, group="strategy",
                         visible=lambda u: u.has_perm("catalog.view_catalog")))

        from renbang.core import golive

        from . import golive as golive_checks

        golive.register(50, golive_checks.programmes)
