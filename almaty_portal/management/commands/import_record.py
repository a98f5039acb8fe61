"""Restore a backup made by export_record into an empty, migrated database."""

from django.core.management.base import BaseCommand, CommandError

from almaty_portal.backup import BackupError, import_record


class Command(BaseCommand):
    help = (
        "Restore the record and its uploaded files from PATH (a folder or .tar.gz made by "
        "export_record). The database must be migrated and hold no content: run "
        "`manage.py flush` first, or restore into a new database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            manifest = import_record(path)
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {manifest['rows']} rows and {len(manifest['files'])} files "
                f"from {path} (made {manifest['created']})."
            )
        )
