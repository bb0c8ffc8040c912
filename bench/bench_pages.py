"""Learner pages side by side with a plain page carrying the same body.

A learner enrolled on a course of 8 modules x 6 lessons and a quiz, half of it done, requests a
lesson page (in Swedish and in English), the course page and the quiz page. The baseline is an
InformationPage with the same StreamField body and no learner state, requested by the same
visitor: signed in for the learner's pages, anonymous for the anonymous lesson page. All cases are
timed in the same rounds (interleaved); each median is reported as a multiple of its baseline's
(and, in the note, of the anonymous plain page's). The targets: a signed-in lesson page at most
1.3 times its baseline, the course and quiz pages at most 1.5 times.
"""

import json
from http import HTTPStatus

from django.test import Client

from enrolments import services
from quizzes.services import start_attempt, submit_attempt
from tests.factories import (
    CourseIndexPageFactory,
    InformationPageFactory,
    UserFactory,
    build_course,
    build_quiz,
    english,
    lessons_of,
    swedish_home,
    sync_english_tree,
)

from .timing import count_queries, interleaved

MODULES = 8
LESSONS_PER_MODULE = 6
REPEAT = 300
ANONYMOUS_BASELINE = "InformationPage, anonymous"
SIGNED_IN_BASELINE = "InformationPage, signed in"
TARGETS = {"lesson page": 1.3, "course page": 1.5, "quiz page": 1.5}


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


def _target(name: str) -> str:
    limit = next((limit for prefix, limit in TARGETS.items() if name.startswith(prefix)), None)
    return f"target ≤ {limit}×" if limit and "enrolled" in name else ""


def run() -> list[dict]:
    body = _body()
    # Its own course index: other bench modules share the database and may have made "Kurser".
    index = CourseIndexPageFactory(parent=swedish_home(), title="Kurser bench_pages")
    course = build_course(modules=MODULES, lessons_per_module=LESSONS_PER_MODULE, index=index)
    lessons = lessons_of(course)
    for lesson in lessons:
        lesson.body = body
        lesson.save_revision().publish()
    quiz = build_quiz(course)
    info = InformationPageFactory(parent=swedish_home(), title="Om lägesbilden", body=body)
    sync_english_tree()

    learner = UserFactory()
    services.enrol_learner(learner=learner, course=course)
    for lesson in lessons[: len(lessons) // 2]:
        services.complete_step(learner=learner, step=lesson)
    attempt, _created = start_attempt(learner=learner, quiz=quiz)
    submit_attempt(learner=learner, attempt=attempt, answers={})

    signed_in = Client()
    signed_in.force_login(learner)
    anonymous = Client()
    lesson = lessons[len(lessons) // 2]
    shape = f"{MODULES} modules x {LESSONS_PER_MODULE} lessons and a quiz, half done"
    cases = {
        ANONYMOUS_BASELINE: (_get(anonymous, info.url), "baseline of the anonymous page: same body, no learner state"),
        SIGNED_IN_BASELINE: (_get(signed_in, info.url), "baseline of the signed-in pages: the same page, signed in"),
        "lesson page, enrolled learner": (_get(signed_in, lesson.url), f"outline, progress, prev/next; {shape}"),
        "lesson page in English, enrolled learner": (
            _get(signed_in, english(lesson).url),
            "the same lesson under /en/ (an alias)",
        ),
        "course page, enrolled learner": (_get(signed_in, course.url), f"outline with per-module progress; {shape}"),
        "quiz page, enrolled learner": (_get(signed_in, quiz.url), "3 questions, one graded attempt listed"),
        "lesson page, anonymous": (_get(anonymous, lesson.url), "outline and enrol prompt, body hidden"),
    }
    timings = interleaved({name: fn for name, (fn, _note) in cases.items()}, repeat=REPEAT)
    queries = {name: count_queries(fn) for name, (fn, _note) in cases.items()}
    anonymous_median = timings[ANONYMOUS_BASELINE][0]
    rows = []
    for name, (_fn, note) in cases.items():
        median, p95 = timings[name]
        baseline = anonymous_median if "anonymous" in name else timings[SIGNED_IN_BASELINE][0]
        versus_anonymous = f"{median / anonymous_median:.2f}× the anonymous plain page"
        rows.append(
            {
                "name": name,
                "median_ms": median,
                "p95_ms": p95,
                "ratio": median / baseline,
                "queries": queries[name],
                "note": "; ".join(part for part in (note, _target(name), versus_anonymous) if part),
            }
        )
    return rows
