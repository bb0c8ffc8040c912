"""The version of the page chrome (home link, language links, footer links), cached as fragments
with `{% wagtailcache %}`. Any page published, unpublished, moved or deleted may change a title
or a link in them, so each of those bumps the version and every fragment is built afresh."""

from uuid import uuid4

from django.core.cache import cache

VERSION_KEY = "courses:chrome-version"


def chrome_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A random token, not a counter: a cache that lost the version never meets its old fragments again.
        cache.add(VERSION_KEY, uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def bump_chrome_version() -> None:
    cache.set(VERSION_KEY, uuid4().hex, None)
