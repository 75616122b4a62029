from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import account_views, public_views, views, views_roles
from .oidc.views import LogoutView
from .twofactor import views as otp_views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", LogoutView.as_view(), name="logout"),  # also the SSO provider's logout
    path("profil/", views.profile, name="profile"),
    path("profil/token/", views.token_regenerate, name="token_regenerate"),
    path("terkunci/", views.locked_out, name="locked_out"),
    path("jejak-audit/", views.audit_log, name="audit_log"),
    path("peran/", views_roles.roles_index, name="roles_index"),
    path("peran/pemegang/", views_roles.roles_holders, name="roles_holders"),
    path("peran/<int:pk>/", views_roles.roles_person, name="roles_person"),
    path("peran/<int:pk>/cabut/", views_roles.roles_revoke, name="roles_revoke"),
    path("peran/<int:pk>/status/", views_roles.roles_active, name="roles_active"),
    path("peran/<int:pk>/reset-2fa/", otp_views.reset_for_user, name="otp_reset_for_user"),
    path("dua-langkah/", otp_views.manage, name="otp_manage"),
    path("dua-langkah/daftar/", otp_views.enrol, name="otp_enrol"),
    path("dua-langkah/verifikasi/", otp_views.verify, name="otp_verify"),
    path("dua-langkah/pemulihan/", otp_views.recover, name="otp_recover"),
    path("dua-langkah/kode-pemulihan/", otp_views.regenerate_codes, name="otp_regenerate"),
    path("dua-langkah/hapus/", otp_views.remove, name="otp_remove"),
    path("kata-sandi/", auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:profile")),
        name="password_change"),
    # Account activation and forgot password (no login needed).
    path("aktivasi/", public_views.activate, name="activate"),
    path("aktivasi/kata-sandi/", public_views.activate_password, name="activate_password"),
    path("aktivasi/<str:token>/", public_views.activate_link, name="activate_link"),
    path("lupa-kata-sandi/", public_views.PasswordResetView.as_view(), name="password_reset"),
    path("lupa-kata-sandi/terkirim/", public_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("atur-ulang/<uidb64>/<token>/", public_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("atur-ulang/selesai/", public_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # Accounts of employees: counts, creation, activation e-mails and letters.
    path("pegawai/", account_views.employee_accounts, name="employee_accounts"),
    path("pegawai/jalankan/<slug:action>/", account_views.start, name="employee_accounts_start"),
    path("pegawai/pekerjaan/<int:pk>/", account_views.account_job, name="account_job"),
    path("pegawai/pekerjaan/<int:pk>/surat.pdf", account_views.letters_download, name="letters_download"),
]
