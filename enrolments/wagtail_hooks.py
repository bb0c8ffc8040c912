"""Enrolments in the Wagtail admin: cohorts (with adding learners by e-mail), and pages that
learners' enrolments or progress point at cannot be deleted.

Deleting a course would fail on its protected enrolments (a server error naming learners),
and deleting a lesson would silently erase every learner's progress on it. The hooks refuse
both, for the page and everything below it, before Wagtail's confirmation page is shown.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Page

from accounts.models import User
from accounts.scope import learner_q, sees_everyone
from courses.models import CoursePage

from .cohorts import add_learners_to_cohort
from .email_lists import MAX_ROWS
from .forms import AddLearnersForm, SetPairForm
from .learner_admin import LOG_VIEW, LearnerSearchArea, learner_viewset
from .models import Cohort, Enrolment, Pair
from .services import EnrolmentError, form_pair, leave_pair


def learners_with_records(pages: Iterable[Page]) -> int:
    """How many learners are enrolled on, or have progress in, `pages` or any page below them."""
    in_pages = Q(pk__in=[])
    for page in pages:
        in_pages |= Q(path__startswith=page.path)
    page_ids = Page.objects.filter(in_pages).values("pk")
    return (
        Enrolment.objects.filter(Q(course__in=page_ids) | Q(step_progress__step__in=page_ids))
        .values("learner")
        .distinct()
        .count()
    )


def refusal_message(count: int) -> str:
    return ngettext(
        "This cannot be deleted: %(count)s learner is enrolled on the course or has completed steps in it, "
        "and deleting would erase that record. Unpublish the page instead.",
        "This cannot be deleted: %(count)s learners are enrolled on the course or have completed steps in it, "
        "and deleting would erase their records. Unpublish the page instead.",
        count,
    ) % {"count": count}


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_learner_records(request, page):
    count = learners_with_records([page])
    if count:
        messages.error(request, refusal_message(count))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_pages_with_learner_records(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not issubclass(action_class_instance.model, Page):
        return None
    count = learners_with_records(objects)
    if count:
        messages.error(request, refusal_message(count))
        return redirect(action_class_instance.next_url)
    return None


# Cohorts ----------------------------------------------------------------------------------


class CohortIndexView(IndexView):
    add_learners_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course").annotate(learner_count=Count("enrolments"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            url = reverse(self.add_learners_url_name, args=[instance.pk])
            buttons.append(MenuItem(_("Add learners"), url=url, icon_name="user", priority=5))
        return buttons


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = gettext_lazy("Cohorts")
    menu_order = 390
    add_to_admin_menu = True
    index_view_class = CohortIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["course", "name", "starts_on", "ends_on", "enrolment_key", "is_default"]
    list_display = [
        "name",
        "course",
        "starts_on",
        "ends_on",
        "is_default",
        Column("learner_count", label=gettext_lazy("Learners")),
    ]
    list_filter = ["course", "is_default"]
    search_fields = ["name", "course__title", "enrolment_key"]
    search_backend_name = None

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "course":
            # Cohorts, like all learner state, point at the Swedish source course.
            kwargs["queryset"] = CoursePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
                "title"
            )
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_learners_url_name=self.get_url_name("add_learners"), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("add-learners/<id:pk>/", self.add_learners_view, name="add_learners"),
        ]

    def add_learners_view(self, request, pk: int):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=pk)
        form = AddLearnersForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            try:
                result = add_learners_to_cohort(cohort=cohort, parsed=form.cleaned_data["parsed"], by=request.user)
            except EnrolmentError as error:
                form.add_error(None, error.messages)
            else:
                log(
                    instance=cohort,
                    action="enrolments.cohort.add_learners",
                    user=request.user,
                    data={
                        "enrolled": len(result.enrolled) + len(result.moved),
                        "invited": len(result.invited),
                    },
                )
                form = AddLearnersForm()
        context = {
            "cohort": cohort,
            "form": form,
            "result": result,
            "index_url": reverse(self.get_url_name("index")),
            "max_rows": MAX_ROWS,
        }
        return TemplateResponse(request, "enrolments/admin/add_learners.html", context)


cohort_viewset = CohortViewSet("cohorts")


@hooks.register("register_admin_viewset")
def register_cohort_viewset():
    return cohort_viewset


@hooks.register("register_log_actions")
def register_cohort_log_actions(actions):
    actions.register_action(
        "enrolments.cohort.add_learners", gettext_lazy("Add learners"), gettext_lazy("Learners added to the cohort")
    )


# Learners ---------------------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_learner_viewset():
    return learner_viewset


@hooks.register("register_admin_search_area")
def register_learner_search_area():
    return LearnerSearchArea(
        gettext_lazy("Learners"), reverse("learners:index"), name="learners", icon_name="user", order=150
    )


@hooks.register("register_log_actions")
def register_learner_log_actions(actions):
    actions.register_action(LOG_VIEW, gettext_lazy("View learner"), gettext_lazy("Learner's page viewed"))


# Pairs ------------------------------------------------------------------------------------

PAIR_PERMISSION = "enrolments.change_cohort"


def _pairs_in_scope(user):
    pairs = Pair.objects.select_related("course", "first", "second").order_by("course__title", "pk")
    if sees_everyone(user):
        return pairs
    return pairs.filter(learner_q(user, "first__") | learner_q(user, "second__"))


class PairsView(WagtailAdminTemplateMixin, TemplateView):
    """The pairs of the learners in the administrator's scope; set a pair, or end one."""

    template_name = "enrolments/admin/pairs.html"
    page_title = gettext_lazy("Pairs")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PAIR_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None) -> SetPairForm:
        courses = CoursePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title")
        return SetPairForm(data, courses=courses)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        context["pairs"] = _pairs_in_scope(self.request.user)[:500]
        return context

    def post(self, request, *args, **kwargs):
        if "end" in request.POST:
            pair = get_object_or_404(_pairs_in_scope(request.user), pk=request.POST.get("end"))
            leave_pair(learner=pair.first, pair_id=pair.pk)
            messages.success(request, _("The pair is ended. Each member keeps a copy of the joint answers."))
            return redirect("enrolments_pairs")
        form = self.form(request.POST)
        if form.is_valid():
            learners = {
                name: User.objects.filter(learner_q(request.user), email__iexact=form.cleaned_data[name]).first()
                for name in ("first_email", "second_email")
            }
            if None in learners.values():
                form.add_error(None, _("Both addresses must belong to learners you administer."))
            else:
                try:
                    form_pair(
                        course=form.cleaned_data["course"],
                        first=learners["first_email"],
                        second=learners["second_email"],
                    )
                except EnrolmentError as error:
                    form.add_error(None, error.messages)
                else:
                    messages.success(request, _("The pair is set."))
                    return redirect("enrolments_pairs")
        return self.render_to_response(self.get_context_data(form=form))


class PairsMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PAIR_PERMISSION)


@hooks.register("register_admin_urls")
def register_pairs_urls():
    return [path("pairs/", PairsView.as_view(), name="enrolments_pairs")]


@hooks.register("register_admin_menu_item")
def register_pairs_menu_item():
    return PairsMenuItem(gettext_lazy("Pairs"), reverse("enrolments_pairs"), icon_name="group", order=391)
