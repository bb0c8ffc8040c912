"""Bad files in the content folder are reported with file and line, and import nothing."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from wagtail.images.fields import WagtailImageField
from wagtail.images.models import Image
from wagtail.models import Page

import pytest

from courses.training_import import ContentError, TrainingContentError, check_svg
from courses.training_load import load_training, read_content

CONTENT = Path(settings.BASE_DIR) / "content"
LESSON = "modules/05-analys-av-orsaker/02-brottstriangeln.sv.md"
QUIZ = "modules/01-samverkan-for-trygghet/quiz.sv.yaml"
DIAGRAM = "diagrams/m5-brottstriangel.sv.svg"


@pytest.fixture
def content_copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, path: str, needle: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def errors(root: Path) -> list[ContentError]:
    with pytest.raises(TrainingContentError) as raised:
        read_content(root)
    return raised.value.errors


def test_the_real_content_has_no_problems():
    plan = read_content(CONTENT)
    assert len(plan.pages) == 63  # home, 5 information pages, course, 8 modules, 32 lessons, 8 quizzes, 8 assignments


def test_a_missing_title_is_reported_with_file_and_line(content_copy):
    edit(content_copy, LESSON, "title: Brottstriangeln – vem kan påverka problemet?\n", "")
    assert errors(content_copy) == [ContentError(LESSON, 2, "missing “title”")]


def test_an_unknown_block_type_is_reported_at_its_line(content_copy):
    edit(content_copy, LESSON, "::: case Bråken", "::: story Bråken")
    line = line_of(content_copy, LESSON, "::: story")
    assert errors(content_copy) == [ContentError(LESSON, line, "unknown block type “story”")]


def test_a_block_type_the_page_does_not_take_is_reported(content_copy):
    path = "pages/om-utbildningen.sv.md"
    edit(content_copy, path, "::: fact Utbildningen i korthet", "::: case Utbildningen i korthet")
    line = line_of(content_copy, path, "::: case")
    assert errors(content_copy) == [ContentError(path, line, "unknown block type “case” on this page")]


def test_a_question_with_no_correct_answer_is_reported_at_the_question(content_copy):
    edit(content_copy, QUIZ, "        correct: true\n", "")
    line = line_of(content_copy, QUIZ, "- id: m1q01")
    assert errors(content_copy) == [ContentError(QUIZ, line, "the question m1q01 has no correct answer")]


def test_a_lesson_without_its_translation_is_reported(content_copy):
    (content_copy / LESSON.replace(".sv.", ".en.")).unlink()
    assert errors(content_copy) == [ContentError(LESSON, 1, "no English translation (02-brottstriangeln.en.md)")]


def test_an_english_quiz_with_other_correct_answers_is_reported(content_copy):
    path = QUIZ.replace(".sv.", ".en.")
    text = (content_copy / path).read_text(encoding="utf-8")
    (content_copy / path).write_text(text.replace("correct: true", "correct: false", 1), encoding="utf-8")
    [error] = errors(content_copy)
    assert error.path == path
    assert "m1q01" in error.message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("<title", '<script>alert("x")</script><title', "an SVG may not contain <script>"),
        ('role="img"', 'role="img" onload="alert(1)"', "an SVG may not have event attributes (onload)"),
        (
            "<title",
            '<a href="https://example.com/"><text>x</text></a><title',
            "an SVG may not refer to anything outside (https://example.com/)",
        ),
        ("<title", '<image href="data:image/png;base64,AAAA"/><title', "an SVG may not refer to anything outside"),
        ("<title", '<rect fill="url(https://example.com/a.svg#p)"/><title', "an SVG may not load anything"),
        ("<title", "<style>@import 'https://example.com/a.css';</style><title", "an SVG may not use @import"),
        ("<title", "<style>rect { fill: url(https://example.com/x) }</style><title", "may not load anything"),
    ],
)
def test_an_svg_that_could_run_script_or_load_anything_is_refused(content_copy, old, new, message):
    edit(content_copy, DIAGRAM, old, new)
    [error] = errors(content_copy)
    assert error.path == DIAGRAM
    assert error.line >= 1
    assert message in error.message


def test_an_svg_with_fragment_references_is_accepted():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs>'
        b'<rect fill="url(#g)"/><use href="#g"/></svg>'
    )
    check_svg("diagrams/x.sv.svg", svg)


def test_an_svg_with_an_entity_declaration_is_refused():
    svg = b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
    with pytest.raises(Exception, match="well-formed"):
        check_svg("diagrams/x.sv.svg", svg)


def test_a_bad_run_imports_nothing(db, content_copy):
    pages = Page.objects.count()
    edit(content_copy, QUIZ, "        correct: true\n", "")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("load_training", content=str(content_copy))
    assert Page.objects.count() == pages
    assert not Image.objects.exists()


def test_an_english_text_that_does_not_match_the_swedish_one_is_found_while_importing_and_imports_nothing(
    db, content_copy
):
    """A problem found only while writing (the English page's paragraphs do not line up with the
    Swedish page's) rolls back everything written before it."""
    path = "pages/tillganglighet.en.md"
    text = (content_copy / path).read_text(encoding="utf-8")
    (content_copy / path).write_text(text.rstrip("\n") + "\n\nAn extra paragraph with no Swedish original.\n")
    pages = Page.objects.count()
    with pytest.raises(TrainingContentError) as raised:
        load_training(content_copy)
    [error] = raised.value.errors
    assert error.path == path
    assert Page.objects.count() == pages
    assert not Image.objects.exists()


def test_image_upload_forms_never_accept_svg():
    svg = SimpleUploadedFile("diagram.svg", (CONTENT / DIAGRAM).read_bytes(), content_type="image/svg+xml")
    with pytest.raises(ValidationError):
        WagtailImageField().clean(svg)


def test_raw_html_in_markdown_is_text_not_markup(content_copy):
    edit(content_copy, LESSON, "Lägg märke till att läraren", '<script>alert("x")</script> Lägg märke till att läraren')
    plan = read_content(content_copy)
    lesson = next(spec for spec in plan.pages if spec.sources["sv"].path == LESSON)
    html = "".join(block["value"] for block in lesson.fields["sv"]["body"] if block["type"] == "paragraph")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_javascript_link_stays_text(content_copy):
    edit(content_copy, LESSON, "Center for Problem-Oriented Policing", "[Center](javascript:alert(1))")
    plan = read_content(content_copy)
    lesson = next(spec for spec in plan.pages if spec.sources["sv"].path == LESSON)
    html = "".join(block["value"] for block in lesson.fields["sv"]["body"] if block["type"] == "paragraph")
    assert "javascript:" not in html.replace("[Center](javascript:alert(1))", "")
    assert "<a " not in html


def test_a_link_that_is_not_http_or_mail_is_refused(content_copy):
    edit(content_copy, LESSON, "Center for Problem-Oriented Policing", "[Center](/admin/)")
    [error] = errors(content_copy)
    assert (error.path, error.line) == (LESSON, line_of(content_copy, LESSON, "[Center]"))
    assert "a link must start with" in error.message


def test_step_files_of_a_registered_loader_are_read_and_others_skipped(content_copy):
    module = min((content_copy / "modules").iterdir())
    for language in ("sv", "en"):
        (module / f"survey.{language}.yaml").write_text("key: m1-survey\ntitle: Enkät\n", encoding="utf-8")

    plan = read_content(content_copy)

    assert plan.skipped == [f"modules/{module.name}/survey.sv.yaml"]
    assert len([spec for spec in plan.pages if spec.key.endswith("-assignment")]) == 8
    assert len([spec for spec in plan.pages if spec.key.endswith("-quiz")]) == 8
