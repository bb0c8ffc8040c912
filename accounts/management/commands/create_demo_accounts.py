from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import create_demo_accounts


class Command(BaseCommand):
    help = "Create demo accounts for a learner, an editor, a reviewer and an administrator (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only (DEBUG is off).")
        self.stdout.write("Demo accounts (development only; staff sign in with a code from an authenticator app):")
        for account, created in create_demo_accounts():
            status = "created" if created else "exists"
            totp = f"TOTP secret {account.totp_secret}" if account.totp_secret else ""
            self.stdout.write(f"  {account.role:<14} {account.email:<24} {account.password:<22} {totp:<44} ({status})")
