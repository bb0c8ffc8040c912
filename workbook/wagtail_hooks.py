"""Review of workbook answers in the Wagtail admin, for course leaders with the review permission
(and, through Answer.objects.reviewable_by, only for the learners in their scope)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

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
        if not request.user.is_authenticated:
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
