"""prodoffice settings: one module, driven by the environment (see README "Configuration")."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from prodoffice.core.env import (
    dev_secret_key,
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PRODOFFICE_VAR_DIR") or BASE_DIR / "var")

ENVIRONMENT = env_str("PRODOFFICE_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("PRODOFFICE_ENV must be 'development' or 'production'")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when PRODOFFICE_ENV=production")

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required in production mode")
    SECRET_KEY = dev_secret_key(VAR_DIR)
elif PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured("SECRET_KEY is too short or too simple for production mode")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production mode")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "prodoffice.core",
    "prodoffice.accounts",
    "prodoffice.audit",
    "prodoffice.people",
    "prodoffice.productions",
    "prodoffice.scheduling",
    "prodoffice.contracts",
    "prodoffice.locations",
    "prodoffice.post",
    "prodoffice.languages",
    "prodoffice.callsheets",
    "prodoffice.api",
    "prodoffice.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "prodoffice.core.middleware.RequestIdMiddleware",
    "prodoffice.core.middleware.NulParameterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "prodoffice.core.middleware.SecurityHeadersMiddleware",
    "prodoffice.core.middleware.BidiNeutraliseMiddleware",
    "prodoffice.accounts.middleware.MfaRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "prodoffice.urls"
WSGI_APPLICATION = "prodoffice.wsgi.application"
ASGI_APPLICATION = "prodoffice.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "prodoffice.web.context_processors.shell",
            ],
        },
    }
]

# Database: SQLite under var/ by default, tuned for durability; PostgreSQL (or any) by DATABASE_URL.
# A file SQLite named by DATABASE_URL=sqlite:///path gets the same pragmas and BEGIN IMMEDIATE as
# the default one: WAL, synchronous=FULL, foreign keys, a busy timeout.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 10,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=FULL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=10000;"
    ),
}
# A server worker keeps its SQLite connection between requests, as it does a PostgreSQL one:
# opening one (the file, Django's SQL functions, the pragmas above) cost about 2 ms of CPU per
# request, a fifth of a small page (benchmarks/README.md, "Load"). SQLite has no server whose
# end could make a kept connection stale, so there is nothing to health-check.
SQLITE_CONN_MAX_AGE = 60
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        _sqlite = DATABASES["default"]
        _sqlite["CONN_MAX_AGE"], _sqlite["CONN_HEALTH_CHECKS"] = SQLITE_CONN_MAX_AGE, False
        _sqlite["OPTIONS"] = {**SQLITE_OPTIONS, **_sqlite.get("OPTIONS", {})}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH") or str(VAR_DIR / "prodoffice.sqlite3"),
            "OPTIONS": dict(SQLITE_OPTIONS),
            "CONN_MAX_AGE": SQLITE_CONN_MAX_AGE,
        }
    }
DATABASES["default"].setdefault("TEST", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_URL_MFA = "/accounts/two-factor/"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor authentication (TOTP) for anyone who can see rates and personal data.
PRODOFFICE_MFA_REQUIRED = env_bool("PRODOFFICE_MFA_REQUIRED", default=PRODUCTION)
OTP_TOTP_ISSUER = "prodoffice"

# Login throttling (django-axes): lock a username from one address, the real user elsewhere gets in;
# the cool-off is also the window of the spraying limit below.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Password spraying: an address that failed with this many distinct usernames within the cool-off
# is paused as a whole, on the web, admin and API token sign-ins (accounts/throttle.py).
AXES_HANDLER = "prodoffice.accounts.throttle.SprayAwareHandler"
PRODOFFICE_LOGIN_SPRAY_LIMIT = env_int("PRODOFFICE_LOGIN_SPRAY_LIMIT", 10)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy: everything is served from this origin (offline by design).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'; object-src 'none'"
)

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing root
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}


def s3_default_storage(bucket: str, endpoint_url: str = "", region: str = "", prefix: str = ""):
    """STORAGES["default"] on S3 or any S3-compatible store (MinIO, Ceph, R2 ...) through
    django-storages: private objects, signed URLs, never overwritten (names are random anyway).
    Credentials: the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or an instance role)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "location": prefix,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


if env_str("PRODOFFICE_S3_BUCKET"):
    STORAGES["default"] = s3_default_storage(
        env_str("PRODOFFICE_S3_BUCKET"),
        endpoint_url=env_str("PRODOFFICE_S3_ENDPOINT_URL"),
        region=env_str("PRODOFFICE_S3_REGION"),
        prefix=env_str("PRODOFFICE_S3_PREFIX"),
    )
WHITENOISE_USE_FINDERS = not PRODUCTION

# E-mail: console in development, SMTP by settings; PRODOFFICE_EMAIL_FILE_PATH writes each message
# to a file in that folder instead (file backend), unless EMAIL_BACKEND says otherwise.
_email_file_path = env_str("PRODOFFICE_EMAIL_FILE_PATH")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if _email_file_path
    else "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "prodoffice <office@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = _email_file_path or str(VAR_DIR / "mail")
# Where parties open their signing links: the site's public address (scheme, host, port).
PRODOFFICE_BASE_URL = env_str("PRODOFFICE_BASE_URL", "http://127.0.0.1:8000")
# Parties still unsigned this many days after the send get a reminder (`contracts remind`).
PRODOFFICE_CONTRACT_REMINDER_DAYS = env_int("PRODOFFICE_CONTRACT_REMINDER_DAYS", 3)

_redis_url = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background tasks (ADR 0007): queued in the database, run by `prodoffice worker`.
# PRODOFFICE_TASKS_IMMEDIATE=1 runs them inline in the request (no worker; tests do this too).
#: Run by `prodoffice worker` when it starts: finish work a crash left half-way (ADR 0009).
PRODOFFICE_WORKER_STARTUP = [
    "prodoffice.contracts.recovery.worker_startup",
    "prodoffice.core.tasks.schedule_nightly_backup",
    "prodoffice.api.services.worker_startup",  # expired Idempotency-Keys
    "prodoffice.locations.tasks.schedule_paperwork_daily",  # expiries, reminders, digest
    "prodoffice.callsheets.tasks.schedule_callsheet_alarms",  # hourly: late call sheets
]
# Paperwork: the daily run's hour (UTC) and how many days before expiry a day turns amber.
PRODOFFICE_PAPERWORK_HOUR = env_int("PRODOFFICE_PAPERWORK_HOUR", 6)
PRODOFFICE_READINESS_WARN_DAYS = env_int("PRODOFFICE_READINESS_WARN_DAYS", 14)
# Legal paperwork is kept this many years (never fewer than five) after the later of its upload,
# its expiry and the production's end date; `prodoffice paperwork purge` removes what is older.
PRODOFFICE_PAPERWORK_RETENTION_YEARS = env_int("PRODOFFICE_PAPERWORK_RETENTION_YEARS", 5)
TASKS = {
    "default": (
        {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
        if env_bool("PRODOFFICE_TASKS_IMMEDIATE", default=False)
        else {"BACKEND": "django_tasks_db.DatabaseBackend"}
    )
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "prodoffice.api.auth.BearerTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "prodoffice.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "prodoffice.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "10/min", "anon": "60/min"},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "prodoffice API",
    "DESCRIPTION": "The production office: people, productions, crew and cast, meetings.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "prodoffice.api.schema.integer_path_ids",
    ],
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "filters": {
        "request_id": {"()": "prodoffice.core.middleware.RequestIdLogFilter"},
        "url_secrets": {"()": "prodoffice.core.logfilters.UrlSecretFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id", "url_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools log their progress at INFO: the console keeps their warnings.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

PRODOFFICE_UPLOAD_MAX_BYTES = env_int("PRODOFFICE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = PRODOFFICE_UPLOAD_MAX_BYTES
# Decompression limits of zip-based uploads (XLSX ...), checked before any parser opens them.
PRODOFFICE_ZIP_MAX_ENTRIES = env_int("PRODOFFICE_ZIP_MAX_ENTRIES", 1000)
PRODOFFICE_ZIP_MAX_BYTES = env_int("PRODOFFICE_ZIP_MAX_BYTES", 50 * 1024 * 1024)
PRODOFFICE_ZIP_MAX_RATIO = env_int("PRODOFFICE_ZIP_MAX_RATIO", 100)
# The office seal's key and certificate (docs/guide/office-seal.md): back this folder up.
PRODOFFICE_SIGNING_DIR = Path(env_str("PRODOFFICE_SIGNING_DIR") or VAR_DIR / "signing")

# Backups (README "Backup and restore", ADR 0014): `prodoffice backup` writes a folder per run
# under PRODOFFICE_BACKUP_DIR; the worker takes one nightly at PRODOFFICE_BACKUP_HOUR (UTC) and
# keeps the newest PRODOFFICE_BACKUP_KEEP. The office seal is left out unless
# PRODOFFICE_BACKUP_SEAL=encrypt (with the passphrase in PRODOFFICE_BACKUP_PASSPHRASE).
PRODOFFICE_BACKUP_DIR = Path(env_str("PRODOFFICE_BACKUP_DIR") or VAR_DIR / "backups")
PRODOFFICE_BACKUP_KEEP = env_int("PRODOFFICE_BACKUP_KEEP", 7)
PRODOFFICE_BACKUP_NIGHTLY = env_bool("PRODOFFICE_BACKUP_NIGHTLY", default=True)
PRODOFFICE_BACKUP_HOUR = env_int("PRODOFFICE_BACKUP_HOUR", 3)
PRODOFFICE_BACKUP_SEAL = env_str("PRODOFFICE_BACKUP_SEAL", "exclude")
if PRODOFFICE_BACKUP_SEAL not in {"exclude", "encrypt"}:
    raise ImproperlyConfigured("PRODOFFICE_BACKUP_SEAL must be 'exclude' or 'encrypt'")
if not 0 <= PRODOFFICE_BACKUP_HOUR <= 23 or PRODOFFICE_BACKUP_KEEP < 1:
    raise ImproperlyConfigured("PRODOFFICE_BACKUP_HOUR must be 0-23, PRODOFFICE_BACKUP_KEEP >= 1")
#: Run by `prodoffice restore` after the counts and file hashes: each returns a list of problems.
PRODOFFICE_RESTORE_CHECKS = [
    "prodoffice.audit.chain.audit_chain_problems",
    "prodoffice.contracts.selectors.contract_chain_problems",
    "prodoffice.contracts.selectors.executed_contract_problems",
]
