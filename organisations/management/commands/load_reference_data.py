from django.core.management.base import BaseCommand

from organisations.services import load_reference_data


class Command(BaseCommand):
    help = "Load police regions, counties and municipalities from organisations/data (idempotent)."

    def handle(self, *args, **options):
        result = load_reference_data(progress=lambda message: self.stdout.write(f"  {message}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Reference data: {result.police_regions} police regions, {result.counties} counties, "
                f"{result.municipalities} municipalities ({result.created} new)."
            )
        )
