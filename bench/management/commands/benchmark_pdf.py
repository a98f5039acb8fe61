"""How long the 8th SOM's concept note takes to print, and to download once it is stored.

    python manage.py benchmark_pdf [--year 2023 --slug 8th-som] [--repeat 20]

Needs the record loaded (``manage.py loaddata fixtures/*.json``). A measurement, not a
test: the numbers depend on the machine, and on whether HarfBuzz's subsetting library
(libharfbuzz-subset0) is installed, which makes font embedding several times faster.
"""

import statistics
import time
from tempfile import TemporaryDirectory

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from meetings.documents import pdf
from meetings.models import Meeting


class Command(BaseCommand):
    help = "Time the first render of a meeting's concept note and a cached download."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2023)
        parser.add_argument("--slug", default="8th-som")
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, year, slug, repeat, **options):
        try:
            meeting = Meeting.objects.published().in_year(year).get(slug=slug)
        except Meeting.DoesNotExist as error:
            raise CommandError(
                f"No published meeting {year}/{slug}: load the record first "
                "(manage.py loaddata fixtures/members.json fixtures/chairmanship.json "
                "fixtures/meetings.json)."
            ) from error
        self.stdout.write(f"{meeting.title_en} — concept note, {meeting.start_date:%Y}")
        self.stdout.write(f"WeasyPrint import: {self._time(self._import_weasyprint):8.3f} s")
        for language in ("en", "ru"):
            self._benchmark(meeting, language, repeat)

    def _benchmark(self, meeting, language, repeat):
        # A storage of its own, so the run neither uses nor replaces stored documents.
        with TemporaryDirectory() as media_root, override_settings(MEDIA_ROOT=media_root):
            first_render = self._time(lambda: pdf.render_concept_note(meeting, language=language))
            with translation.override(language):
                path = reverse(
                    "meetings:concept_note_pdf",
                    kwargs={"year": meeting.start_date.year, "slug": meeting.slug},
                )
            client = Client(SERVER_NAME=self._host())
            first_download = self._time(lambda: self._download(client, path))
            cached = [self._time(lambda: self._download(client, path)) for _ in range(repeat)]
            not_modified = [
                self._time(lambda: self._download(client, path, etag=self._etag))
                for _ in range(repeat)
            ]
        self.stdout.write(
            f"[{language}] first render {first_render:.3f} s · "
            f"first download (render and store) {first_download:.3f} s · "
            f"cached download median {statistics.median(cached) * 1000:.1f} ms · "
            f"304 revalidation median {statistics.median(not_modified) * 1000:.1f} ms "
            f"({repeat} runs)"
        )

    def _download(self, client, path, etag=None):
        headers = {"if-none-match": etag} if etag else {}
        response = client.get(path, headers=headers)
        expected = 304 if etag else 200
        if response.status_code != expected:
            raise CommandError(f"{path} answered {response.status_code}, not {expected}.")
        self._etag = response["ETag"]

    @staticmethod
    def _import_weasyprint():
        import weasyprint  # noqa: F401 - timing the import itself

    @staticmethod
    def _time(function):
        start = time.perf_counter()
        function()
        return time.perf_counter() - start

    @staticmethod
    def _host():
        for host in settings.ALLOWED_HOSTS:
            if host not in ("*", "") and not host.startswith("["):
                return host.lstrip(".")
        return "localhost"
