from http import HTTPStatus

import pytest

from courses.models import LessonPage

from ..factories import (
    CoursePageFactory,
    InformationPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    build_course,
    lessons_of,
    swedish_home,
)

pytestmark = pytest.mark.django_db

LESSON_TEXT = "Brott är inte jämnt fördelade över kommunen."


def test_home_page_lists_published_courses(client, course):
    response = client.get("/")

    assert response.status_code == HTTPStatus.OK
    assert course.title in response.content.decode()


def test_home_page_does_not_list_draft_courses(client, course):
    draft = CoursePageFactory(parent=course.get_parent(), title="Hemlig utkastkurs", live=False)

    response = client.get("/")

    assert draft.title not in response.content.decode()
    assert course.title in response.content.decode()


def test_home_page_does_not_list_courses_under_an_unpublished_index(client, course):
    course.get_parent().specific.unpublish()

    response = client.get("/")

    assert course.title not in response.content.decode()


def test_draft_course_is_not_found(learner_client, course):
    draft = CoursePageFactory(parent=course.get_parent(), live=False)

    assert learner_client.get(draft.get_url()).status_code == HTTPStatus.NOT_FOUND


def test_draft_lesson_is_not_found_and_not_in_the_outline(learner_client, learner, course):
    from enrolments.services import enrol_learner

    enrol_learner(learner=learner, course=course)
    module = course.get_children().first()
    draft = LessonPageFactory(parent=module, title="Opublicerad lektion", live=False)

    assert learner_client.get(draft.get_url()).status_code == HTTPStatus.NOT_FOUND
    assert "Opublicerad lektion" not in learner_client.get(course.url).content.decode()


def test_unpublished_changes_never_reach_learners(learner_client, learner, course):
    from enrolments.services import enrol_learner

    enrol_learner(learner=learner, course=course)
    lesson = lessons_of(course)[0]
    lesson.body = [("paragraph", "<p>Ändrad men inte publicerad text.</p>")]
    lesson.title = "Ny titel som inte är publicerad"
    lesson.save_revision()

    content = learner_client.get(lesson.url).content.decode()

    assert LESSON_TEXT in content
    assert "Ändrad men inte publicerad text." not in content
    assert "Ny titel som inte är publicerad" not in content
    assert LessonPage.objects.get(pk=lesson.pk).has_unpublished_changes


def test_unpublished_module_hides_its_lessons(learner_client, learner, course):
    from enrolments.services import enrol_learner

    enrol_learner(learner=learner, course=course)
    module = ModulePageFactory(parent=course, title="Utkastmodul", live=False)
    LessonPageFactory(parent=module, title="Lektion i utkastmodul")

    content = learner_client.get(course.url).content.decode()

    assert "Utkastmodul" not in content
    assert "Lektion i utkastmodul" not in content


def test_information_page_renders(client, db):
    page = InformationPageFactory(parent=swedish_home(), title="Om utbildningen", intro="Bakgrunden.")

    response = client.get(page.url)

    assert response.status_code == HTTPStatus.OK
    assert "Om utbildningen" in response.content.decode()
    assert "Bakgrunden." in response.content.decode()


def test_information_pages_in_the_menu_are_linked_from_the_footer(client, db):
    page = InformationPageFactory(parent=swedish_home(), title="Tillgänglighetsredogörelse", show_in_menus=True)

    response = client.get("/")

    assert f'href="{page.url}"' in response.content.decode()


def test_module_url_redirects_to_its_section_of_the_course_page(client, course):
    module = course.get_children().first()

    response = client.get(module.url)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"{course.url}#module-{module.pk}"


def test_video_block_renders_through_the_local_embed_finder(learner_client, learner, db):
    from enrolments.services import enrol_learner

    course = build_course(modules=1, lessons_per_module=1)
    lesson = lessons_of(course)[0]
    lesson.body = [
        ("video", {"video": "https://video.example.com/samverkan", "title": "Samverkan i praktiken", "transcript": ""})
    ]
    lesson.save_revision().publish()
    enrol_learner(learner=learner, course=course)

    content = learner_client.get(lesson.url).content.decode()

    assert '<iframe src="https://video.example.com/samverkan"' in content
    assert "Samverkan i praktiken" in content


def test_live_lesson_in_an_unpublished_course_is_not_found(learner_client, learner, course):
    from enrolments.services import enrol_learner

    enrol_learner(learner=learner, course=course)
    lesson = lessons_of(course)[0]
    course.unpublish()  # the admin's default: the course only, its lessons stay live

    assert LessonPage.objects.get(pk=lesson.pk).live
    assert learner_client.get(lesson.url).status_code == HTTPStatus.NOT_FOUND


def test_live_lesson_in_an_unpublished_module_is_not_found(learner_client, learner, course):
    from enrolments.services import enrol_learner

    enrol_learner(learner=learner, course=course)
    lesson = lessons_of(course)[0]
    lesson.get_parent().specific.unpublish()

    assert learner_client.get(lesson.url).status_code == HTTPStatus.NOT_FOUND


def test_a_module_takes_the_step_types_that_name_it_as_their_parent():
    from courses.models import ModulePage
    from quizzes.models import QuizPage
    from workbook.models import AssignmentPage

    assert set(ModulePage.creatable_subpage_models()) == {LessonPage, QuizPage, AssignmentPage}
