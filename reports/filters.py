from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet

import django_filters

from accounts.models import OrganisationType
from enrolments.models import Cohort, Enrolment
from organisations.models import County, Municipality, PoliceRegion

from . import services

STATUS_CHOICES = [
    (services.Status.COMPLETED, _("Completed")),
    (services.Status.ACTIVE, _("Active in the last 30 days, not completed")),
    (services.Status.INACTIVE, _("Inactive for 30 days, not completed")),
]


def _courses(request):
    return services.courses()


class LearnerFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(label=_("Course"), queryset=_courses)
    cohort = django_filters.ModelChoiceFilter(label=_("Cohort"), queryset=Cohort.objects.select_related("course"))
    county = django_filters.ModelChoiceFilter(label=_("County"), queryset=County.objects.all(), method="by_county")
    police_region = django_filters.ModelChoiceFilter(
        label=_("Police region"), queryset=PoliceRegion.objects.all(), method="by_police_region"
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=Municipality.objects.all(), field_name="learner__municipality"
    )
    organisation_type = django_filters.ChoiceFilter(
        label=_("Organisation type"), choices=OrganisationType.choices, field_name="learner__organisation_type"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES, method="by_status")

    class Meta:
        model = Enrolment
        fields = ["course", "cohort", "county", "police_region", "municipality", "organisation_type", "status"]

    def by_county(self, queryset, name, value):
        return queryset.filter(Q(learner__municipality__county=value) | Q(learner__county=value))

    def by_police_region(self, queryset, name, value):
        return queryset.filter(
            Q(learner__municipality__county__police_region=value) | Q(learner__county__police_region=value)
        )

    def by_status(self, queryset, name, value):
        return queryset.filter(services.status_q(value))


class CourseFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(label=_("Course"), queryset=_courses, empty_label=None)

    class Meta:
        model = Enrolment
        fields = ["course"]


class CoverageFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(label=_("Course"), queryset=_courses, empty_label=_("Any course"))

    class Meta:
        model = Enrolment
        fields = ["course"]
