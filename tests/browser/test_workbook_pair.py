"""A municipal and a police coordinator in headless Chromium: one invites the other from the
assignment page, they write one joint answer, a save from an out-of-date page shows both texts to
merge, and the history compares the versions.

Elements are found by form action, name and value attributes and the learners' own text, never by
interface wording."""

import re

from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from enrolments.models import Pair
from enrolments.services import enrol_learner
from organisations.services import load_reference_data
from tests.factories import MunicipalLearnerFactory, PoliceLearnerFactory, build_assignment, build_course
from workbook.models import Answer, AnswerVersion

from .conftest import axe_check, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _save(page: Page, action: str = "save") -> None:
    page.locator(f"form#answer-form button[name='action'][value='{action}']").click()


def test_a_pair_writes_a_joint_answer_and_merges_a_conflict(browser, browser_page: Page, sign_in, live_server):
    load_reference_data()
    course = build_course(modules=1, lessons_per_module=1)
    assignment = build_assignment(course)
    municipal, police = MunicipalLearnerFactory(), PoliceLearnerFactory()
    for learner in (municipal, police):
        enrol_learner(learner=learner, course=course)

    first = browser_page
    sign_in(first, municipal)
    first.goto(assignment.url)
    expect(first.locator("h1")).to_have_text(assignment.title)
    axe_check(first)
    first.locator("input[name='email']").fill(police.email)
    first.locator(f"form[action='{reverse('enrolments:invite_partner', args=[course.pk])}'] button").click()
    expect(first).to_have_url(re.compile(re.escape(assignment.url) + "$"))

    context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    second = context.new_page()
    sign_in(second, police)
    second.goto(assignment.url)
    second.locator("form[action*='/par/inbjudan/'] button").click()
    assert Pair.objects.filter(first=municipal, second=police).exists()

    second.goto(assignment.url)
    second.locator("textarea[name='field-f0']").fill("Polisen: inbrott i förråd.")
    _save(second)
    expect(second.locator("input[name='base_version']")).to_have_value("1")

    first.goto(assignment.url)
    expect(first.locator("textarea[name='field-f0']")).to_have_value("Polisen: inbrott i förråd.")
    first.locator("textarea[name='field-f0']").fill("Polisen: inbrott i förråd.\nKommunen: klotter vid skolan.")
    _save(first)
    screenshot(first, "60-workbook-joint-answer")

    # The police page still shows version 1: its save is refused, and both texts are shown.
    second.locator("textarea[name='field-f0']").fill("Polisen: inbrott i förråd och källare.")
    _save(second)
    expect(second.locator("pre.answer-theirs").first).to_contain_text("Kommunen: klotter vid skolan.")
    expect(second.locator("textarea[name='field-f0']")).to_have_value("Polisen: inbrott i förråd och källare.")
    axe_check(second)
    second.locator("textarea[name='field-f0']").fill(
        "Polisen: inbrott i förråd och källare.\nKommunen: klotter vid skolan."
    )
    _save(second)
    expect(second.locator("input[name='base_version']")).to_have_value("3")

    answer = Answer.objects.get()
    assert answer.pair.first == municipal
    authors = list(AnswerVersion.objects.filter(answer=answer).order_by("number").values_list("author", flat=True))
    assert authors == [police.pk, municipal.pk, police.pk]

    first.goto(reverse("workbook:history", args=[answer.pk]) + "?old=2&new=3")
    expect(first.locator(".diff ins")).to_contain_text("Polisen: inbrott i förråd och källare.")
    expect(first.locator(".diff del")).to_contain_text("Polisen: inbrott i förråd.")
    axe_check(first)
    context.close()
