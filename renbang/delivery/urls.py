from django.urls import path

from .views import calendar, me, public, sessions, staff

app_name = "delivery"
urlpatterns = [
    path("", calendar.calendar_page, name="calendar"),
    path("kalender/acara/", calendar.calendar_events, name="calendar_events"),
    path("sesi/", sessions.session_list, name="session_list"),
    path("sesi/baru/", sessions.session_edit, name="session_create"),
    path("sesi/dari-jadwal-rutin/", sessions.sessions_from_planned, name="sessions_from_planned"),
    path("sesi/dari-rencana/", sessions.sessions_from_plan, name="sessions_from_plan"),
    path("sesi/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sesi/<int:pk>/ubah/", sessions.session_edit, name="session_edit"),
    path("sesi/<int:pk>/undang/", sessions.session_invite, name="session_invite"),
    path("sesi/<int:pk>/batalkan/", sessions.session_cancel, name="session_cancel"),
    path("sesi/<int:pk>/presensi/", sessions.attendance_grid, name="attendance"),
    path("sesi/<int:pk>/kode-baru/", sessions.session_code, name="session_code"),
    path("peserta/<int:pk>/<slug:action>/", sessions.enrolment_action, name="enrolment_action"),
    path("jadwal-saya/", me.my_schedule, name="my_schedule"),
    path("jp-saya/", me.my_jp, name="my_jp"),
    path("presensi/", me.checkin, name="checkin"),
    path("klaim/baru/", me.claim_create, name="claim_create"),
    path("klaim/<int:pk>/tarik/", me.claim_withdraw, name="claim_withdraw"),
    path("klaim/<int:pk>/berkas/", me.claim_file, name="claim_file"),
    path("klaim/", staff.claim_queue, name="claim_queue"),
    path("klaim/<int:pk>/verifikasi/", staff.claim_decide, name="claim_decide"),
    path("sertifikat/<int:pk>/", me.certificate_pdf, name="certificate_pdf"),
    path("pemberitahuan/", me.notice_list, name="notices"),
    path("pemberitahuan/baca/", me.notices_read, name="notices_read"),
    path("staf/", staff.staff, name="staff"),
    path("kepatuhan-jp/", staff.compliance, name="compliance"),
    path("fasilitator/", staff.facilitator, name="facilitator"),
    path("pengaturan/", staff.settings_edit, name="settings"),
    path("verifikasi/", public.verify, name="verify"),
    path("verifikasi/<str:code>/", public.verify_code, name="verify_code"),
]
