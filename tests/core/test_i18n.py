def test_it_speaks_indonesian_by_default_and_english_on_request(world, login):
    client = login(world.users.admin)
    assert "Selamat datang" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Welcome" in page and "Employee" in page


def test_it_lets_a_visitor_switch_language_before_logging_in(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"})
    assert "Password" in client.get("/akun/masuk/").content.decode()


def test_it_ignores_an_english_browser_until_the_user_switches(world, login):
    client = login(world.users.admin)
    assert "Selamat datang" in client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()


def test_it_does_not_leave_english_active_after_an_english_request(world, login):
    from django.utils import translation

    client = login(world.users.admin)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.get("/")
    assert translation.get_language() == "id"
