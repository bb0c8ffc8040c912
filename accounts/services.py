"""Personal data: exports (logged in Wagtail's audit log), administrators' views of it, retention."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from wagtail.log_actions import log

from .models import User
from .personal_data import erase_personal_data, export_personal_data

LOG_EXPORT = "accounts.personal_data.export"
LOG_VIEW = "accounts.personal_data.view"


def export_for(*, subject: User, by: User, output: str) -> dict[str, Any]:
    """Everything the apps hold about `subject`, as exported to `by`; the export is audit-logged."""
    data = export_personal_data(subject)
    log(subject, LOG_EXPORT, user=by, data={"format": output, "own": subject.pk == by.pk})
    return data


def record_view(*, subject: User, by: User, where: str) -> None:
    """Log that a member of staff looked at `subject`'s personal data (in the admin)."""
    log(subject, LOG_VIEW, user=by, data={"where": where})


# Retention


def inactive_after() -> timedelta:
    return timedelta(days=settings.INACTIVE_ACCOUNT_DAYS)


def _last_active() -> Coalesce:
    return Coalesce("last_login", "date_joined")


def inactive_learners(*, now: datetime | None = None) -> QuerySet[User]:
    """Learner accounts not signed in to (or, never signed in, not created) within the retention
    period. Staff accounts are never included: they are removed by hand."""
    cutoff = (now or timezone.now()) - inactive_after()
    return (
        User.objects.filter(is_staff=False, is_superuser=False)
        .alias(last_active=_last_active())
        .filter(last_active__lt=cutoff)
    )


@dataclass(frozen=True)
class FlagResult:
    flagged: int
    cleared: int


@transaction.atomic
def flag_inactive_accounts(*, now: datetime | None = None) -> FlagResult:
    """Flag the accounts inactive for the retention period; clear the flag of those active again.

    Idempotent: a flagged account keeps the time it was first flagged.
    """
    now = now or timezone.now()
    inactive = inactive_learners(now=now)
    flagged = inactive.filter(flagged_inactive_at__isnull=True).update(flagged_inactive_at=now)
    cleared = (
        User.objects.filter(flagged_inactive_at__isnull=False)
        .exclude(pk__in=inactive.values("pk"))
        .update(flagged_inactive_at=None)
    )
    return FlagResult(flagged=flagged, cleared=cleared)


def flagged_accounts(*, now: datetime | None = None) -> QuerySet[User]:
    """Flagged accounts that are still inactive now (a sign-in since the flag saves the account)."""
    return (
        inactive_learners(now=now)
        .filter(flagged_inactive_at__isnull=False)
        .annotate(last_active=_last_active())
        .order_by("flagged_inactive_at", "pk")
    )


def anonymise_flagged_accounts(*, user_ids: list[int], now: datetime | None = None) -> int:
    """Erase the personal data of the given flagged accounts (as erasure on request does: the
    certificates stay, verifiable, without a name). Each account in its own transaction, and
    only if it is still flagged and inactive, so a learner who signs in meanwhile is kept."""
    erased = 0
    for user_id in user_ids:
        with transaction.atomic():
            user = flagged_accounts(now=now).filter(pk=user_id).select_for_update(of=("self",)).first()
            if user is None:
                continue
            erase_personal_data(user)
            erased += 1
    return erased


def clear_flag_on_sign_in(sender, *, user, **kwargs) -> None:
    """Receiver of user_logged_in: an account in use is not inactive."""
    if getattr(user, "flagged_inactive_at", None) is not None:
        User.objects.filter(pk=user.pk).update(flagged_inactive_at=None)
        user.flagged_inactive_at = None
