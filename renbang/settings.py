"""Renbang settings: one module, read from the environment (12-factor).

Every value has a safe development default so that `manage.py runserver` works on a fresh clone with the
embedded SQLite database under var/. Production sets DJANGO_DEBUG=false, DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS and DATABASE_URL (PostgreSQL); see docs/deploy.md.
"""

import sys
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Tests: `make test` sets RENBANG_TESTING; a plain `pytest` (pytest-django loads these settings after pytest is
# imported) gets the same test settings without it.
TESTING = env.bool("RENBANG_TESTING", default="pytest" in sys.modules)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="dev-only-insecure-key-change-me-in-production-0123456789abcdefghijklmnop",
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "django_tables2",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "rules.apps.AutodiscoverRulesConfig",
    "tree_queries",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Renbang, in the order of the cycle (DESIGN.md): later apps may import earlier ones, never the reverse.
    "renbang.core",
    "renbang.accounts",
    "renbang.org",
    "renbang.people",
    "renbang.competencies",
    "renbang.needs",
    "renbang.catalog",
    "renbang.talent",
    "renbang.mentoring",
    "renbang.plans",
    "renbang.delivery",
    "renbang.evaluation",
    "renbang.cycle",
    "renbang.siasn",
    "renbang.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "renbang.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Admin roles (and anyone with a device) verify a second factor before any page: renbang/accounts/twofactor.
    "renbang.accounts.twofactor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After a user's write, that user's cached menu, bell and home tasks are recomputed: renbang/core/usercache.py.
    "renbang.core.usercache.ForgetOnWriteMiddleware",
    "renbang.org.middleware.FirstRunMiddleware",  # a superuser on an empty installation → the setup page
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "renbang.core.middleware.AuditlogMiddleware",  # client address: renbang.core.client_ip
    # AxesMiddleware last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "renbang.urls"
WSGI_APPLICATION = "renbang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renbang.core.context_processors.navigation",
            ],
        },
    }
]

# --- Database ------------------------------------------------------------------------------------------
# SQLite is the embedded default (var/renbang.sqlite3); production and CI use PostgreSQL via DATABASE_URL.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'renbang.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + IMMEDIATE transactions let the web process and the job worker write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
else:
    # One test database per checkout: parallel checkouts on one server must not drop each other's test DB.
    import hashlib

    checkout = hashlib.sha1(str(BASE_DIR).encode(), usedforsecurity=False).hexdigest()[:8]
    DATABASES["default"]["TEST"] = {"NAME": f"test_renbang_{checkout}"}
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ----------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id with OWASP's parameters (renbang/accounts/hashers.py); the others still check older hashes, which are
# rewritten with Argon2id at the next successful login.
PASSWORD_HASHERS = [
    "renbang.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if TESTING:
    # Tests create many users and hash strength is not what they test (tests/accounts/test_hashers.py puts the
    # production list back).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTHENTICATION_BACKENDS.append("renbang.accounts.oidc.backend.EmployeeOIDCBackend")  # refuses while SSO is off
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures (django-axes): per user name + IP, released after a cool-off.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# The address locked out is the client's (renbang.core.client_ip: X-Forwarded-For only behind our proxy), not
# whatever django-ipware would read from forgeable headers if it were installed.
AXES_CLIENT_IP_CALLABLE = "renbang.core.client_ip.client_ip"
# A single sign-on callback is neither counted nor locked here: its code is single-use and the identity provider
# guards the password (renbang.accounts.oidc.backend.axes_exempt).
AXES_WHITELIST_CALLABLE = "renbang.accounts.oidc.backend.axes_exempt"

# Single sign-on with OpenID Connect (mozilla-django-oidc), e.g. a Keycloak realm of BKN or the Pemda; see
# docs/deploy.md "Single sign-on (OIDC)". Off while OIDC_RP_CLIENT_ID is empty. The endpoints come from the issuer's
# /.well-known/openid-configuration (renbang.accounts.oidc.discovery), fetched at first use and cached; an
# OIDC_OP_*_ENDPOINT value in the environment overrides the discovered one.
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid profile email")
OIDC_NIP_CLAIM = env.str("OIDC_NIP_CLAIM", default="nip")
OIDC_BUTTON_LABEL = env.str("OIDC_BUTTON_LABEL", default="")  # empty: "Masuk dengan SSO ASN" in the user's language
# Agency codes whose employees may sign in this way (empty: every agency hosted here).
OIDC_AGENCIES = env.list("OIDC_AGENCIES", default=[])
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=10.0)  # seconds, every call to the identity provider
OIDC_DISCOVERY_CACHE_SECONDS = env.int("OIDC_DISCOVERY_CACHE_SECONDS", default=3600)
OIDC_CREATE_USER = False  # accounts come from the roster import, never from a login
OIDC_STORE_ID_TOKEN = True  # for the identity provider's logout (id_token_hint)
OIDC_LOGOUT_AT_PROVIDER = env.bool("OIDC_LOGOUT_AT_PROVIDER", default=True)  # also end the SSO session on logout
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc:callback"

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Behind a TLS-terminating proxy (docs/deploy.md) these are switched on from the environment. One setting trusts
# the proxy's headers: X-Forwarded-Proto here, the right-most X-Forwarded-For address for the client address
# (renbang.core.client_ip: audit trail, login lockout, throttles). Without it both headers are ignored.
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: everything is served from this host (no CDN on government intranets).
# The CSRF refusal in the app's layout, saying what to do (renbang.core.errors).
CSRF_FAILURE_VIEW = "renbang.core.errors.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
if OIDC_OP_ISSUER or OIDC_OP_LOGOUT_ENDPOINT:
    # The logout form ends an SSO session at the provider (a redirect the browser checks against form-action).
    from urllib.parse import urlsplit

    _end_session = urlsplit(OIDC_OP_LOGOUT_ENDPOINT or OIDC_OP_ISSUER)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_end_session.scheme}://{_end_session.netloc}")

# --- i18n ----------------------------------------------------------------------------------------------
# Indonesian is the source language of the UI; English comes from locale/en.
LANGUAGE_CODE = "id"
# Each language by its own name (not translated: Django's Indonesian catalogue would turn "English" into "Inggris").
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end libraries come from npm at install time (`make assets`), never from a CDN at run time.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/fullcalendar", NODE_MODULES / "fullcalendar"),
]
# Finders that leave out the ReDoc bundle and npm's package.json files (both name CDNs): renbang/core/staticfinders.py
STATICFILES_FINDERS = [
    "renbang.core.staticfinders.FileSystemFinder",
    "renbang.core.staticfinders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"  # never served publicly: uploads are read through permission-checked views
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000  # a supervisor's grid of 30 staff × many competencies

# --- Third-party apps ----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "renbang.api.authentication.AuditedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # The schema, pagination, filters and error bodies of renbang.api state what the API really does (issue 18).
    "DEFAULT_SCHEMA_CLASS": "renbang.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "renbang.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["renbang.api.filters.FilterBackend"],
    "EXCEPTION_HANDLER": "renbang.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Renbang ASN API",
    "DESCRIPTION": "REST API Renbang ASN: data induk, standar kompetensi, kebutuhan, rencana, pelaksanaan, evaluasi.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Served from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No badge from validator.swagger.io (an outside address; CSP img-src 'self').
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for the employment statuses (an employee's status, a programme's target statuses).
    "ENUM_NAME_OVERRIDES": {"EmployeeStatusEnum": "renbang.people.models.EmployeeStatus",
                            "PnsRankEnum": "renbang.talent.conf.RANK_CHOICES"},
    # Request bodies are documented as JSON, the API's interface (form posts stay accepted, undocumented: a form
    # cannot say null, nor a boolean's wrong type); a file upload states its multipart body in extend_schema.
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "renbang.api.schema.postprocess"],
}

# --- Cache ---------------------------------------------------------------------------------------------
# Redis, shared by every web process and the job worker: rate limits (activation, password reset, certificate
# checks) and cached figures must agree across gunicorn workers and nodes. REDIS_URL names it (docs/deploy.md);
# without it, a development machine uses the local Redis when one answers and process memory otherwise. Tests use
# process memory (each test starts with an empty cache), unless REDIS_URL is set for them.
REDIS_URL = env.str("REDIS_URL", default="")
if not REDIS_URL and not TESTING:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
        REDIS_URL = "redis://127.0.0.1:6379/0"
    except OSError:
        pass
if REDIS_URL:
    import hashlib

    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # One Redis may serve several installations (or checkouts): keys are kept apart by the checkout.
            "KEY_PREFIX": env.str(
                "CACHE_KEY_PREFIX",
                default="renbang-" + hashlib.sha1(str(BASE_DIR).encode(), usedforsecurity=False).hexdigest()[:8],
            ),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions are read from the shared cache and written through to the database (a query saved on every request).
# Only with a cache every process shares (Redis; process memory in tests, which run in one process): with a
# per-process cache, a session ended in one gunicorn worker would live on in another's memory.
if REDIS_URL or TESTING:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- E-mail --------------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="renbang@localhost")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# A password reset link is valid this long (Django's default is three days).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 3600)

# --- Logging: no personal data (NIP, names, birth dates) is ever logged; messages carry ids only. ------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Tracebacks without exception messages (they can hold NIPs, birth dates): renbang/core/logs.py.
    "filters": {"redact": {"()": "renbang.core.logs.RedactExceptionMessages"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Request bodies can carry NIPs: Django logs only the path on errors; keep it at ERROR.
        "django.request": {"level": "ERROR"},
        # httpx logs each request's full URL at INFO, and SIASN URLs carry NIPs: renbang.siasn.client logs them
        # with the NIP replaced instead.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

# --- Renbang -------------------------------------------------------------------------------------------
RENBANG = {
    # Upper limits for uploaded spreadsheets: refuse clearly instead of exhausting memory.
    "IMPORT_MAX_BYTES": env.int("RENBANG_IMPORT_MAX_BYTES", default=20 * 1024 * 1024),
    "IMPORT_MAX_UNPACKED_BYTES": env.int("RENBANG_IMPORT_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024),
    "IMPORT_MAX_ROWS": env.int("RENBANG_IMPORT_MAX_ROWS", default=100_000),
    "IMPORT_MAX_CELL_CHARS": 2000,
    # Roster import as a full roster ("daftar lengkap"): deactivating more than this share of the agency's active
    # employees needs an explicit confirmation (a wrong file must not disable the whole agency; a choice of this
    # app, not a regulation).
    "FULL_ROSTER_MAX_DEACTIVATE_SHARE": env.float("RENBANG_FULL_ROSTER_MAX_DEACTIVATE_SHARE", default=0.2),
    # A running job whose worker has not reported for this long is taken as dead (renbang.core.jobs).
    "JOB_STALE_SECONDS": env.int("RENBANG_JOB_STALE_SECONDS", default=30 * 60),
    # Needs analysis: campaigns with more target employees than this are computed by the job worker.
    "NEEDS_INLINE_MAX_EMPLOYEES": env.int("RENBANG_NEEDS_INLINE_MAX_EMPLOYEES", default=2000),
    # Self and supervisor ratings this many levels apart are flagged for a conversation (UNVERIFIED default).
    "NEEDS_DISAGREEMENT_LEVELS": 2,
    # Leaders' dashboard, "where the gaps are biggest": units rank by the share of their measured employees below
    # standard; a unit with fewer measured employees than this ranks after the larger ones, so a 2-person unit
    # at 100 % does not top the list (a choice of this app, not a regulation).
    "DASHBOARD_GAP_MIN_EMPLOYEES": env.int("RENBANG_DASHBOARD_GAP_MIN_EMPLOYEES", default=10),
    # Training days: a classroom day holds at most this many JP of 45 minutes (the LAN training curricula put
    # 8–9 JP in a day; UNVERIFIED as one national figure). Sessions made from the RPK and the demo's sessions get
    # ceil(JP / this) working days (delivery.services.training_days).
    "JP_PER_TRAINING_DAY": env.int("RENBANG_JP_PER_TRAINING_DAY", default=8),
    # FGD attachments (PDF/JPEG/PNG by content): largest accepted size.
    "NEEDS_ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    # Account activation (renbang.accounts.activation): a link or letter code is valid this many days (UNVERIFIED
    # default: long enough for a letter to travel through an OPD), an e-mail to the same person is not sent again
    # within this many minutes, and wrong codes are refused after this many attempts per NIP / per address in
    # a window of this many minutes.
    "ACTIVATION_DAYS": env.int("RENBANG_ACTIVATION_DAYS", default=14),
    # Base of the activation links in e-mails and letters (e.g. https://renbang.pemkomedan.go.id); empty: the
    # address the admin used when starting the job.
    "PUBLIC_URL": env.str("RENBANG_PUBLIC_URL", default=""),
    "ACTIVATION_RESEND_MINUTES": env.int("RENBANG_ACTIVATION_RESEND_MINUTES", default=10),
    "ACTIVATION_ATTEMPTS_PER_NIP": 5,
    "ACTIVATION_ATTEMPTS_PER_IP": 30,
    "ACTIVATION_WINDOW_MINUTES": 15,
    # Forgot password: requests per e-mail address and per client address in an hour.
    "PASSWORD_RESET_PER_EMAIL": 3,
    "PASSWORD_RESET_PER_IP": 10,
    # BKPSDM admins and the PPK must use two-factor verification (TOTP + recovery codes); users marked otp_exempt
    # (the demo accounts) are not forced. Off: nobody is forced, a user with a device still verifies it.
    "ADMIN_2FA_REQUIRED": env.bool("RENBANG_ADMIN_2FA_REQUIRED", default=True),
}

# --- SIASN (BKN) web services: docs/deploy.md "SIASN". Production and BKN's training environment differ only by
# these values; with no consumer key configured the connector is off and the Excel export is the route.
SIASN = {
    "BASE_URL": env.str("SIASN_BASE_URL", default=""),
    "REFERENSI_URL": env.str("SIASN_REFERENSI_URL", default=""),
    "APIM_TOKEN_URL": env.str("SIASN_APIM_TOKEN_URL", default=""),
    "SSO_TOKEN_URL": env.str("SIASN_SSO_TOKEN_URL", default=""),
    "CONSUMER_KEY": env.str("SIASN_CONSUMER_KEY", default=""),
    "CONSUMER_SECRET": env.str("SIASN_CONSUMER_SECRET", default=""),
    "CLIENT_ID": env.str("SIASN_CLIENT_ID", default=""),
    "USERNAME": env.str("SIASN_USERNAME", default=""),
    "PASSWORD": env.str("SIASN_PASSWORD", default=""),
    "SSO_TOKEN": env.str("SIASN_SSO_TOKEN", default=""),
    # Requests per second to SIASN (0: no limit). BKN publishes no limit; 5/s is a polite default.
    "RATE": env.float("SIASN_RATE", default=5.0),
    "TIMEOUT": env.float("SIASN_TIMEOUT", default=60.0),
    "RETRIES": env.int("SIASN_RETRIES", default=3),
}
# The name an authenticator app shows next to the account (django-otp's TOTP device).
OTP_TOTP_ISSUER = "Renbang ASN"
