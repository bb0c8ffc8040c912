"""Quiz question blocks. Correct-answer flags and explanations live in these blocks but never reach
the learner before submission: block rendering gets a prepared dict without them, and the quiz
pages render from quizzes.questions, which strips them too."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .questions import learner_question


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=500)
    is_correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    explanation = blocks.TextBlock(
        label=_("Explanation"), required=False, help_text=_("Shown as feedback after the attempt is submitted.")
    )

    class Meta:
        icon = "tick"
        label = _("Answer choice")
        form_classname = "struct-block answer-choice-block"


EMPTY_CHOICE = {"text": "", "is_correct": False, "explanation": ""}


def choices_block() -> blocks.ListBlock:
    """The answer choices of a question; a new question starts with the two it needs at least."""
    return blocks.ListBlock(
        AnswerChoiceBlock(), label=_("Answer choices"), min_num=2, default=[EMPTY_CHOICE, EMPTY_CHOICE]
    )


class QuestionBlockMixin:
    """Shared rules and learner-safe rendering of every question block."""

    allows_several_correct = True

    def clean(self, value):
        value = super().clean(value)
        choices = list(value.get("choices") or [])
        correct = sum(1 for choice in choices if choice.get("is_correct"))
        errors = []
        if correct == 0:
            errors.append(ValidationError(_("Mark at least one answer as correct.")))
        elif correct > 1 and not self._several_allowed(value):
            errors.append(ValidationError(_("A single-choice question needs exactly one correct answer.")))
        if errors:
            raise StructBlockValidationError(non_block_errors=ErrorList(errors))
        return value

    def _several_allowed(self, value) -> bool:
        return self.allows_several_correct

    def get_context(self, value, parent_context=None):
        context = dict(parent_context or {})
        context["question"] = learner_question(self.name, "", value)
        return context


QUESTION_POINTS_HELP = _("How many points a fully correct answer gives.")


def points_block() -> blocks.IntegerBlock:
    return blocks.IntegerBlock(label=_("Points"), min_value=1, max_value=100, default=1, help_text=QUESTION_POINTS_HELP)


SCORING_CHOICES = [
    ("all", _("All correct answers needed for any points")),
    ("partial", _("Partial credit for each correct answer (wrong answers subtract)")),
]


class SingleChoiceQuestionBlock(QuestionBlockMixin, blocks.StructBlock):
    allows_several_correct = False

    question = blocks.TextBlock(label=_("Question"))
    choices = choices_block()
    points = points_block()

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        template = "quizzes/blocks/question_block.html"
        description = _("A question with one correct answer")
        preview_value = {
            "question": "Vem leder det lokala brottsförebyggande rådet?",
            "choices": [
                {"text": "Kommunen", "is_correct": True, "explanation": ""},
                {"text": "Ingen", "is_correct": False, "explanation": ""},
            ],
            "points": 1,
        }


class MultipleChoiceQuestionBlock(QuestionBlockMixin, blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    choices = choices_block()
    scoring = blocks.ChoiceBlock(label=_("Scoring"), choices=SCORING_CHOICES, default="all")
    points = points_block()

    class Meta:
        icon = "list-ul"
        label = _("Multiple choice")
        template = "quizzes/blocks/question_block.html"
        description = _("A question where the learner picks every correct answer")
        preview_value = {
            "question": "Vilka ingår ofta i en lokal samverkansöverenskommelse?",
            "choices": [
                {"text": "Kommunen", "is_correct": True, "explanation": ""},
                {"text": "Polisen", "is_correct": True, "explanation": ""},
                {"text": "Ett bilföretag", "is_correct": False, "explanation": ""},
            ],
            "scoring": "all",
            "points": 2,
        }


class TrueFalseQuestionBlock(QuestionBlockMixin, blocks.StructBlock):
    statement = blocks.TextBlock(label=_("Statement"))
    is_true = blocks.BooleanBlock(label=_("The statement is true"), required=False)
    explanation = blocks.TextBlock(label=_("Explanation"), required=False)
    points = points_block()

    class Meta:
        icon = "tick-inverse"
        label = _("True or false")
        template = "quizzes/blocks/question_block.html"
        description = _("A statement the learner marks as true or false")
        preview_value = {"statement": "Polisen är indelad i sju regioner.", "is_true": True, "points": 1}

    def clean(self, value):
        # Always exactly one correct answer (true or false): nothing to check beyond the fields.
        return blocks.StructBlock.clean(self, value)


class ScenarioQuestionBlock(QuestionBlockMixin, blocks.StructBlock):
    case = blocks.TextBlock(label=_("Case"), help_text=_("A short case the question is about."))
    question = blocks.TextBlock(label=_("Question"))
    several_answers = blocks.BooleanBlock(
        label=_("Several answers can be correct"),
        required=False,
        help_text=_("Shows check boxes instead of radio buttons."),
    )
    choices = choices_block()
    scoring = blocks.ChoiceBlock(label=_("Scoring"), choices=SCORING_CHOICES, default="all")
    points = points_block()

    class Meta:
        icon = "group"
        label = _("Scenario question")
        template = "quizzes/blocks/question_block.html"
        description = _("A short case followed by a choice question")
        preview_value = {
            "case": "Skadegörelsen vid busstationen i Storby har ökat under hösten.",
            "question": "Vad gör ni först?",
            "several_answers": False,
            "choices": [
                {"text": "Tar fram en gemensam lägesbild", "is_correct": True, "explanation": ""},
                {"text": "Sätter upp kameror direkt", "is_correct": False, "explanation": ""},
            ],
            "scoring": "all",
            "points": 1,
        }

    def _several_allowed(self, value) -> bool:
        return bool(value.get("several_answers"))


class QuizQuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    scenario = ScenarioQuestionBlock()
