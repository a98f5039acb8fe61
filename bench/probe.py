"""Inside one site's settings: SQL queries per page, and the first PDF render. Prints JSON.

Run by bench/benchmark.py with the site's environment (DEBUG off, its own database):

    probe.py PATH...       for each path, the queries of a request with an empty cache
                           ("cold") and of the same request again ("warm"), through Django's
                           test client; the first render of the 8th SOM concept note; and
                           how long the 8th SOM page takes to render when no cache answers
    probe.py --static-url  only the URL of the stylesheet, as collectstatic named it
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almaty_portal.settings")
# A request reads the record's version after ``clear_caches`` only, as the first one after
# an edit does: the counts do not depend on how long the request before took (a cold one
# takes over the production maximum age of 0.5 s).
os.environ["RECORD_VERSION_MAX_AGE"] = "3600"

MEETING = "/en/meetings/2023/8th-som/"


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def pdf_first_render():
    """Time the 8th SOM's concept note (``pdf.render_concept_note``), uncached, fresh process."""
    from meetings.documents import pdf
    from meetings.models import Meeting

    meeting = Meeting.objects.published().in_year(2023).get(slug="8th-som")
    import_s, _ = timed(lambda: __import__("weasyprint"))
    first_en, document = timed(lambda: pdf.render_concept_note(meeting, language="en"))
    first_ru, _ = timed(lambda: pdf.render_concept_note(meeting, language="ru"))
    again_en, _ = timed(lambda: pdf.render_concept_note(meeting, language="en"))
    return {
        "import_s": import_s,
        "first_en_s": first_en,
        "first_ru_s": first_ru,
        "again_en_s": again_en,
        "bytes": len(document),
    }


def clear_caches():
    """Every cache emptied and the record's version forgotten, as after an edit."""
    from django.core.cache import caches

    from almaty_portal.page_cache import current_version

    for cache in caches.all():
        cache.clear()
    current_version.forget()


def queries(paths):
    """Queries of a request with empty caches, and of the same request again.

    A path ending in ``?*`` gets a new query string each time, as wrk's ``--bust`` gives it:
    its second request is one the page cache cannot answer.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="localhost")
    pages = {}
    for path in paths:
        runs = []
        clear_caches()
        for number in range(2):
            url = path.replace("?*", f"?probe={number}").replace("&*", f"&probe={number}")
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
            runs.append((response.status_code, len(captured)))
        pages[path] = {
            "status": runs[0][0],
            "cold": runs[0][1],
            "warm": runs[1][1],
        }
    return pages


def render_times(path, runs=25):
    """Median milliseconds of a request the page cache cannot answer, through the test client.

    "miss": a new query string, with this process's template fragments warm (what the
    benchmark's uncached row measures); "cold": every cache emptied first, as after an edit.
    """
    from statistics import median

    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    times = {"miss": [], "cold": []}
    client.get(f"{path}?probe=warm")
    for number in range(runs):
        for kind in ("cold", "miss"):
            if kind == "cold":
                clear_caches()
            url = f"{path}?probe={kind}-{number}"
            elapsed, response = timed(lambda url=url: client.get(url))
            assert response.status_code == 200, response.status_code
            times[kind].append(elapsed * 1000)
    return {kind: median(values) for kind, values in times.items()}


def admin_times(runs=10):
    """Queries and median milliseconds of the editors' meeting list and meeting form.

    The form is that of the main meeting with the most agenda items: a synthetic meeting of
    20 items on the large record.
    """
    from statistics import median

    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from meetings.models import Meeting

    user, _ = get_user_model().objects.get_or_create(
        username="benchmark-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    # A main meeting on both records: a side event's form also shows its main meeting.
    meetings = Meeting.objects.filter(parent__isnull=True).annotate(items=Count("agenda_items"))
    meeting = meetings.order_by("-items", "pk")[0]
    pages = {
        "admin meeting list": "/admin/meetings/meeting/",
        "admin meeting form (most agenda items)": f"/admin/meetings/meeting/{meeting.pk}/change/",
    }
    result = {}
    try:
        for name, url in pages.items():
            client.get(url)
            # A full query log (9,000 entries) would make the count below 0.
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, response.status_code
            # Counted now: the captured queries are read from the connection's log, which
            # every later request empties.
            queries = len(captured)
            times = [timed(lambda url=url: client.get(url))[0] * 1000 for _ in range(runs)]
            result[name] = {"queries": queries, "ms": median(times)}
    finally:
        client.logout()
        user.delete()
    result["admin meeting form (most agenda items)"]["agenda_items"] = meeting.items
    return result


def main():
    import django

    django.setup()
    from django.contrib.staticfiles.storage import staticfiles_storage

    result = {"static_url": staticfiles_storage.url("css/site.css")}
    if sys.argv[1:] == ["--static-url"]:
        json.dump(result, sys.stdout)
        return
    result["pdf"] = pdf_first_render()
    result["pages"] = queries([*sys.argv[1:], result["static_url"]])
    result["meeting_render_ms"] = render_times(MEETING)
    result["admin"] = admin_times()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
