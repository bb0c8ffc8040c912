"""Every sign-in goes through allauth: no other path of the site answers with a view that signs a user in."""

import inspect
import re
from collections.abc import Iterator
from http import HTTPStatus

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.views import LoginView, PasswordResetConfirmView
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User

from .factories import InformationPageFactory, TOTPAuthenticatorFactory, UserFactory, swedish_home

PASSWORD = "correct-horse-battery"

# A path that each regular expression of the URL tree matches (route patterns are filled in from their converters).
REGEX_SAMPLES = {
    r"^((?:[\w\-]+/)*)$": "",
    r"^.*/$": "x/",
    r"^(\d+)/(.*)$": "1/x",
    r"^confirm-email/(?P<key>[-:\w]+)/$": "confirm-email/x/",
    r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": "password/reset/key/1-x/",
    r"^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$": (
        "1/revisions/compare/1...2/"
    ),
}
CONVERTER_SAMPLES = ["1", "x", "00000000-0000-0000-0000-000000000000"]


def _sample(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        for name, converter in pattern.converters.items():
            sample = next(value for value in CONVERTER_SAMPLES if re.fullmatch(converter.regex, value))
            route = re.sub(rf"<(?:\w+:)?{name}>", sample, route)
        return route
    assert isinstance(pattern, RegexPattern)
    regex = str(pattern)
    literal = regex.removeprefix("^").removesuffix("$")
    if re.escape(literal) == literal:
        return literal
    assert regex in REGEX_SAMPLES, f"add a sample path for the URL pattern {regex!r}"
    return REGEX_SAMPLES[regex]


def _paths(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    for entry in resolver.url_patterns:
        path = prefix + _sample(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _paths(entry, path)
        else:
            assert isinstance(entry, URLPattern)
            yield "/" + path


def _answering_views() -> dict[str, object]:
    """The view that answers each path of the site, in each language (a pattern that an earlier
    one shadows does not answer)."""
    answering = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for path in _paths(get_resolver()):
                answering[path] = resolve(path).func
    return answering


def _functions_of(view) -> Iterator:
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        yield inspect.unwrap(view)
        return
    for klass in view_class.__mro__:
        for attribute in vars(klass).values():
            if inspect.isfunction(attribute):
                yield inspect.unwrap(attribute)


def _signs_users_in(view) -> bool:
    """The view is Django's LoginView or calls django.contrib.auth.login itself (Django's
    PasswordResetConfirmView does only when its post_reset_login is on)."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None and issubclass(view_class, LoginView):
        return True
    if view_class is not None and issubclass(view_class, PasswordResetConfirmView):
        return view_class.post_reset_login
    for function in _functions_of(view):
        names = function.__code__.co_names
        bound = [function.__globals__.get(name) for name in names]
        if auth.login in bound or (auth in bound and "login" in names):
            return True
    return False


def test_the_sign_in_detector_recognises_djangos_login_view():
    assert _signs_users_in(LoginView.as_view())
    assert not _signs_users_in(resolve("/healthz").func)


def test_no_path_of_the_site_signs_a_user_in_except_allauths():
    answering = _answering_views()

    signing_in = {
        path: f"{view.__module__}.{view.__name__}" for path, view in answering.items() if _signs_users_in(view)
    }

    assert {path: view for path, view in signing_in.items() if not view.startswith("allauth.")} == {}
    assert "/_util/login/" in answering
    assert "/en/_util/login/" in answering


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_wagtails_front_end_login_hands_over_to_allauth_keeping_next(client, db, prefix):
    response = client.get(f"{prefix}/_util/login/?next=/kurser/")

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"{prefix}/accounts/login/?next=/kurser/"


@pytest.mark.parametrize("next_url", ["//evil.example/", "https://evil.example/", "foo", "javascript:alert(1)"])
def test_wagtails_front_end_login_drops_a_next_that_leaves_the_site(client, db, next_url):
    response = client.get("/_util/login/", {"next": next_url})

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == "/accounts/login/"


def test_wagtails_front_end_login_sends_a_signed_in_user_on(learner_client):
    response = learner_client.get("/_util/login/?next=/kurser/")

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, "/kurser/")


@pytest.mark.parametrize("next_url", ["foo", "//evil.example/", "wagtailadmin_home"])
def test_the_admin_login_sends_a_signed_in_user_to_the_admin_when_next_is_no_path_here(learner_client, next_url):
    response = learner_client.get("/admin/login/", {"next": next_url})

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, "/admin/")


def test_the_wagtailcore_login_url_name_still_resolves():
    assert reverse("wagtailcore_login") == "/_util/login/"


def test_a_private_page_sends_visitors_to_allauths_login(client, db):
    page = InformationPageFactory(parent=swedish_home(), slug="internt")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(page.url)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"/accounts/login/?next={page.url}"


# The sign-ins the front-end login allowed past allauth: each now ends at allauth's login.


def _post_to_wagtails_login(client, email: str, password: str = PASSWORD):
    return client.post("/_util/login/", {"username": email, "password": password})


def _ends_at_allauth_signed_out(client, response) -> bool:
    return (
        response.status_code == HTTPStatus.FOUND
        and response.url.startswith("/accounts/login/")
        and "_auth_user_id" not in client.session
    )


def test_an_account_with_totp_is_not_signed_in_with_the_password_alone(client, db):
    user = UserFactory(is_superuser=True)
    TOTPAuthenticatorFactory(user=user)

    response = _post_to_wagtails_login(client, user.email)

    assert _ends_at_allauth_signed_out(client, response)
    assert client.get("/admin/").status_code == HTTPStatus.FOUND
    assert "_auth_user_id" not in client.session


def test_an_unconfirmed_sign_up_is_not_signed_in(client, db):
    user = User.objects.create_user("obekraftad@example.com", PASSWORD, first_name="Olle", last_name="Obekräftad")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = _post_to_wagtails_login(client, user.email)

    assert _ends_at_allauth_signed_out(client, response)


def test_an_account_allauth_has_locked_out_is_not_signed_in(client, learner):
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": learner.email, "password": "wrong-password"})
    assert "Too many failed login attempts" in (
        client.post("/en/accounts/login/", {"login": learner.email, "password": PASSWORD}).content.decode()
    )

    response = _post_to_wagtails_login(client, learner.email)

    assert _ends_at_allauth_signed_out(client, response)
