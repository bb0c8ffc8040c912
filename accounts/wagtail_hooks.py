from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views, services


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    urls = [
        path("<int:user_id>/", admin_views.personal_data, name="personal_data"),
        path("<int:user_id>/json/", admin_views.personal_data_json, name="personal_data_json"),
    ]
    return [path("personal-data/", include((urls, "accounts_admin"), namespace="accounts_admin"))]


@hooks.register("register_user_listing_buttons")
def personal_data_button(user, request_user):
    if request_user.has_perm(admin_views.PERMISSION):
        url = reverse("accounts_admin:personal_data", args=[user.pk])
        return [Button(gettext_lazy("Personal data"), url, priority=60)]
    return []


@hooks.register("before_edit_user")
def log_viewing_a_user(request, user):
    """The user edit form shows the profile: looking at it is logged like the personal-data page."""
    services.record_view(subject=user, by=request.user, where="admin user edit")


@hooks.register("register_log_actions")
def register_personal_data_log_actions(actions):
    actions.register_action(
        services.LOG_EXPORT, gettext_lazy("Export personal data"), gettext_lazy("Personal data exported")
    )
    actions.register_action(services.LOG_VIEW, gettext_lazy("View personal data"), gettext_lazy("Personal data viewed"))
