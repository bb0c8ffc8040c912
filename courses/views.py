"""Admin views of the content app: the report of translations whose source changed since."""

import datetime

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import PageReportView
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy


def outdated_translations(pages=None):
    """Translated pages (not aliases) whose source page got a revision after the translation's
    latest one: the Swedish text changed after the English was last updated."""
    pages = Page.objects.all() if pages is None else pages
    source = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=Locale.get_default()).values(
        "latest_revision_created_at"
    )[:1]
    return (
        pages.exclude(locale=Locale.get_default())
        .filter(alias_of__isnull=True, depth__gt=2)
        .annotate(source_changed_at=Subquery(source))
        .filter(source_changed_at__gt=F("latest_revision_created_at"))
        .order_by("-source_changed_at", "pk")
    )


class OutdatedTranslationsView(PageReportView):
    page_title = _("Translations to update")
    header_icon = "globe"
    index_url_name = "courses_outdated_translations"
    index_results_url_name = "courses_outdated_translations_results"
    results_template_name = "courses/admin/outdated_translations_results.html"
    permission_policy = PagePermissionPolicy()
    permission_required = "change"
    list_export = [*PageReportView.list_export, "source_changed_at"]
    export_headings = {**PageReportView.export_headings, "source_changed_at": _("Source changed")}

    def get_filename(self):
        return f"translations-to-update-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        self.queryset = outdated_translations(editable).specific(defer=True).select_related("locale")
        return super().get_queryset()
