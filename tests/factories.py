import json
import time

from wagtail.models import Locale

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import encrypt

from accounts.models import OrganisationType, User
from courses.models import (
    CourseIndexPage,
    CoursePage,
    HomePage,
    InformationPage,
    LessonPage,
    ModulePage,
)
from enrolments.models import Enrolment
from organisations.models import Municipality
from quizzes.models import QuizPage
from workbook.models import AssignmentPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"learner{n}@example.com")
    first_name = "Lena"
    last_name = factory.Sequence(lambda n: f"Larsson{n}")
    organisation_type = OrganisationType.OTHER
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


# A fixed TOTP secret (base32), so that a test can compute the codes an authenticator app would show.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class TOTPAuthenticatorFactory(factory.django.DjangoModelFactory):
    """An authenticator app set up through allauth's MFA, as staff need before the admin answers."""

    class Meta:
        model = Authenticator

    class Params:
        secret = TOTP_SECRET

    user = factory.SubFactory(UserFactory)
    type = Authenticator.Type.TOTP
    data = factory.LazyAttribute(lambda authenticator: {"secret": encrypt(authenticator.secret)})


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now. Tests that submit it set MFA_TOTP_TOLERANCE to 1,
    so that the code stays valid when the clock moves into the next period meanwhile."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


class MunicipalLearnerFactory(UserFactory):
    organisation_type = OrganisationType.MUNICIPALITY
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="0180"))


def _lesson_body() -> str:
    return json.dumps(
        [
            {"type": "paragraph", "value": "<p>Brott är inte jämnt fördelade över kommunen.</p>"},
            {"type": "fact_box", "value": {"title": "Fakta", "body": "<p>Sju polisregioner sedan 2015.</p>"}},
        ]
    )


class InformationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InformationPage

    title = factory.Sequence(lambda n: f"Informationssida {n}")
    intro = "Om utbildningen."


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Kurser"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Kurs {n}")
    summary = "En kurs om lokalt brottsförebyggande arbete."


class ModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Modul {n}")
    summary = "Vad modulen handlar om."


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lektion {n}")
    summary = "Vad lektionen handlar om."
    body = factory.LazyFunction(_lesson_body)


def swedish_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="sv", depth=2)


def sync_english_tree() -> None:
    """Create English aliases of new Swedish pages, as the admin does on page creation."""
    from wagtail_localize.synctree import synchronize_tree

    synchronize_tree(Locale.objects.get(language_code="sv"), Locale.objects.get(language_code="en"))


def build_course(
    *, modules: int = 2, lessons_per_module: int = 2, index: CourseIndexPage | None = None, english: bool = False
) -> CoursePage:
    """A published Swedish course with `modules` x `lessons_per_module` lessons. With `english`, the
    English tree is synchronised too, as the admin does (most of the cost: only where a test needs it)."""
    index = index or CourseIndexPageFactory(parent=swedish_home())
    course = CoursePageFactory(parent=index)
    for _ in range(modules):
        module = ModulePageFactory(parent=course)
        for _ in range(lessons_per_module):
            LessonPageFactory(parent=module)
    if english:
        sync_english_tree()
    return course


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


# Quizzes ----------------------------------------------------------------------------------


def quiz_question(
    kind: str = "single_choice",
    *,
    index: int = 0,
    correct: tuple[int, ...] = (0,),
    choices: int = 3,
    points: int = 1,
    scoring: str = "all",
    several: bool = False,
    is_true: bool = True,
) -> dict:
    """One question block in StreamField JSON with stable block and choice ids
    (q<index> and q<index>-c<n>), as the Wagtail admin stores them."""
    question_id = f"q{index}"
    choice_items = [
        {
            "type": "item",
            "id": f"{question_id}-c{number}",
            "value": {
                "text": f"Svar {number} på fråga {index}",
                "is_correct": number in correct,
                "explanation": f"Förklaring {number} till fråga {index}",
            },
        }
        for number in range(choices)
    ]
    if kind == "true_false":
        value = {
            "statement": f"Påstående {index}",
            "is_true": is_true,
            "explanation": f"Förklaring {index}",
            "points": points,
        }
    elif kind == "scenario":
        value = {
            "case": f"Fall {index}: skadegörelse vid busstationen.",
            "question": f"Vad gör ni först? ({index})",
            "several_answers": several,
            "choices": choice_items,
            "scoring": scoring,
            "points": points,
        }
    elif kind == "multiple_choice":
        value = {"question": f"Fråga {index}", "choices": choice_items, "scoring": scoring, "points": points}
    else:
        value = {"question": f"Fråga {index}", "choices": choice_items, "points": points}
    return {"type": kind, "id": question_id, "value": value}


def quiz_questions(count: int = 3) -> str:
    """`count` single-choice questions, the first choice of each correct."""
    return json.dumps([quiz_question(index=index) for index in range(count)])


class QuizPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = QuizPage

    title = factory.Sequence(lambda n: f"Kunskapstest {n}")
    summary = "Testa dina kunskaper."
    intro = "<p>Svara på frågorna.</p>"
    pass_mark = 60
    # The rules the quiz tests were written for, not the platform's defaults for a new quiz.
    draw_count = 0
    shuffle = False
    wait_minutes = 0
    feedback = "after_attempt"
    questions = factory.LazyFunction(quiz_questions)


def build_quiz(course: CoursePage, *, english: bool = False, **kwargs) -> QuizPage:
    """A published quiz at the end of the first module of `course`; with `english`, mirrored into English."""
    module = ModulePage.objects.child_of(course).order_by("path").first()
    quiz = QuizPageFactory(parent=module, **kwargs)
    quiz.save_revision().publish()
    if english:
        sync_english_tree()
    return QuizPage.objects.get(pk=quiz.pk)


def complete_course(learner, course: CoursePage) -> Enrolment:
    """Enrol `learner` on `course` and mark every step done: completes it and issues its certificate."""
    from wagtail.models import Page

    from enrolments.services import complete_step, enrol_learner

    enrolment, _created = enrol_learner(learner=learner, course=course)
    for step in Page.objects.live().descendant_of(course).filter(depth=course.depth + 2).order_by("path").specific():
        complete_step(learner=learner, step=step)
    enrolment.refresh_from_db()
    return enrolment


# Workbook ---------------------------------------------------------------------------------


def assignment_fields(count: int = 2) -> str:
    """`count` answer fields with stable block ids f0, f1, …"""
    return json.dumps(
        [
            {"type": "field", "id": f"f{index}", "value": {"label": f"Fält {index}", "help_text": "", "rows": 4}}
            for index in range(count)
        ]
    )


class AssignmentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AssignmentPage

    title = factory.Sequence(lambda n: f"Arbetsboksuppgift {n}")
    summary = "Skriv er lägesbild."
    prompt = "<p>Beskriv de tre största problemen i er kommun.</p>"
    fields = factory.LazyFunction(assignment_fields)


def build_assignment(course: CoursePage, *, module: int = 0, english: bool = False, **kwargs) -> AssignmentPage:
    """A published assignment at the end of module `module` of `course`."""
    parent = ModulePage.objects.child_of(course).order_by("path")[module]
    assignment = AssignmentPageFactory(parent=parent, **kwargs)
    assignment.save_revision().publish()
    if english:
        sync_english_tree()
    return AssignmentPage.objects.get(pk=assignment.pk)


class PoliceLearnerFactory(UserFactory):
    organisation_type = OrganisationType.POLICE
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="0180"))
