import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_logs_in_and_finds_an_employee_by_name(world, live_server, log_in):
    page = log_in("admin")
    assert "Selamat datang" in page.content()
    menu = page.locator("#mainnav")
    menu.get_by_role("button", name="Data").click()  # the master-data pages sit in one dropdown
    menu.get_by_role("link", name="Pegawai", exact=True).click()
    page.fill("input[name=q]", "Siregar")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("text=Butet Siregar")
    assert "Ahmad Lubis" not in page.inner_text("table")
    page.click("text=Butet Siregar")
    page.wait_for_selector("h1:has-text('Butet Siregar')")
    assert world.chief.nip in page.content()


def test_it_tells_a_wrong_password_in_indonesian(world, live_server, page):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "salah-sekali")
    page.click("#login-submit")
    page.wait_for_selector("text=kata sandi salah")
    assert page.input_value("input[name=username]") == "admin"
