"""The Russian catalogue is what ``makemessages`` makes of the code: refreshing it loses nothing.

A message the code builds from a variable (``ngettext(singular, plural, n)`` over a table of
phrases, ``pgettext(context, name)``) is invisible to ``makemessages``: the next refresh
would have marked its translation obsolete, and the site would have shown it in English.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale/ru/LC_MESSAGES/django.po")
# The command README.md gives ("Two languages").
MAKEMESSAGES = ["makemessages", "-l", "ru", "--no-location", "--ignore=.venv", "--no-obsolete"]


def without_creation_date(text):
    return [line for line in text.splitlines() if not line.startswith('"POT-Creation-Date:')]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs xgettext (gettext)")
def test_makemessages_leaves_the_catalogue_as_it_is(tmp_path):
    # On a copy of the project: the command rewrites the catalogue where it runs.
    project = tmp_path / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".*", "__pycache__", "staticfiles", "media", "*.sqlite3", "*.mo"
        ),
    )
    subprocess.run(  # noqa: S603 - this interpreter, the project's manage.py
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project)},
        check=True,
        capture_output=True,
    )

    made = (project / CATALOGUE).read_text(encoding="utf-8")
    committed = (ROOT / CATALOGUE).read_text(encoding="utf-8")
    assert without_creation_date(made) == without_creation_date(committed), (
        f"Run `.venv/bin/python manage.py {' '.join(MAKEMESSAGES)}`, translate what it adds, "
        "and make sure no message the code still shows was dropped."
    )
