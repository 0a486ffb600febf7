"""Settings of the fair portal: one module, driven by environment variables.

See `.env.example` and the README's configuration table for every variable.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "development-only-key-not-for-production"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if DEBUG:
    ALLOWED_HOSTS += ["testserver"]

PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    # The board's admin site (dashboard as its index); replaces "django.contrib.admin".
    "fairportal.admin_site.BoardAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "fairportal",
    "exhibitors",
    "events",
    "booths",
    "fairportal.axes_config.AxesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The API's 412 (If-Match, If-Unmodified-Since), cached answers' included, as JSON.
    "fairportal.api.PreconditionFailedAsJsonMiddleware",
    # ?fbclid=, ?utm_source= … taken out before the page cache keys the address.
    "fairportal.query_guard.DropTrackingParametersMiddleware",
    # Anonymous hits of cached public pages are answered here, before sessions & co.
    "fairportal.cache.PublicPageCacheHitMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "fairportal.languages.ApiLanguageMiddleware",
    # A NUL in a query value (?sector=%00) is a 400 before any view hands it to the ORM.
    "fairportal.query_guard.RefuseNulInQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # ConditionalGet sits above the page cache so cached pages get ETag/304 too.
    "fairportal.cache.ConditionalGetMiddleware",
    "fairportal.cache.PublicPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fairportal.urls"
# A form sent without its token (page left open, cookies blocked): our page, in the
# page's language, instead of Django's bare one.
CSRF_FAILURE_VIEW = "fairportal.views.csrf_failure"
WSGI_APPLICATION = "fairportal.wsgi.application"
AUTH_USER_MODEL = "fairportal.User"

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
                "django.template.context_processors.i18n",
                "fairportal.context_processors.portal",
            ],
        },
    }
]

# Database: an SQLite file under var/ unless DATABASE_URL says otherwise.
VAR_DIR = BASE_DIR / "var"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "fairportal.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy
    # timeout instead of failing half-way; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The directory's covering index (exhibitors.Exhibitor, "exhibitor_published_facets")
# is PostgreSQL's, the production database; SQLite keeps it without its extra columns,
# and says so with this warning on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Anonymous visitors' public pages served from the cache (see fairportal/cache.py).
# The pages and the API's reads that show no seats, registrations or meetings: what
# visitors write all day long (a seminar registration, a meeting request) keeps them.
# Not the sitemap nor the calendar files: they carry the events' updated_at, which
# every seat taken moves.
_CATALOGUE_PAGES = [
    "home",
    "visit",
    "exhibitors:list",
    "exhibitors:detail",
    "exhibitors:qr",
    "exhibitors:products",
    "booths:floor_plan",
]
_CATALOGUE_API = ("fair", "sector", "zone", "exhibitor", "product", "booth")


def _api_reads(*names: str) -> list[str]:
    return [f"api:{name}-{kind}" for name in names for kind in ("list", "detail")]


PUBLIC_CACHED_VIEWS = [
    *_CATALOGUE_PAGES,
    "events:list",
    "events:agenda_ics",
    "events:event_ics",
    "django.contrib.sitemaps.views.sitemap",
    # The API's public reads (JSON only, the same for every anonymous client). A hit
    # is not counted by the anonymous throttle: it costs no more than a static file.
    *_api_reads(*_CATALOGUE_API, "event"),
]
# Every other cached view (the programme, the API's events, the sitemap, calendars) is
# built again after a visitor's write.
PUBLIC_CACHE_WITHOUT_ATTENDANCE = [*_CATALOGUE_PAGES, *_api_reads(*_CATALOGUE_API)]
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "600"))
# Bytes of cached pages each process keeps a copy of (checked against the shared data
# version on every hit; see fairportal.cache._LocalCopies).
PUBLIC_CACHE_LOCAL_BYTES = int(os.environ.get("PUBLIC_CACHE_LOCAL_BYTES", str(8 * 1024 * 1024)))

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Django's Redis backend, reusing one client per connection pool (see the module).
    CACHES = {
        "default": {
            "BACKEND": "fairportal.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "fairportal",
        }
    }
else:
    CACHES = {
        "default": {
            # Django's, with the lock release of the Redis one (see the module).
            "BACKEND": "fairportal.redis_cache.LocMemCache",
            "LOCATION": "fairportal",
        }
    }

# Sessions read from the shared cache (Redis when REDIS_URL is set) and written through
# to the database: any instance behind the proxy sees them, a cache flush loses none.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "fairportal.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login guessing: after AXES_FAILURE_LIMIT failures for one username from one client
# address, that pair (only) is locked for AXES_COOLOFF_TIME, so nobody can lock the
# board out from elsewhere. The lockout check comes first.
AUTHENTICATION_BACKENDS = [
    "fairportal.login_protection.LoginGuardBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "fairportal.login_protection.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "fairportal.login_protection.lockout_response"
AXES_VERBOSE = False

LOGIN_URL = "account:login"
LOGIN_REDIRECT_URL = "account:home"
LOGOUT_REDIRECT_URL = "home"

# Languages: Vietnamese at the root, English under /en/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django 6 default, now: a URL typed without a scheme is taken as https.
FORMS_URLFIELD_ASSUME_HTTPS = True
FORMAT_MODULE_PATH = ["fairportal.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
if DEBUG:
    # WhiteNoise looks here at start-up; without collectstatic it would warn each time.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Hashed, compressed file names served by WhiteNoise with far-future cache headers;
# tests and development keep the plain storage (no collectstatic needed).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 3600
# Files served at the site's root: /favicon.ico, which browsers, feed readers and bots
# ask for whatever the pages link (an SVG icon); each ask was a 404 page built for it.
WHITENOISE_ROOT = BASE_DIR / "webroot"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))

# Uploads: limits checked again by the image validators.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
# The fair's admin page sends each of its booths (110, ten fields each) with the fair:
# Django's default of 1,000 fields refused it. Still a bound on what one request parses.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PIXELS_SIDE = 6000

# E-mail: console when debugging, SMTP otherwise, unless a backend is named.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Hội chợ KCN Hà Nội <no-reply@hoicho-kcn.example.vn>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The sender's name on e-mails written in English (the address stays DEFAULT_FROM_EMAIL's).
DEFAULT_FROM_NAME_EN = os.environ.get("DJANGO_DEFAULT_FROM_NAME_EN", "Hanoi Industrial Zones Fair")
BOARD_EMAIL = os.environ.get("BOARD_EMAIL", "bql-hoicho@hoicho-kcn.example.vn")

# Behind a front proxy (nginx): trust its scheme and client address headers.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = False

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): no inline scripts or styles anywhere, the API
# docs page included (its Swagger UI styles come from a file).
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
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Every API error is a JSON body {"status", "code", "detail"(, "errors")}.
    "EXCEPTION_HANDLER": "fairportal.api.exception_handler",
    # JSON whatever the Accept header says (no 406); the schema view keeps its formats.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "fairportal.negotiation.JSONOnlyNegotiation",
    # Anonymous API clients, per IP; generous: a fair hall shares a few addresses.
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "600/min")},
}
# Cache-Control max-age of the API's anonymous reads.
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))
SPECTACULAR_SETTINGS = {
    "TITLE": "Hanoi Industrial Zones Fair API",
    "DESCRIPTION": _(
        "Dữ liệu công khai của Hội chợ sản phẩm công nghiệp trong các khu công nghiệp "
        'Hà Nội, chỉ để đọc, không cần đăng nhập. Nội dung có hai thứ tiếng: {"vi": …, '
        '"en": …}.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
