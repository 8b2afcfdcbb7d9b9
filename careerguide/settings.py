"""Settings for ML Career Guide.

One module, read from the environment. The defaults are safe for a local
machine; production strictness follows from DJANGO_DEBUG being off.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

# A key for local development only. The WSGI/ASGI entry points refuse it when
# DEBUG is off (see careerguide.security), so it can never serve production.
DEV_SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_site_url(name):
    """The site's public address from `name`, without a trailing slash ("" when unset):
    a scheme (http or https) and a host, nothing after them."""
    value = os.environ.get(name, "").strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path or parts.query:
        raise ImproperlyConfigured(
            f"{name} must be the site's public address, like https://guide.example.org, "
            f"not {value!r}."
        )
    return value


def env_list(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or DEV_SECRET_KEY
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# The site's public address, for links that leave the site (an advisor's shortlist link in
# an email): taken from here, never from the request's Host, which a proxy may get wrong.
# Required when DEBUG is off (careerguide.security); locally, runserver's address.
SITE_URL = env_site_url("DJANGO_SITE_URL")
SITE_URL_CONFIGURED = bool(SITE_URL)
SITE_URL = SITE_URL or "http://localhost:8000"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "import_export",
    # Counts failed admin log-ins and locks a username and address out (see Security).
    "axes",
    "careers",
]

MIDDLEWARE = [
    # Serving (issue 14): first, so every request gets an id and one log line, timed in full.
    "careerguide.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "careerguide.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise (static files come precompressed); above all that renders pages,
    # so every page, cached or not, is compressed (with Django's random BREACH padding).
    "django.middleware.gzip.GZipMiddleware",
    # Below GZip, so the ETag is of the uncompressed page; answers 304 to If-None-Match.
    "django.middleware.http.ConditionalGetMiddleware",
    # Above sessions, CSRF and messages, so it sees every cookie they set before storing
    # a page; the security headers above are added afresh to each cached page.
    "careerguide.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which editor made each change in the history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a lockout into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerguide.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # csp_nonce: the admin's own inline <script> and <style> carry it.
                "django.template.context_processors.csp",
                "careers.context_processors.salary_scale",
                "careers.context_processors.footnotes",
            ],
        },
    },
]

WSGI_APPLICATION = "careerguide.wsgi.application"

# --- Database and cache -------------------------------------------------------------
# The embedded SQLite database by default (DJANGO_DB_PATH moves the file); DATABASE_URL,
# e.g. postgres://user:password@host:5432/careerguide, picks another database.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            # Keep connections open between requests, checked before reuse.
            conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DJANGO_DB_PATH") or BASE_DIR / "db.sqlite3",
            "OPTIONS": {
                # IMMEDIATE avoids "database is locked" when two writers race.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

# One cache all workers share when REDIS_URL is set (redis://host:6379/0); otherwise
# each process keeps its own in memory, which is right for runserver.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "careerguide",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How long an anonymous visitor's page is kept (careerguide.page_cache); 0 turns page
# caching off. Edits are seen at once whatever the length: a change moves the content
# version on (careers.content_version). On only with REDIS_URL by default, since without
# it each worker keeps its own content version and misses other workers' changes; set it
# for a single process (runserver) to try it.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 3600 if REDIS_URL else 0)

# How long figures derived from every published role (the salary scale all bars share,
# the counts by track) are kept per content version (careers.site_figures); 0 aggregates
# them on every request. On wherever the content version is exact: with REDIS_URL, or in
# the one process of runserver (DEBUG). A page the page cache misses then skips them.
FIGURE_CACHE_SECONDS = env_int("DJANGO_FIGURE_CACHE_SECONDS", 86400 if REDIS_URL or DEBUG else 0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files the site draws itself: each role's link-preview card (careers.preview_images).
# Whitenoise never serves them; a view does (careers.views_preview), with DEBUG on or off.
# DJANGO_MEDIA_ROOT moves them (the Docker image keeps them in its /data volume).
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files served by whitenoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Security ---
# Strict in production by default: with DJANGO_DEBUG off, only DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS need setting for `manage.py check --deploy` to find nothing.
# Each protection that can be turned off has its own variable (README, Configuration).

# Headers that hold in every environment, so development shows what production does.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent by careerguide.security.PermissionsPolicyMiddleware; () denies a feature to all.
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": []}

# Content-Security-Policy: only our own files, no inline code or style attributes.
# The admin's few inline <script>/<style> elements carry the per-request nonce (the
# csp context processor); the site's own templates need none. JSON-LD is data, which
# browsers never run, so script-src does not apply to it.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Behind a proxy that terminates TLS and says so in X-Forwarded-Proto. Only turn this
# on when the proxy always sets (or strips) that header: otherwise clients could
# claim HTTPS themselves.
if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The CSRF token travels in the forms; no script of ours or the admin's reads the cookie.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True

if not DEBUG:
    # Off only where a proxy in front already redirects HTTP to HTTPS itself.
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe /healthz over plain HTTP inside the network: answer them.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # A year of HTTPS-only, subdomains included. Preload only marks the site as
    # eligible for browsers' built-in list; joining it is a separate submission
    # (hstspreload.org), so DJANGO_HSTS_PRELOAD=false before that is harmless.
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)

# Admin log-in throttling (django-axes): after DJANGO_LOGIN_FAILURE_LIMIT failed
# attempts for one username from one address, that pair is locked out for
# DJANGO_LOGIN_COOLOFF_MINUTES; `manage.py axes_reset` (or the admin's "Access
# attempts") unlocks sooner. axes's backend must come first to refuse a locked pair.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The address is REMOTE_ADDR unless DJANGO_TRUSTED_PROXY_COUNT proxies of ours stand
# in front: then the one they recorded in X-Forwarded-For (careerguide.security).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "careerguide.security.client_ip"
# --- End of security ---

# Logging (issue 14, serving): key=value lines on stdout, each with the request id
# (careerguide/request_log.py); one INFO line per request, warnings and errors (with
# tracebacks) from everything else. DJANGO_LOG_LEVEL sets the level for the rest.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "careerguide.request_log.RequestIdFilter"}},
    "formatters": {"keyvalue": {"()": "careerguide.request_log.KeyValueFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "keyvalue",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {"careerguide.requests": {"level": "INFO"}},
}

# Directory listing page size.
ROLES_PER_PAGE = 12

# /paths/ draws every role on one map while there are at most this many published roles
# (the seed has 20: about 36 boxes, 38 KB). Past it the map would grow by some 2 KB a
# role and its layout search by more, so the page draws one stage (article list) at a
# time, a page of its roles with where they lead, and offers a chooser.
PATHS_WHOLE_MAP_MAX_ROLES = 60

# The salary desk. Annual US$ amounts outside this band are refused as implausible
# (a missing zero, a monthly figure); the database's own hard limits are wider.
SALARY_PLAUSIBLE_MIN = int(os.environ.get("SALARY_PLAUSIBLE_MIN", "10000"))
SALARY_PLAUSIBLE_MAX = int(os.environ.get("SALARY_PLAUSIBLE_MAX", "1000000"))
# Figures whose "as of" date is older than this many months count as stale.
SALARY_STALE_MONTHS = int(os.environ.get("SALARY_STALE_MONTHS", "12"))
# The admin's "needs review" queue lists a role whose article median (or range midpoint)
# differs from the official BLS national median by more than this many per cent.
REVIEW_MEDIAN_DIFFERENCE_PCT = int(os.environ.get("REVIEW_MEDIAN_DIFFERENCE_PCT", "25"))


# Bulk import and export in the admin need the change and view permissions.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# The admin's CSV export escapes cells a spreadsheet would run as formulae, by the
# site's one rule (careers.spreadsheets.SafeCSV).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True


# --- Upload limits ---
# Request bodies Django keeps in memory: form fields up to DATA_UPLOAD_MAX_MEMORY_SIZE
# (Django's default, 2.5 MB); uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a
# temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Both spreadsheet imports (BLS wages, the role figures CSV) refuse a larger file or
# more rows; careers.uploads holds the rest of their limits. BLS's national file is
# well under 1 MB and about 1,400 rows; 60 MB leaves room for its larger downloads.
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", 60 * 1024 * 1024))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "50000"))
# BLS's OEWS import reads its files as a stream and keeps only what it stores, so it
# takes the all-data workbook (about 400,000 rows, 1 GB of sheet XML unpacked).
OEWS_IMPORT_MAX_ROWS = int(os.environ.get("OEWS_IMPORT_MAX_ROWS", "600000"))
OEWS_IMPORT_MAX_XML_BYTES = int(os.environ.get("OEWS_IMPORT_MAX_XML_BYTES", 2 * 1024**3))
