"""The API's OpenAPI document and its documentation page, served from our own files."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_the_openapi_document_describes_every_endpoint(client):
    response = client.get("/api/openapi.json")
    schema = response.json()

    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Almaty Process open data API"
    assert set(schema["paths"]) == {
        "/api/v1/meetings/",
        "/api/v1/meetings/{year}/{slug}/",
        "/api/v1/participants/",
        "/api/v1/participants/{code}/",
        "/api/v1/chairmanship-terms/",
        "/api/v1/members/",
        "/api/v1/chair/",
        "/api/v1/record.zip",
    }
    meetings = schema["paths"]["/api/v1/meetings/"]["get"]
    assert {p["name"] for p in meetings["parameters"]} >= {
        "year",
        "kind",
        "from",
        "to",
        "participant",
        "lang",
        "page",
    }
    assert set(meetings["responses"]) == {"200", "400", "404", "429"}
    assert schema["components"]["schemas"]["MeetingKind"]["enum"] == [
        "ministerial",
        "som",
        "technical",
        "conference",
        "side_event",
    ]


def test_the_documentation_page_runs_no_inline_script_or_style(client):
    response = client.get("/api/docs/")
    page = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)

    assert response.status_code == 200
    assert "<style" not in page and " style=" not in page
    assert scripts and all('src="/' in attrs and not body.strip() for attrs, body in scripts)
    assert "/api/openapi.json" in client.get("/api/docs/?script=").content.decode()


def test_the_documentation_page_loads_nothing_from_other_sites(client):
    page = client.get("/api/docs/").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)

    assert assets
    for asset in assets:
        assert asset.startswith("/"), asset
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/").split("?")[0]), asset


@pytest.mark.parametrize(
    ("language", "api_label", "zip_label"),
    [
        ("en", "Open data API (JSON, OpenAPI)", "The whole record (CSV and JSON, zip)"),
        (
            "ru",
            "API открытых данных (JSON, OpenAPI)",
            "Все сведения одним архивом (CSV и JSON, zip)",
        ),
    ],
)
def test_the_footer_links_the_api_and_the_bulk_download(client, language, api_label, zip_label):
    page = client.get(f"/{language}/").content.decode()

    assert f'<a href="/api/docs/" hreflang="en">{api_label}</a>' in page
    assert f'<a href="/api/v1/record.zip" type="application/zip" download>{zip_label}</a>' in page
