"""List the accounts flagged as inactive and, once confirmed, erase their personal data."""

import sys

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.services import anonymise_flagged_accounts, flagged_accounts


class Command(BaseCommand):
    help = (
        "List learner accounts flagged as inactive (flag_inactive_accounts) and, after confirmation, "
        "erase their personal data; their certificates stay verifiable, without a name."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="Only list the accounts.")
        parser.add_argument("--yes", action="store_true", help="Anonymise without asking.")

    def handle(self, *args, **options):
        accounts = [*flagged_accounts()]
        if not accounts:
            self.stdout.write("No account is flagged as inactive.")
            return
        for user in accounts:
            self.stdout.write(
                f"{user.pk}\t{user.email}\tlast active {timezone.localdate(user.last_active).isoformat()}"
                f"\tflagged {timezone.localdate(user.flagged_inactive_at).isoformat()}"
            )
        self.stdout.write(f"{len(accounts)} account(s) flagged as inactive.")
        if options["list"]:
            return
        if not options["yes"]:
            if not sys.stdin.isatty():
                self.stdout.write("Nothing anonymised: confirm with --yes.")
                return
            answer = input(f"Type 'yes' to erase the personal data of these {len(accounts)} account(s): ")
            if answer.strip().lower() != "yes":
                self.stdout.write("Nothing anonymised.")
                return
        erased = anonymise_flagged_accounts(user_ids=[user.pk for user in accounts])
        self.stdout.write(self.style.SUCCESS(f"{erased} account(s) anonymised."))
