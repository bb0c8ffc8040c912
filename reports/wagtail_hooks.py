"""The reports in the Wagtail admin: URLs, the Reports menu, the dashboard panel and the export log."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import services
from .views import CourseOverviewView, CoverageReportView, LearnersReportView, can_view_reports


def _report_urls(name: str, view) -> list:
    return [
        path(f"{name}/", view.as_view(), name=name),
        path(f"{name}/results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


urlpatterns = [
    *_report_urls("overview", CourseOverviewView),
    *_report_urls("learners", LearnersReportView),
    *_report_urls("coverage", CoverageReportView),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("learner-reports/", include((urlpatterns, "reports"), namespace="reports"))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return ReportMenuItem(_("Course overview"), reverse("reports:overview"), icon_name="list-ul", order=610)


@hooks.register("register_reports_menu_item")
def register_learners_menu_item():
    return ReportMenuItem(_("Learners"), reverse("reports:learners"), icon_name="user", order=620)


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return ReportMenuItem(_("Coverage of the municipalities"), reverse("reports:coverage"), icon_name="site", order=630)


class LearnersPanel(Component):
    """The few numbers that matter on the admin's home page, with links to the reports."""

    name = "learner_reports"
    template_name = "reports/home_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["figures"] = services.dashboard_figures(parent_context["request"].user)
        return context


@hooks.register("construct_homepage_panels")
def add_learners_panel(request, panels):
    if can_view_reports(request.user):
        panels.append(LearnersPanel())


@hooks.register("register_log_actions")
def register_export_log_action(actions):
    actions.register_action(services.EXPORT_LOG_ACTION, _("Export report"), _("Report exported"))
