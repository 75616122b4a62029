"""Pages of talent and succession: allowed and refused actors, forms, exports, the employee section."""

from __future__ import annotations

import datetime as dt

import pytest

from renbang.people.models import Employee
from renbang.talent.models import KeyPosition, SuccessionGroup


@pytest.fixture
def path(world):
    world.positions.pengawas.next_positions.add(world.positions.administrator)
    Employee.objects.filter(pk=world.boss.pk).update(birth_date=dt.date(1969, 6, 15))  # leaves 1 July 2027
    return world


@pytest.mark.parametrize(("actor", "status"), [("admin", 200), ("head", 200), ("officer_a", 200),
                                               ("supervisor", 200), ("employee", 403), ("facilitator", 403)])
def test_the_outlook_page_is_for_staff(path, login, actor, status):
    response = login(getattr(path.users, actor)).get("/talenta/pensiun/?tahun=5")
    assert response.status_code == status
    if actor == "admin":
        html = response.content.decode()
        assert "Rahmat Hasibuan" in html and 'data-testid="outlook-total">1<' in html
    if actor == "officer_a":  # unit A only: the boss is in A
        assert "Rahmat Hasibuan" in response.content.decode()


def test_the_outlook_exports_excel_and_tolerates_bad_input(path, login):
    client = login(path.users.admin)
    assert client.get("/talenta/pensiun/?tahun=abc").status_code == 200
    response = client.get("/talenta/pensiun/?tahun=5&format=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(("actor", "status"), [("admin", 200), ("head", 200), ("officer_b", 200),
                                               ("supervisor", 200), ("employee", 403), ("facilitator", 403)])
def test_the_box_page_allows_and_refuses(path, login, actor, status):
    response = login(getattr(path.users, actor)).get("/talenta/kotak-talenta/?kotak=0&unit=xyz")
    assert response.status_code == status
    if actor == "supervisor":
        html = response.content.decode()
        assert "Ahmad Lubis" in html and "Butet Siregar" not in html.split("Belum masuk kotak")[1]


def test_bkpsdm_marks_a_key_position_and_saves_a_group(path, login):
    client = login(path.users.admin)
    response = client.post("/talenta/jabatan-kunci/tandai/", {"position": path.positions.administrator.pk})
    key = KeyPosition.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{key.pk}/")
    html = client.get(f"/talenta/jabatan-kunci/{key.pk}/").content.decode()
    assert "Butet Siregar" in html
    response = client.post(f"/talenta/jabatan-kunci/{key.pk}/", {"calon_1": path.chief.pk})
    assert response.status_code == 302
    assert SuccessionGroup.objects.get().members.get().employee == path.chief
    bad = client.post(f"/talenta/jabatan-kunci/{key.pk}/", {"calon_1": path.staff.pk}, follow=True)
    assert "memenuhi syarat" in bad.content.decode() and SuccessionGroup.objects.count() == 1
    assert client.post("/talenta/jabatan-kunci/tandai/", {"position": "x"}).status_code == 302
    assert "Butet Siregar" in client.get("/talenta/jabatan-kunci/").content.decode()
    assert client.get("/talenta/jabatan-kunci/?format=xlsx").status_code == 200
    pdf = client.get("/talenta/jabatan-kunci/?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    page = client.get(f"/pegawai/{path.chief.pk}/").content.decode()
    assert 'data-testid="talent-section"' in page and "Calon pengganti" in page


def test_succession_pages_refuse_others(path, login):
    key = KeyPosition.objects.create(agency=path.agency, position=path.positions.administrator)
    head = login(path.users.head)
    assert head.get(f"/talenta/jabatan-kunci/{key.pk}/").status_code == 200
    assert head.post(f"/talenta/jabatan-kunci/{key.pk}/", {"calon_1": path.chief.pk}).status_code == 404
    assert head.post("/talenta/jabatan-kunci/bawaan/").status_code == 403
    for actor in ("officer_a", "supervisor", "employee"):
        client = login(getattr(path.users, actor))
        assert client.get("/talenta/jabatan-kunci/").status_code == 403
        assert client.get(f"/talenta/jabatan-kunci/{key.pk}/").status_code == 403
    assert login(path.users.admin).get("/talenta/jabatan-kunci/99999/").status_code == 404


def test_the_employee_sees_their_retirement_but_not_a_box(path, login):
    page = login(path.users.employee).get(f"/pegawai/{path.staff.pk}/").content.decode()
    assert "TMT pensiun" in page and "Kotak talenta" not in page
