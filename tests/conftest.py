import contextlib
import os

import pytest
from django.core.management import call_command

from tests.machine import program

RECORD_FIXTURES = ["fixtures/members.json", "fixtures/chairmanship.json", "fixtures/meetings.json"]


@pytest.fixture
def record(db, django_capture_on_commit_callbacks):
    """The real Almaty Process record, as the set-up command loads it."""
    # What runs once loaddata commits (the search index of the loaded meetings) runs here too.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", *RECORD_FIXTURES, verbosity=0)


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """``with indexed(): ...``: rows written inside are in the archive search afterwards.

    The index follows a save once its transaction commits, and a test's never does.
    """

    @contextlib.contextmanager
    def indexed():
        from meetings import search_index

        with django_capture_on_commit_callbacks(execute=True):
            yield
        # Meetings scheduled earlier in the test wait on a callback outside this block.
        search_index.flush_pending()

    return indexed


@pytest.fixture
def staff_client(client):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory())
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Django's production hasher takes about a second per password on purpose; the suite
    # signs in and fails to sign in many times, so it hashes with a fast (insecure) one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def clear_caches():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def empty_cache(settings):
    # Cached pages and rendered documents must not leak from one test into the next.
    clear_caches()
    # Tests run in transactions that never commit, so this process would not learn of an
    # edit by itself within the test: read the record's version on every request instead.
    settings.RECORD_VERSION_MAX_AGE = 0
    yield
    clear_caches()


@pytest.fixture(scope="session")
def browser():
    chromium = program("chromium", package="chromium", env="CHROMIUM")
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls
    # from a thread with a running loop unless told that this is deliberate.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
