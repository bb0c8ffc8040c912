"""The default Wagtail site's address follows SITE_BASE_URL: Wagtail builds the page links in its
e-mails (moderation, for one) from the site's hostname and port."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def address_of(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    return parts.hostname or "localhost", parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def point_default_site_at_base_url(*, progress: Callable[[str], None] | None = None) -> Site | None:
    """Give the default site the hostname and port of SITE_BASE_URL (idempotent: saves only a change)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = address_of(settings.SITE_BASE_URL)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    if progress:
        progress(f"Wagtail site: {site.root_url}")
    return site
