import sys
import uuid

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

import redis

from .request_log import current_request_id

# Errors that mean "the database or the cache cannot be reached now", as opposed to a bug: the
# connection was refused or lost (a restart, a failover). A deadlock or lock timeout is an
# OperationalError too, and "try again shortly" is the right answer to it as well.
SERVICE_UNAVAILABLE = (OperationalError, InterfaceError, redis.ConnectionError, redis.TimeoutError)


@never_cache
@require_safe
def healthz(request):
    """200 when the database and the cache answer, 503 otherwise; the JSON says which failed."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        checks["database"] = "unavailable"
    try:
        probe = uuid.uuid4().hex
        cache.set("healthz", probe, timeout=10)
        if cache.get("healthz") != probe:
            checks["cache"] = "unavailable"
    except Exception:  # noqa: BLE001 - any backend's connection error (redis.ConnectionError is no Django class)
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a friendly 503 while the database or the cache cannot be reached, else the 500 page.

    Both pages are self-contained (no database, no context processors) and show the request id,
    which the person can quote and which is on every log line of the request. Django calls this
    inside its `except` block, so sys.exc_info() is the exception that was not handled.
    """
    exception = sys.exc_info()[1]
    unavailable = isinstance(exception, SERVICE_UNAVAILABLE)
    template = "503.html" if unavailable else "500.html"
    content = loader.get_template(template).render({"request_id": current_request_id()})
    response = HttpResponse(content, status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def _next_on_this_site(request: HttpRequest) -> str:
    """The request's `next` when it is a path on this site, else ""."""
    next_url = request.GET.get("next", "")
    is_safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if next_url.startswith("/") and is_safe else ""


def _sign_in_through_allauth(request: HttpRequest, *, default_next: str | None) -> HttpResponseRedirect:
    """Send the visitor to allauth's login (or, when signed in already, on to where they were going)."""
    next_url = _next_on_this_site(request) or (resolve_url(default_next) if default_next else "")
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    login_url = resolve_url("account_login")
    if next_url:
        return redirect_to_login(next_url, login_url=login_url)
    return HttpResponseRedirect(login_url)


def admin_login_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """Wagtail's admin login page hands over to allauth, keeping where the editor was going."""
    return _sign_in_through_allauth(request, default_next="wagtailadmin_home")


def front_end_login_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """Wagtail's front-end login (for private pages) hands over to allauth: it would sign users in
    with a password alone, past allauth's e-mail confirmation, rate limits and two-factor step."""
    return _sign_in_through_allauth(request, default_next=None)
