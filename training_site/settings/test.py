"""Settings for the pytest suite: fast hashing, local-memory cache (rate limits stay testable),
immediate tasks, in-memory mail, a throwaway media folder, no network."""

import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="samverkan-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="samverkan-test-private-"))
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embeds.LocalOEmbedFinder"}]
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Signing keys are made once per test session into this folder (tests/conftest.py).
SIGNING_KEYS_DIR = Path(tempfile.mkdtemp(prefix="samverkan-test-keys-"))
CERTIFICATE_ROOT_CERT_FILE = str(SIGNING_KEYS_DIR / "root-cert.pem")
CERTIFICATE_SEAL_CERT_FILE = str(SIGNING_KEYS_DIR / "seal-cert.pem")
CERTIFICATE_SEAL_KEY_FILE = str(SIGNING_KEYS_DIR / "seal-key.pem")
CREDENTIAL_SIGNING_KEY_FILE = str(SIGNING_KEYS_DIR / "credential-key.pem")
