"""Pages: calendar events with holidays and clashes, lists with bounded queries, forms that keep input, exports."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from renbang.delivery import clashes, services
from renbang.delivery.models import Session

from .helpers import delivery_world, make_programme, make_session


def _many_sessions(world, n=30):
    programme = make_programme(world)
    start = dt.date(2026, 3, 2)
    for i in range(n):
        day = start + dt.timedelta(days=i % 20)
        session = make_session(world, programme, days=[day], title=f"Sesi {i}")
        services.enrolments_invite(session=session, employees=[world.staff, world.other], user=world.users.admin)


def test_the_calendar_shows_sessions_and_indonesian_holidays(world, login, django_assert_max_num_queries):
    _many_sessions(world)
    client = login(world.users.employee)
    with django_assert_max_num_queries(12):
        events = client.get("/pelaksanaan/kalender/acara/?start=2026-03-01&end=2026-04-01").json()
    titles = [e["title"] for e in events]
    assert sum(1 for e in events if e.get("extendedProps", {}).get("holiday") and e.get("display") == "background")
    assert any("Nyepi" in t for t in titles)  # 19 March 2026
    assert sum(1 for t in titles if "Sesi" in t) == 30


def test_the_calendar_filters_by_programme_method_and_unit(world, login):
    other = make_programme(world, code="PRG-2", title="Pelatihan Kearsipan")
    make_session(world, days=[dt.date(2026, 3, 3)], title="Sesi A")
    make_session(world, other, days=[dt.date(2026, 3, 4)], title="Sesi B", unit=world.unit_b)
    client = login(world.users.admin)
    url = "/pelaksanaan/kalender/acara/?start=2026-03-01&end=2026-04-01"
    titles = lambda q: {e["title"] for e in client.get(url + q).json() if not e.get("extendedProps", {}).get("holiday")}  # noqa: E731
    assert titles(f"&program={other.pk}") == {"Sesi B"}
    assert titles(f"&unit={world.unit_b.pk}") == {"Sesi B"}
    assert titles("&metode=KL-TEK") == {"Sesi A", "Sesi B"}
    assert titles("&metode=NK-MEN") == set()
    assert client.get("/pelaksanaan/kalender/acara/?start=bogus&end=&unit=x&program=-1").status_code == 200


def test_it_warns_of_holidays_facilitator_and_employee_clashes(world):
    programme = make_programme(world)
    nyepi = make_session(world, programme, days=[dt.date(2026, 3, 19)])
    a = make_session(world, programme, days=[dt.date(2026, 3, 10)], facilitator=world.users.facilitator)
    b = make_session(world, programme, days=[dt.date(2026, 3, 10)], facilitator=world.users.facilitator)
    c = make_session(world, programme, days=[dt.date(2026, 3, 10)], start_time=dt.time(13), end_time=dt.time(15))
    for s in (a, c):
        services.enrolments_invite(session=s, employees=[world.staff], user=world.users.admin)
    assert [x.kind for x in clashes.clashes_for_session(nyepi)] == ["holiday"]
    kinds_a = {x.kind for x in clashes.clashes_for_session(a)}
    assert kinds_a == {"facilitator", "employee"}
    assert {x.kind for x in clashes.clashes_for_session(b)} == {"facilitator"}
    d = make_session(world, programme, days=[dt.date(2026, 3, 11)], start_time=dt.time(8), end_time=dt.time(12))
    e = make_session(world, programme, days=[dt.date(2026, 3, 11)], start_time=dt.time(13), end_time=dt.time(16))
    for s in (d, e):
        services.enrolments_invite(session=s, employees=[world.staff], user=world.users.admin)
    assert clashes.clashes_for_session(d) == []  # morning and afternoon do not clash
    assert clashes.employee_clashes(a, [world.staff.pk])[world.staff.pk]


def test_the_session_form_keeps_input_and_explains_errors(world, login):
    programme = make_programme(world)
    client = login(world.users.admin)
    response = client.post("/pelaksanaan/sesi/baru/", {
        "programme": programme.pk, "title": "Angkatan Khusus", "start_date": "2026-03-10", "end_date": "2026-03-02",
        "start_time": "08:00", "end_time": "07:00", "capacity": "25", "jp": "8", "status": "scheduled"})
    text = response.content.decode()
    assert response.status_code == 200 and "Angkatan Khusus" in text
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai" in text
    response = client.post("/pelaksanaan/sesi/baru/", {
        "programme": programme.pk, "title": "Angkatan Khusus", "start_date": "2026-03-16", "end_date": "2026-03-20",
        "start_time": "08:00", "end_time": "16:00", "status": "scheduled", "venue": "Aula"})
    assert response.status_code == 302
    session = Session.objects.get(title="Angkatan Khusus")
    assert session.days.count() == 5 and session.jp == programme.jp and session.capacity == 30
    response = client.post("/pelaksanaan/sesi/baru/", {"programme": "x", "start_date": "bukan", "capacity": "-1"})
    assert response.status_code == 200


def test_sessions_are_made_from_the_catalogues_routine_schedule(world, login):
    from renbang.catalog.models import RecurrenceRule
    from renbang.catalog.services import planned_sessions_generate

    programme = make_programme(world)
    rule = RecurrenceRule.objects.create(programme=programme, mode="nth_weekday", weekday=1, nth=2)
    planned_sessions_generate(rule=rule, year=2026)
    assert login(world.users.officer_a).post("/pelaksanaan/sesi/dari-jadwal-rutin/",
                                             {"year": 2026}).status_code == 403
    login(world.users.admin).post("/pelaksanaan/sesi/dari-jadwal-rutin/", {"year": 2026})
    assert Session.objects.filter(planned_session__isnull=False).count() == 12
    login(world.users.admin).post("/pelaksanaan/sesi/dari-jadwal-rutin/", {"year": 2026})
    assert Session.objects.count() == 12  # idempotent


@pytest.mark.parametrize("user", ["admin", "officer_a", "head"])
def test_the_compliance_page_has_bounded_queries_and_exports(world, login, user, django_assert_max_num_queries):
    delivery_world(world)
    client = login(getattr(world.users, user))
    year = delivery_world(world).past.end_date.year
    # 20, and for an OPD officer on a cold cache the check that they see no one outside their units (cached with
    # the figures' data version: tests/cycle/test_dashboard_cache.py counts the warm request)
    with django_assert_max_num_queries(23):
        response = client.get(f"/pelaksanaan/kepatuhan-jp/?tahun={year}")
    assert response.status_code == 200
    export = client.get(f"/pelaksanaan/kepatuhan-jp/?tahun={year}&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    if user == "officer_a":
        assert world.other.full_name not in names  # Dinas Kesehatan is outside their unit
    else:
        assert world.other.full_name in names


def test_the_session_list_and_detail_have_bounded_queries(world, login, django_assert_max_num_queries):
    _many_sessions(world, 60)
    client = login(world.users.admin)
    with django_assert_max_num_queries(15):
        assert client.get("/pelaksanaan/sesi/?tahun=2026").status_code == 200
    session = Session.objects.first()
    with django_assert_max_num_queries(30):
        assert client.get(f"/pelaksanaan/sesi/{session.pk}/").status_code == 200
    export = client.get("/pelaksanaan/sesi/?tahun=2026&format=xlsx")
    assert openpyxl.load_workbook(io.BytesIO(export.content)).active.max_row == 61


def test_my_pages_show_invitations_jp_and_certificates(world, login):
    d = delivery_world(world)
    client = login(world.users.employee)
    schedule = client.get("/pelaksanaan/jadwal-saya/").content.decode()
    assert f"undangan-{d.invitation.pk}" in schedule and "Sertifikat" in schedule
    jp = client.get(f"/pelaksanaan/jp-saya/?tahun={d.past.end_date.year}").content.decode()
    assert d.certificate.code in jp and "Webinar Literasi Digital" in jp
    staff = login(world.users.supervisor).get("/pelaksanaan/staf/").content.decode()
    assert world.staff.name in staff and world.other.name not in staff


def test_the_bell_counts_unread_notices(world, login):
    delivery_world(world)
    client = login(world.users.employee)
    assert 'id="notice-count"' in client.get("/pelaksanaan/pemberitahuan/").content.decode()
    client.post("/pelaksanaan/pemberitahuan/baca/")
    assert 'id="notice-count"' not in client.get("/pelaksanaan/pemberitahuan/").content.decode()


def test_settings_refuse_bad_values_and_keep_them(world, login):
    client = login(world.users.admin)
    response = client.post("/pelaksanaan/pengaturan/", {"completion_percent": "150", "jp_target": "20",
                                                        "pppk_jp_cap": "24", "max_upload_mb": "5"})
    assert response.status_code == 200 and 'value="150"' in response.content.decode()
