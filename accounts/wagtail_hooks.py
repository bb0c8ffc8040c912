"""Administrator scopes in the Wagtail admin (Settings → Administrator scopes): which learners each
course administrator may see. Only those with the model permissions (superusers) edit them; and
each learner's personal data for those allowed to see it, every look and export audit-logged."""

from django.db.models import Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from . import admin_views, services
from .models import AdministratorScope, User

COURSE_ADMINS = "Kursadministratörer"


class ScopeIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "police_region", "county", "municipality")


class AdministratorScopeViewSet(ModelViewSet):
    model = AdministratorScope
    icon = "globe"
    menu_label = _("Administrator scopes")
    add_to_settings_menu = True
    copy_view_enabled = False
    index_view_class = ScopeIndexView
    form_fields = ["user", "kind", "police_region", "county", "municipality"]
    list_display = [
        "user",
        Column("email", label=_("E-mail address"), accessor="user.email"),
        Column("area_label", label=_("Sees learners in")),
        "updated_at",
    ]
    list_filter = ["kind"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    search_backend_name = None

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.filter(
                Q(groups__name=COURSE_ADMINS) | Q(is_superuser=True), is_active=True
            ).distinct()
            kwargs["help_text"] = _("A member of the Kursadministratörer group.")
        if db_field.name in ("police_region", "county", "municipality"):
            kwargs["help_text"] = _("Only the area matching the scope is kept; leave the others empty.")
        return super().formfield_for_dbfield(db_field, **kwargs)


@hooks.register("register_admin_viewset")
def register_scope_viewset():
    return AdministratorScopeViewSet("administrator_scopes")


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
        return [Button(_("Personal data"), url, priority=60)]
    return []


@hooks.register("before_edit_user")
def log_viewing_a_user(request, user):
    """The user edit form shows the profile: looking at it is logged like the personal-data page."""
    services.record_view(subject=user, by=request.user, where="admin user edit")


@hooks.register("register_log_actions")
def register_personal_data_log_actions(actions):
    actions.register_action(services.LOG_EXPORT, _("Export personal data"), _("Personal data exported"))
    actions.register_action(services.LOG_VIEW, _("View personal data"), _("Personal data viewed"))
