"""What the app servers share through Redis, and what each keeps for itself."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils.autoreload import file_changed

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


def redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


needs_redis = pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379")

# An app server that changes the record, and prints the content version after the change.
BUMP = (
    "from meetings.caching import bump_content_version, content_version;"
    "bump_content_version(); print(content_version())"
)


def app_server_env(tmp_path):
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "s" * 20 + "-a-secret-key-only-for-this-test-of-the-shared-cache",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "REDIS_URL": REDIS_URL,
    }


SETUP = (
    "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'almaty_portal.settings';"
    "django.setup();"
)


def in_an_app_server(code, tmp_path):
    """Run ``code`` in a process of its own configured for production with Redis."""
    result = subprocess.run(  # noqa: S603 - the code run is this module's own
        [sys.executable, "-c", SETUP + code],
        capture_output=True,
        text=True,
        env=app_server_env(tmp_path),
        cwd=settings.BASE_DIR,
        check=True,
    )
    return result.stdout.strip()


# An app server that watches the content version: it prints the version once its watch is
# live, then, for each line it reads, the version it sees within 5 s of that line (a new one
# if there is one), with "local" when the answer cost no round trip to Redis.
WATCHING_SERVER = """
import sys, time
from meetings import caching
deadline = time.monotonic() + 10
while caching.watch.local() is None and time.monotonic() < deadline:
    time.sleep(0.01)
print(caching.watch.local(), flush=True)
for line in sys.stdin:
    before = caching.content_version()
    deadline = time.monotonic() + 5
    while caching.content_version() == before and time.monotonic() < deadline:
        time.sleep(0.01)
    local = caching.watch.local()
    print(caching.content_version(), "local" if local is not None else "asked", flush=True)
"""


@pytest.fixture
def watching_server(tmp_path):
    with subprocess.Popen(  # noqa: S603 - the code run is this module's own
        [sys.executable, "-c", SETUP + WATCHING_SERVER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=app_server_env(tmp_path),
        cwd=settings.BASE_DIR,
    ) as server:

        def ask():
            server.stdin.write("?\n")
            server.stdin.flush()
            return server.stdout.readline().split()

        yield server.stdout.readline().strip(), ask
        server.kill()


@needs_redis
def test_an_edit_in_one_app_server_retires_pages_in_another(tmp_path):
    read = "from meetings.caching import content_version; print(content_version())"
    bump = (
        "from django.core.cache import caches; from meetings.caching import "
        "bump_content_version, content_version; from django.core.cache.backends.redis import "
        "RedisCache; print(isinstance(caches['default'], RedisCache));"
        "bump_content_version(); print(content_version())"
    )

    before = in_an_app_server(read, tmp_path)
    backend, bumped = in_an_app_server(bump, tmp_path).splitlines()
    after = in_an_app_server(read, tmp_path)

    assert backend == "True"  # Django's own Redis backend
    assert bumped != before
    assert after == bumped


@needs_redis
def test_an_app_server_learns_of_an_edit_elsewhere_without_asking_redis(tmp_path, watching_server):
    live_version, ask = watching_server

    bumped = in_an_app_server(BUMP, tmp_path)
    seen, how = ask()

    assert live_version != "None"  # the watch went live
    assert seen == bumped != live_version
    assert how == "local"


@needs_redis
def test_an_app_server_that_loses_its_watch_still_sees_every_edit(tmp_path, watching_server):
    _, ask = watching_server
    kill_watches = (
        "from django.core.cache import cache;"
        "print(cache._cache.get_client(write=True).client_kill_filter(_type='pubsub'))"
    )

    killed = in_an_app_server(kill_watches, tmp_path)
    bumped = in_an_app_server(BUMP, tmp_path)
    seen, how = ask()

    assert int(killed) >= 1
    assert seen == bumped
    assert how == "local"  # subscribed again, and current


def test_editing_a_template_in_development_drops_the_rendered_fragments():
    fragments = caches["fragments"]
    fragments.set("shell", "<header>old</header>")

    file_changed.send(sender=None, file_path=Path("meetings/views.py"))
    kept = fragments.get("shell")
    file_changed.send(sender=None, file_path=Path("templates/includes/header.html"))

    assert kept == "<header>old</header>"
    assert fragments.get("shell") is None
