from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.reachability import is_reachable

from . import services
from .forms import AnswersForm
from .models import QuizAttempt, QuizPage
from .questions import feedback_questions, learner_questions


@login_required
@require_POST
def start(request, page_id: int):
    quiz = get_object_or_404(QuizPage.objects.live().public(), pk=page_id)
    if not is_reachable(quiz):
        raise Http404
    try:
        attempt, _created = services.start_attempt(learner=request.user, quiz=quiz)
    except services.QuizError as error:
        messages.error(request, error.message)
        return redirect(quiz.get_url(request))
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


@login_required
@require_GET
def attempt(request, attempt_id: int):
    """The questions of an open attempt, or the result of a graded one. Never writes."""
    attempt = get_object_or_404(
        QuizAttempt.objects.for_learner(request.user).select_related("revision", "quiz"), pk=attempt_id
    )
    content = attempt.revision.as_object()
    # The quiz page in the language being viewed (an attempt may have been started in another).
    shown = content.localized
    context = {"attempt": attempt, "quiz": content, "quiz_url": shown.get_url(request), "quiz_page_id": shown.pk}
    if attempt.is_open:
        context["questions"] = learner_questions(content.questions, attempt.questions)
        return render(request, "quizzes/attempt.html", context)
    results = {item["id"]: item for item in attempt.results}
    reveal = services.shows_feedback(feedback=content.feedback, attempt=attempt)
    context["questions"] = feedback_questions(content.questions, attempt.questions, results, reveal=reveal)
    context["show_answers"] = content.feedback != "never"
    # Questions carry whole points, so the total is whole too; ngettext wants an integer.
    context["max_points"] = int(attempt.max_score or 0)
    if not attempt.passed:
        # Whether "Try again" can be offered, or when it can (the rules of the quiz as it is now).
        context["overview"] = services.quiz_overview(quiz=attempt.quiz, user=request.user)
    return render(request, "quizzes/result.html", context)


@login_required
@require_POST
def submit(request, attempt_id: int):
    attempt = get_object_or_404(QuizAttempt.objects.for_learner(request.user), pk=attempt_id)
    form = AnswersForm(request.POST)
    form.is_valid()
    try:
        attempt, graded_now = services.submit_attempt(
            learner=request.user, attempt=attempt, answers=form.cleaned_data["answers"]
        )
    except services.QuizError as error:
        messages.error(request, error.message)
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    if not graded_now:
        messages.info(request, _("This attempt was already submitted; its result is shown below."))
    return redirect("quizzes:attempt", attempt_id=attempt.pk)
