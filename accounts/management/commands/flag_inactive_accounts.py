"""Daily: flag learner accounts unused for INACTIVE_ACCOUNT_DAYS, clear the flag of those used again."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import flag_inactive_accounts


class Command(BaseCommand):
    help = "Flag learner accounts inactive for INACTIVE_ACCOUNT_DAYS (idempotent); see anonymise_inactive_accounts."

    def handle(self, *args, **options):
        result = flag_inactive_accounts()
        self.stdout.write(
            f"{result.flagged} account(s) newly flagged as inactive for {settings.INACTIVE_ACCOUNT_DAYS} days, "
            f"{result.cleared} flag(s) cleared."
        )
