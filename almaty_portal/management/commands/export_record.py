"""Back up the whole record: content in both languages, accounts, history, uploaded files."""

from django.core.management.base import BaseCommand

from almaty_portal.backup import export_record


class Command(BaseCommand):
    help = (
        "Write a backup of the record to PATH: a folder, or a .tar.gz archive. Restore it with "
        "import_record into an empty, migrated database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        manifest = export_record(path)
        for name in manifest["missing_files"]:
            self.stderr.write(f"Not in storage, not backed up: {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {manifest['rows']} rows and {len(manifest['files'])} files to {path}."
            )
        )
