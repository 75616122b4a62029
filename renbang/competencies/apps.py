from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "renbang.competencies"
    label = "competencies"
    verbose_name = _("Standar kompetensi")

    def ready(self) -> None:
        from renbang.core import home

        from . import home as home_page

        home.register_step(1, home_page.step)

        from renbang.accounts import scoping
        from renbang.core import employee_sections
        from renbang.core.audit import register_audited
        from renbang.core.navigation import NavItem, register

        from . import models
        from .views.employee import requirement_section

        register_audited(models.Competency, models.Level, models.Indicator, models.PositionStandard,
                         models.StandardDefault)
        # Competency itself has national rows (agency NULL): read through selectors.competencies_for_user.
        scoping.register(models.PositionStandard, agency="position__agency")
        scoping.register(models.StandardDefault, agency="agency")
        register(NavItem("competencies", _("Kamus kompetensi"), "competencies:list", "bi-journal-bookmark", 30,
                         group="standards",
                         visible=lambda u: u.has_perm("competencies.view_competency")))
        register(NavItem("standards", _("Standar jabatan"), "competencies:standard_list", "bi-bar-chart-steps", 31,
                         group="standards",
                         visible=lambda u: u.has_perm("competencies.view_standard")))
        employee_sections.register(requirement_section)

        from renbang.core import golive

        from . import golive as golive_checks

        golive.register(40, golive_checks.standards)
