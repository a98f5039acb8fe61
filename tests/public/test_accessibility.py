"""axe-core in Chromium and the Nu HTML Checker on the main pages, in both languages.

axe-core is vendored (tests/public/vendor/axe.min.js, MPL-2.0). The Nu HTML Checker needs
Java and vnu.jar from the npm package ``vnu-jar`` (VNU_JAR, which ``./dev test`` sets). Without
them the HTML check is skipped locally, and fails when CI is set so it cannot be skipped there.
"""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.machine import missing, program

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGES = [
    "/",
    "/meetings/",
    "/meetings/2023/8th-som/",
    "/members/",
    "/members/?on=2016-05-01",
    "/chairmanship/",
    "/chairmanship/?on=2016-05-01",
]
# Pages that answer 400 with the whole page and a message on the date field.
REFUSED = ["/members/?on=2010-01-01", "/chairmanship/?on=not-a-date"]
LANGUAGES = ["en", "ru"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_no_serious_violation(live_server, record, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for language in LANGUAGES:
        for path in PAGES + REFUSED:
            page.goto(f"{live_server.url}/{language}{path}")
            page.add_script_tag(content=AXE.read_text())
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            problems += [
                f"/{language}{path}: {v['id']} ({v['impact']}): {v['help']} "
                f"{[n['target'] for n in v['nodes']][:3]}"
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
    assert problems == []


def vnu_jar():
    path = os.environ.get("VNU_JAR")
    if not (path and Path(path).is_file()):
        missing("needs VNU_JAR, vnu.jar of the npm package vnu-jar, which `./dev test` fetches")
    return path


@pytest.mark.django_db
def test_nu_html_checker_finds_no_error(client, record, tmp_path):
    java = program("java", package="default-jre-headless")
    jar = vnu_jar()
    files = []
    for language in LANGUAGES:
        for path in PAGES + REFUSED:
            response = client.get(f"/{language}{path}")
            assert response.status_code == (400 if path in REFUSED else 200)
            name = f"{language}{re.sub(r'[^a-z0-9-]', '_', path)}.html"
            (tmp_path / name).write_bytes(response.content)
            files.append(str(tmp_path / name))
    result = subprocess.run(  # noqa: S603 - fixed arguments and our own files
        [java, "-jar", jar, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
