"""The production settings as the load scripts run them: plain HTTP on 127.0.0.1 (so cookies
are not marked Secure and there is no HTTPS redirect) and static files without collectstatic.
Everything else, PostgreSQL, Redis, the database task backend, JSON logs, is production's."""

from training_site.settings.production import *

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
