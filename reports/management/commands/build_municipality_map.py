from django.core.management.base import BaseCommand

from reports.maps import COMPACT, write_map


class Command(BaseCommand):
    help = "Project and simplify the municipality outlines once into reports/data/municipality_map.json."

    def handle(self, *args, **options):
        count = write_map()
        self.stdout.write(f"{count} municipalities written to {COMPACT.name}")
