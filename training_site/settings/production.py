"""Production: every secret and host comes from the environment; insecure configuration fails fast."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .env import env_bool, env_file, env_list, env_str

DEBUG = env_bool("DEBUG", default=False)
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY must be a long random value in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names.")
# No silent fallbacks to base.py's SQLite file and per-process cache: rate-limit counters and
# cached sessions must be shared by every app server.
env_str("DATABASE_URL")
env_str("REDIS_URL")
# Links in e-mails and certificates are built without a request: never point them at localhost.
SITE_BASE_URL = env_str("SITE_BASE_URL", default=f"https://{ALLOWED_HOSTS[0].lstrip('.')}").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
# Shown to every visitor as the way to reach the people behind the site.
CONTACT_EMAIL = env_str("CONTACT_EMAIL")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS])

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers probe the health check over plain HTTP; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# Signing keys come from files the operator names (README), never the development ones.
CERTIFICATE_ROOT_CERT_FILE = env_file("CERTIFICATE_ROOT_CERT_FILE")
CERTIFICATE_SEAL_CERT_FILE = env_file("CERTIFICATE_SEAL_CERT_FILE")
CERTIFICATE_SEAL_KEY_FILE = env_file("CERTIFICATE_SEAL_KEY_FILE")
CREDENTIAL_SIGNING_KEY_FILE = env_file("CREDENTIAL_SIGNING_KEY_FILE")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = int(env_str("EMAIL_PORT", default="587"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_DEFAULT_ACL = "private"
    AWS_QUERYSTRING_AUTH = True
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    private_bucket = env_str("AWS_PRIVATE_STORAGE_BUCKET_NAME", default="")
    STORAGES["private"] = {
        "BACKEND": "training_site.storage.PrivateS3Storage",
        # A bucket of its own, or a prefix the media storage never writes to (its files go under
        # original_images/, images/, documents/).
        "OPTIONS": {"bucket_name": private_bucket} if private_bucket else {"location": "private"},
    }

LOGGING["root"]["level"] = env_str("LOG_LEVEL", default="INFO")
LOGGING["loggers"]["training_site.request"]["level"] = LOGGING["root"]["level"]
LOGGING["handlers"]["console"]["formatter"] = env_str("LOG_FORMAT", default="json")
