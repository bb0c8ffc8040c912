"""Review of workbook answers in the Wagtail admin, for course leaders with the review permission
(and, through Answer.objects.reviewable_by, only for the learners in their scope)."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from . import services
from .forms import ReviewForm
from .markdown import render_markdown
from .models import Answer, AnswerState

REVIEW_PERMISSION = "workbook.review_answer"


class ReviewPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _listing(user):
    return (
        Answer.objects.reviewable_by(user)
        .select_related("assignment", "learner", "pair__first", "pair__second")
        .defer("assignment__fields", "assignment__prompt", "assignment__guidance")
    )


class ReviewIndexView(ReviewPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "workbook/admin/review_index.html"
    page_title = _("Workbook answers")
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_all = self.request.GET.get("state") == "all"
        answers = _listing(self.request.user)
        if not show_all:
            answers = answers.filter(state=AnswerState.SUBMITTED)
        context["answers"] = answers.order_by("submitted_at", "pk")[:500]
        context["show_all"] = show_all
        return context


class ReviewDetailView(ReviewPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "workbook/admin/review_detail.html"
    page_title = _("Review an answer")
    header_icon = "form"
    form_class = ReviewForm

    def dispatch(self, request, *args, **kwargs):
        # The permission first, as on the list: staff without it are refused, not told "not found".
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        self.answer = get_object_or_404(_listing(request.user), pk=kwargs["answer_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.answer.assignment.specific
        context["answer"] = self.answer
        context["assignment"] = assignment
        context["page_subtitle"] = assignment.title
        context["fields"] = [
            {"label": definition["label"], "html": render_markdown(self.answer.fields.get(definition["id"], ""))}
            for definition in assignment.field_definitions()
        ]
        context["reviews"] = self.answer.reviews.select_related("reviewer")
        return context

    def form_valid(self, form):
        try:
            services.review_answer(
                reviewer=self.request.user,
                answer=self.answer,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
            )
        except services.WorkbookError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The review is saved and the learners are told by e-mail."))
        return redirect("workbook_review")


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("workbook/", ReviewIndexView.as_view(), name="workbook_review"),
        path("workbook/<id:answer_id>/", ReviewDetailView.as_view(), name="workbook_review_detail"),
    ]


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(_("Workbook answers"), reverse("workbook_review"), icon_name="form", order=650)


# Deleting an assignment page would delete the learners' answers to it with it. Refuse it, for the
# page and everything below it, before Wagtail's confirmation page is shown.


def learners_with_answers(pages: Iterable[Page]) -> int:
    """How many answers (of a learner or a pair) exist to assignments among `pages` or below them."""
    in_pages = Q(pk__in=[])
    for page in pages:
        in_pages |= Q(path__startswith=page.path)
    return Answer.objects.filter(assignment__in=Page.objects.filter(in_pages).values("pk")).count()


def refusal_message(count: int) -> str:
    return ngettext(
        "This cannot be deleted: it holds %(count)s workbook answer, and deleting would erase it. "
        "Unpublish the page instead.",
        "This cannot be deleted: it holds %(count)s workbook answers, and deleting would erase them. "
        "Unpublish the page instead.",
        count,
    ) % {"count": count}


@hooks.register("before_delete_page")
def refuse_deleting_assignments_with_answers(request, page):
    count = learners_with_answers([page])
    if count:
        messages.error(request, refusal_message(count))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_assignments_with_answers(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not issubclass(action_class_instance.model, Page):
        return None
    count = learners_with_answers(objects)
    if count:
        messages.error(request, refusal_message(count))
        return redirect(action_class_instance.next_url)
    return None


@hooks.register("register_training_step_loader")
def assignment_training_loader():
    """Workbook assignments of the training content (assignment.<lang>.yaml) become assignment pages."""
    from .training import AssignmentLoader

    return AssignmentLoader()
