"""Certificates in the Wagtail admin: a searchable list, inspect, history, revoke and reinstate."""

from datetime import datetime

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.scope import learner_q
from enrolments.learner_admin import SECTION_HOOK, LearnerSection

from . import services
from .forms import RevokeForm
from .models import Certificate

REVOKE_PERMISSION = "certificates.revoke_certificate"


def can_manage_certificates(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(REVOKE_PERMISSION))


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates are issued by the completion service only: the admin views and revokes them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        if action in ("view", "revoke"):
            return can_manage_certificates(user)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def certificates_in_scope(user):
    """What an administrator may list, inspect, revoke and reinstate: their scope's learners' certificates."""
    return Certificate.objects.in_scope_of(user)


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(learner_q(self.request.user, "enrolment__learner__"))
            .select_related("enrolment__learner", "enrolment__course")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_revoked:
            label, name = _("Reinstate"), "reinstate"
        else:
            label, name = _("Revoke"), "revoke"
        namespace = self.index_url_name.rsplit(":", 1)[0]
        url = reverse(f"{namespace}:{name}", args=[instance.pk])
        buttons.append(MenuItem(label, url=url, icon_name="warning", priority=40))
        return buttons


def learner_page_url(certificate: Certificate) -> str | None:
    """The holder's page among Learners (none once the holder's personal data is erased)."""
    if certificate.enrolment is None:
        return None
    return reverse("learners:inspect", args=[certificate.enrolment.learner_id])


class CertificateInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return "–"
        if isinstance(value, datetime):
            # Wagtail's template localizes the format but not the time zone: show local time, as the list does.
            return formats.localize(timezone.localtime(value))
        return value

    def get_object(self, queryset=None):
        # Wagtail looks the object up before its permission check: refuse first, as the list does.
        if not can_manage_certificates(self.request.user):
            raise PermissionDenied
        return get_object_or_404(certificates_in_scope(self.request.user), pk=unquote(str(self.pk)))


class CertificateHistoryView(HistoryView):
    """Certificates are never edited: the object's crumb leads to its inspect page and there is no
    Edit button (it could only answer with a permission error)."""

    any_permission_required = ["view"]
    inspect_url_name = None
    header_buttons = []

    def get_edit_url(self, instance):
        return reverse(self.inspect_url_name, args=[quote(instance.pk)])

    def get_base_object_queryset(self):
        if not can_manage_certificates(self.request.user):
            raise PermissionDenied
        return certificates_in_scope(self.request.user)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    menu_order = 400
    add_to_admin_menu = True
    index_view_class = CertificateIndexView
    history_view_class = CertificateHistoryView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "serial",
        TitleColumn("holder_name", label=gettext_lazy("Holder"), get_url=learner_page_url),
        Column("course_title", label=gettext_lazy("Course")),
        "completed_at",
        "issued_at",
        Column("get_status_display", label=gettext_lazy("Status")),
    ]
    list_filter = ["language"]
    search_fields = ["serial", "holder_name", "enrolment__learner__email"]
    search_backend_name = None
    inspect_view_fields = [
        "serial",
        "holder_name",
        "course_title",
        "holder_erased_at",
        "language",
        "completed_at",
        "issued_at",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
        "status_index",
    ]
    form_fields = ["revocation_reason"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<id:pk>/", self.revoke_view, name="revoke"),
            path("reinstate/<id:pk>/", self.reinstate_view, name="reinstate"),
        ]

    def revoke_view(self, request, pk: int):
        if not can_manage_certificates(request.user):
            raise PermissionDenied
        certificate = get_object_or_404(certificates_in_scope(request.user).with_details(), pk=pk)
        form = RevokeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.revoke_certificate(
                    certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
                )
            except services.CertificateError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Certificate %(serial)s is revoked.") % {"serial": certificate.serial})
            return redirect(self.get_url_name("index"))
        context = {"certificate": certificate, "form": form, "index_url": reverse(self.get_url_name("index"))}
        return TemplateResponse(request, "certificates/admin/revoke.html", context)

    def reinstate_view(self, request, pk: int):
        if not can_manage_certificates(request.user):
            raise PermissionDenied
        certificate = get_object_or_404(certificates_in_scope(request.user).with_details(), pk=pk)
        if request.method == "POST":
            try:
                services.reinstate_certificate(certificate=certificate, by=request.user)
            except services.CertificateError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Certificate %(serial)s is valid again.") % {"serial": certificate.serial})
            return redirect(self.get_url_name("index"))
        context = {"certificate": certificate, "index_url": reverse(self.get_url_name("index"))}
        return TemplateResponse(request, "certificates/admin/reinstate.html", context)


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))
certificate_viewset = CertificateViewSet("certificate_admin")


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return certificate_viewset


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(
        services.CERTIFICATE_LOG_REVOKE, gettext_lazy("Revoke certificate"), gettext_lazy("Certificate revoked")
    )
    actions.register_action(
        services.CERTIFICATE_LOG_REINSTATE,
        gettext_lazy("Reinstate certificate"),
        gettext_lazy("Certificate reinstated"),
    )


class CertificatesSection(LearnerSection):
    """The learner's certificates on their page in the admin (one query)."""

    order = 300
    template_name = "certificates/admin/learner_certificates.html"

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["certificates"] = list(
            Certificate.objects.filter(enrolment__learner=self.learner).order_by("issued_at", "pk")
        )
        context["can_manage"] = can_manage_certificates(self.request.user)
        return context


@hooks.register(SECTION_HOOK)
def learner_certificates_section(learner, request):
    return CertificatesSection(learner, request)
