"""A short quiz at the end of each module of the demo course (courses.demo_content), so that `make run`
shows the whole learner journey. The full training replaces the demo later.

Idempotent: a module that already has its quiz is left alone.
"""

import json
from collections.abc import Callable
from uuid import NAMESPACE_URL, uuid5

from courses.demo_content import COURSE, MODULES
from courses.models import CoursePage, ModulePage

from .models import QuizFeedback, QuizPage

QUIZ_SLUG = "kunskapstest"


def _choices(*answers: tuple[str, bool]) -> list[dict]:
    return [{"text": text, "is_correct": correct, "explanation": ""} for text, correct in answers]


QUIZZES = {
    "samverkan-for-trygghet": [
        {
            "type": "single_choice",
            "value": {
                "question": "Varför behöver det brottsförebyggande arbetet vara lokalt?",
                "choices": _choices(
                    ("Brott koncentreras till vissa platser, tider och grupper.", True),
                    ("Alla kommuner har samma problem.", False),
                    ("Polisen arbetar inte regionalt.", False),
                ),
                "points": 1,
            },
        },
        {
            "type": "true_false",
            "value": {
                "statement": "Sedan den 1 juli 2023 har kommunerna ett lagstadgat ansvar för brottsförebyggande arbete.",
                "is_true": True,
                "explanation": "Lagen (2023:196) om kommuners ansvar för brottsförebyggande arbete.",
                "points": 1,
            },
        },
        {
            "type": "multiple_choice",
            "value": {
                "question": "Vad gör den brottsförebyggande samordnaren?",
                "choices": _choices(
                    ("Sammanställer kommunens lägesbild.", True),
                    ("Gör den gemensamma analysen med kommunpolisen.", True),
                    ("Beslutar om polisens resurser.", False),
                ),
                "scoring": "all",
                "points": 1,
            },
        },
    ],
    "fran-overenskommelse-till-lag": [
        {
            "type": "single_choice",
            "value": {
                "question": "Vilka undertecknar en samverkansöverenskommelse?",
                "choices": _choices(
                    ("Lokalpolisområdets chef och kommunstyrelsens ordförande.", True),
                    ("Länsstyrelsen och Brå.", False),
                    ("Rikspolischefen ensam.", False),
                ),
                "points": 1,
            },
        },
        {
            "type": "true_false",
            "value": {
                "statement": "En samverkansöverenskommelse är juridiskt bindande.",
                "is_true": False,
                "explanation": "Överenskommelsen är inte juridiskt bindande.",
                "points": 1,
            },
        },
        {
            "type": "multiple_choice",
            "value": {
                "question": "Vad kräver lagen om kommuners ansvar för brottsförebyggande arbete?",
                "choices": _choices(
                    ("En lägesbild över brottsligheten.", True),
                    ("En åtgärdsplan.", True),
                    ("En samordningsfunktion.", True),
                    ("En egen polisstation.", False),
                ),
                "scoring": "all",
                "points": 1,
            },
        },
    ],
}


def _stream(module_slug: str, questions: list[dict]) -> str:
    """The questions as StreamField JSON with fixed block ids for questions and answer choices:
    grading matches answers to choices by id, so ids must not change from one load to the next."""

    def block_id(*parts) -> str:
        return str(uuid5(NAMESPACE_URL, "/".join(["samverkansakademin-demo", module_slug, *map(str, parts)])))

    blocks = []
    for number, question in enumerate(questions):
        value = dict(question["value"])
        if "choices" in value:
            value["choices"] = [
                {"type": "item", "id": block_id(number, index), "value": choice}
                for index, choice in enumerate(value["choices"])
            ]
        blocks.append({"type": question["type"], "id": block_id(number), "value": value})
    return json.dumps(blocks)


def add_demo_quizzes(*, progress: Callable[[str], None] | None = None) -> int:
    """Add the quiz of each demo module that lacks it (as its last step); returns quizzes created."""
    report = progress or (lambda message: None)
    course = CoursePage.objects.filter(slug=COURSE["slug"], locale__language_code="sv").first()
    if course is None:
        return 0
    created = 0
    for spec in MODULES:
        module = ModulePage.objects.child_of(course).filter(slug=spec["slug"]).first()
        if module is None or QuizPage.objects.child_of(module).filter(slug=QUIZ_SLUG).exists():
            continue
        quiz = QuizPage(
            slug=QUIZ_SLUG,
            title=f"Kunskapstest: {spec['title'].split(': ', 1)[-1]}",
            summary="Tre frågor om modulen. Du kan göra om testet.",
            intro="<p>Svara på frågorna och lämna in. Två rätt av tre räcker.</p>",
            pass_mark=60,
            # Three questions, all shown, feedback after each attempt: a short taste of a quiz.
            draw_count=0,
            shuffle=False,
            wait_minutes=0,
            feedback=QuizFeedback.AFTER_ATTEMPT,
            questions=_stream(spec["slug"], QUIZZES[spec["slug"]]),
        )
        module.add_child(instance=quiz)
        quiz.save_revision().publish()
        created += 1
        report(quiz.title)
    return created
