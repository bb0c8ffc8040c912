"""Administrator scopes in the Wagtail admin (Settings → Administrator scopes): which learners each
course administrator may see. Only those with the model permissions (superusers) edit them."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

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
