"""Local development: `make run`. Never use these settings on a server."""

from .base import *
from .env import env_list

DEBUG = True
# DEVELOPMENT ONLY. Production reads SECRET_KEY from the environment and refuses to start without it.
SECRET_KEY = "dev-only-insecure-key-samverkansakademin-not-for-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
