"""A fake SIASN: test and demo equipment, a real HTTP server on loopback with its data in memory.

It implements what SIASN.md establishes, so that the client is tested over HTTP and never against itself:
- `POST /oauth2/token` (client credentials, consumer key/secret in Basic auth) and
  `POST /auth/realms/public-siasn/protocol/openid-connect/token` (password grant) → `{access_token, expires_in}`;
  tokens expire after `token_seconds`, or all at once after `expire_after` data requests (a test's "mid-sync");
- under `/apisiasn/1.0`: `GET /pns/data-utama/{nip}`, `/pns/rw-diklat/{nip}`, `/pns/rw-kursus/{nip}`,
  `/pns/rw-jabatan/{nip}`, `/referensi/ref-unor`, `POST /kursus/save`, `/diklat/save`, `/upload-dok-rw`,
  `GET /kursus/id/{id}`, `/diklat/id/{id}`; both tokens required (`Authorization: Bearer`, `Auth: bearer`);
- envelopes `{code: 1, data}`; not found → 404 `{code: 0, data: "Data tidak ditemukan"}`; a save with an unknown
  jenisDiklatId / latihanStrukturalId → `{success: false, mapData: null, message}`; a missing mandatory field →
  `{code: 0, data: null, message: "N errors occurred: * X is required"}`; 401 as the gateway's `{Error, Message}`
  (inferred shape, SIASN.md §4);
- random 5xx at `error_rate` (seeded, reproducible) and `fail_next(n)` for exactly n failures.
What SIASN really answers beyond SIASN.md (e.g. the upload's answer body) is UNVERIFIED here as in the client.
"""

from __future__ import annotations

import base64
import json
import random
import re
import secrets
import threading
import time
import uuid
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

APIM_TOKEN_PATH = "/oauth2/token"  # noqa: S105 - a path, not a secret
SSO_TOKEN_PATH = "/auth/realms/public-siasn/protocol/openid-connect/token"  # noqa: S105
API_PREFIX = "/apisiasn/1.0"
JENIS_DIKLAT_IDS = {str(i) for i in range(1, 26)}  # SIASN.md §2C
LATIHAN_STRUKTURAL_IDS = {str(i) for i in range(1, 9)}
_ID_AT_END = re.compile(r"/[^/]*\d[^/]*$")
KURSUS_REQUIRED = ("pnsOrangId", "jenisDiklatId", "namaKursus", "tanggalKursus", "jumlahJam")
DIKLAT_REQUIRED = ("pnsOrangId", "latihanStrukturalId", "tanggal", "jumlahJam")


class FakeSiasn:
    """The server's state. `start()` serves it on 127.0.0.1 (port 0: any free port) in a daemon thread."""

    def __init__(self, *, consumer_key: str = "fake-key", consumer_secret: str = "fake-secret",  # noqa: S107
                 client_id: str = "fake-client", username: str = "199001012015011001",
                 password: str = "fake-pass",  # noqa: S107 - test equipment's own credentials
                 token_seconds: int = 3600, error_rate: float = 0.0, seed: int = 0) -> None:
        self.consumer_key, self.consumer_secret = consumer_key, consumer_secret
        self.client_id, self.username, self.password = client_id, username, password
        self.token_seconds, self.error_rate = token_seconds, error_rate
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test failures, not security
        self.lock = threading.Lock()
        self.pns: dict[str, dict] = {}          # nipBaru → data utama
        self.diklat: dict[str, dict] = {}       # riwayat id → item (read shape)
        self.kursus: dict[str, dict] = {}
        self.jabatan: dict[str, list[dict]] = {}  # nipBaru → items
        self.unor: list[dict] = []
        self.documents: dict[str, dict] = {}    # riwayat id → {id_ref_dokumen, size, name}
        self.saves: list[dict] = []             # every accepted save body, in order
        self.tokens: dict[str, float] = {}      # token → monotonic expiry
        self.counts: dict[str, int] = {}
        self.expire_after: int | None = None
        self._fail_next = 0
        self.server: ThreadingHTTPServer | None = None

    # -- data ------------------------------------------------------------------------------------------------
    def add_pns(self, data: dict, *, diklat: list[dict] = (), kursus: list[dict] = (), jabatan: list[dict] = ()):
        nip = data["nipBaru"]
        data.setdefault("id", uuid.uuid5(uuid.NAMESPACE_OID, "pns" + nip).hex)
        with self.lock:
            self.pns[nip] = data
            for kind, items in (("diklat", diklat), ("kursus", kursus)):
                store = getattr(self, kind)
                for item in items:
                    item = {"idPns": data["id"], "nipBaru": nip, **item}
                    item.setdefault("id", uuid.uuid4().hex)
                    store[item["id"]] = item
            self.jabatan[nip] = [{"idPns": data["id"], "nipBaru": nip, **j} for j in jabatan]
        return data

    def riwayat_of(self, kind: str, nip: str) -> list[dict]:
        return [i for i in getattr(self, kind).values() if i.get("nipBaru") == nip]

    # -- test controls -----------------------------------------------------------------------------------------
    def fail_next(self, n: int) -> None:
        """The next n API requests (tokens excluded) answer 503."""
        self._fail_next = n

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens.clear()

    def count(self, key: str) -> int:
        return self.counts.get(key, 0)

    # -- server ------------------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self.server is not None, "call start() first"
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def settings(self, **extra: Any) -> dict[str, Any]:
        """The SIASN settings a client needs to talk to this server."""
        return {"BASE_URL": self.url + API_PREFIX, "REFERENSI_URL": self.url + "/referensi_siasn/1",
                "APIM_TOKEN_URL": self.url + APIM_TOKEN_PATH, "SSO_TOKEN_URL": self.url + SSO_TOKEN_PATH,
                "CONSUMER_KEY": self.consumer_key, "CONSUMER_SECRET": self.consumer_secret,
                "CLIENT_ID": self.client_id, "USERNAME": self.username, "PASSWORD": self.password,
                "SSO_TOKEN": "", "RATE": 0.0, "TIMEOUT": 10.0, "RETRIES": 3, **extra}

    def start(self, port: int = 0, host: str = "127.0.0.1") -> FakeSiasn:
        fake = self

        class Handler(_Handler):
            state = fake

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, name="fake-siasn", daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    # -- request handling (called by the handler, returns (status, body)) --------------------------------------
    def _issue(self) -> dict:
        token = secrets.token_hex(16)
        with self.lock:
            self.tokens[token] = time.monotonic() + self.token_seconds
        return {"access_token": token, "token_type": "Bearer", "expires_in": self.token_seconds}

    def _valid(self, token: str) -> bool:
        expiry = self.tokens.get(token)
        return expiry is not None and time.monotonic() < expiry

    def token(self, path: str, headers, form: dict[str, str]) -> tuple[int, dict]:
        if path == APIM_TOKEN_PATH:
            expected = "Basic " + base64.b64encode(f"{self.consumer_key}:{self.consumer_secret}".encode()).decode()
            if form.get("grant_type") != "client_credentials" or headers.get("Authorization") != expected:
                return 401, {"error": "invalid_client", "error_description": "Client Authentication failed."}
            return 200, self._issue()
        ok = (form.get("grant_type") == "password" and form.get("client_id") == self.client_id
              and form.get("username") == self.username and form.get("password") == self.password)
        if not ok:
            return 401, {"error": "invalid_grant", "error_description": "Invalid user credentials"}
        return 200, self._issue()

    def api(self, method: str, path: str, headers, query: dict, body: Any, files: dict) -> tuple[int, dict]:
        key = method + " " + _ID_AT_END.sub("/{id}", path)
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1
            self.counts["api"] = self.counts.get("api", 0) + 1
            if self.expire_after is not None and self.counts["api"] > self.expire_after:
                self.tokens.clear()
                self.expire_after = None
            fail = self._fail_next > 0 or (self.error_rate and self.rng.random() < self.error_rate)
            self._fail_next = max(self._fail_next - 1, 0)
        if fail:
            return 503, {"code": 0, "message": "Service Unavailable"}
        apim = headers.get("Authorization", "")
        sso = headers.get("Auth", "")
        if not (apim.startswith("Bearer ") and self._valid(apim[7:])):
            return 401, {"Error": "Unauthorized", "Message": "Invalid Credentials. Make sure you have given the "
                                                              "correct access token"}
        if not (sso.lower().startswith("bearer ") and self._valid(sso[7:])):
            return 401, {"Error": "Unauthorized", "Message": "SSO token invalid or expired"}
        return self._route(method, path, query, body, files)

    def _route(self, method: str, path: str, query: dict, body: Any, files: dict) -> tuple[int, dict]:
        not_found = (404, {"code": 0, "data": "Data tidak ditemukan"})
        match = re.fullmatch(r"/pns/(data-utama|rw-diklat|rw-kursus|rw-jabatan)/(\d+)", path)
        if method == "GET" and match:
            what, nip = match.groups()
            if nip not in self.pns:
                return not_found
            if what == "data-utama":
                return 200, {"code": 1, "data": self.pns[nip]}
            items = self.jabatan.get(nip, []) if what == "rw-jabatan" else self.riwayat_of(what[3:], nip)
            return (200, {"code": 1, "data": items}) if items else not_found
        if method == "GET" and path == "/referensi/ref-unor":
            limit = int(query.get("limit", len(self.unor)) or len(self.unor) or 1)
            offset = int(query.get("offset", 0) or 0)
            return 200, {"code": 1, "data": self.unor[offset:offset + limit], "count": len(self.unor)}
        match = re.fullmatch(r"/(kursus|diklat)/id/([\w-]+)", path)
        if method == "GET" and match:
            item = getattr(self, match.group(1)).get(match.group(2))
            return (200, {"code": 1, "data": item}) if item else not_found
        if method == "POST" and path in ("/kursus/save", "/diklat/save"):
            return self._save(path[1:7], body if isinstance(body, dict) else {})
        if method == "POST" and path == "/upload-dok-rw":
            rw_id = str(body.get("id_riwayat", ""))
            if rw_id not in self.kursus and rw_id not in self.diklat:
                return 200, {"success": False, "message": "id_riwayat tidak ditemukan"}
            upload = files.get("file")
            if not upload or not upload[1].startswith(b"%PDF"):
                return 200, {"success": False, "message": "file harus PDF"}
            self.documents[rw_id] = {"id_ref_dokumen": body.get("id_ref_dokumen"), "name": upload[0],
                                     "size": len(upload[1])}
            return 200, {"success": True, "message": "success", "data": {"dok_id": body.get("id_ref_dokumen")}}
        return 404, {"code": 0, "data": "Data tidak ditemukan"}

    def _save(self, kind: str, body: dict) -> tuple[int, dict]:
        required = KURSUS_REQUIRED if kind == "kursus" else DIKLAT_REQUIRED
        missing = [f for f in required if body.get(f) in (None, "")]
        if missing:
            text = " ".join(f"* {f} is required" for f in missing)
            return 200, {"code": 0, "data": None, "message": f"{len(missing)} errors occurred: {text}"}
        ref_key, refs = (("jenisDiklatId", JENIS_DIKLAT_IDS) if kind == "kursus"
                         else ("latihanStrukturalId", LATIHAN_STRUKTURAL_IDS))
        if str(body[ref_key]) not in refs:
            return 200, {"success": False, "mapData": None,
                         "message": f"{ref_key} {body[ref_key]} tidak ditemukan pada referensi"}
        pns = next((p for p in self.pns.values() if p["id"] == body["pnsOrangId"]), None)
        if pns is None:
            return 200, {"success": False, "mapData": None, "message": "pnsOrangId tidak ditemukan"}
        store = getattr(self, kind)
        with self.lock:
            rw_id = body.get("id") or uuid.uuid4().hex
            if body.get("id") and rw_id not in store:
                return 200, {"success": False, "mapData": None, "message": f"id riwayat {rw_id} tidak ditemukan"}
            store[rw_id] = _read_shape(kind, rw_id, pns, body)
            self.saves.append({"kind": kind, **body})
        key = "rwKursusId" if kind == "kursus" else "rwDiklatId"
        return 200, {"success": True, "mapData": {key: rw_id}, "message": "success"}


def _read_shape(kind: str, rw_id: str, pns: dict, body: dict) -> dict:
    """What a riwayat GET returns for a saved body (SIASN.md §3: the read names differ from the write names)."""
    common = {"id": rw_id, "idPns": pns["id"], "nipBaru": pns["nipBaru"], "nipLama": pns.get("nipLama", ""),
              "institusiPenyelenggara": body.get("institusiPenyelenggara", ""), "jumlahJam": body.get("jumlahJam"),
              "path": None}
    if kind == "kursus":
        return {**common, "jenisDiklatId": str(body["jenisDiklatId"]), "jenisKursusId": body.get("jenisKursus", ""),
                "jenisKursusNama": "", "jenisKursusSertifikat": body.get("jenisKursusSertipikat", ""),
                "namaKursus": body.get("namaKursus", ""), "noSertipikat": body.get("nomorSertipikat", ""),
                "tahunKursus": body.get("tahunKursus"), "tanggalKursus": body.get("tanggalKursus"),
                "tanggalSelesaiKursus": body.get("tanggalSelesaiKursus")}
    return {**common, "latihanStrukturalId": str(body["latihanStrukturalId"]), "latihanStrukturalNama": "",
            "nomor": body.get("nomor", ""), "tanggal": body.get("tanggal"),
            "tanggalSelesai": body.get("tanggalSelesai"), "tahun": body.get("tahun")}


class _Handler(BaseHTTPRequestHandler):
    state: FakeSiasn
    protocol_version = "HTTP/1.1"
    # Keep-alive with small writes: without these, Nagle's algorithm and the client's delayed ACK add ~40 ms to
    # every answer.
    disable_nagle_algorithm = True
    wbufsize = 64 * 1024

    def log_message(self, format, *args) -> None:
        return

    def _reply(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> tuple[Any, dict]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        kind = self.headers.get("Content-Type", "")
        if kind.startswith("application/json"):
            try:
                return json.loads(raw or b"null"), {}
            except ValueError:
                return None, {}
        if kind.startswith("application/x-www-form-urlencoded"):
            return {k: v[0] for k, v in parse_qs(raw.decode()).items()}, {}
        if kind.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + kind.encode() + b"\r\n\r\n" + raw)
            fields, files = {}, {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                filename = part.get_filename()
                payload = part.get_payload(decode=True) or b""
                if filename:
                    files[name] = (filename, payload)
                else:
                    fields[name] = payload.decode()
            return fields, files
        return None, {}

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        body, files = self._body()
        if parts.path in (APIM_TOKEN_PATH, SSO_TOKEN_PATH) and method == "POST":
            status, answer = self.state.token(parts.path, self.headers, body if isinstance(body, dict) else {})
        elif parts.path.startswith(API_PREFIX + "/"):
            status, answer = self.state.api(method, parts.path[len(API_PREFIX):], self.headers, query, body, files)
        else:
            status, answer = 404, {"code": 0, "data": "Data tidak ditemukan"}
        self._reply(status, answer)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")
