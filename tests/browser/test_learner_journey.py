"""A new coordinator's first journey through the site, in headless Chromium.

Elements are found by form action, name attribute, href or role rather than by label text, so the
tests keep passing whichever language the interface strings are shown in.
"""

import re

from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from courses.models import HomePage
from enrolments.models import Enrolment, StepProgress
from organisations.services import load_reference_data
from tests.factories import UserFactory, build_course, lessons_of

from .conftest import axe_check, confirmation_link, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "kim.andersson@example.se"
PASSWORD = "Trygghet-i-Tranås-2026"
STOCKHOLM = "0180"


def _check(page: Page, name: str) -> None:
    screenshot(page, name)
    axe_check(page)


def _submit(page: Page, action: str) -> None:
    """Press the submit button of the form posting to `action`."""
    page.locator(f"form[action='{action}'] button[type=submit]").click()


def _progress(page: Page, scope: str = "main"):
    return page.locator(f"{scope} progress").first


def test_new_coordinator_signs_up_enrols_and_sees_progress(browser_page: Page):
    load_reference_data()
    course = build_course(modules=2, lessons_per_module=2)
    first, second, third, _fourth = lessons_of(course)
    page = browser_page

    page.goto("/")
    expect(page.locator("h1")).to_have_text(HomePage.objects.get(locale__language_code="sv").title)
    _check(page, "01-home")

    page.locator(f"main a[href='{reverse('account_signup')}']").first.click()
    expect(page).to_have_url(re.compile(re.escape(reverse("account_signup")) + "$"))
    _check(page, "02-signup")
    page.fill("input[name=first_name]", "Kim")
    page.fill("input[name=last_name]", "Andersson")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    _submit(page, reverse("account_signup"))
    expect(page).to_have_url(re.compile(re.escape(reverse("account_email_verification_sent"))))
    _check(page, "03-verification-sent")

    page.goto(confirmation_link(EMAIL))
    _check(page, "04-confirm-email")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("accounts:profile"))))
    _check(page, "05-profile-incomplete")

    page.check("input[name=organisation_type][value=municipality]")
    page.select_option("select[name=municipality]", STOCKHOLM)
    page.fill("input[name=job_title]", "Samordnare")
    page.locator("main form.form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("enrolments:dashboard"))))
    _check(page, "06-dashboard-empty")

    page.goto("/")
    page.get_by_role("link", name=course.title, exact=True).click()
    expect(page.locator("h1")).to_have_text(course.title)
    _check(page, "07-course-not-enrolled")

    _submit(page, reverse("enrolments:enrol", args=[course.pk]))
    expect(page.locator("main form[action*='/anmal/']")).to_have_count(0)
    expect(_progress(page)).to_have_attribute("value", "0")
    _check(page, "08-course-enrolled")

    page.locator(f"main a[href='{first.url}']").first.click()
    expect(page.locator("h1")).to_have_text(first.title)
    _check(page, "09-lesson-1")

    _submit(page, reverse("enrolments:complete_step", args=[first.pk]))
    expect(page).to_have_url(re.compile(re.escape(second.url) + "$"))
    expect(page.locator("h1")).to_have_text(second.title)
    _check(page, "10-lesson-2")

    _submit(page, reverse("enrolments:complete_step", args=[second.pk]))
    expect(page.locator("h1")).to_have_text(third.title)

    page.locator(f"nav.breadcrumbs a[href='{course.url}']").click()
    expect(page.locator("h1")).to_have_text(course.title)
    course_progress = _progress(page, "main .course-header")
    expect(course_progress).to_have_attribute("value", "2")
    expect(course_progress).to_have_attribute("max", "4")
    expect(page.locator("main .course-header .progress__text")).to_contain_text(re.compile(r"\b2\b.*\b4\b"))
    _check(page, "11-course-progress")

    page.locator(f"header a[href='{reverse('enrolments:dashboard')}']").click()
    dashboard_progress = _progress(page)
    expect(dashboard_progress).to_have_attribute("value", "2")
    expect(dashboard_progress).to_have_attribute("max", "4")
    _check(page, "12-dashboard-progress")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(browser_page: Page):
    page = browser_page
    page.goto("/")

    page.keyboard.press("Tab")
    focused_href = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused_href == "#main"
    expect(page.locator("a.skip-link")).to_be_in_viewport()
    screenshot(page, "13-skip-link-focused")

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("browser_context_options", [{"java_script_enabled": False}])
def test_enrolling_and_marking_a_lesson_done_work_without_javascript(browser_page: Page, sign_in):
    learner = UserFactory()
    course = build_course(modules=1, lessons_per_module=2)
    first, second = lessons_of(course)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, learner)

    page.goto(course.url)
    screenshot(page, "14-nojs-mobile-course")
    _submit(page, reverse("enrolments:enrol", args=[course.pk]))
    expect(_progress(page)).to_have_attribute("value", "0")

    page.locator(f"main a[href='{first.url}']").first.click()
    _submit(page, reverse("enrolments:complete_step", args=[first.pk]))
    expect(page.locator("h1")).to_have_text(second.title)
    screenshot(page, "15-nojs-mobile-lesson")

    assert Enrolment.objects.filter(learner=learner, course=course).exists()
    assert list(StepProgress.objects.filter(enrolment__learner=learner).values_list("step_id", flat=True)) == [first.pk]
