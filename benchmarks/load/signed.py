"""A simulated user who logs in once, and the run's request log (used by locustfile.py, imported by locust).

Every request goes to LOAD_REQUEST_LOG, one CSV line each (start time, name, ms, error), for bench_load's
whole-run and steady-state figures; the moment the last user was spawned is written as a line named "#spawned".
A page must answer 200 (after redirects, never the login page) and a form must not come back with an error
message; anything else is an error of that request, with its cause.
"""

from __future__ import annotations

import os
import re
import time

from locust import HttpUser, between, events

PASSWORD = os.environ.get("LOAD_PASSWORD", "renbang-demo-2026")
WAIT = tuple(float(x) for x in os.environ.get("LOAD_WAIT", "3-12").split("-", 1))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ALERT = re.compile(r'class="alert alert-danger[^"]*"[^>]*>\s*(.{0,160})', re.S)
REQUEST_LOG = os.environ.get("LOAD_REQUEST_LOG", "")
_log = open(REQUEST_LOG, "w", encoding="utf-8") if REQUEST_LOG else None  # noqa: SIM115 (closed at quit)


@events.request.add_listener
def _log_request(request_type, name, response_time, response_length, exception, start_time=None, **_kw):
    if _log is not None:
        error = str(exception).replace("\n", " ").replace(",", ";")[:300] if exception else ""
        _log.write(f"{start_time or 0:.3f},{request_type} {name},{response_time:.1f},{error}\n")


@events.spawning_complete.add_listener
def _spawned(user_count, **_kw):
    if _log is not None:
        _log.write(f"{time.time():.3f},#spawned,{user_count},\n")


@events.quitting.add_listener
def _close(**_kw):
    if _log is not None:
        _log.close()


def cause(response) -> str:
    """Why a request failed: the status and URL, or the connection error when no response came (status 0)."""
    if response.status_code == 0:
        return f"no response: {type(response.error).__name__}: {response.error}"
    return f"{response.status_code} at {response.url}"


def refused(text: str) -> str:
    """The error message a page shows (a form refused, an import refused), '' when there is none."""
    found = ALERT.search(text or "")
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""


class SignedUser(HttpUser):
    abstract = True
    wait_time = between(*WAIT)  # reading and typing between clicks (see benchmarks/README.md)
    username = ""

    def on_start(self) -> None:
        """Log in once (the login form, then the POST checked by Argon2id); the user then browses with think time.
        Every request says Connection: close, as nginx's proxy_pass does to gunicorn in production (docs/deploy.md:
        HTTP/1.0, one connection per request): a client that keeps idle connections open beyond gunicorn's 2 s
        keep-alive gets an occasional "Connection reset by peer" when gunicorn closes one as it is reused."""
        self.client.headers["Connection"] = "close"
        with self.client.get("/akun/masuk/", name="login form", catch_response=True) as page:
            token = CSRF.search(page.text or "")
            if page.status_code != 200 or token is None:
                page.failure(cause(page))
                return
        with self.client.post("/akun/masuk/", {"username": self.username, "password": PASSWORD,
                                               "csrfmiddlewaretoken": token.group(1)}, name="login",
                              headers={"Referer": self.host + "/akun/masuk/"}, catch_response=True) as response:
            if response.status_code != 200 or "/akun/masuk/" in (response.url or ""):
                response.failure("login refused: " + cause(response))

    def page(self, url: str, name: str, **kwargs):
        """GET a page that must answer 200 for this account (after redirects, never the login page)."""
        with self.client.get(url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200 or "/akun/masuk/" in (response.url or ""):
                response.failure(cause(response))
            return response

    def post_form(self, url: str, page_text: str, data: dict, name: str, *, also_fine: str = "", files=None,
                  htmx: bool = False):
        """POST a form read from `page_text` (its CSRF token); 200 after the redirect without an error message, or
        a 4xx page saying `also_fine` (e.g. a concurrent simulated user of the same account got there first).
        `htmx`: sent as the page's hx-post sends it (HX-Request: true; the answer is a fragment, no redirect)."""
        token = CSRF.search(page_text or "")
        if not token:
            return None
        with self.client.post(url, {**data, "csrfmiddlewaretoken": token.group(1)}, name=name, catch_response=True,
                              headers={"Referer": self.host + url, **({"HX-Request": "true"} if htmx else {})},
                              files=files) as response:
            ok = response.status_code == 200 and "/akun/masuk/" not in (response.url or "")
            message = refused(response.text) if ok else ""
            if (ok and not message) or (also_fine and also_fine in (response.text or "")):
                response.success()
            else:
                response.failure(f"refused: {message}" if message else cause(response))
            return response
