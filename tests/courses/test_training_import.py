"""load_training on the real content/ folder. The import of the whole course is slow, so it runs
once for this module inside a transaction that is rolled back at the end; each test runs in a
savepoint inside it."""

import shutil
from http import HTTPStatus
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction

from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringTranslation, Translation

import pytest

from courses.models import CompletionRequirement, CoursePage, ImportedPage, InformationPage, LessonPage, ModulePage
from courses.training_import import translation_key
from courses.training_load import load_training, read_content
from enrolments.services import enrol_learner
from quizzes.models import QuizFeedback, QuizPage
from workbook.models import AssignmentPage

CONTENT = Path(settings.BASE_DIR) / "content"


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = load_training(CONTENT)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def content_copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def swedish(model):
    return model.objects.filter(locale__language_code="sv")


def english_of(page):
    return Page.objects.get(translation_key=page.translation_key, locale__language_code="en")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_course_has_eight_modules_of_four_lessons_an_assignment_and_a_quiz_in_order(imported, db):
    course = swedish(CoursePage).get()
    assert course.title == "Samordnare för lokalt brottsförebyggande arbete"
    modules = ModulePage.objects.child_of(course).order_by("path")
    assert [module.title for module in modules][:2] == ["Samverkan för trygghet", "Från överenskommelse till lag"]
    assert modules.count() == 8
    for module in modules:
        steps = [page.specific_class for page in module.get_children().order_by("path")]
        assert steps == [LessonPage] * 4 + [AssignmentPage, QuizPage]


def test_both_languages_have_every_page(imported, db):
    counts = {
        language: {
            model.__name__: model.objects.filter(locale__language_code=language).count()
            for model in (CoursePage, ModulePage, LessonPage, QuizPage, AssignmentPage, InformationPage)
        }
        for language in ("sv", "en")
    }
    expected = {
        "CoursePage": 1,
        "ModulePage": 8,
        "LessonPage": 32,
        "QuizPage": 8,
        "AssignmentPage": 8,
        "InformationPage": 5,
    }
    assert counts == {"sv": expected, "en": expected}
    assert len(imported.created) == 2 * (sum(expected.values()) + 2)  # and the course index and home page
    assert imported.skipped_files == []  # the workbook loads the assignments


def test_every_swedish_page_has_its_english_translation_made_by_wagtail_localize(imported, db):
    home = Page.objects.get(locale__language_code="sv", depth=2)
    pages = Page.objects.descendant_of(home).filter(translation_key__in=_imported_keys())
    assert pages.count() == 63
    english = Locale.objects.get(language_code="en")
    for page in pages:
        translation = english_of(page)
        assert translation.alias_of_id is None and translation.live
        assert Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=english, enabled=True
        ).exists()
    assert StringTranslation.objects.filter(locale=english, tool_name="load_training").count() > 1000


def test_english_lesson_is_in_english_and_learner_progress_points_at_the_swedish_page(imported, db, client, learner):
    lesson = swedish(LessonPage).get(slug="brottstriangeln")
    english = english_of(lesson).specific
    assert english.title == "The crime triangle – who can influence the problem?"
    assert english.estimated_minutes == lesson.estimated_minutes
    figure = next(block for block in english.body if block.block_type == "image")
    assert figure.value["image"].title == "m5-brottstriangel.en"
    enrol_learner(learner=learner, course=swedish(CoursePage).get())
    client.force_login(learner)
    response = client.get(english.url)
    assert response.status_code == HTTPStatus.OK
    assert "Trouble at Åsala bus station (a made-up example)" in response.content.decode()


def test_first_import_publishes_every_page(imported, db):
    pages = Page.objects.filter(translation_key__in=_imported_keys())
    assert pages.count() == 128
    assert not pages.filter(live=False).exists()
    assert not pages.filter(has_unpublished_changes=True).exists()


def test_a_second_run_changes_nothing(imported, db):
    revisions = Revision.objects.count()
    summary = load_training(CONTENT)
    assert (summary.created, summary.updated, summary.editor_changed) == ([], [], [])
    assert summary.unchanged == 128
    assert summary.images_created == 0
    assert Revision.objects.count() == revisions


def test_a_changed_file_becomes_a_draft_submitted_for_review(imported, db, content_copy):
    lesson_file = content_copy / "modules/05-analys-av-orsaker/02-brottstriangeln.sv.md"
    edit(lesson_file, "title: Brottstriangeln – vem kan påverka problemet?", "title: Brottstriangeln i praktiken")
    summary = load_training(content_copy)
    assert "modules/05-analys-av-orsaker/02-brottstriangeln.sv.md" in summary.updated
    assert all("02-brottstriangeln" in path for path in summary.updated)  # only that page (and its English)
    lesson = swedish(LessonPage).get(slug="brottstriangeln")
    assert lesson.title == "Brottstriangeln – vem kan påverka problemet?"  # the live version is unchanged
    assert lesson.get_latest_revision_as_object().title == "Brottstriangeln i praktiken"
    assert lesson.workflow_in_progress
    assert lesson.current_workflow_task.name


def test_a_page_an_editor_changed_is_left_alone_and_reported_unless_forced(imported, db, content_copy, staff_member):
    editor = staff_member("Redaktörer")
    lesson = swedish(LessonPage).get(slug="brottstriangeln")
    lesson.title = "Brottstriangeln (redigerad)"
    editors_revision = lesson.save_revision(user=editor)
    edit(
        content_copy / "modules/05-analys-av-orsaker/02-brottstriangeln.sv.md",
        "estimated_minutes: 15",
        "estimated_minutes: 20",
    )
    summary = load_training(content_copy)
    assert summary.editor_changed == ["modules/05-analys-av-orsaker/02-brottstriangeln.sv.md"]
    lesson.refresh_from_db()
    assert lesson.latest_revision_id == editors_revision.pk

    forced = load_training(content_copy, force=True)
    assert "modules/05-analys-av-orsaker/02-brottstriangeln.sv.md" in forced.updated
    lesson.refresh_from_db()
    assert lesson.get_latest_revision_as_object().estimated_minutes == 20


def test_the_command_prints_progress_and_a_summary(imported, db, capsys):
    call_command("load_training")
    output = capsys.readouterr().out
    assert "Samverkan för trygghet" in output
    assert "0 pages created, 0 updated, 128 unchanged" in output
    assert "skipped, no loader registered" not in output


def test_every_quiz_passes_the_admins_validation_and_the_course_rules(imported, db):
    quizzes = QuizPage.objects.all()
    assert quizzes.count() == 16
    for quiz in quizzes:
        quiz.full_clean()
        try:
            quiz.questions.stream_block.clean(quiz.questions)
        except ValidationError as error:  # pragma: no cover - the message names the quiz
            pytest.fail(f"{quiz.title}: {error}")
        assert 10 <= len(quiz.questions) <= 14
        assert 6 <= quiz.draw_count <= 8
        assert (quiz.pass_mark, quiz.feedback) == (70, QuizFeedback.AFTER_PASS)
        assert quiz.wait_minutes > 0 and quiz.shuffle


def test_every_image_has_a_text_alternative_and_a_diagram_in_its_language(imported, db):
    figures = 0
    for page in [*LessonPage.objects.all(), *InformationPage.objects.all()]:
        for block in page.body:
            if block.block_type == "image":
                figures += 1
                assert len(block.value["alt_text"].split()) >= 5
                assert block.value["image"].title.endswith(f".{page.locale.language_code}")
    assert figures >= 24


def test_no_lesson_body_is_under_400_words():
    plan = read_content(CONTENT)
    lessons = [spec for spec in plan.pages if spec.model is LessonPage]
    assert len(lessons) == 32
    assert min(plan.words.values()) >= 400
    assert len(plan.words) == 32


def test_the_course_requires_every_lesson_quiz_and_approved_assignment(imported, db):
    course = swedish(CoursePage).get()
    rules = list(course.completion_rules.select_related("page"))
    assert sum(rule.requirement == CompletionRequirement.LESSON_DONE for rule in rules) == 32
    assert sum(rule.requirement == CompletionRequirement.QUIZ_PASSED for rule in rules) == 8
    assert sum(rule.requirement == CompletionRequirement.ASSIGNMENT_APPROVED for rule in rules) == 8
    assert {rule.page.locale.language_code for rule in rules} == {"sv"}


def test_imported_pages_remember_their_source_and_revision(imported, db):
    lesson = swedish(LessonPage).get(slug="brottstriangeln")
    record = ImportedPage.objects.get(page=lesson)
    assert record.source == "modules/05-analys-av-orsaker/02-brottstriangeln.sv.md"
    assert record.revision_id == lesson.latest_revision_id
    assert lesson.translation_key == translation_key("m5-l2")


def _imported_keys():
    return ImportedPage.objects.values("page__translation_key")


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/", "Samverkansakademin is an online training"),
        ("/en/glossary/", "situation picture"),
        ("/en/courses/coordinator-training/", "Coordinating local crime prevention"),
    ],
)
def test_english_information_pages_home_and_course_are_translated(imported, db, client, path, text):
    response = client.get(path)
    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert text in content
    assert "has not been translated into English yet" not in content
