"""Create the signing keys: a root certificate, the PDF seal under it and the credential key."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates import keys


class Command(BaseCommand):
    # The check it would run first is the one that reports the keys this command creates.
    requires_system_checks = []
    help = (
        "Create a root certificate, a PDF seal certificate under it and an Ed25519 credential key. "
        "For production run it on an offline machine with --directory, then install the files "
        "(all but root-key.pem) on the servers and publish the root's fingerprint. "
        "With --development, create the development keys named by the settings once (make run)."
    )

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--directory", type=Path, help="an empty or new folder for a production key set")
        target.add_argument(
            "--development", action="store_true", help="the development keys named by the settings, if missing"
        )
        parser.add_argument("--organisation", default="Samverkansakademin", help="the name in the certificates")

    def handle(self, *args, directory: Path | None, development: bool, organisation: str, **options):
        if development:
            self._development(organisation)
        else:
            self._production(directory, organisation)

    def _development(self, organisation: str) -> None:
        if (settings.SETTINGS_MODULE or "").endswith(".production"):
            raise CommandError("--development is refused under production settings; use --directory offline.")
        paths = keys.configured_paths()
        present = [path for path in paths.values() if path.exists()]
        if len(present) == len(paths):
            self.stdout.write(f"Development signing keys are in place ({paths['CERTIFICATE_SEAL_KEY_FILE'].parent}).")
            return
        if present:
            raise CommandError(
                "Some development signing keys exist and others are missing: "
                f"{', '.join(str(path) for path in present)}. Remove them to create a new set."
            )
        printed = keys.create_key_set(paths, root_key_path=None, organisation=f"{organisation} (development)")
        folder = paths["CERTIFICATE_SEAL_KEY_FILE"].parent
        self.stdout.write(
            self.style.WARNING(
                f"Created DEVELOPMENT signing keys in {folder} (git-ignored): certificates made here are sealed "
                "with a development root that nobody else trusts."
            )
        )
        self.stdout.write(f"Root fingerprint (SHA-256): {printed['root']}")

    def _production(self, directory: Path, organisation: str) -> None:
        paths = {name: directory / file for name, file in keys.KEY_FILES.items()}
        root_key = directory / keys.ROOT_KEY_FILE
        try:
            printed = keys.create_key_set(paths, root_key_path=root_key, organisation=organisation)
        except FileExistsError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Created a key set in {directory}."))
        self.stdout.write(f"Root certificate fingerprint (SHA-256), to publish: {printed['root']}")
        self.stdout.write(f"Seal certificate fingerprint (SHA-256): {printed['seal']}")
        self.stdout.write(f"Keep {root_key} offline; it is needed only to certify a later seal.")
        self.stdout.write("Install the other files on the servers (readable by the app only) and set:")
        for name, path in paths.items():
            self.stdout.write(f"  {name}=/path/on/the/server/{path.name}")
