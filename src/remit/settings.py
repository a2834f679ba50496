"""Django settings for Remit.

Development is the default. `REMIT_ENV=production` switches to production
settings, which read every secret from the environment and refuse to start
without them.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE
from csp.constants import SELF

from remit.core.archives import DEFAULTS as ZIP_DEFAULTS
from remit.core.archives import env_int
from remit.core.storage import crime_store_shared
from remit.core.storage import default_storage_setting

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("REMIT_HOME", BASE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("REMIT_VAR", PROJECT_DIR / "var"))

PRODUCTION = os.environ.get("REMIT_ENV", "development") == "production"
DEBUG = not PRODUCTION and os.environ.get("REMIT_DEBUG", "1") == "1"


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} must be set when REMIT_ENV=production")
    return value


if PRODUCTION:
    SECRET_KEY = _required("REMIT_SECRET_KEY")
    ALLOWED_HOSTS = _required("REMIT_ALLOWED_HOSTS").split(",")
else:
    SECRET_KEY = os.environ.get(
        "REMIT_SECRET_KEY", "development-only-key-not-for-production-use-0123456789abcdef"
    )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Only for its static files: Swagger UI for /api/docs, served locally.
    "ninja",
    "remit.ui",
    "remit.core",
    "remit.registry",
    "remit.funding",
    "remit.proposals",
    "remit.meetings",
    "remit.appraisal",
    "remit.indicators",
    "remit.search",
    "remit.portal",
    "remit.thread",
    "remit.work",
    "remit.notifications",
    "remit.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "remit.core.middleware.RegionMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "remit.core.middleware.PrivatePagesMiddleware",
    "remit.core.middleware.SessionActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# A change's reason (who loaded which file, why a record changed) is text of any length.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

ROOT_URLCONF = "remit.urls"
WSGI_APPLICATION = "remit.wsgi.application"

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
                "remit.core.context_processors.site",
                "remit.notifications.context_processors.unread",
            ],
        },
    },
]
FORM_RENDERER = "remit.ui.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'remit.sqlite3'}",
        conn_max_age=int(os.environ.get("REMIT_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work together; the busy timeout queues writers.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Sign-in throttling: five failures lock the username from that address for 15 minutes.
# Behind a proxy the address is the one the proxy forwards, believed only from the proxies
# named here (addresses or networks, comma-separated), never from anyone else.
REMIT_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("REMIT_TRUSTED_PROXIES", "").split(",") if p.strip()
]
for _proxy in REMIT_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise RuntimeError(
            f"REMIT_TRUSTED_PROXIES: {_proxy!r} is not an address or network "
            "(such as 10.0.0.5 or 10.0.0.0/24)"
        ) from None
AXES_CLIENT_IP_CALLABLE = "remit.core.addresses.client_address"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A session ends SESSION_COOKIE_AGE after it was last used: SessionActivityMiddleware
# rewrites it every few minutes of use, so reading a page does not write it.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

if PRODUCTION:
    SESSION_COOKIE_NAME = "__Host-remit-session"
    CSRF_COOKIE_NAME = "__Host-remit-csrf"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("REMIT_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    CSRF_TRUSTED_ORIGINS = [
        o for o in os.environ.get("REMIT_CSRF_TRUSTED_ORIGINS", "").split(",") if o
    ]

LANGUAGE_CODE = "en-gb"
FORMAT_MODULE_PATH = ["remit.formats"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("REMIT_MEDIA_ROOT", VAR_DIR / "media"))
# Uploads and packs: the media folder, or a bucket when REMIT_S3_BUCKET is set (core/storage.py).
STORAGES = {
    "default": default_storage_setting(os.environ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Public pages kept for visitors who are not signed in (remit.core.pagecache). Each process
# keeps its own: every hit is checked against a version of what the page shows, read in
# one query, so a publish shows at once in every process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "remit-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
REMIT_PUBLIC_PAGE_CACHE = os.environ.get("REMIT_PUBLIC_PAGE_CACHE", "1") == "1"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True
WHITENOISE_USE_FINDERS = not PRODUCTION

# Long work (imports, meeting packs) runs in a worker: `remit manage db_worker`.
TASKS = {
    "default": {"BACKEND": os.environ.get("REMIT_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}
}

EMAIL_BACKEND = os.environ.get(
    "REMIT_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("REMIT_FROM_EMAIL", "remit@localhost")

CRIME_STORE = Path(os.environ.get("REMIT_CRIME_STORE", VAR_DIR / "crime"))
# Each machine queries its own crime store folder; shared, every import is published to the
# default storage and each machine brings its folder up to date from there, looking at most
# once every CRIME_STORE_CHECK_SECONDS (indicators/services/shared_store.py). On with a bucket.
CRIME_STORE_SHARED = crime_store_shared(os.environ)
CRIME_STORE_CHECK_SECONDS = env_int("REMIT_CRIME_STORE_CHECK_SECONDS", 30)

# How far an uploaded zip may unpack, checked from its directory before anything is written.
ZIP_MAX_BYTES = env_int("REMIT_ZIP_MAX_BYTES", ZIP_DEFAULTS["ZIP_MAX_BYTES"])
ZIP_MAX_MEMBERS = env_int("REMIT_ZIP_MAX_MEMBERS", ZIP_DEFAULTS["ZIP_MAX_MEMBERS"])
ZIP_MAX_RATIO = env_int("REMIT_ZIP_MAX_RATIO", ZIP_DEFAULTS["ZIP_MAX_RATIO"])
DOCUMENT_ZIP_MAX_BYTES = env_int(
    "REMIT_DOCUMENT_ZIP_MAX_BYTES", ZIP_DEFAULTS["DOCUMENT_ZIP_MAX_BYTES"]
)
REMIT_REGION = os.environ.get("REMIT_REGION", "")

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

SILENCED_SYSTEM_CHECKS: list[str] = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
