"""One registry of personal-data exporters and erasers.

Each app that stores personal data registers a pair in its AppConfig.ready(), so
accounts/ never imports the apps that plug into it. Export collects every section into
one JSON-serialisable dict; erase runs every eraser (highest `order` last) in a transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import ModelLogEntry

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]


@dataclass(frozen=True)
class Handler:
    name: str
    export: Exporter
    erase: Eraser
    order: int


_registry: dict[str, Handler] = {}


def register(name: str, *, export: Exporter, erase: Eraser, order: int = 100) -> None:
    _registry[name] = Handler(name=name, export=export, erase=erase, order=order)


def handlers() -> list[Handler]:
    return sorted(_registry.values(), key=lambda handler: (handler.order, handler.name))


def export_personal_data(user) -> dict[str, Any]:
    return {handler.name: handler.export(user) for handler in handlers()}


@transaction.atomic
def erase_personal_data(user) -> list[str]:
    """Erase everything the registered apps hold about `user`; the account itself goes last."""
    erased = []
    for handler in handlers():
        handler.erase(user)
        erased.append(handler.name)
    return erased


def export_account(user) -> dict[str, Any]:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation_type": user.organisation_type,
        "municipality": user.municipality.name if user.municipality_id else None,
        "county": user.county.name if user.county_id else None,
        "job_title": user.job_title,
        "preferred_language": user.preferred_language,
        "hide_name_on_certificates": user.hide_name_on_certificates,
        "receives_reminders": user.receives_reminders,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
    }


def erase_account(user) -> None:
    # The audit log keeps who exported or looked at whose data, by id; the label (the name) goes.
    ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)).update(
        label=f"#{user.pk}"
    )
    user.delete()


# The readable (HTML) export: the same data as the JSON, with labels in the reader's language.

SECTION_LABELS = {
    "account": _("Your account"),
    "enrolments": _("Courses and progress"),
    "quizzes": _("Quiz attempts"),
    "certificates": _("Certificates"),
}
FIELD_LABELS = {
    "email": _("E-mail address"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "organisation_type": _("Organisation type"),
    "municipality": _("Municipality"),
    "county": _("County"),
    "job_title": _("Job title"),
    "preferred_language": _("Preferred language"),
    "hide_name_on_certificates": _("Name hidden on the public certificate check"),
    "date_joined": _("Account created"),
    "last_login": _("Last signed in"),
    "email_addresses": _("E-mail addresses"),
    "verified": _("Confirmed"),
    "primary": _("Primary"),
    "course": _("Course"),
    "enrolled_at": _("Enrolled"),
    "last_activity_at": _("Last activity"),
    "completed_at": _("Completed"),
    "completed_steps": _("Completed steps"),
    "step": _("Step"),
    "quiz": _("Quiz"),
    "number": _("Attempt"),
    "state": _("State"),
    "started_at": _("Started"),
    "submitted_at": _("Submitted"),
    "answers": _("Answers"),
    "score": _("Score"),
    "max_score": _("Maximum score"),
    "percent": _("Percent"),
    "passed": _("Passed"),
    "serial": _("Serial number"),
    "holder_name": _("Name on the certificate"),
    "issued_at": _("Issued"),
    "status": _("Status"),
    "revoked_at": _("Revoked"),
    "revocation_reason": _("Reason for revoking"),
}


@dataclass(frozen=True)
class Node:
    """One value of the export, ready for a template: text, a list, or labelled fields."""

    kind: str  # "text", "list" or "fields"
    text: str = ""
    items: tuple = ()


def readable(value: Any) -> Node:
    if isinstance(value, dict):
        return Node("fields", items=tuple((FIELD_LABELS.get(key, key), readable(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return Node("list", items=tuple(readable(item) for item in value))
    if value is None or value == "":
        return Node("text", text="–")
    if isinstance(value, bool):
        return Node("text", text=gettext("Yes") if value else gettext("No"))
    return Node("text", text=str(value))


def readable_sections(data: dict[str, Any]) -> list[tuple[str, Node]]:
    ordered = sorted(data.items(), key=lambda item: item[0] != "account")  # the account first
    return [(SECTION_LABELS.get(name, name), readable(value)) for name, value in ordered]
