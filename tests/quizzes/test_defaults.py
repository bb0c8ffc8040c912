from quizzes.models import QuizCounting, QuizFeedback, QuizPage


def test_a_new_quiz_draws_from_a_pool_passes_at_70_and_shows_answers_only_after_passing(db):
    """An editor's new quiz is not gameable by elimination unless they choose so."""
    quiz = QuizPage(title="Kunskapstest", slug="kunskapstest")
    assert (quiz.draw_count, quiz.shuffle) == (7, True)
    assert quiz.pass_mark == 70
    assert quiz.feedback == QuizFeedback.AFTER_PASS
    assert quiz.wait_minutes == 10
    assert (quiz.attempt_limit, quiz.counting) == (0, QuizCounting.BEST)
