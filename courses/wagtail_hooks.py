from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import StepPage
from .reachability import is_reachable
from .views import OutdatedTranslationsView


@hooks.register("on_serve_page", order=1)
def refuse_unreachable_steps(serve):
    """A step below an unpublished course or module is not found. Ordered after Wagtail's own
    view-restriction check, so that a private page still asks visitors to sign in first (previews
    are not served through here)."""

    def inner(page, request, serve_args, serve_kwargs):
        if isinstance(page, StepPage) and not is_reachable(page, request=request):
            raise Http404
        return serve(page, request, serve_args, serve_kwargs)

    return inner


class OutdatedTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "change")


@hooks.register("register_admin_urls")
def register_outdated_translations_urls():
    return [
        path("translations-to-update/", OutdatedTranslationsView.as_view(), name="courses_outdated_translations"),
        path(
            "translations-to-update/results/",
            OutdatedTranslationsView.as_view(results_only=True),
            name="courses_outdated_translations_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_outdated_translations_menu_item():
    return OutdatedTranslationsMenuItem(
        _("Translations to update"),
        reverse("courses_outdated_translations"),
        name="translations-to-update",
        icon_name="globe",
        order=750,
    )
