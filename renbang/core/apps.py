from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "renbang.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from renbang.core.audit import register_exempt

        from . import golive, models

        golive.register(80, golive.sso_check)
        golive.register(85, golive.mail_check)
        golive.register(90, golive.backup_check)

        register_exempt(models.Job, "operational: a background run (who started it is on the row); what the job "
                                    "writes is audited where it is written")
        register_exempt(models.Notice, "operational: a message to one user about something audited elsewhere "
                                       "(an invitation, a decision, a reminder)")
