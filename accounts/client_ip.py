from django.http import HttpRequest

from allauth.account.adapter import get_adapter


def client_ip(request: HttpRequest) -> str:
    """The client's address as allauth's rate limits see it: behind the trusted proxies of
    ALLAUTH_TRUSTED_PROXY_COUNT or ALLAUTH_TRUSTED_CLIENT_IP_HEADER, not the proxy's own."""
    return get_adapter(request).get_client_ip(request)
