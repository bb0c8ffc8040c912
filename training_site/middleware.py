from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from csp.middleware import CSPMiddleware, PolicyParts


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """A strict policy for the public site; the Wagtail admin, whose scripts and styles
    are inline, gets ADMIN_CONTENT_SECURITY_POLICY instead."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


class OldLearnerPathMiddleware:
    """Links made before the learner paths were translated (/en/mina-kurser/, /en/intyg/5/ in
    e-mails already sent) answer with a permanent redirect to the English path instead of a 404.

    Only 404s of GET and HEAD are looked at, and only paths of the learner apps are redirected, so
    Wagtail's pages and every answer that is not a 404 are untouched.
    """

    LEARNER_NAMESPACES = frozenset({"accounts", "enrolments", "quizzes", "certificates", "workbook"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code != HTTPStatus.NOT_FOUND or request.method not in ("GET", "HEAD"):
            return response
        language = translation.get_language_from_path(request.path_info)
        if language is None or language == settings.LANGUAGE_CODE:
            return response
        try:
            if resolve(request.path_info).namespace in self.LEARNER_NAMESPACES:
                return response  # a learner view's own 404 (an unknown certificate code, say)
        except Resolver404:
            pass
        with translation.override(settings.LANGUAGE_CODE):
            try:
                match = resolve(request.path_info.removeprefix(f"/{language}"))
            except Resolver404:
                return response
        if match.namespace not in self.LEARNER_NAMESPACES:
            return response
        with translation.override(language):
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY: the browser features no page of ours uses are switched off."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowlist)})" for feature, allowlist in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
