"""One of every page type a learner or visitor meets, for the tests that look at all of them
(valid HTML, no sideways scrolling at 390 px). Titles use the long Swedish compounds that broke
narrow layouts."""

import json

from wagtail.models import Page

from certificates.services import revoke_certificate
from enrolments.services import enrol_learner
from quizzes.services import start_attempt, submit_attempt
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    InformationPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    build_course,
    build_quiz,
    complete_course,
    quiz_question,
    swedish_home,
    sync_english_tree,
)

# A path, or (URL name, kwargs) to reverse in the language being looked at.
Target = str | tuple[str, dict]


def build_site_tour(learner) -> dict[str, dict[str, Target]]:
    """{"learner": {page type: target}, "visitor": {…}}: `learner` is enrolled on a course with a failed
    attempt at one quiz and an open one at another, holds a certificate of a second course and a
    revoked one of a third.
    English mirrors."""
    home = swedish_home()
    information = InformationPageFactory(parent=home, title="Samverkansöverenskommelser och medborgarlöften")
    information.save_revision().publish()
    index = CourseIndexPageFactory(parent=home)
    course = CoursePageFactory(parent=index, title="Samordnarutbildningen för brottsförebyggande samverkansarbete")
    module = ModulePageFactory(parent=course, title="Från samverkansöverenskommelser till medborgarlöften")
    lesson = LessonPageFactory(parent=module, title="Samverkansöverenskommelser – kommunpolisens uppdragsbeskrivning")
    quiz = build_quiz(
        course,
        title="Kunskapstest om samverkansöverenskommelser",
        questions=json.dumps([quiz_question("scenario", index=0), quiz_question(index=1)]),
    )
    second_quiz = build_quiz(course, title="Samverkansöverenskommelsernas innehåll")
    finished = build_course(modules=1, lessons_per_module=1, index=index)
    sync_english_tree()
    certificate = complete_course(learner, finished).certificate
    withdrawn = build_course(modules=1, lessons_per_module=1, index=index)
    revoke_certificate(
        certificate=complete_course(learner, withdrawn).certificate, by=None, reason="Utfärdat i misstag"
    )
    enrol_learner(learner=learner, course=course)
    failed, _created = start_attempt(learner=learner, quiz=quiz)
    submit_attempt(
        learner=learner, attempt=failed, answers={item["id"]: [item["choices"][1]] for item in failed.questions}
    )
    open_attempt, _created = start_attempt(learner=learner, quiz=second_quiz)
    return {
        "learner": {
            "course": course.url,
            "completed course": finished.url,
            "module": Page.objects.get(pk=module.pk).url,
            "lesson": Page.objects.get(pk=lesson.pk).url,
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
