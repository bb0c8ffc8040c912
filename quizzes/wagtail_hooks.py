from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page

import django_filters

from accounts.scope import learner_q, scope_label
from enrolments.learner_admin import SECTION_HOOK, LearnerSection
from training_site.spreadsheets import neutralise

from .models import QuizAttempt, QuizPage
from .results import item_analysis, quiz_summaries

# The results pages show aggregates only (attempts, pass rate, how many chose each answer), so
# either permission opens them; view_quizattempt alone would also open per-learner reports.
ATTEMPTS_PERMISSION = "quizzes.view_quizattempt"
RESULTS_PERMISSIONS = ("quizzes.view_item_analysis", ATTEMPTS_PERMISSION)


def can_view_results(user) -> bool:
    return any(user.has_perm(permission) for permission in RESULTS_PERMISSIONS)


class ResultsPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_view_results(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AttemptsPermissionMixin:
    """Learners' own attempts: course administrators, never editors (who see aggregates only)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ATTEMPTS_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def passed_label(attempt: QuizAttempt) -> str:
    return gettext("Yes") if attempt.passed else gettext("No")


def percent_of(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))


class QuizResultsIndexView(ResultsPermissionMixin, ReportView):
    """Per quiz: learners, graded attempts, pass rate and average score, of the learners in scope."""

    page_title = _("Quiz results")
    header_icon = "tasks"
    index_url_name = "quizzes_results"
    index_results_url_name = "quizzes_results_results"
    paginate_by = 100
    export_filename = "quiz-results"
    list_export = ["title", "learner_count", "attempt_count", "pass_rate", "average_percent"]
    export_headings = {
        "title": _("Quiz"),
        "learner_count": _("Learners"),
        "attempt_count": _("Graded attempts"),
        "pass_rate": _("Pass rate (%)"),
        "average_percent": _("Average score (%)"),
    }

    def get_breadcrumbs_items(self):
        # The last crumb is the visible heading: without it the header reads "Home".
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title", label=_("Quiz"), get_url=lambda quiz: reverse("quizzes_results_detail", args=[quiz.pk])
            ),
            Column("learner_count", label=_("Learners")),
            Column("attempt_count", label=_("Graded attempts")),
            Column("pass_rate", label=_("Pass rate (%)")),
            Column("average_percent", label=_("Average score (%)")),
        ]

    def get_queryset(self):
        return quiz_summaries(self.request.user)

    def get_page_subtitle(self):
        return scope_label(self.request.user)

    def decorate_paginated_queryset(self, object_list):
        for quiz in object_list:
            quiz.pass_rate = percent_of(quiz.passed_count, quiz.attempt_count)
            if quiz.average_percent is not None:
                quiz.average_percent = Decimal(quiz.average_percent).quantize(Decimal("0.1"))
        return object_list

    def to_row_dict(self, item):
        self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)


class QuizResultsDetailView(ResultsPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/results_detail.html"
    page_title = _("Quiz results")
    header_icon = "tasks"

    @cached_property
    def quiz(self) -> QuizPage:
        return _with_questions(get_object_or_404(quiz_summaries(self.request.user), pk=self.kwargs["quiz_id"]))

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_results"), "label": self.get_page_title()},
            {"url": "", "label": self.quiz.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quiz"] = self.quiz
        context["items"] = item_analysis(self.quiz, self.request.user)
        context["scope_label"] = scope_label(self.request.user)
        return context


def _with_questions(summary: QuizPage) -> QuizPage:
    """The quiz with its questions (deferred in the summary query) and the summary figures."""
    quiz = QuizPage.objects.get(pk=summary.pk)
    for name in ("attempt_count", "passed_count", "average_percent", "learner_count"):
        setattr(quiz, name, getattr(summary, name))
    return quiz


class AttemptFilterSet(WagtailFilterSet):
    quiz = django_filters.ModelChoiceFilter(
        label=_("Quiz"),
        queryset=lambda request: QuizPage.objects.filter(locale=Locale.get_default()).defer_streamfields(),
    )
    passed = django_filters.BooleanFilter(label=_("Passed"))
    learner = django_filters.CharFilter(label=_("Learner (name, e-mail or municipality)"), method="filter_learner")

    class Meta:
        model = QuizAttempt
        fields = ["quiz", "passed"]

    def filter_learner(self, queryset, name, value):
        words = value.split()[:5]
        for word in words:
            queryset = queryset.filter(
                Q(learner__first_name__icontains=word)
                | Q(learner__last_name__icontains=word)
                | Q(learner__email__icontains=word)
                | Q(learner__municipality__name__icontains=word)
            )
        return queryset


class QuizAttemptsReportView(AttemptsPermissionMixin, ReportView):
    """Every graded attempt of the learners in scope: who, which quiz, score, passed; each learner
    links to their page."""

    page_title = _("Quiz attempts")
    header_icon = "tasks"
    index_url_name = "quizzes_attempts"
    index_results_url_name = "quizzes_attempts_results"
    filterset_class = AttemptFilterSet
    export_filename = "quiz-attempts"
    list_export = [
        "learner.get_full_name",
        "learner.email",
        "learner.municipality",
        "quiz.title",
        "number",
        "submitted_at",
        "score",
        "max_score",
        "percent",
        "passed",
    ]
    export_headings = {
        "learner.get_full_name": _("Learner"),
        "learner.email": _("E-mail address"),
        "learner.municipality": _("Municipality"),
        "quiz.title": _("Quiz"),
        "number": _("Attempt"),
        "submitted_at": _("Submitted"),
        "score": _("Score"),
        "max_score": _("Maximum score"),
        "percent": _("Percent"),
        "passed": _("Passed"),
    }
    custom_field_preprocess = {
        field: {ReportView.FORMAT_CSV: neutralise}
        for field in ("learner.get_full_name", "learner.email", "learner.municipality", "quiz.title")
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "learner",
                label=_("Learner"),
                accessor="learner.get_full_name",
                get_url=lambda attempt: reverse("learners:inspect", args=[attempt.learner_id]),
            ),
            Column("municipality", label=_("Municipality"), accessor="learner.municipality"),
            Column("quiz", label=_("Quiz"), accessor="quiz.title"),
            Column("number", label=_("Attempt")),
            DateColumn("submitted_at", label=_("Submitted")),
            Column("percent", label=_("Percent")),
            Column("passed", label=_("Passed"), accessor=passed_label),
        ]

    def get_queryset(self):
        return (
            QuizAttempt.objects.graded()
            .filter(learner_q(self.request.user, "learner__"))
            .select_related("learner__municipality", "quiz")
            .defer("questions", "answers", "results", "quiz__questions", "quiz__intro")
            .order_by("-submitted_at", "-pk")
        )

    def get_page_subtitle(self):
        return scope_label(self.request.user)


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
        path("quiz-results/results/", QuizResultsIndexView.as_view(results_only=True), name="quizzes_results_results"),
        path("quiz-results/<id:quiz_id>/", QuizResultsDetailView.as_view(), name="quizzes_results_detail"),
        path("quiz-attempts/", QuizAttemptsReportView.as_view(), name="quizzes_attempts"),
        path(
            "quiz-attempts/results/", QuizAttemptsReportView.as_view(results_only=True), name="quizzes_attempts_results"
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_results_menu_item():
    return QuizResultsMenuItem(_("Quiz results"), reverse("quizzes_results"), icon_name="tasks", order=700)


class QuizAttemptsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(ATTEMPTS_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_attempts_menu_item():
    return QuizAttemptsMenuItem(_("Quiz attempts"), reverse("quizzes_attempts"), icon_name="tasks", order=710)


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


class QuizAttemptsSection(LearnerSection):
    """Every quiz attempt of the learner on their page in the admin, with its score (one query)."""

    order = 200
    template_name = "quizzes/admin/learner_attempts.html"

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["attempts"] = list(
            QuizAttempt.objects.filter(learner=self.learner)
            .select_related("quiz")
            .defer("quiz__questions", "questions", "answers", "results")
            .order_by("quiz__path", "number")
        )
        return context


@hooks.register(SECTION_HOOK)
def learner_attempts_section(learner, request):
    return QuizAttemptsSection(learner, request)
