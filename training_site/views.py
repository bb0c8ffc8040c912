from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """200 when the app and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
