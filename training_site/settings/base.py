"""Settings shared by every environment. Environment variables are read only via env.py."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

from .env import env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "accounts",
    "organisations",
    "courses",
    "enrolments",
    "certificates",
    "quizzes",
    "reports",
    "workbook",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "training_site.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "training_site.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "training_site.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "training_site.middleware.OldLearnerPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    "courses.middleware.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "training_site.urls"
WSGI_APPLICATION = "training_site.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
                "training_site.context_processors.contact",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writes on the embedded default: in WAL mode readers go on while one request writes;
    # IMMEDIATE takes the write lock when a transaction begins, so a second writer waits (up to the
    # timeout, in seconds) instead of failing with "database is locked" when it upgrades a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's just-in-time compiler spends seconds compiling the reports' wide queries (their
    # estimated cost passes its threshold) and saves nothing on this site's short queries.
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions are read from the cache and written through to the database: a cache restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "enrolments:dashboard"

# django-allauth: e-mail is the login, confirmed before first sign-in.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupNamesForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Samverkansakademin] "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_PRESERVE_USERNAME_CASING = False
# allauth's rate limits are on by default; stated here so they are never switched off by accident.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Behind the TLS proxy REMOTE_ADDR is the proxy for everyone. allauth's rate limits and the certificate
# check's (accounts.client_ip) take the client's address from the header a trusted proxy sets (e.g.
# X-Real-IP) or else from X-Forwarded-For, skipping as many entries as there are proxies of our own.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", default="") or None

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The project's wording of library strings first (kept by hand), then the project's own catalogue
# (regenerated by `make messages`).
LOCALE_PATHS = [BASE_DIR / "locale_overrides", BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
# Day-month-year dates and a 24-hour clock in both languages (see training_site/formats/).
FORMAT_MODULE_PATH = ["training_site.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Files served only through views that check permissions (certificates); never under MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "training_site.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="Samverkansakademin <noreply@localhost>")

# The public address of the site, for links in e-mails and certificates (tasks have no request).
SITE_BASE_URL = env_str("SITE_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Where learners write with questions (footer, privacy page, e-mails); production requires it.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", default="kontakt@samverkansakademin.localhost")

# Retention: learner accounts not used for this many days are flagged inactive (flag_inactive_accounts)
# and can then be anonymised (anonymise_inactive_accounts).
INACTIVE_ACCOUNT_DAYS = env_int("INACTIVE_ACCOUNT_DAYS", default=3 * 365)

# Signing keys (certificates.keys): the PDF seal's key and certificate, the root above it, and the
# Ed25519 key of the Open Badges credentials. Files, never the database or the repo. Development
# uses the ones `make run` creates under var/keys/ (git-ignored); production names its own.
SIGNING_KEYS_DIR = BASE_DIR / "var" / "keys"
CERTIFICATE_ROOT_CERT_FILE = env_str("CERTIFICATE_ROOT_CERT_FILE", default=str(SIGNING_KEYS_DIR / "root-cert.pem"))
CERTIFICATE_SEAL_CERT_FILE = env_str("CERTIFICATE_SEAL_CERT_FILE", default=str(SIGNING_KEYS_DIR / "seal-cert.pem"))
CERTIFICATE_SEAL_KEY_FILE = env_str("CERTIFICATE_SEAL_KEY_FILE", default=str(SIGNING_KEYS_DIR / "seal-key.pem"))
CREDENTIAL_SIGNING_KEY_FILE = env_str(
    "CREDENTIAL_SIGNING_KEY_FILE", default=str(SIGNING_KEYS_DIR / "credential-key.pem")
)

# Public certificate checks allowed per client address and minute (see certificates.views).
CERTIFICATE_VERIFICATIONS_PER_MINUTE = 30

WAGTAIL_SITE_NAME = "Samverkansakademin"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Staff avatars would send a hash of each staff e-mail address to gravatar.com.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# Uploads: size limits; content checked, images re-encoded and SVG refused (courses.uploads).
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "courses.uploads.DocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "courses.uploads.ImageForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = False  # its wrapper carries an inline style, which our CSP forbids
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Browser features none of our pages uses; video embeds may go full screen.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "fullscreen": [
        "self",
        '"https://www.youtube-nocookie.com"',
        '"https://www.youtube.com"',
        '"https://player.vimeo.com"',
    ],
}

# Public site: no inline script or style in our templates. The Wagtail admin gets
# ADMIN_CONTENT_SECURITY_POLICY instead (see training_site.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https:"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
ADMIN_URL_PREFIX = "/admin/"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=[])

# Every line carries the request id (training_site.request_log); production logs JSON.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "training_site.request_log.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    # One line per request (method, path, status, duration); the web server's access log is not needed.
    "loggers": {"training_site.request": {"level": "WARNING", "propagate": True}},
}
