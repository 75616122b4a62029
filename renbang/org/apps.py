from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from renbang.core.navigation import NavItem, register


class OrgConfig(AppConfig):
    name = "renbang.org"
    label = "org"
    verbose_name = _("Organisasi")

    def ready(self) -> None:
        from renbang.accounts import scoping
        from renbang.core.audit import register_audited

        from . import models

        register_audited(models.Agency, models.OrgUnit, models.Position, models.JobFamily)
        for model in (models.OrgUnit, models.Position, models.JobFamily):
            scoping.register(model, agency="agency")
        register(NavItem("units", _("Unit kerja"), "org:unit_tree", "bi-diagram-3", 20, group="data"))
        register(NavItem("positions", _("Jabatan"), "org:position_list", "bi-briefcase", 21, group="data"))
        register(NavItem("agency_profile", _("Profil instansi"), "org:agency_profile", "bi-building", 22,
                         group="data", visible=lambda u: u.has_perm("org.change_agency")))
        register(NavItem("golive", _("Persiapan go-live"), "org:golive", "bi-list-check", 23,
                         group="data", visible=lambda u: u.has_perm("org.view_golive")))

        from renbang.core import golive

        from . import golive as golive_checks

        golive.register(10, golive_checks.units)
        golive.register(20, golive_checks.positions)
