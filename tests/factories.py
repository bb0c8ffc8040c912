import json

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from wagtail.models import Locale

from accounts.models import OrganisationType, User
from courses.models import CourseIndexPage, CoursePage, HomePage, InformationPage, LessonPage, ModulePage
from enrolments.models import Enrolment
from organisations.models import Municipality


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


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    learner = factory.SubFactory(UserFactory)


def swedish_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="sv", depth=2)


def sync_english_tree() -> None:
    """Create English aliases of new Swedish pages, as the admin does on page creation."""
    from wagtail_localize.synctree import synchronize_tree

    synchronize_tree(Locale.objects.get(language_code="sv"), Locale.objects.get(language_code="en"))


def build_course(*, modules: int = 2, lessons_per_module: int = 2, index: CourseIndexPage | None = None) -> CoursePage:
    """A published course with `modules` x `lessons_per_module` lessons, mirrored into English."""
    index = index or CourseIndexPageFactory(parent=swedish_home())
    course = CoursePageFactory(parent=index)
    for _ in range(modules):
        module = ModulePageFactory(parent=course)
        for _ in range(lessons_per_module):
            LessonPageFactory(parent=module)
    sync_english_tree()
    return course


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific
