from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reports import synthetic


class Command(BaseCommand):
    help = (
        "Generate the synthetic national dataset the reports are benchmarked on (by default 100,000 learners, "
        "2 courses, 1,000,000 step-progress rows, 300,000 quiz attempts). For benchmarks only; PostgreSQL "
        "unless --allow-sqlite. Does nothing if the dataset exists, unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=synthetic.DatasetSize.learners)
        parser.add_argument("--progress", type=int, default=synthetic.DatasetSize.progress)
        parser.add_argument("--attempts", type=int, default=synthetic.DatasetSize.attempts)
        parser.add_argument("--seed", type=int, default=12)
        parser.add_argument("--replace", action="store_true", help="Remove an existing benchmark dataset first.")
        parser.add_argument("--allow-sqlite", action="store_true")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql" and not options["allow_sqlite"]:
            raise CommandError("The benchmark dataset is meant for PostgreSQL (DATABASE_URL=postgres://…).")
        if synthetic.dataset_exists():
            if not options["replace"]:
                self.stdout.write("The benchmark dataset exists already; --replace makes a new one.")
                return
            self.stdout.write("removing the existing benchmark dataset …")
            synthetic.remove_dataset()
        size = synthetic.DatasetSize(
            learners=options["learners"], progress=options["progress"], attempts=options["attempts"]
        )
        counts = synthetic.generate(size=size, seed=options["seed"], report=self.stdout.write)
        self.stdout.write(", ".join(f"{count:,} {name}" for name, count in counts.items()))
