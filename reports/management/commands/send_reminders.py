from django.core.management.base import BaseCommand

from reports.services import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail learners who have not completed a course and have not been active on it for the course's "
        "reminder days (14 by default), once per such period. Safe to run twice; run it once a day."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminders sent")
