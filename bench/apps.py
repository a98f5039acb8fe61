from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark lab: the synthetic record and the commands that measure the portal.

    No models and no pages: installed so that ``manage.py generate_record`` and
    ``manage.py benchmark_pdf`` run under the site's own settings.
    """

    name = "bench"
    verbose_name = "Benchmark lab"
