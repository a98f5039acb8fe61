"""Settings for the Almaty Process portal: one module, configured from environment variables.

Every value has a safe default for local use (SQLite in the project folder, DEBUG on);
production sets DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS and DEBUG=0.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -----------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

ROOT_URLCONF = "almaty_portal.urls"
WSGI_APPLICATION = "almaty_portal.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications ---------------------------------------------------------------------------

DJANGO_APPS = [
    # modeltranslation must come before the admin so its admin patches apply.
    "modeltranslation",
    "almaty_portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # The archive search's vectors and their lookups (used on PostgreSQL only).
    "django.contrib.postgres",
]
OUR_APPS = [
    # The site-wide core: the page cache and the record's version.
    "almaty_portal",
    "members",
    "chairmanship",
    "meetings",
]
# The apps whose models make up the record: a change to any of them retires cached pages, the
# editor role may edit all of them, and a backup holds them all.
RECORD_APPS = ("members", "chairmanship", "meetings")
THIRD_PARTY_APPS = [
    "axes",
    # The open-data API (meetings/api/): Django REST framework, its OpenAPI document and a
    # local copy of Swagger UI (no CDN).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
]
# The benchmark lab (bench/): the synthetic record and its commands; no models, no pages.
DEVELOPMENT_APPS = ["bench"]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + OUR_APPS + DEVELOPMENT_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Static files straight after security: compressed, fingerprinted, cached forever.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Access-Control-Allow-Origin on the API's answers, cached ones included: before the page
    # cache, so a page stored for a request without an Origin still gets the header.
    "corsheaders.middleware.CorsMiddleware",
    # 304 answers to revalidations, for cached pages as for any other response.
    "django.middleware.http.ConditionalGetMiddleware",
    # Public pages for visitors without a session, until the record changes or the day turns:
    # a stored page is answered before anything that only a rendered page needs.
    "almaty_portal.page_cache.PublicPageCacheMiddleware",
    # Pages compressed for browsers that accept it, once, before the page cache stores them.
    "django.middleware.gzip.GZipMiddleware",
    # A public page's ETag (of the page itself, so before compression) and caching headers.
    "almaty_portal.page_cache.PublicPageHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it throttles repeated failed sign-ins.
    "axes.middleware.AxesMiddleware",
]

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
                "django.template.context_processors.csp",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# English dates as the UN system writes them ("12 October 2023"); Russian uses Django's own.
FORMAT_MODULE_PATH = ["almaty_portal.formats"]

# Reader-facing fields are stored in both languages; a missing Russian text falls back to
# English (the page marks it as such).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# The admin's language tabs use jQuery UI; serve our own copy instead of a CDN so the tabs
# work offline and under a strict Content Security Policy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static and media files -----------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded meeting documents and protocol scans (PDF only).
DOCUMENT_MAX_UPLOAD_BYTES = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "20")) * 1024 * 1024
# The archive search stops a query that runs longer than this (seconds) and says so, rather
# than hold a worker: a few slow searches at once must not starve every other page.
SEARCH_TIME_LIMIT = float(os.environ.get("SEARCH_TIME_LIMIT", "2"))
# On PostgreSQL searches take turns, one at a time for the whole site; a search whose turn
# has not come after this many seconds gets the archive without it and a 503 "try again".
SEARCH_WAIT_LIMIT = float(os.environ.get("SEARCH_WAIT_LIMIT", "5"))

STORAGES = {
    # Uploads and generated PDFs go through Django's storage API, so a shared store (for
    # example django-storages' S3 backend) is a matter of configuration:
    # MEDIA_STORAGE_BACKEND=storages.backends.s3.S3Storage
    # MEDIA_STORAGE_OPTIONS='{"bucket_name": "almaty-process"}'
    "default": {
        "BACKEND": os.environ.get(
            "MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ.get("MEDIA_STORAGE_OPTIONS", "{}")),
    },
    # Compressed, fingerprinted files from `collectstatic` once DEBUG is off; while
    # developing (and in tests) files are served as they are, without collectstatic.
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATIC_STORAGE_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}

# While developing (and in tests, which run without collectstatic) WhiteNoise serves files
# straight from the apps' static folders; in production only the collected, hashed ones.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- Cache ----------------------------------------------------------------------------------

# The cache every app server shares when REDIS_URL is set (Django's own Redis backend): the
# API's throttle counts and the sign-in lockouts; each process's own memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"}
    ),
    # Whole public pages (almaty_portal.page_cache), in each process's memory: every page is
    # keyed by the record's version, which lives in the database, so no copy outlives a change,
    # and a page is served without a round trip (a Redis client costs more than the page).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "1000"))},
    },
    # Template fragments, keyed like the pages: a meeting's article and its JSON-LD, so that a
    # page the page cache does not store stays cheap.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("FRAGMENT_CACHE_ENTRIES", "500"))},
    },
}
# How long a process may use the record's version it last read from the database, in
# seconds: an edit is seen by every worker of every app server within this time.
RECORD_VERSION_MAX_AGE = float(os.environ.get("RECORD_VERSION_MAX_AGE", "0.5"))

# --- Open data (meetings/api/) ---------------------------------------------------------------

REST_FRAMEWORK = {
    # Read-only and anonymous: no session, no CSRF, so every answer is the same for everyone
    # and the page cache may keep it.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    # Per client address, counted in the default cache (Redis when REDIS_URL is set).
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_THROTTLE_RATE", "120/minute")},
    # Behind a proxy, the number of proxies in front of the app (X-Forwarded-For).
    "NUM_PROXIES": int(os.environ["API_NUM_PROXIES"]) if "API_NUM_PROXIES" in os.environ else None,
    "EXCEPTION_HANDLER": "meetings.api.errors.exception_handler",
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Almaty Process open data API",
    "DESCRIPTION": (
        "The published record of the Almaty Process on Refugee Protection and International "
        "Migration: meetings, participants and their membership over time, chairmanship terms. "
        "Every text is given in English and Russian; `?lang=en` or `?lang=ru` gives one."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per set of codes, as the models name them.
    "ENUM_NAME_OVERRIDES": {
        "MeetingKind": "meetings.models.MeetingKind",
        "MeetingFormat": "meetings.models.MeetingFormat",
        "AgendaItemKind": "meetings.models.AgendaItemKind",
        "SpeakerRole": "meetings.models.SpeakerRole",
        "StatementKind": "meetings.models.StatementKind",
        "AttendanceCapacity": "meetings.models.AttendanceCapacity",
        "DocumentKind": "meetings.models.DocumentKind",
        "WorkingLanguage": "meetings.models.WorkingLanguage",
        "ParticipantKind": "members.models.ParticipantKind",
        "MembershipStatus": "members.models.MembershipStatus",
        "DatePrecision": "almaty_portal.periods.DatePrecision",
    },
}
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Language"]

# --- Security -------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins for one user name from one address lock them out for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind a proxy, AXES_IPWARE_META_PRECEDENCE_ORDER says which header holds the client.
AXES_IPWARE_META_PRECEDENCE_ORDER = env_list("AXES_IP_HEADERS", ["REMOTE_ADDR"])

# Content Security Policy (Django's own middleware): nothing inline without a nonce, nothing
# from other origins. Public pages use no inline script or style at all, so they can be
# cached; the nonce is there for anything that must be inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# HSTS is only ever sent over HTTPS, so it is on everywhere. Redirecting to HTTPS and
# HTTPS-only cookies default to on whenever DEBUG is off; each can be turned off for a
# plain-HTTP deployment on localhost (the benchmark, for example).
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
