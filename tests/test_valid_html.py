"""Every page type a learner or visitor meets is valid HTML (see tests/html_validity.py), in both languages."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from enrolments.services import enrol_learner
from quizzes.models import QuizAttempt
from tests.factories import (
    InformationPageFactory,
    build_course,
    build_quiz,
    complete_course,
    lessons_of,
    swedish_home,
)

from .html_validity import html_problems
from .quizzes.helpers import as_post, wrong_answers

pytestmark = pytest.mark.django_db


def test_the_checker_catches_a_list_in_a_span_and_a_stray_end_tag():
    assert html_problems("<!DOCTYPE html><html lang=sv><title>x</title><p><span><ul><li>x</ul></span></p>")
    assert html_problems("<!DOCTYPE html><html lang=sv><title>x</title><div></span></div>")
    assert html_problems('<!DOCTYPE html><html lang=sv><title>x</title><i id="a"></i><b id="a"></b>')
    assert not html_problems("<!DOCTYPE html><html lang=sv><title>x</title><div><ul><li>x</ul></div>")


@pytest.fixture
def site_pages(learner, learner_client):
    """{page type: path} for a learner with a course in progress, a failed and an open quiz attempt and a
    certificate from another course; the English tree synchronised."""
    information = InformationPageFactory(parent=swedish_home(), title="Så behandlar vi personuppgifter")
    information.save_revision().publish()
    course = build_course(modules=1, lessons_per_module=2)
    quiz = build_quiz(course)
    finished = build_course(modules=1, lessons_per_module=1, index=course.get_parent().specific, english=True)
    certificate = complete_course(learner, finished).certificate
    enrol_learner(learner=learner, course=course)
    learner_client.post(reverse("quizzes:start", args=[quiz.pk]))
    failed = QuizAttempt.objects.get(quiz=quiz)
    learner_client.post(reverse("quizzes:submit", args=[failed.pk]), as_post(wrong_answers(failed)))
    learner_client.post(reverse("quizzes:start", args=[quiz.pk]))
    open_attempt = QuizAttempt.objects.get(quiz=quiz, number=2)
    return {
        "learner": {
            "course": course.url,
            "module": course.get_children().first().url,
            "lesson": lessons_of(course)[0].url,
            "quiz": quiz.url,
            "quiz attempt": ("quizzes:attempt", {"attempt_id": open_attempt.pk}),
            "quiz result": ("quizzes:attempt", {"attempt_id": failed.pk}),
            "my courses": ("enrolments:dashboard", {}),
            "certificate": ("certificates:detail", {"enrolment_id": certificate.enrolment_id}),
            "profile": ("accounts:profile", {}),
        },
        "visitor": {
            "home": "/",
            "information page": information.url,
            "verify": ("certificates:verify", {"code": certificate.verification_code}),
            "verify by serial": ("certificates:verify_serial", {}),
            "sign in": ("account_login", {}),
            "sign up": ("account_signup", {}),
            "verification sent": ("account_email_verification_sent", {}),
            "password reset": ("account_reset_password", {}),
        },
    }


def _path(target, language: str) -> str:
    if isinstance(target, tuple):
        with translation.override(language):
            return reverse(target[0], kwargs=target[1])
    return target if language == "sv" else f"/en{target}"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_type_is_valid_html(site_pages, learner_client, language):
    clients = {"learner": learner_client, "visitor": Client()}
    problems = {}
    for who, pages in site_pages.items():
        for name, target in pages.items():
            if language == "en" and isinstance(target, str) and name != "home":
                continue  # Swedish-only test pages (no English translation made)
            path = _path(target, language)
            response = clients[who].get(path, follow=True)
            assert response.status_code == 200, (name, path, response.status_code)
            found = html_problems(response.content.decode())
            if found:
                problems[f"{name} ({path})"] = found
    translation.activate("sv")
    assert problems == {}
