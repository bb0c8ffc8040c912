"""The learner's page in the Wagtail admin (Learners): profile, organisation, enrolments with
progress per module, last activity, and the sections the apps above add (quiz attempts,
certificates, workbook) through the `register_learner_admin_section` hook.

Only administrators whose scope covers the learner reach it (`accounts.scope`); anyone else gets
404, as if the learner did not exist. Each viewing is written to Wagtail's audit log.

A section hook is called as `fn(learner, request)` and returns a `LearnerSection` (or None). It
must load its data in a fixed number of queries, so the page stays constant whatever the learner did.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.search import SearchArea
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.models import User
from accounts.scope import has_scope, learner_q, scope_label
from courses.structure import localized_course_structure

from .models import Enrolment
from .progress import learner_outlines

SECTION_HOOK = "register_learner_admin_section"
VIEW_PERMISSION = "enrolments.view_enrolment"
LOG_VIEW = "enrolments.learner.view"


class LearnerSection(Component):
    """A part of the learner's page; `order` places it (enrolments are 100)."""

    order = 500
    heading = ""

    def __init__(self, learner: User, request):
        self.learner = learner
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"section": self, "learner": self.learner, "request": self.request}


def can_follow_learners(user) -> bool:
    return user.is_active and user.has_perm(VIEW_PERMISSION) and has_scope(user)


class LearnerPermissionPolicy(ModelPermissionPolicy):
    """Learners are listed and viewed here, never edited (Wagtail's Users admin does that)."""

    def user_has_permission(self, user, action):
        if action in ("view", "inspect"):
            return can_follow_learners(user)
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# The generic views look their policy up in Wagtail's registry by model; User's there belongs to
# Wagtail's Users admin, so these views carry their own.
learner_permission_policy = LearnerPermissionPolicy(User)


def learners_in_scope_for_listing(user):
    return (
        User.objects.filter(learner_q(user))
        .select_related("municipality__county", "county")
        .annotate(
            enrolment_count=Count("enrolments", distinct=True),
            last_activity=Max("enrolments__last_activity_at"),
        )
    )


class LearnerIndexView(IndexView):
    permission_policy = learner_permission_policy

    def get_base_queryset(self):
        return learners_in_scope_for_listing(self.request.user)

    def get_page_subtitle(self):
        return scope_label(self.request.user)


class LearnerDetailView(InspectView):
    permission_policy = learner_permission_policy
    template_name = "enrolments/admin/learner_detail.html"

    def get_object(self, queryset=None):
        # Wagtail looks the object up before its permission check: refuse first, as the list does.
        if not can_follow_learners(self.request.user):
            raise PermissionDenied
        return get_object_or_404(
            User.objects.filter(learner_q(self.request.user)).select_related(
                "municipality__county__police_region", "county__police_region"
            ),
            pk=unquote(str(self.pk)),
        )

    def get(self, request, *args, **kwargs):
        log(instance=self.object, action=LOG_VIEW, user=request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        learner = self.object
        enrolments = list(
            Enrolment.objects.filter(learner=learner).select_related("course", "cohort").order_by("enrolled_at", "pk")
        )
        locale = Locale.get_active()
        structures = [localized_course_structure(enrolment.course, locale) for enrolment in enrolments]
        outlines = learner_outlines(enrolments=enrolments, structures=structures)
        sections = [section for fn in hooks.get_hooks(SECTION_HOOK) if (section := fn(learner, self.request))]
        activity = [enrolment.last_activity_at for enrolment in enrolments]
        if learner.last_login:
            activity.append(learner.last_login)
        municipality = learner.municipality
        county = municipality.county if municipality else learner.county
        context.update(
            {
                "learner": learner,
                "outlines": outlines,
                "sections": sorted(sections, key=lambda section: section.order),
                "last_activity": max(activity) if activity else None,
                "learner_county": county,
                "learner_police_region": county.police_region if county else None,
            }
        )
        return context


class LearnerViewSet(ModelViewSet):
    """Learners in the admin: a searchable list (name, e-mail, municipality) and each learner's page."""

    model = User
    icon = "user"
    menu_label = _("Learners")
    menu_order = 380
    add_to_admin_menu = True
    permission_policy = learner_permission_policy
    index_view_class = LearnerIndexView
    inspect_view_class = LearnerDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["first_name", "last_name"]  # never used: the policy grants no add or change
    list_display = [
        TitleColumn(
            "name",
            label=_("Name"),
            accessor=lambda user: user.get_full_name() or user.email,
            get_url=lambda user: reverse("learners:inspect", args=[user.pk]),
        ),
        "email",
        Column("municipality", label=_("Municipality"), accessor="municipality"),
        Column("organisation_type", label=_("Organisation"), accessor="get_organisation_type_display"),
        Column("enrolment_count", label=_("Enrolments")),
        DateColumn("last_activity", label=_("Last activity")),
    ]
    list_filter = ["organisation_type"]
    search_fields = ["first_name", "last_name", "email", "municipality__name", "county__name"]
    search_backend_name = None
    inspect_view_fields = ["first_name", "last_name", "email", "job_title", "preferred_language", "date_joined"]

    def register_admin_url_finder(self):
        """Links to a user elsewhere in the admin keep going to Wagtail's Users admin."""

    def register_permissions(self):
        """Users' permissions are Wagtail's; this viewset adds none."""


learner_viewset = LearnerViewSet("learners")


class LearnerSearchArea(SearchArea):
    """Admin search offers "Learners": searching "Lund" lists Lund's learners in the scope."""

    def is_shown(self, request):
        return can_follow_learners(request.user)
