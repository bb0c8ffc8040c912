"""Learner pages next to a plain Wagtail page with the same body.

A signed-in learner enrolled on a course of 4 modules x 5 lessons, half of it done, requests a
lesson page and the course page; the baseline is an InformationPage carrying the same StreamField
body, served to an anonymous visitor (no session, no outline, no progress).
"""

import json
from http import HTTPStatus

from django.test import Client

from courses.models import InformationPage
from enrolments import services
from tests.factories import (
    CourseIndexPageFactory,
    InformationPageFactory,
    UserFactory,
    build_course,
    lessons_of,
    swedish_home,
)

from .timing import row

MODULES = 4
LESSONS_PER_MODULE = 5
REPEAT = 300


def _body() -> str:
    paragraph = (
        "<p>Brott och otrygghet är inte jämnt fördelade över kommunen. En lägesbild bygger på "
        "polisens anmälningsstatistik, trygghetsmätningar och kunskap från skola, socialtjänst "
        "och föreningsliv.</p>"
    )
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "Varför en lägesbild?", "level": "h2"}},
            {"type": "paragraph", "value": paragraph * 3},
            {"type": "fact_box", "value": {"title": "Fakta", "body": "<p>Sju polisregioner sedan 2015.</p>"}},
            {"type": "heading", "value": {"text": "Så går ni vidare", "level": "h2"}},
            {"type": "paragraph", "value": paragraph * 2},
        ]
    )


def _get(client: Client, url: str):
    def request():
        response = client.get(url)
        if response.status_code != HTTPStatus.OK:
            raise AssertionError(f"GET {url} answered {response.status_code}")
        return response

    return request


def run() -> list[dict]:
    body = _body()
    # Its own course index: other bench modules share the database and may have made "Kurser".
    index = CourseIndexPageFactory(parent=swedish_home(), title="Kurser bench_pages")
    course = build_course(modules=MODULES, lessons_per_module=LESSONS_PER_MODULE, index=index)
    lessons = lessons_of(course)
    for lesson in lessons:
        lesson.body = body
        lesson.save_revision().publish()
    total = len(lessons)
    info = InformationPageFactory(parent=swedish_home(), title="Om lägesbilden", body=body)
    assert isinstance(info, InformationPage)

    learner = UserFactory()
    services.enrol_learner(learner=learner, course=course)
    for lesson in lessons[: total // 2]:
        services.complete_step(learner=learner, step=lesson)

    signed_in = Client()
    signed_in.force_login(learner)
    anonymous = Client()
    lesson = lessons[total // 2]
    shape = f"{MODULES} modules x {LESSONS_PER_MODULE} lessons, {total // 2}/{total} done"

    return [
        row(
            "lesson page, enrolled learner",
            _get(signed_in, lesson.url),
            note=f"signed in; outline, progress, prev/next; {shape}",
            repeat=REPEAT,
        ),
        row(
            "course page, enrolled learner",
            _get(signed_in, course.url),
            note=f"signed in; outline with per-module progress; {shape}",
            repeat=REPEAT,
        ),
        row(
            "lesson page, anonymous",
            _get(anonymous, lesson.url),
            note="outline and enrol prompt, body hidden",
            repeat=REPEAT,
        ),
        row(
            "plain InformationPage, anonymous (baseline)",
            _get(anonymous, info.url),
            note="same StreamField body, no learner state",
            repeat=REPEAT,
        ),
    ]
