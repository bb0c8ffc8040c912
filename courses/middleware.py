from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject

from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

SITES_KEY = "courses:sites"
SITES_SECONDS = 60 * 60


class CachedSiteMiddleware:
    """Finds the Wagtail site of a request in the cache, so that `Site.find_for_request` (routing,
    page URLs) answers without a query. Looked up when first asked for: a view that never needs the
    site (the health check) never touches the cache or the database for it. Place it after
    CommonMiddleware, so that only allowed hosts reach it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
        request._wagtail_site = SimpleLazyObject(lambda: cached_site(hostname, port))
        return self.get_response(request)


def cached_site(hostname: str, port: str) -> Site | None:
    """The site `Site.find_for_request` would find for this host and port, with its root page."""
    sites = cache.get(SITES_KEY) or {}
    if (hostname, port) not in sites:
        try:
            sites[hostname, port] = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None
        cache.set(SITES_KEY, sites, SITES_SECONDS)
    return sites[hostname, port]


def forget_sites() -> None:
    cache.delete(SITES_KEY)
