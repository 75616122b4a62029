import io

import openpyxl

from ..factories import EmployeeFactory


def test_it_finds_employees_by_name_and_by_nip_prefix(world, login):
    client = login(world.users.admin)
    page = client.get("/pegawai/", {"q": "siregar"}).content.decode()
    assert "Butet Siregar" in page and "Ahmad Lubis" not in page
    page = client.get("/pegawai/", {"q": world.staff.nip[:12]}).content.decode()
    assert "Ahmad Lubis" in page


def test_it_filters_by_unit_subtree_status_and_position_type(world, login):
    client = login(world.users.admin)
    page = client.get("/pegawai/", {"unit": world.unit_a.pk}).content.decode()
    assert "Ahmad Lubis" in page and "Siti Nasution" not in page
    page = client.get("/pegawai/", {"position_type": "pengawas"}).content.decode()
    assert "Butet Siregar" in page and "Ahmad Lubis" not in page


def test_it_keeps_an_officer_inside_their_subtree_even_when_filtering_elsewhere(world, login):
    page = login(world.users.officer_a).get("/pegawai/", {"unit": world.unit_b.pk}).content.decode()
    assert "Siti Nasution" not in page


def test_it_sorts_by_name_descending(world, login):
    page = login(world.users.admin).get("/pegawai/", {"sort": "-name"}).content.decode()
    assert page.index("Siti Nasution") < page.index("Ahmad Lubis")


def test_it_runs_a_bounded_number_of_queries_whatever_the_number_of_employees(
    world, login, django_assert_max_num_queries
):
    client = login(world.users.admin)
    EmployeeFactory.create_batch(120, agency=world.agency, unit=world.section_a, position=world.positions.staff)
    with django_assert_max_num_queries(12):
        response = client.get("/pegawai/")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 124


def test_it_exports_the_filtered_list_without_formulas(world, login):
    world.staff.name = "=HYPERLINK(\"http://x\")"
    world.staff.save()
    response = login(world.users.officer_a).get("/pegawai/ekspor.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(names) == 3  # officer A's subtree only
    assert "'=HYPERLINK(\"http://x\")" in names


def test_it_hides_an_employee_outside_the_scope_with_404(world, login):
    assert login(world.users.employee).get(f"/pegawai/{world.other.pk}/").status_code == 404
    assert login(world.users.employee).get(f"/pegawai/{world.staff.pk}/").status_code == 200


def test_it_offers_every_current_unit_and_keeps_the_chosen_one_selected(world, login):
    page = login(world.users.admin).get("/pegawai/", {"unit": world.unit_b.pk}).content.decode()
    select = page[page.index('id="id_unit" name="unit"'):]
    select = select[:select.index("</select>")]
    assert '<option value="">Semua unit</option>' in select
    assert f'<option value="{world.unit_b.pk}" selected>Dinas Kesehatan</option>' in select
    assert f'<option value="{world.unit_a.pk}">Dinas Pendidikan dan Kebudayaan</option>' in select
    assert select.count("<option") == 1 + world.agency.units.count()


def test_it_ignores_a_unit_that_is_not_a_choice(world, login):
    page = login(world.users.admin).get("/pegawai/", {"unit": "999999"}).content.decode()
    assert "Ahmad Lubis" in page and "Siti Nasution" in page  # an invalid filter filters nothing, no 500
