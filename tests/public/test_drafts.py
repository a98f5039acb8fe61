"""A draft meeting is a 404 for the public on every route; staff see a marked preview."""

import pytest

from meetings.models import MeetingStatus
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

TITLE = "Secret draft consultation"


@pytest.fixture
def draft():
    meeting = MeetingFactory(
        status=MeetingStatus.DRAFT,
        title_en=TITLE,
        title_ru="Секретный черновик",
        slug="secret-draft",
        start_date="2030-05-01",
    )
    AgendaItemFactory(meeting=meeting, title_en="Hidden session")
    return meeting


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("suffix", ["", "calendar.ics"])
def test_draft_routes_are_404(client, draft, language, suffix):
    response = client.get(f"/{language}/meetings/2030/secret-draft/{suffix}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/meetings/",
        "/en/meetings/?year=2030",
        "/en/meetings/?q=secret",
        "/ru/meetings/?q=черновик",
        "/en/meetings/?q=hidden",
        "/en/meetings/feed/",
        "/ru/meetings/feed/",
        "/en/meetings/calendar.ics",
        "/en/chairmanship/",
        "/sitemap.xml",
    ],
)
def test_drafts_are_absent_from_lists(client, draft, url):
    published = MeetingFactory(title_en="Public meeting", start_date="2030-06-01")
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert TITLE not in body and "Секретный черновик" not in body
    assert "secret-draft" not in body
    assert "Hidden session" not in body
    if "?q=" not in url and "chairmanship" not in url:
        assert published.slug in body


def test_draft_year_is_not_offered_as_a_filter(client, draft):
    body = client.get("/en/meetings/").content.decode()
    assert '<option value="2030"' not in body


def test_staff_see_a_marked_preview(staff_client, draft):
    response = staff_client.get("/ru/meetings/2030/secret-draft/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<strong>Предварительный просмотр черновика</strong>" in body
    assert '<meta name="robots" content="noindex, nofollow">' in body


def test_staff_preview_does_not_leak_drafts_into_lists(staff_client, draft):
    assert TITLE not in staff_client.get("/en/meetings/").content.decode()
    assert staff_client.get("/en/meetings/2030/secret-draft/calendar.ics").status_code == 404


def test_published_page_has_no_draft_banner(client):
    meeting = MeetingFactory()
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "draft-banner" not in body
