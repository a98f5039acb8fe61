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


def in_an_app_server(code, tmp_path):
    """Run ``code`` in a process of its own configured for production with Redis."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "s" * 20 + "-a-secret-key-only-for-this-test-of-the-shared-cache",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "REDIS_URL": REDIS_URL,
    }
    setup = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'almaty_portal.settings';"
        "django.setup();"
    )
    result = subprocess.run(  # noqa: S603 - the code run is this module's own
        [sys.executable, "-c", setup + code],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379")
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


def test_editing_a_template_in_development_drops_the_rendered_fragments():
    fragments = caches["fragments"]
    fragments.set("shell", "<header>old</header>")

    file_changed.send(sender=None, file_path=Path("meetings/views.py"))
    kept = fragments.get("shell")
    file_changed.send(sender=None, file_path=Path("templates/includes/header.html"))

    assert kept == "<header>old</header>"
    assert fragments.get("shell") is None
