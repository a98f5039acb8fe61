"""Every worker of a real gunicorn sees a change made elsewhere, with Redis and without it."""

import concurrent.futures
import http.cookiejar
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
FIXTURES = ["fixtures/members.json", "fixtures/chairmanship.json", "fixtures/meetings.json"]
GUNICORN = Path(sys.executable).with_name("gunicorn")
EDITOR, PASSWORD = "editor", "a-password-only-for-this-test"
SOM = "/{language}/meetings/2023/8th-som/"
# Longer than the time a worker may keep the version it read (RECORD_VERSION_MAX_AGE).
WITHIN = 1.0


def redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def production_env(database, media, redis):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "s" * 20 + "-a-secret-key-only-for-this-test-of-the-workers",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(media),
        # Static files as they are (no collectstatic), plain HTTP on the loopback.
        "STATIC_STORAGE_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
    }
    env.pop("REDIS_URL", None)
    if redis:
        env["REDIS_URL"] = REDIS_URL
    return env


def manage(env, *args):
    subprocess.run(  # noqa: S603 - the project's own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def record_file(tmp_path_factory):
    """A SQLite file with the real record and an editor, made once for the module."""
    folder = tmp_path_factory.mktemp("record")
    env = production_env(folder / "record.sqlite3", folder / "media", redis=False)
    manage(env, "migrate", "--no-input")
    manage(env, "loaddata", *FIXTURES)
    env["DJANGO_SUPERUSER_PASSWORD"] = PASSWORD
    manage(env, "createsuperuser", "--no-input", "--username", EDITOR, "--email", "e@example.org")
    return folder / "record.sqlite3"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with two workers; its access log names the worker of every answer."""

    def __init__(self, tmp_path, record_file, redis):
        self.database = tmp_path / "site.sqlite3"
        shutil.copy(record_file, self.database)
        self.env = production_env(self.database, tmp_path / "media", redis)
        self.log = tmp_path / "access.log"
        self.base = f"http://127.0.0.1:{free_port()}"
        self.visitor = urllib.request.build_opener()
        self.process = subprocess.Popen(  # noqa: S603 - the project's own app server
            [
                str(GUNICORN),
                "almaty_portal.wsgi",
                "--workers=2",
                f"--bind={self.base.removeprefix('http://')}",
                f"--access-logfile={self.log}",
                "--access-logformat=%(p)s %(s)s %(U)s",
            ],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not self.workers_up(2):
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)

    def workers_up(self, count):
        """Whether ``count`` workers answered (each answers in turn until all have)."""
        try:
            self.ask_many(["/robots.txt"], times=8)
        except OSError:
            return False
        return len(self.answers_since(0)["/robots.txt"]) >= count

    def get(self, path, opener=None, headers=None):
        # Our own server on the loopback, over http.
        request = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310
        try:
            with (opener or self.visitor).open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def ask_many(self, paths, times, headers=None):
        """Ask every path ``times`` times, several at once: ``{path: [(status, body), ...]}``."""
        with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
            jobs = {
                path: [pool.submit(self.get, path, headers=headers) for _ in range(times)]
                for path in paths
            }
            return {path: [job.result() for job in done] for path, done in jobs.items()}

    def log_size(self):
        return self.log.stat().st_size if self.log.exists() else 0

    def answers_since(self, offset):
        """``{path: {worker pid: {status, ...}}}`` of the answers logged after ``offset``."""
        answers = defaultdict(lambda: defaultdict(set))
        with self.log.open() as log:
            log.seek(offset)
            for line in log:
                pid, status, path = line.split()
                answers[path][pid].add(int(status))
        return answers

    def ask_every_worker(self, paths, times, headers=None):
        """Ask every path ``times`` times, then again until both workers have answered each.

        A worker serves in threads and may take many requests in a row, so the other one is
        not asked by chance: ``({path: [(status, body), ...]}, answers_since)``.
        """
        offset = self.log_size()
        answers = self.ask_many(paths, times, headers)
        for _ in range(10):
            by_worker = self.answers_since(offset)
            if all(len(by_worker[path]) == 2 for path in paths):
                return answers, by_worker
            for path, more in self.ask_many(paths, 6, headers).items():
                answers[path] += more
        pytest.fail(f"not every worker answered: {dict(by_worker)}")

    def warm_every_worker(self, paths, headers=None):
        """Ask until both workers have answered (and cached) every path."""
        self.ask_every_worker(paths, times=6, headers=headers)

    def editor(self):
        """An opener signed in to the admin as the editor."""
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.post(opener, "/admin/login/?next=/admin/", {"username": EDITOR, "password": PASSWORD})
        return opener

    def post(self, opener, path, data):
        """Submit the form at ``path`` with its CSRF token, as a browser would."""
        _status, form = self.get(path, opener)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.decode()}).encode()
        # Our own server on the loopback, over http.
        request = urllib.request.Request(  # noqa: S310
            self.base + path, data=body, method="POST"
        )
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()

    def meeting_pk(self, slug):
        with sqlite3.connect(self.database) as connection:
            return connection.execute(
                "SELECT id FROM meetings_meeting WHERE slug = ?", (slug,)
            ).fetchone()[0]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(params=[False, True], ids=["without-redis", "with-redis"])
def server(request, tmp_path, record_file):
    if request.param:
        if not redis_answers():
            if os.environ.get("CI"):
                pytest.fail("Redis does not answer on 127.0.0.1:6379")
            pytest.skip("needs Redis on 127.0.0.1:6379")
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    server = Server(tmp_path, record_file, redis=request.param)
    yield server
    server.stop()


def test_every_worker_stops_showing_a_meeting_returned_to_draft(server):
    paths = [
        SOM.format(language=language) + document
        for language in ("en", "ru")
        for document in ("", "concept-note.pdf", "agenda.pdf", "calendar.ics")
    ]
    server.warm_every_worker(paths)
    opener = server.editor()

    status, page = server.post(
        opener, f"/admin/meetings/meeting/{server.meeting_pk('8th-som')}/unpublish/", {}
    )
    time.sleep(WITHIN)
    answers, by_worker = server.ask_every_worker(paths, times=20)

    assert status == 200
    assert "is a draft again; the public no longer sees it." in page
    assert {path: {s for s, _ in found} for path, found in answers.items()} == {
        path: {404} for path in paths
    }
    # Both workers answered each address after the change, and only with a 404.
    assert {path: dict(workers) for path, workers in by_worker.items()} == {
        path: {pid: {404} for pid in by_worker[path]} for path in paths
    }


def test_every_worker_shows_an_edit_made_elsewhere(server):
    paths = [SOM.format(language="en"), SOM.format(language="ru")]
    server.warm_every_worker(paths)
    edit = (
        "from meetings.models import Meeting;"
        "m = Meeting.objects.get(slug='8th-som');"
        "m.title_en = 'Eighth meeting of senior officials, renamed';"
        "m.title_ru = 'Восьмое совещание старших должностных лиц, новое название';"
        "m.save()"
    )

    manage(server.env, "shell", "-c", edit)
    time.sleep(WITHIN)
    # Both workers answer each address (or the test fails), every time with the edit.
    answers, _by_worker = server.ask_every_worker(paths, times=20)

    english = {body.decode() for _, body in answers[paths[0]]}
    russian = {body.decode() for _, body in answers[paths[1]]}
    assert all("Eighth meeting of senior officials, renamed" in page for page in english)
    assert all("Восьмое совещание старших должностных лиц, новое название" in p for p in russian)


def test_every_worker_revalidates_the_compressed_page_another_worker_sent(server):
    paths = [SOM.format(language="ru"), "/en/", "/api/v1/meetings/2023/8th-som/"]
    browser = {"Accept-Encoding": "gzip, deflate, br"}
    # Each worker compresses its own copy (gzip's header differs from one to the next).
    server.warm_every_worker(paths, headers=browser)
    sent = {}
    for path in paths:
        request = urllib.request.Request(server.base + path, headers=browser)  # noqa: S310
        with server.visitor.open(request, timeout=30) as response:
            sent[path] = (response.headers["Content-Encoding"], response.headers["ETag"])

    answers = {
        path: server.ask_every_worker([path], 10, {**browser, "If-None-Match": etag})[1][path]
        for path, (_encoding, etag) in sent.items()
    }

    assert {encoding for encoding, _etag in sent.values()} == {"gzip"}
    # Both workers answered each revalidation, and only with a 304.
    assert {path: dict(workers) for path, workers in answers.items()} == {
        path: {pid: {304} for pid in answers[path]} for path in paths
    }
