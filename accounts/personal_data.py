"""One registry of personal-data exporters and erasers.

Each app that stores personal data registers a pair in its AppConfig.ready(), so
accounts/ never imports the apps that plug into it. Export collects every section into
one JSON-serialisable dict; erase runs every eraser (highest `order` last) in a transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

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
    user.delete()
