from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled


class StaffTwoFactorMiddleware:
    """Anyone with access to the Wagtail admin sets up an authenticator app (allauth's TOTP)
    before any admin page answers; allauth's own pages, sign-out and static files are outside
    the admin and stay reachable. Only admin requests are checked, so learner pages pay nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if self._must_set_up_totp(request):
            messages.info(request, _("Set up two-factor authentication with an authenticator app to use the admin."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up_totp(request: HttpRequest) -> bool:
        path = request.path_info
        if not path.startswith(settings.ADMIN_URL_PREFIX) or path == reverse("wagtailadmin_logout"):
            return False
        user = request.user
        return (
            user.is_authenticated
            and user.has_perm("wagtailadmin.access_admin")
            and not is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
        )
