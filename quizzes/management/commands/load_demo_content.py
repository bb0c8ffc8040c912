from django.core.management.base import BaseCommand
from django.db import transaction

from courses.demo_content import load_demo_content, synchronise_translations
from quizzes.demo_content import add_demo_quizzes


class Command(BaseCommand):
    help = "Create the demo course with a quiz in each module, and the information pages (idempotent)."

    def handle(self, *args, **options):
        def progress(message):
            self.stdout.write(f"  {message}")

        with transaction.atomic():
            created = load_demo_content(progress=progress)
            created += add_demo_quizzes(progress=progress)
            synchronise_translations()
        progress("English tree synchronised")
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} new pages)."))
