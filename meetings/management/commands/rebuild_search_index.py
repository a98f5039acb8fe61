"""Index every meeting for the archive search again (after bulk loads, or to repair it)."""

import time

from django.core.management.base import BaseCommand

from meetings import search_index


class Command(BaseCommand):
    help = (
        "Build the archive search's document of every meeting again. Saves keep the index "
        "current; run this after rows were written without signals (bulk_create, raw SQL), "
        "after the indexed fields change (meetings.search_index.SOURCES) and once after the "
        "migration that adds the index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, verbosity, **options):
        started = time.monotonic()

        def progress(done, total):
            if verbosity >= 2:
                self.stdout.write(f"{done}/{total} meetings")

        count = search_index.rebuild(batch_size=max(batch_size, 1), progress=progress)
        if verbosity:
            elapsed = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} meetings in {elapsed:.1f} s."))
