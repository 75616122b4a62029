"""HTTP client of BKN's SIASN web services, built on the facts in SIASN.md (public client libraries; BKN's own
documentation is not public). What is not in those facts is marked UNVERIFIED.

- Two tokens on every SIMPEG call (SIASN.md §1): the API-manager (WSO2) token by client credentials with the
  consumer key/secret in HTTP Basic auth → `Authorization: Bearer …`; the SSO (Keycloak `public-siasn`) token by
  the password grant (client_id, NIP of the operator, password) or ready-made from SIASN_SSO_TOKEN (BKN requires
  MFA on SSO accounts since 2025, so the password grant may fail) → `Auth: bearer …`.
- Tokens are cached until `expires_in` (3600 s when absent, as the libraries assume) minus a margin, and fetched
  again once when SIASN answers 401.
- 5xx answers and network errors are retried with exponential backoff; requests are spaced to SIASN_RATE per second.
- `code: 0` / 404 "Data tidak ditemukan" means empty (SIASN.md §4); every other failure raises SiasnError with an
  Indonesian message naming the NIP and what SIASN said.
- Nothing personal reaches a log line: paths are logged with the NIP or id replaced, never a token or a body.
"""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings

log = logging.getLogger(__name__)

DEFAULT_TOKEN_SECONDS = 3600  # SIASN.md §1: no official figure; the libraries assume one hour
TOKEN_MARGIN_SECONDS = 30
NOT_FOUND_TEXTS = ("tidak ditemukan", "record not found", "not found")
#: Document-type ids of certificates (SIASN.md §2B, BC dokumen.json).
DOC_DIKLAT, DOC_KURSUS = "874", "881"


class SiasnError(Exception):
    """A failure shown to the user as is (Indonesian, names the NIP and SIASN's own message)."""

    user_message = True  # core.jobs shows the message of such an exception on the job page

    def __init__(self, message: str, *, status: int | None = None, siasn_message: str = "") -> None:
        super().__init__(message)
        self.status, self.siasn_message = status, siasn_message


@dataclass(frozen=True)
class SiasnConfig:
    base_url: str = ""
    referensi_url: str = ""
    apim_token_url: str = ""
    sso_token_url: str = ""
    consumer_key: str = ""
    consumer_secret: str = ""
    client_id: str = ""
    username: str = ""
    password: str = ""
    sso_token: str = ""
    rate: float = 5.0
    timeout: float = 60.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubled each time

    @classmethod
    def from_settings(cls, **overrides: Any) -> SiasnConfig:
        values = {key.lower(): value for key, value in getattr(settings, "SIASN", {}).items()}
        values.update(overrides)
        return cls(**{k: v for k, v in values.items() if k in cls.__dataclass_fields__})

    @property
    def configured(self) -> bool:
        """Enough to call SIASN: base URL, APIM credentials, and an SSO token or the means to get one."""
        sso = bool(self.sso_token) or all((self.sso_token_url, self.client_id, self.username, self.password))
        return all((self.base_url, self.apim_token_url, self.consumer_key, self.consumer_secret)) and sso

    def __repr__(self) -> str:  # never print secrets
        return f"SiasnConfig(base_url={self.base_url!r}, configured={self.configured})"


def is_configured() -> bool:
    return SiasnConfig.from_settings().configured


def _siasn_message(response: httpx.Response) -> str:
    """What SIASN said: `message` (SIMPEG envelopes), `Message`/`Error` (gateway), or `data` when it is text."""
    try:
        body = response.json()
    except ValueError:
        return (response.text or "").strip()[:300] or f"HTTP {response.status_code}"
    if isinstance(body, dict):
        for key in ("message", "Message", "Error", "error_description", "error", "data"):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()[:300]
        fault = body.get("fault")
        if isinstance(fault, dict) and fault.get("message"):
            return str(fault["message"])[:300]
    return f"HTTP {response.status_code}"


def _is_not_found(response: httpx.Response) -> bool:
    if response.status_code not in (200, 404):
        return False
    try:
        body = response.json()
    except ValueError:
        return response.status_code == 404
    if not isinstance(body, dict):
        return response.status_code == 404
    data = body.get("data")
    text_data = isinstance(data, str) and any(t in data.lower() for t in NOT_FOUND_TEXTS)
    return (body.get("code") == 0 and (data is None or text_data)) or text_data or (
        response.status_code == 404 and body.get("code") in (0, None))


_NIP_IN_PATH = re.compile(r"/(\d{9,}|[0-9a-fA-F-]{16,})(?=/|$)")


def _safe_path(path: str) -> str:
    return _NIP_IN_PATH.sub("/<id>", path)


class _RateLimiter:
    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self.next_at = 0.0
        self.lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            delay = self.next_at - now
            self.next_at = max(now, self.next_at) + self.interval
        if delay > 0:
            time.sleep(delay)


@dataclass
class _Token:
    value: str = ""
    expires_at: float = 0.0

    def valid(self) -> bool:
        return bool(self.value) and time.monotonic() < self.expires_at


class SiasnClient:
    """One connection to SIASN. Thread-safe enough for one job; create one per sync or push run."""

    def __init__(self, config: SiasnConfig | None = None, *, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config or SiasnConfig.from_settings()
        if not self.config.configured:
            raise SiasnError("Koneksi SIASN belum dikonfigurasi (SIASN_BASE_URL, SIASN_CONSUMER_KEY, … di "
                             "lingkungan server). Gunakan ekspor Excel sampai kredensial dari BKN tersedia.")
        # TCP_NODELAY: a JSON POST is written as headers then body; without it Nagle's algorithm waits for the
        # server's delayed ACK (tens of milliseconds per request).
        self.http = httpx.Client(timeout=self.config.timeout, transport=transport or httpx.HTTPTransport(
            socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]))
        self.limiter = _RateLimiter(self.config.rate)
        self.apim, self.sso = _Token(), _Token()
        self.requests = 0  # every HTTP request made, tokens included (for the benchmark's rate arithmetic)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SiasnClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- tokens ------------------------------------------------------------------------------------------------
    def _token(self, url: str, data: dict, auth: tuple[str, str] | None, what: str) -> _Token:
        response = self._send("POST", url, data=data, auth=auth, nip="", token_call=True)
        if response.status_code != 200:
            raise SiasnError(f"SIASN menolak permintaan token {what}: {_siasn_message(response)}",
                             status=response.status_code, siasn_message=_siasn_message(response))
        try:
            body = response.json()
            value = body["access_token"]
        except (ValueError, KeyError, TypeError):
            raise SiasnError(f"Jawaban token {what} dari SIASN tidak berisi access_token.") from None
        lifetime = body.get("expires_in") or DEFAULT_TOKEN_SECONDS
        try:
            lifetime = float(lifetime)
        except (TypeError, ValueError):
            lifetime = DEFAULT_TOKEN_SECONDS
        return _Token(value, time.monotonic() + max(lifetime - TOKEN_MARGIN_SECONDS, 1))

    def _apim_token(self) -> str:
        if not self.apim.valid():
            c = self.config
            self.apim = self._token(c.apim_token_url, {"grant_type": "client_credentials"},
                                    (c.consumer_key, c.consumer_secret), "API manager")
        return self.apim.value

    def _sso_token(self) -> str:
        c = self.config
        if c.sso_token and not (c.username and c.password):
            return c.sso_token  # ready-made (MFA accounts); cannot be renewed here
        if not self.sso.valid():
            self.sso = self._token(c.sso_token_url, {"grant_type": "password", "client_id": c.client_id,
                                                     "username": c.username, "password": c.password}, None, "SSO")
        return self.sso.value

    def _headers(self, with_sso: bool) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self._apim_token()}", "Accept": "application/json"}
        if with_sso:
            headers["Auth"] = f"bearer {self._sso_token()}"
        return headers

    # -- transport ---------------------------------------------------------------------------------------------
    def _send(self, method: str, url: str, *, nip: str, token_call: bool = False, **kwargs) -> httpx.Response:
        """One logical request: rate-limited, retried on 5xx and network errors with backoff."""
        attempts = max(self.config.retries, 0) + 1
        for attempt in range(attempts):
            self.limiter.wait()
            self.requests += 1
            started = time.monotonic()
            try:
                response = self.http.request(method, url, **kwargs)
            except httpx.HTTPError as exc:
                log.warning("SIASN %s %s: %s (attempt %s/%s)", method, _safe_path(httpx.URL(url).path),
                            type(exc).__name__, attempt + 1, attempts)
                if attempt + 1 == attempts:
                    who = f" untuk NIP {nip}" if nip else ""
                    raise SiasnError(f"SIASN tidak dapat dihubungi{who} setelah {attempts} percobaan "
                                     f"({type(exc).__name__}).") from None
            else:
                level = logging.DEBUG if response.status_code < 400 or response.status_code == 404 else logging.WARNING
                log.log(level, "SIASN %s %s -> %s in %.0f ms", method, _safe_path(response.url.path),
                        response.status_code, 1000 * (time.monotonic() - started))
                if response.status_code < 500 or attempt + 1 == attempts:
                    return response
            if self.config.backoff:
                time.sleep(self.config.backoff * 2 ** attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _call(self, method: str, url: str, *, nip: str, with_sso: bool = True, **kwargs) -> httpx.Response:
        response = self._send(method, url, nip=nip, headers=self._headers(with_sso), **kwargs)
        if response.status_code == 401:  # a token expired early or was revoked: fetch both again, once
            self.apim, self.sso = _Token(), _Token()
            response = self._send(method, url, nip=nip, headers=self._headers(with_sso), **kwargs)
        return response

    def request(self, method: str, path: str, *, nip: str = "", base: str | None = None, with_sso: bool = True,
                **kwargs) -> Any:
        """The `data` of SIASN's envelope (or the whole body when it has none); None for "not found"."""
        url = (base or self.config.base_url).rstrip("/") + path
        response = self._call(method, url, nip=nip, with_sso=with_sso, **kwargs)
        if _is_not_found(response):
            return None
        who = f" untuk NIP {nip}" if nip else ""
        if response.status_code >= 400:
            said = _siasn_message(response)
            if response.status_code >= 500:
                raise SiasnError(f"SIASN gagal menjawab{who} (HTTP {response.status_code}) setelah "
                                 f"{self.config.retries + 1} percobaan: {said}", status=response.status_code,
                                 siasn_message=said)
            raise SiasnError(f"SIASN menolak permintaan{who}: {said}", status=response.status_code,
                             siasn_message=said)
        try:
            body = response.json()
        except ValueError:
            raise SiasnError(f"Jawaban SIASN{who} bukan JSON.", status=response.status_code) from None
        if isinstance(body, dict) and "data" in body and "code" in body:
            if body.get("code") != 1:
                said = _siasn_message(response)
                raise SiasnError(f"SIASN menolak permintaan{who}: {said}", status=response.status_code,
                                 siasn_message=said)
            return body["data"]
        return body

    # -- reads (SIASN.md §2A, §2C) -----------------------------------------------------------------------------
    def data_utama(self, nip: str) -> dict | None:
        data = self.request("GET", f"/pns/data-utama/{nip}", nip=nip)
        return data if isinstance(data, dict) else None

    def _list(self, path: str, nip: str) -> list[dict]:
        data = self.request("GET", path, nip=nip)
        return [row for row in data if isinstance(row, dict)] if isinstance(data, list) else []

    def rw_diklat(self, nip: str) -> list[dict]:
        return self._list(f"/pns/rw-diklat/{nip}", nip)

    def rw_kursus(self, nip: str) -> list[dict]:
        return self._list(f"/pns/rw-kursus/{nip}", nip)

    def rw_jabatan(self, nip: str) -> list[dict]:
        return self._list(f"/pns/rw-jabatan/{nip}", nip)

    def ref_unor(self, page_size: int = 1000, max_pages: int = 200) -> list[dict]:
        """All unor rows of the caller's instansi. limit/offset exist (SIASN.md §2C); whether the server honours
        them is UNVERIFIED, so a page that repeats the previous one ends the loop."""
        rows: list[dict] = []
        seen: set[str] = set()
        for page in range(max_pages):
            data = self.request("GET", "/referensi/ref-unor", params={"limit": page_size, "offset": page * page_size})
            items = [r for r in data if isinstance(r, dict)] if isinstance(data, list) else []
            fresh = [r for r in items if str(r.get("Id")) not in seen]
            seen.update(str(r.get("Id")) for r in fresh)
            rows.extend(fresh)
            if len(items) < page_size or not fresh:
                break
        return rows

    # -- writes (SIASN.md §2B) ---------------------------------------------------------------------------------
    def _save(self, path: str, body: dict, nip: str, id_key: str) -> str:
        url = self.config.base_url.rstrip("/") + path
        response = self._call("POST", url, nip=nip, json=body)
        said = _siasn_message(response)
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code >= 400 or not isinstance(answer, dict):
            raise SiasnError(f"SIASN menolak riwayat NIP {nip} (HTTP {response.status_code}): {said}",
                             status=response.status_code, siasn_message=said)
        map_data = answer.get("mapData") if isinstance(answer.get("mapData"), dict) else {}
        rw_id = map_data.get(id_key)
        if answer.get("success") is True and rw_id:
            return str(rw_id)
        raise SiasnError(f"SIASN menolak riwayat NIP {nip}: {said}", status=response.status_code, siasn_message=said)

    def save_kursus(self, body: dict, *, nip: str) -> str:
        return self._save("/kursus/save", body, nip, "rwKursusId")

    def save_diklat(self, body: dict, *, nip: str) -> str:
        return self._save("/diklat/save", body, nip, "rwDiklatId")

    def upload_riwayat_document(self, *, rw_id: str, doc_type: str, content: bytes, filename: str, nip: str) -> None:
        """POST /upload-dok-rw (multipart: file, id_riwayat, id_ref_dokumen), SIASN.md §2B route (a). The shape of
        its answer is UNVERIFIED: any 2xx whose body does not say success=false or code=0 is taken as stored."""
        url = self.config.base_url.rstrip("/") + "/upload-dok-rw"
        fields = {"id_riwayat": rw_id, "id_ref_dokumen": doc_type}
        files = {"file": (filename, content, "application/pdf")}
        response = self._call("POST", url, nip=nip, data=fields, files=files)
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        refused = isinstance(answer, dict) and (answer.get("success") is False or answer.get("code") == 0)
        if response.status_code >= 400 or refused:
            said = _siasn_message(response)
            raise SiasnError(f"SIASN menolak sertifikat NIP {nip}: {said}", status=response.status_code,
                             siasn_message=said)
