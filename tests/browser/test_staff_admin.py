"""Staff in headless Chromium: an editor signs in and lands in the admin, finds the admin again
from a learner page's header (desktop and 390 px), edits a quiz (the rules' own tab, a new choice
question with two empty choices) and proofreads its answers in the answers preview."""

import re

from django.urls import reverse
from django.utils import formats, timezone

import pytest
from playwright.sync_api import Page, expect

from accounts.models import AdministratorScope, ScopeKind
from tests.factories import UserFactory, build_course, build_quiz, complete_course, totp_code

from .conftest import axe_check, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


def test_an_editor_signs_in_to_the_admin_and_finds_it_again_from_the_site_header(browser_page: Page, staff_member):
    editor = staff_member("Redaktörer")
    page = browser_page

    page.goto(reverse("account_login"))
    page.fill("input[name=login]", editor.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator(f"form[action='{reverse('account_login')}'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("mfa_authenticate"))))
    page.fill("input[name=code]", totp_code())
    page.locator(f"form[action='{reverse('mfa_authenticate')}'] button[type=submit]:not([form])").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("body")).to_have_id("wagtail")

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(reverse("enrolments:dashboard"))
        link = page.locator(".site-nav a[href='/admin/']")
        expect(link).to_be_visible()
        screenshot(page, f"staff-admin-link-{width}")
        axe_check(page)
    link.click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_an_editor_edits_quiz_rules_on_their_own_tab_and_adds_a_question_with_two_choices(
    browser_page: Page, staff_member, sign_in
):
    quiz = build_quiz(build_course(modules=1, lessons_per_module=1))
    page = browser_page
    sign_in(page, staff_member("Redaktörer"))

    page.goto(f"/admin/pages/{quiz.pk}/edit/")
    expect(page.locator("input[name=pass_mark]")).to_be_hidden()
    rules_tab = page.locator("[role=tab]").nth(1)
    rules_tab.click()
    expect(page.locator("input[name=pass_mark]")).to_be_visible()
    screenshot(page, "staff-quiz-rules-tab")

    page.locator("[role=tab]").first.click()
    page.locator("button.c-sf-add-button").last.click()
    page.locator(".w-combobox [role=option]").first.click()
    # The quiz has three questions (0-2): the new one is number 3.
    choices = page.locator("input[name^='questions-3-value-choices-'][name$='-value-text']")
    expect(choices).to_have_count(2)
    for index in range(2):
        expect(choices.nth(index)).to_have_value("")
        expect(choices.nth(index)).to_be_visible()
    expect(page.locator("[data-contentpath='questions'] .error-message")).to_have_count(0)
    choices.first.scroll_into_view_if_needed()
    screenshot(page, "staff-quiz-new-question")


def test_an_editor_proofreads_the_answers_in_the_answers_preview(browser_page: Page, staff_member, sign_in):
    quiz = build_quiz(build_course(modules=1, lessons_per_module=1))
    page = browser_page
    sign_in(page, staff_member("Redaktörer"))

    page.goto(f"/admin/pages/{quiz.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    # Wait for the learner view to load before switching: Wagtail then reloads the preview in a
    # new iframe, which a busy machine may take a while to show.
    expect(preview.locator("input[type=radio]").first).to_be_visible(timeout=30_000)
    page.locator("#id_preview_mode").select_option("answers")
    expect(preview.locator(".quiz-choice--correct").first).to_contain_text("Svar 0 på fråga 0", timeout=30_000)
    expect(preview.locator("body")).to_contain_text("Förklaring 1 till fråga 0")
    screenshot(page, "staff-quiz-answers-preview-panel")

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/admin/pages/{quiz.pk}/edit/preview/?mode=answers")
        expect(page.locator(".quiz-choice--correct")).to_have_count(3)
        screenshot(page, f"staff-quiz-answers-preview-{width}")
        axe_check(page)

    page.goto(quiz.url)
    expect(page.locator("h1")).to_have_text(quiz.title)
    expect(page.locator("body")).not_to_contain_text("Förklaring")


def test_a_course_administrator_reads_certificates_and_quiz_results(browser_page: Page, staff_member, sign_in):
    course = build_course(modules=1, lessons_per_module=1)
    quiz = build_quiz(course)
    certificate = complete_course(UserFactory(), course).certificate
    page = browser_page
    administrator = staff_member("Kursadministratörer")
    AdministratorScope.objects.create(user=administrator, kind=ScopeKind.NATIONAL)
    sign_in(page, administrator)
    local_issue_time = formats.time_format(timezone.localtime(certificate.issued_at), "H:i")

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(reverse("certificate_admin:inspect", args=[certificate.pk]))
        expect(page.locator("main dl")).to_contain_text(local_issue_time)
        screenshot(page, f"admin-certificate-inspect-{width}")

        page.goto(reverse("certificate_admin:history", args=[certificate.pk]))
        expect(page.locator(f"a[href='{reverse('certificate_admin:edit', args=[certificate.pk])}']")).to_have_count(0)
        screenshot(page, f"admin-certificate-history-{width}")

        page.goto(reverse("quizzes_results_detail", args=[quiz.pk]))
        expect(page.locator("header nav li:not([hidden])")).to_have_text(quiz.title)
        screenshot(page, f"admin-quiz-results-{width}")
