from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

from renbang.api.docs import RedocView, SwaggerView, redoc_bundle

urlpatterns = [
    path("", include("renbang.core.urls")),
    path("akun/", include("renbang.accounts.urls")),
    path("oidc/", include("renbang.accounts.oidc.urls")),  # single sign-on; 404 while it is off
    path("organisasi/", include("renbang.org.urls")),
    path("pegawai/", include("renbang.people.urls")),
    path("kompetensi/", include("renbang.competencies.urls")),
    path("kebutuhan/", include("renbang.needs.urls")),
    path("katalog/", include("renbang.catalog.urls")),
    path("talenta/", include("renbang.talent.urls")),
    path("mentoring/", include("renbang.mentoring.urls")),
    path("rencana/", include("renbang.plans.urls")),
    path("pelaksanaan/", include("renbang.delivery.urls")),
    path("evaluasi/", include("renbang.evaluation.urls")),
    path("siklus/", include("renbang.cycle.urls")),
    path("siasn/", include("renbang.siasn.urls")),
    path("api/v1/", include("renbang.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("api/redoc/redoc.standalone.js", redoc_bundle, name="redoc-bundle"),
    # The language switch works before login too (the login page offers it).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on answers without a <link rel="icon"> (PDFs, JSON, HTMX fragments opened alone).
    path("favicon.ico", login_not_required(lambda request: HttpResponsePermanentRedirect(static("img/favicon.svg")))),
]
admin.site.site_header = "Renbang ASN"
admin.site.site_title = "Renbang ASN"

handler403 = "renbang.core.errors.permission_denied"
handler404 = "renbang.core.errors.page_not_found"
handler500 = "renbang.core.errors.server_error"
