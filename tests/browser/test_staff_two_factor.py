"""An editor without two-factor authentication sets it up on the way to the admin, then signs in
with password and code, in headless Chromium (no DEBUG, so no bypass code: real codes only)."""

import re

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from tests.factories import UserFactory, totp_code

from .conftest import axe_check, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


def _check(page: Page, name: str) -> None:
    screenshot(page, name)
    axe_check(page)


def _sign_in(page: Page, email: str) -> None:
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator(f"form[action='{reverse('account_login')}'] button[type=submit]").click()


def test_an_editor_sets_up_an_authenticator_app_before_the_admin_and_signs_in_with_it(browser_page: Page, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Redaktörer"))
    page = browser_page

    _sign_in(page, editor.email)
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(re.escape(reverse("account_reauthenticate"))))
    _check(page, "staff-01-reauthenticate")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("mfa_activate_totp")) + "$"))
    _check(page, "staff-02-activate-totp")
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("input[name=code]", totp_code(secret))
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(re.escape(reverse("mfa_activate_totp"))))

    page.goto("/admin/")
    expect(page.locator("body")).to_have_id("wagtail")

    page.context.clear_cookies()
    _sign_in(page, editor.email)
    expect(page).to_have_url(re.compile(re.escape(reverse("mfa_authenticate"))))
    _check(page, "staff-03-authenticate")
    page.fill("input[name=code]", totp_code(secret))
    page.locator(f"form[action='{reverse('mfa_authenticate')}'] button[type=submit]:not([form])").click()
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("body")).to_have_id("wagtail")
