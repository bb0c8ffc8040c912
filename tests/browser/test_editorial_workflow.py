"""The editorial workflow in headless Chromium: an editor changes a lesson and submits it, a
reviewer approves it, a learner then sees the change; an editor translates a page."""

import re

from django.contrib.auth.models import Group

from wagtail.models import Locale
from wagtail_localize.models import Translation

import pytest
from playwright.sync_api import Page, expect

from enrolments.services import enrol_learner
from tests.factories import TOTPAuthenticatorFactory, UserFactory, build_course, english, lessons_of

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def staff(group: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    TOTPAuthenticatorFactory(user=user)
    return user


def open_more_actions(page: Page) -> None:
    page.locator("footer .w-dropdown__toggle").first.click()


def test_an_editors_change_is_approved_by_a_reviewer_before_learners_see_it(browser_page: Page, sign_in):
    course = build_course(modules=1, lessons_per_module=1)
    lesson = lessons_of(course)[0]
    learner = UserFactory()
    enrol_learner(learner=learner, course=course)
    page = browser_page

    sign_in(page, staff("Redaktörer"))
    page.goto(f"/admin/pages/{lesson.pk}/edit/")
    page.fill("#id_title", "Varför brott är lokala – omarbetad")
    open_more_actions(page)
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text("Varför brott är lokala – omarbetad")
    screenshot(page, "workflow-01-submitted")
    lesson.refresh_from_db()
    assert lesson.workflow_in_progress
    assert lesson.title != "Varför brott är lokala – omarbetad"  # not published by the editor

    page.context.clear_cookies()
    sign_in(page, staff("Granskare"))
    page.goto(f"/admin/pages/{lesson.pk}/edit/")
    open_more_actions(page)
    page.locator("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])").click()
    expect(page.locator(".messages")).to_contain_text("Varför brott är lokala – omarbetad")
    screenshot(page, "workflow-02-approved")
    lesson.refresh_from_db()
    assert (lesson.title, lesson.workflow_in_progress) == ("Varför brott är lokala – omarbetad", False)

    page.context.clear_cookies()
    sign_in(page, learner)
    page.goto(lesson.url)
    expect(page.locator("h1")).to_have_text("Varför brott är lokala – omarbetad")


def test_an_editor_translates_a_page_from_the_admin(browser_page: Page, sign_in):
    course = build_course(modules=1, lessons_per_module=1, english=True)
    lesson = lessons_of(course)[0]
    page = browser_page

    sign_in(page, staff("Redaktörer"))
    page.goto(f"/admin/localize/submit/page/{lesson.pk}/")
    screenshot(page, "translate-01-submit")
    english_box = page.locator("input[name=locales][type=checkbox]")
    if english_box.count():
        english_box.first.check()
    page.locator("main form button[type=submit], main form input[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    screenshot(page, "translate-02-editor")

    translated = english(lesson)
    assert translated.alias_of_id is None
    assert Translation.objects.filter(
        source__object_id=lesson.translation_key, target_locale=Locale.objects.get(language_code="en")
    ).exists()
