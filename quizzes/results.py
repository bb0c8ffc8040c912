"""Quiz results for the Wagtail admin: per quiz the attempts, pass rate and average score,
and per question the share answering correctly and the most chosen wrong choice.

A fixed number of queries whatever the number of quizzes, questions or attempts. Only the attempts
of learners in the administrator's scope count.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q

from wagtail.models import Locale

from accounts.scope import learner_q

from .models import QuizAttempt, QuizPage
from .questions import gradable_questions, learner_question, question_blocks


def results_q(user, prefix: str = "") -> Q:
    """Whose attempts a results page counts. Those who may read learners' attempts (course
    administrators) count the learners in their scope; editors, who see only aggregates and item
    analysis, count every learner."""
    if user.has_perm("quizzes.view_quizattempt"):
        return learner_q(user, prefix)
    return Q()


def quiz_summaries(user):
    """Swedish source quizzes with attempts, passes and average percent of the graded attempts of
    the learners in `user`'s scope (`accounts.scope`)."""
    graded = Q(attempts__state=QuizAttempt.State.GRADED) & results_q(user, "attempts__learner__")
    return (
        QuizPage.objects.filter(locale=Locale.get_default())
        .defer_streamfields()
        .annotate(
            attempt_count=Count("attempts", filter=graded),
            passed_count=Count("attempts", filter=graded & Q(attempts__passed=True)),
            average_percent=Avg("attempts__percent", filter=graded),
            learner_count=Count("attempts__learner", filter=graded, distinct=True),
        )
        .order_by("path")
    )


@dataclass
class ItemAnalysis:
    question_id: str
    number: int
    text: str
    answered: int = 0
    correct: int = 0
    wrong_choices: Counter = field(default_factory=Counter)
    choice_texts: dict = field(default_factory=dict)

    @property
    def share_correct(self) -> Decimal | None:
        if not self.answered:
            return None
        return (Decimal(self.correct) * 100 / self.answered).quantize(Decimal("0.1"))

    @property
    def most_chosen_wrong(self) -> tuple[str, int] | None:
        if not self.wrong_choices:
            return None
        choice_id, count = self.wrong_choices.most_common(1)[0]
        return self.choice_texts.get(choice_id, choice_id), count


def item_analysis(quiz: QuizPage, user) -> list[ItemAnalysis]:
    """Per question of the quiz's live content: how often it was drawn and answered correctly,
    and which wrong choice was chosen most. Questions are matched by their stable block id."""
    items: dict[str, ItemAnalysis] = {}
    for number, (question_id, child) in enumerate(question_blocks(quiz.questions).items(), start=1):
        question = learner_question(child.block_type, question_id, child.value)
        items[question_id] = ItemAnalysis(
            question_id=question_id,
            number=number,
            text=question["text"],
            choice_texts={choice["id"]: choice["text"] for choice in question["choices"]},
        )
    correct_choices = _correct_choices(quiz)
    rows = (
        QuizAttempt.objects.graded()
        .filter(results_q(user, "learner__"), quiz=quiz)
        .values_list("results", flat=True)
        .iterator(chunk_size=2000)
    )
    for results in rows:
        for result in results:
            item = items.get(result["id"])
            if item is None:
                continue
            item.answered += 1
            if result.get("correct"):
                item.correct += 1
            for choice_id in result.get("chosen", ()):
                if choice_id not in correct_choices.get(result["id"], ()):
                    item.wrong_choices[choice_id] += 1
    return list(items.values())


def _correct_choices(quiz: QuizPage) -> dict[str, set[str]]:
    return {
        question_id: set(question.correct_ids) for question_id, question in gradable_questions(quiz.questions).items()
    }
