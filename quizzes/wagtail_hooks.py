from collections.abc import Iterable

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .models import QuizAttempt, QuizPage
from .results import item_analysis, quiz_summaries

# The results pages show aggregates only (attempts, pass rate, how many chose each answer), so
# either permission opens them; view_quizattempt alone would also open per-learner reports.
RESULTS_PERMISSIONS = ("quizzes.view_item_analysis", "quizzes.view_quizattempt")


def can_view_results(user) -> bool:
    return any(user.has_perm(permission) for permission in RESULTS_PERMISSIONS)


class ResultsPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_view_results(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QuizResultsIndexView(ResultsPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/results_index.html"
    page_title = _("Quiz results")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quizzes"] = quiz_summaries()
        return context


class QuizResultsDetailView(ResultsPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/results_detail.html"
    page_title = _("Quiz results")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = get_object_or_404(quiz_summaries(), pk=self.kwargs["quiz_id"])
        quiz = _with_questions(summary)
        context["quiz"] = quiz
        context["items"] = item_analysis(quiz)
        context["page_subtitle"] = quiz.title
        return context


def _with_questions(summary: QuizPage) -> QuizPage:
    """The quiz with its questions (deferred in the summary query) and the summary figures."""
    quiz = QuizPage.objects.get(pk=summary.pk)
    for name in ("attempt_count", "passed_count", "average_percent", "learner_count"):
        setattr(quiz, name, getattr(summary, name))
    return quiz


class QuizResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_results(request.user)


@hooks.register("register_permissions")
def register_results_permissions():
    """Offer both in the group editor: aggregate results, and attempts (per learner)."""
    return Permission.objects.filter(
        content_type__app_label="quizzes", codename__in=["view_item_analysis", "view_quizattempt"]
    )


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path("quiz-results/", QuizResultsIndexView.as_view(), name="quizzes_results"),
        path("quiz-results/<id:quiz_id>/", QuizResultsDetailView.as_view(), name="quizzes_results_detail"),
    ]


@hooks.register("register_reports_menu_item")
def register_results_menu_item():
    return QuizResultsMenuItem(_("Quiz results"), reverse("quizzes_results"), icon_name="tasks", order=700)


# Quiz attempts protect their quiz and the revision shown: deleting the page would fail with a
# server error naming learners. Refuse it, for the page and everything below it, before
# Wagtail's confirmation page is shown.


def learners_with_attempts(pages: Iterable[Page]) -> int:
    """How many learners have attempted a quiz among `pages` or the pages below them."""
    in_pages = Q(pk__in=[])
    for page in pages:
        in_pages |= Q(path__startswith=page.path)
    quiz_ids = Page.objects.filter(in_pages).values("pk")
    return QuizAttempt.objects.filter(quiz__in=quiz_ids).values("learner").distinct().count()


def refusal_message(count: int) -> str:
    return ngettext(
        "This cannot be deleted: %(count)s learner has taken a quiz in it, and quiz results are kept. "
        "Unpublish the page instead.",
        "This cannot be deleted: %(count)s learners have taken a quiz in it, and quiz results are kept. "
        "Unpublish the page instead.",
        count,
    ) % {"count": count}


@hooks.register("before_delete_page")
def refuse_deleting_quizzes_with_attempts(request, page):
    count = learners_with_attempts([page])
    if count:
        messages.error(request, refusal_message(count))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_quizzes_with_attempts(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not issubclass(action_class_instance.model, Page):
        return None
    count = learners_with_attempts(objects)
    if count:
        messages.error(request, refusal_message(count))
        return redirect(action_class_instance.next_url)
    return None


@hooks.register("register_training_step_loader")
def quiz_training_loader():
    """Quizzes of the training content (quiz.<lang>.yaml) become quiz pages."""
    from .training import QuizLoader

    return QuizLoader()
