"""Complete enrolments whose "minimum days" rule has fallen due (run daily, e.g. from cron).

Idempotent: completion is recorded once, and each completion issues its certificate once.
"""

from django.core.management.base import BaseCommand

from enrolments.services import record_due_completions


class Command(BaseCommand):
    help = "Record completions (and issue certificates) for enrolments whose waiting time has passed."

    def handle(self, *args, **options):
        completed = record_due_completions()
        self.stdout.write(f"{completed} enrolment(s) completed.")
