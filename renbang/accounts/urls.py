from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .oidc.views import LogoutView

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", LogoutView.as_view(), name="logout"),  # also the SSO provider's logout
    path("profil/", views.profile, name="profile"),
    path("profil/token/", views.token_regenerate, name="token_regenerate"),
    path("terkunci/", views.locked_out, name="locked_out"),
    path("jejak-audit/", views.audit_log, name="audit_log"),
    path("kata-sandi/", auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:profile")),
        name="password_change"),
]
