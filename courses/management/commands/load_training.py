from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.training_import import TrainingContentError
from courses.training_load import load_training


class Command(BaseCommand):
    help = (
        "Build or update the training's pages from the content folder (idempotent). New pages are "
        "published; changed ones are submitted for review; pages an editor changed are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--content",
            default=str(Path(settings.BASE_DIR) / "content"),
            help="The content folder (default: content/ in the project).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Overwrite pages an editor changed since the last import."
        )

    def handle(self, *args, content, force, **options):
        root = Path(content)
        if not root.is_dir():
            raise CommandError(f"No content folder at {root}")
        self.stdout.write(f"Loading the training from {root}")
        try:
            summary = load_training(root, force=force, progress=lambda message: self.stdout.write(f"  {message}"))
        except TrainingContentError as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(error.errors)} problem(s) in the content; nothing was imported.") from error
        for path in summary.editor_changed:
            self.stdout.write(self.style.WARNING(f"  left alone, changed by an editor: {path} (use --force)"))
        for path in summary.skipped_files:
            self.stdout.write(f"  skipped, no loader registered: {path}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Training loaded: {len(summary.created)} pages created, {len(summary.updated)} updated, "
                f"{summary.unchanged} unchanged, {len(summary.editor_changed)} changed by editors, "
                f"{summary.images_created} diagrams stored, {len(summary.skipped_files)} files skipped."
            )
        )
