"""Add a large synthetic record (published meetings in both languages) to measure at scale."""

import time

from django.core.management.base import BaseCommand, CommandError

from bench.synthetic import generate_record


class Command(BaseCommand):
    help = (
        "Add N synthetic published meetings (slugs synthetic-…) with concept notes, agendas, "
        "speakers, attendance and some protocols, in English and Russian. Load the fixtures "
        "first if you want the real record underneath: they carry fixed primary keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=10_000)
        parser.add_argument("--items", type=int, default=20, help="Agenda items per meeting.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=200, help="Meetings per transaction.")

    def handle(self, *args, meetings, items, seed, batch_size, verbosity, **options):
        if meetings < 0 or items < 0 or batch_size < 1:
            raise CommandError("--meetings and --items must be ≥ 0, --batch-size ≥ 1.")
        started = time.monotonic()
        last = [0]

        def progress(done, total):
            # A line per batch at -v 2, about every 10% by default.
            step = max(total // 10, 1)
            if verbosity >= 2 or (verbosity and (done == total or done // step != last[0])):
                last[0] = done // step
                rate = done / max(time.monotonic() - started, 1e-9)
                self.stdout.write(f"{done}/{total} meetings ({rate:.0f}/s)")

        counts = generate_record(
            meetings=meetings, items=items, seed=seed, batch_size=batch_size, progress=progress
        )
        elapsed = time.monotonic() - started
        if verbosity:
            summary = ", ".join(f"{value} {name}" for name, value in vars(counts).items())
            self.stdout.write(self.style.SUCCESS(f"Added {summary} in {elapsed:.1f} s."))
