def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]


def test_it_answers_the_health_check_without_login(client, db):
    assert client.get("/healthz/").json() == {"status": "ok"}


def test_it_shows_the_home_page_in_indonesian(world, login):
    response = login(world.users.admin).get("/")
    assert response.status_code == 200
    assert "Selamat datang" in response.content.decode()
