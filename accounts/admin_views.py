"""The Wagtail admin's view of one person's personal data (for requests of access); every look and
every export is written to Wagtail's audit log."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import services
from .models import User
from .personal_data import export_personal_data, readable_sections
from .scope import learner_q
from .views import _json_attachment

PERMISSION = "accounts.view_user"


def _subject(request, user_id: int) -> User:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    # The permission may be given to a group; the scope still decides whose data is shown.
    return get_object_or_404(User.objects.filter(learner_q(request.user)), pk=user_id)


@require_GET
def personal_data(request, user_id: int):
    subject = _subject(request, user_id)
    services.record_view(subject=subject, by=request.user, where="admin personal data page")
    data = export_personal_data(subject)
    context = {
        "subject": subject,
        "sections": readable_sections(data),
        "json_url": reverse("accounts_admin:personal_data_json", args=[subject.pk]),
    }
    response = TemplateResponse(request, "accounts/admin/personal_data.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def personal_data_json(request, user_id: int):
    subject = _subject(request, user_id)
    data = services.export_for(subject=subject, by=request.user, output="json")
    return _json_attachment(data, filename=f"personal-data-{subject.pk}-{timezone.localdate().isoformat()}.json")
