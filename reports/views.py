"""The reports in the Wagtail admin, on Wagtail's ReportView and django-filter. Thin: the figures
come from `reports.services`, scoped to the viewer; exports go through `SafeSpreadsheetExportMixin`."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from . import services
from .exports import SafeSpreadsheetExportMixin
from .filters import CourseFilterSet, CoverageFilterSet, LearnerFilterSet
from .maps import (
    BAR_LEFT,
    BAR_WIDTH,
    LABEL_RIGHT,
    LEVEL_FILLS,
    VALUE_LEFT,
    map_shapes,
    municipality_map,
    simple_bars,
    stacked_bars,
)

PERMISSION = "reports.view_reports"


def can_view_reports(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


class ReportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ExportReportView(ReportPermissionMixin, SafeSpreadsheetExportMixin, ReportView):
    def record_export(self, export_format: str) -> None:
        filters = self.request.GET.copy()
        filters.pop("export", None)
        services.record_export(
            user=self.request.user,
            report=self.export_report_name,
            export_format=export_format,
            filters=filters.urlencode(),
        )


def _yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


def _learner_url(enrolment) -> str:
    return reverse("learners:inspect", args=[enrolment.learner_id])


def _name(enrolment) -> str:
    return f"{enrolment.learner.last_name}, {enrolment.learner.first_name}"


class LearnersReportView(ExportReportView):
    page_title = _("Learners")
    header_icon = "user"
    index_url_name = "reports:learners"
    index_results_url_name = "reports:learners_results"
    filterset_class = LearnerFilterSet
    is_searchable = True
    paginate_by = 50
    export_filename = "deltagare"
    export_report_name = "learners"
    verbose_name_plural = _("enrolments")
    columns = [
        TitleColumn("name", label=_("Name"), accessor=_name, get_url=_learner_url),
        Column("email", label=_("E-mail"), accessor="learner.email"),
        Column("organisation", label=_("Organisation"), accessor="learner.get_organisation_type_display"),
        Column("municipality_name", label=_("Municipality")),
        Column("county_name", label=_("County")),
        Column("police_region_name", label=_("Police region")),
        Column("course_title", label=_("Course")),
        Column("cohort_name", label=_("Cohort")),
        Column("progress_percent", label=_("Progress (%)")),
        Column("quizzes_passed", label=_("Quizzes passed")),
        Column("best_quiz_percent", label=_("Best quiz score (%)")),
        DateColumn("last_activity_at", label=_("Last activity")),
        DateColumn("completed_at", label=_("Completed")),
        Column("certificate_serial", label=_("Certificate")),
    ]
    list_export = [
        "learner.last_name",
        "learner.first_name",
        "learner.email",
        "learner.get_organisation_type_display",
        "municipality_name",
        "county_name",
        "police_region_name",
        "course_title",
        "cohort_name",
        "progress_percent",
        "quizzes_passed",
        "best_quiz_percent",
        "enrolled_at",
        "last_activity_at",
        "completed_at",
        "certificate_serial",
    ]
    export_headings = {
        "learner.last_name": _("Last name"),
        "learner.first_name": _("First name"),
        "learner.email": _("E-mail"),
        "learner.get_organisation_type_display": _("Organisation"),
        "municipality_name": _("Municipality"),
        "county_name": _("County"),
        "police_region_name": _("Police region"),
        "course_title": _("Course"),
        "cohort_name": _("Cohort"),
        "progress_percent": _("Progress (%)"),
        "quizzes_passed": _("Quizzes passed"),
        "best_quiz_percent": _("Best quiz score (%)"),
        "enrolled_at": _("Enrolled"),
        "last_activity_at": _("Last activity"),
        "completed_at": _("Completed"),
        "certificate_serial": _("Certificate"),
    }

    def get_base_queryset(self):
        return services.learner_rows(self.request.user)

    def decorate_paginated_queryset(self, object_list):
        # Progress and quiz figures for the page shown only: an OFFSET would otherwise compute
        # them for every row it skips.
        return services.add_figures(list(object_list))

    def get_export_rows(self):
        return services.with_figures(self.get_filtered_queryset())

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(services.search_q(self.search_query))


class CourseOverviewView(ReportPermissionMixin, ReportView):
    page_title = _("Course overview")
    header_icon = "list-ul"
    index_url_name = "reports:overview"
    index_results_url_name = "reports:overview_results"
    results_template_name = "reports/overview_results.html"
    filterset_class = CourseFilterSet
    paginate_by = None
    columns = [
        Column("title", label=_("Module")),
        Column("finished", label=_("Learners who finished it")),
        Column("share_label", label=_("Share of the enrolled")),
    ]

    @cached_property
    def course(self):
        if self.filters and self.filters.is_valid() and self.filters.form.cleaned_data.get("course"):
            return self.filters.form.cleaned_data["course"]
        return services.courses().first()

    @cached_property
    def overview(self):
        if self.course is None:
            return None
        return services.course_overview(self.request.user, self.course)

    def get_queryset(self):
        return self.overview.modules if self.overview else []

    def get_filtered_queryset(self):
        return self.get_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview"] = self.overview
        if self.overview:
            context["drop_off_bars"], context["drop_off_height"] = simple_bars(
                self.overview.drop_off, value="stopped", share="share"
            )
        context.update(bar_left=BAR_LEFT, bar_width=BAR_WIDTH, label_right=LABEL_RIGHT, value_left=VALUE_LEFT)
        context["page_subtitle"] = self.course.title if self.course else ""
        return context


class CoverageReportView(ExportReportView):
    page_title = _("Coverage of the municipalities")
    header_icon = "site"
    index_url_name = "reports:coverage"
    index_results_url_name = "reports:coverage_results"
    results_template_name = "reports/coverage_results.html"
    filterset_class = CoverageFilterSet
    paginate_by = None
    export_filename = "tackning"
    export_report_name = "coverage"
    columns = [
        Column("code", label=_("Code")),
        Column("name", label=_("Municipality")),
        Column("county", label=_("County")),
        Column("police_region", label=_("Police region")),
        Column("municipal", label=_("Municipal coordinator trained"), accessor=lambda item: _yes_no(item.municipal)),
        Column("police", label=_("Police coordinator trained"), accessor=lambda item: _yes_no(item.police)),
    ]
    list_export = ["code", "name", "county", "police_region", "municipal", "police", "both"]
    export_headings = {
        "code": _("Code"),
        "name": _("Municipality"),
        "county": _("County"),
        "police_region": _("Police region"),
        "municipal": _("Municipal coordinator trained"),
        "police": _("Police coordinator trained"),
        "both": _("Both trained"),
    }

    @cached_property
    def course(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("course")
        return None

    @cached_property
    def coverage(self):
        return services.coverage(self.request.user, course=self.course)

    def get_queryset(self):
        return self.coverage.municipalities

    def get_filtered_queryset(self):
        return self.get_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["coverage"] = self.coverage
        context["map"] = municipality_map()
        context["shapes"] = map_shapes(self.coverage.municipalities)
        context["county_bars"], context["county_chart_height"] = stacked_bars(self.coverage.counties)
        context["fills"] = LEVEL_FILLS
        context.update(bar_left=BAR_LEFT, bar_width=BAR_WIDTH, label_right=LABEL_RIGHT, value_left=VALUE_LEFT)
        return context
