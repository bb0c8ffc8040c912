from django.core.management.base import BaseCommand

from courses.demo_content import load_demo_content


class Command(BaseCommand):
    help = "Create the demo course and the information pages (idempotent)."

    def handle(self, *args, **options):
        created = load_demo_content(progress=lambda message: self.stdout.write(f"  {message}"))
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} new pages)."))
