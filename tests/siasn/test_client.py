"""The client against the fake SIASN over HTTP: tokens, headers, not-found, retries, errors, no secrets in logs."""

import logging

import pytest

from renbang.siasn.client import SiasnClient, SiasnConfig, SiasnError

NIP = "198501012010011001"


def _client(**extra):
    return SiasnClient(SiasnConfig.from_settings(backoff=0.0, **extra))


def _pns(fake, nip=NIP, **extra):
    return fake.add_pns({"nipBaru": nip, "nama": "Budi Santoso", **extra},
                        kursus=[{"namaKursus": "Bimtek Arsip", "jenisDiklatId": "8", "jumlahJam": 16,
                                 "tanggalKursus": "01-03-2026", "tanggalSelesaiKursus": "02-03-2026"}])


def test_it_reads_data_utama_and_riwayat_with_both_tokens(fake_siasn):
    _pns(fake_siasn)
    with _client() as client:
        assert client.data_utama(NIP)["nama"] == "Budi Santoso"
        assert [k["namaKursus"] for k in client.rw_kursus(NIP)] == ["Bimtek Arsip"]
        assert client.rw_diklat(NIP) == []  # 404 code 0 → empty
        assert client.data_utama("199901012020011001") is None
        # two tokens fetched once, reused for four calls
        assert client.requests == 2 + 4


def test_it_refuses_without_configuration(settings):
    settings.SIASN = {"BASE_URL": "", "RATE": 0}
    with pytest.raises(SiasnError, match="belum dikonfigurasi"):
        SiasnClient()


def test_it_accepts_a_ready_made_sso_token(fake_siasn):
    _pns(fake_siasn)
    token = fake_siasn._issue()["access_token"]
    with _client(username="", password="", sso_token=token) as client:
        assert client.data_utama(NIP)["nipBaru"] == NIP


def test_it_fetches_tokens_again_once_after_a_401(fake_siasn):
    _pns(fake_siasn)
    with _client() as client:
        client.data_utama(NIP)
        fake_siasn.expire_tokens()
        assert client.data_utama(NIP)["nama"] == "Budi Santoso"
        assert client.requests == 2 + 1 + 1 + 2 + 1


def test_it_retries_5xx_then_succeeds(fake_siasn):
    _pns(fake_siasn)
    with _client() as client:
        fake_siasn.fail_next(2)
        assert client.data_utama(NIP)["nama"] == "Budi Santoso"


def test_it_reports_5xx_after_the_retries_with_the_nip(fake_siasn):
    _pns(fake_siasn)
    with _client(retries=2) as client:
        fake_siasn.fail_next(3)
        with pytest.raises(SiasnError, match=f"NIP {NIP}.*HTTP 503.*3 percobaan"):
            client.data_utama(NIP)


def test_it_reports_a_refused_token_in_indonesian(fake_siasn):
    with _client(consumer_secret="salah") as client, pytest.raises(SiasnError, match="token API manager"):
        client.data_utama(NIP)


def test_it_reports_network_failure(settings):
    settings.SIASN = {"BASE_URL": "http://127.0.0.1:9/apisiasn/1.0", "APIM_TOKEN_URL": "http://127.0.0.1:9/t",
                      "CONSUMER_KEY": "k", "CONSUMER_SECRET": "s", "SSO_TOKEN": "x", "RATE": 0, "RETRIES": 1}
    with _client() as client, pytest.raises(SiasnError, match="tidak dapat dihubungi"):
        client.data_utama(NIP)


def test_it_saves_kursus_and_reports_a_bad_reference_with_siasn_message(fake_siasn):
    pns = _pns(fake_siasn)
    body = {"id": "", "pnsOrangId": pns["id"], "jenisDiklatId": "8", "namaKursus": "Bimtek", "jumlahJam": 8,
            "tanggalKursus": "01-04-2026", "tanggalSelesaiKursus": "01-04-2026", "tahunKursus": 2026}
    with _client() as client:
        rw_id = client.save_kursus(body, nip=NIP)
        assert rw_id in fake_siasn.kursus
        client.upload_riwayat_document(rw_id=rw_id, doc_type="881", content=b"%PDF-1.4 x", filename="s.pdf", nip=NIP)
        assert fake_siasn.documents[rw_id]["id_ref_dokumen"] == "881"
        with pytest.raises(SiasnError, match=f"NIP {NIP}: jenisDiklatId 99 tidak ditemukan pada referensi"):
            client.save_kursus({**body, "jenisDiklatId": "99"}, nip=NIP)
        with pytest.raises(SiasnError, match="pnsOrangId is required"):
            client.save_kursus({**body, "pnsOrangId": ""}, nip=NIP)


def test_it_keeps_tokens_and_nips_out_of_logs(fake_siasn, caplog):
    _pns(fake_siasn)
    caplog.set_level(logging.DEBUG)
    with _client() as client:
        client.data_utama(NIP)
        token = client.apim.value
    text = caplog.text
    assert "data-utama/<id>" in text
    assert NIP not in text and token not in text and "fake-secret" not in text


def test_rate_limit_spaces_requests():
    from renbang.siasn.client import _RateLimiter

    limiter = _RateLimiter(1000.0)
    assert limiter.interval == pytest.approx(0.001)
    assert _RateLimiter(0).interval == 0
