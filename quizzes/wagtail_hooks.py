from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import QuizPage
from .results import item_analysis, quiz_summaries

RESULTS_PERMISSION = "quizzes.view_quizattempt"


class ResultsPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(RESULTS_PERMISSION):
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
        return request.user.has_perm(RESULTS_PERMISSION)


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path("quiz-results/", QuizResultsIndexView.as_view(), name="quizzes_results"),
        path("quiz-results/<int:quiz_id>/", QuizResultsDetailView.as_view(), name="quizzes_results_detail"),
    ]


@hooks.register("register_reports_menu_item")
def register_results_menu_item():
    return QuizResultsMenuItem(_("Quiz results"), reverse("quizzes_results"), icon_name="tasks", order=700)
