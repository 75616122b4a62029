"""Pengaturan talenta: the page and /api/v1/talent/settings/ (who may read and change them, what a change does, how
a wrong value is refused, restoring the defaults, the audit trail)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from renbang.people.models import Employee
from renbang.talent import box, outlook, retirement
from renbang.talent.models import TalentSettings
from tests.talent.test_box import measured  # noqa: F401 (fixture)

URL = "/talenta/pengaturan/"
API = "/api/v1/talent/settings/"


def _payload(response) -> dict:
    """What the page's form would post unchanged: every input with the value it shows."""
    form, special = response.context["form"], response.context["special"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data.update({f"{special.prefix}-{k}": v for k, v in special.management_form.initial.items()})
    for row in special.forms:
        for name in ("contains", "age", "note"):
            value = row[name].value()
            data[row.add_prefix(name)] = "" if value is None else value
    return data


@pytest.mark.parametrize(("actor", "status"), [("admin", 200), ("head", 200), ("officer_a", 403),
                                               ("supervisor", 403), ("employee", 403), ("facilitator", 403)])
def test_the_page_is_for_bkpsdm_and_the_ppk_reads_it(world, login, actor, status):
    response = login(getattr(world.users, actor)).get(URL)
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "BELUM DIVERIFIKASI" in html and "PP 11/2017 Pasal 239" in html and "PermenPANRB 3/2020" in html
        assert ('data-testid="settings-save"' in html) == (actor == "admin")
        assert ("<fieldset disabled>" in html) == (actor == "head")
        assert 'href="/talenta/pengaturan/"' in html  # in the talent pages' tabs


def test_only_bkpsdm_changes_or_restores_them(world, login):
    data = _payload(login(world.users.admin).get(URL))
    data["performance_mid"] = "1.00"
    for actor in ("head", "officer_a", "employee"):
        client = login(getattr(world.users, actor))
        assert client.post(URL, data).status_code == 403
        assert client.post(URL + "bawaan/").status_code == 403
    assert not TalentSettings.objects.exists()


def test_a_threshold_change_moves_an_employee_in_the_box(world, login, measured):  # noqa: F811
    client = login(world.users.admin)
    assert box.compute(world.agency.pk).of(world.staff.pk)["box"] == 1
    assert "Ahmad Lubis" not in client.get("/talenta/kotak-talenta/?kotak=5").content.decode()
    data = _payload(client.get(URL))
    data.update(performance_mid="1.50", potential_mid="60")
    response = client.post(URL, data)
    assert response.status_code == 302
    assert box.compute(world.agency.pk).of(world.staff.pk)["box"] == 5
    assert "Ahmad Lubis" in client.get("/talenta/kotak-talenta/?kotak=5").content.decode()


def test_a_special_rule_row_changes_a_retirement_date_and_removing_it_restores_it(world, login):
    Employee.objects.filter(pk=world.staff.pk).update(birth_date=dt.date(1968, 5, 31))
    staff = Employee.objects.get(pk=world.staff.pk)  # Pengolah Data, pelaksana: BUP 58
    assert outlook.retirement_of(staff) == (58, dt.date(2026, 6, 1), retirement.SOURCE_BUP)
    client = login(world.users.admin)
    data = _payload(client.get(URL))
    rows = int(data["khusus-INITIAL_FORMS"])
    assert rows == len(retirement.DEFAULT_SPECIAL) and int(data["khusus-TOTAL_FORMS"]) == rows + 2
    data.update({f"khusus-{rows}-contains": "pengolah data", f"khusus-{rows}-age": "60",
                 f"khusus-{rows}-note": "uji"})
    assert client.post(URL, data).status_code == 302
    assert outlook.retirement_of(staff) == (60, dt.date(2028, 6, 1), retirement.SOURCE_BUP)
    saved = TalentSettings.objects.get().bup_special
    assert saved[-1] == {"contains": "pengolah data", "age": 60, "note": "uji"} and len(saved) == rows + 1
    data = _payload(client.get(URL))
    data[f"khusus-{rows}-DELETE"] = "on"
    assert client.post(URL, data).status_code == 302
    assert outlook.retirement_of(staff)[:2] == (58, dt.date(2026, 6, 1))
    assert len(TalentSettings.objects.get().bup_special) == rows


def test_a_wrong_value_is_refused_in_indonesian_and_the_typed_values_stay(world, login):
    client = login(world.users.admin)
    data = _payload(client.get(URL))
    data.update(performance_mid="2.75", ready_now_box="8", **{"box_numbers__3_3": "1"})
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Batas kinerja menengah tidak boleh di atas batas kinerja tinggi." in html
    assert "Nomor kotak harus 1 sampai 9, masing-masing sekali." in html
    assert 'value="2.75"' in html and 'name="ready_now_box" value="8"' in html
    assert not TalentSettings.objects.exists()
    data = _payload(client.get(URL))
    rows = int(data["khusus-INITIAL_FORMS"])
    data.update({"bup_table__jpt": "30", f"khusus-{rows}-age": "61", "readiness_weights__match": "abc"})
    html = client.post(URL, data).content.decode()
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 40." in html
    assert "Bidang ini harus diisi." in html  # the new row has an age but no words
    assert 'value="61"' in html and 'value="abc"' in html and "Masukkan sebuah bilangan." in html
    assert not TalentSettings.objects.exists()


def test_restoring_the_defaults_puts_every_value_back_and_is_audited(world, login):
    TalentSettings.objects.create(agency=world.agency, performance_mid=Decimal("1.00"), bup_special=[],
                                  min_rank_table={"jpt": "IV/a"}, pension_rule=retirement.BIRTHDAY)
    client = login(world.users.admin)
    response = client.post(URL + "bawaan/")
    assert response.status_code == 302
    conf = TalentSettings.objects.get()
    fresh = TalentSettings(agency=world.agency)
    for field in ("performance_mid", "bup_special", "min_rank_table", "pension_rule", "bup_table", "box_numbers"):
        assert getattr(conf, field) == getattr(fresh, field), field
    entry = LogEntry.objects.get_for_object(conf).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == world.users.admin and "pension_rule" in entry.changes_dict
    assert 'data-confirm="' in client.get(URL).content.decode()


def test_a_change_is_audited_with_who_made_it(world, login):
    client = login(world.users.admin)
    data = _payload(client.get(URL))
    data["key_horizon_years"] = "4"
    client.post(URL, data)
    data["key_horizon_years"] = "5"
    client.post(URL, data)
    conf = TalentSettings.objects.get()
    entries = list(LogEntry.objects.get_for_object(conf).order_by("timestamp"))
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert all(e.actor == world.users.admin for e in entries)
    assert entries[1].changes_dict["key_horizon_years"] == ["4", "5"]
    html = client.get(URL).content.decode()
    assert "Perubahan terakhir" in html and "?model=talentsettings" in html


def test_stored_keys_outside_the_page_survive_a_save(world, login):
    TalentSettings.objects.create(agency=world.agency, bup_table={**retirement.DEFAULT_BUP, "jpt:utama": 62})
    client = login(world.users.admin)
    client.post(URL, _payload(client.get(URL)))
    assert TalentSettings.objects.get().bup_table["jpt:utama"] == 62


def test_the_page_reads_in_a_bounded_number_of_queries(world, login, django_assert_max_num_queries):
    client = login(world.users.admin)
    client.post(URL, _payload(client.get(URL)))  # saved settings and an audit entry to show
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200


# the API


@pytest.mark.parametrize(("actor", "status"), [("admin", 200), ("head", 200), ("officer_a", 403),
                                               ("supervisor", 403), ("employee", 403)])
def test_the_api_reads_the_settings_for_bkpsdm_and_the_ppk(world, login, actor, status):
    response = login(getattr(world.users, actor)).get(API)
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["bup_table"]["fungsional_keahlian:utama"] == 65 and body["box_numbers"]["3-3"] == 9
        assert body["min_rank_table"]["jpt"] == "IV/b" and body["performance_high"] == "2.50"
        assert body["bup_special"][0]["contains"] == "guru" and body["updated_at"] is None


def test_the_api_changes_a_threshold_and_the_box_follows(world, login, measured):  # noqa: F811
    client = login(world.users.admin)
    response = client.patch(API, {"performance_mid": "1.50", "potential_mid": "60"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["potential_mid"] == "60.00"
    assert box.compute(world.agency.pk).of(world.staff.pk)["box"] == 5
    full = client.get(API).json()
    full.pop("updated_at")
    full["bup_special"].append({"contains": "pengolah", "age": 60})
    assert client.put(API, full, content_type="application/json").status_code == 200
    assert TalentSettings.objects.get().bup_special[-1] == {"contains": "pengolah", "age": 60, "note": ""}
    assert LogEntry.objects.get_for_object(TalentSettings.objects.get()).count() == 2


def test_the_api_refuses_wrong_values_with_field_messages(world, login):
    client = login(world.users.admin)
    bad = client.patch(API, {"performance_mid": "2.75"}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["performance_mid"] == ["Batas kinerja menengah tidak boleh di atas batas kinerja tinggi."]
    partial_table = client.patch(API, {"box_numbers": {"3-3": 1}}, content_type="application/json")
    assert partial_table.status_code == 400 and "1-1" in partial_table.json()["box_numbers"]
    numbers = dict.fromkeys(client.get(API).json()["box_numbers"], 1)
    twice = client.patch(API, {"box_numbers": numbers}, content_type="application/json")
    assert twice.status_code == 400
    assert twice.json()["box_numbers"] == ["Nomor kotak harus 1 sampai 9, masing-masing sekali."]
    as_text = client.patch(API, {"readiness_weights": {"match": True, "performance": "0.2", "box": 0.2}},
                           content_type="application/json")
    assert as_text.status_code == 400 and set(as_text.json()["readiness_weights"]) == {"match", "performance"}
    put_partial = client.put(API, {"performance_mid": "1.00"}, content_type="application/json")
    assert put_partial.status_code == 400 and "performance_high" in put_partial.json()
    assert not TalentSettings.objects.exists()


def test_the_api_refuses_changes_from_the_ppk_and_others(world, login):
    for actor in ("head", "officer_a", "employee"):
        response = login(getattr(world.users, actor)).patch(API, {"key_horizon_years": 3},
                                                            content_type="application/json")
        assert response.status_code == 403
    assert not TalentSettings.objects.exists()
