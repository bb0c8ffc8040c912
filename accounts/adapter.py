from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import resolve_url
from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter

from .admin_access import can_access_admin


class SiteIdentity(NamedTuple):
    """What allauth's e-mails call `current_site`: without the sites framework allauth would use
    the request's host ("Hello from 127.0.0.1:8100!"), not the site's name."""

    name: str
    domain: str


def site_identity() -> SiteIdentity:
    return SiteIdentity(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_BASE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write every account e-mail in the recipient's preferred language, signed with the site's name."""
        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", None) or translation.get_language()
        context = {"current_site": site_identity(), "contact_email": settings.CONTACT_EMAIL, **context}
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_signup_redirect_url(self, request) -> str:
        """A new account has no profile yet: after confirming the e-mail, go and complete it."""
        return resolve_url("accounts:profile")

    def get_login_redirect_url(self, request) -> str:
        """Where to go after signing in when no `next` says otherwise (allauth asks only then):
        staff to the admin, learners without a complete profile to the profile."""
        user = request.user
        if can_access_admin(user):
            return resolve_url("wagtailadmin_home")
        if user.is_authenticated and not user.profile_is_complete:
            return resolve_url("accounts:profile")
        return super().get_login_redirect_url(request)
