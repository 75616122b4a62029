from django.utils.translation import gettext_lazy as _

MONTHS = [(1, _("Januari")), (2, _("Februari")), (3, _("Maret")), (4, _("April")), (5, _("Mei")), (6, _("Juni")),
          (7, _("Juli")), (8, _("Agustus")), (9, _("September")), (10, _("Oktober")), (11, _("November")),
          (12, _("Desember"))]


def month_name(month: int | None) -> str:
    return str(dict(MONTHS).get(month, "-"))
