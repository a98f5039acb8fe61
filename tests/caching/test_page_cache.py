"""Public pages come from the cache until the record changes, in each language."""

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meetings.caching import VersionWatch
from meetings.models import MeetingStatus
from tests.factories import AgendaItemFactory, MeetingFactory, StaffFactory

pytestmark = pytest.mark.django_db

PAGE = "/{language}/meetings/2023/8th-som/"


@pytest.fixture
def meeting():
    return MeetingFactory(
        slug="8th-som",
        title_en="8th Senior Officials' Meeting",
        title_ru="8-е совещание старших должностных лиц",
    )


def test_second_visit_is_served_from_the_cache_without_sql(client, meeting):
    first = client.get(PAGE.format(language="en"))

    with CaptureQueriesContext(connection) as queries:
        second = client.get(PAGE.format(language="en"))

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert len(queries) == 0


def test_an_edit_shows_at_once_in_both_languages(client, meeting):
    client.get(PAGE.format(language="en"))
    client.get(PAGE.format(language="ru"))

    meeting.title_en = "8th SOM of the Almaty Process"
    meeting.title_ru = "8-е ССДЛ Алматинского процесса"
    meeting.save()

    assert "8th SOM of the Almaty Process" in client.get(PAGE.format(language="en")).text
    assert "8-е ССДЛ Алматинского процесса" in client.get(PAGE.format(language="ru")).text


def test_an_edit_to_a_part_of_the_meeting_shows_at_once(client, meeting):
    item = AgendaItemFactory(meeting=meeting, title_en="Coffee break")
    assert "Coffee break" in client.get(PAGE.format(language="en")).text

    item.title_en = "Lunch break"
    item.save()

    page = client.get(PAGE.format(language="en")).text
    assert "Lunch break" in page
    assert "Coffee break" not in page


@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_before_an_edit_commits_is_not_served_after_it(client, meeting):
    # Another visitor may load the page between the save and the commit, and see the old
    # title: what was cached then must be rendered again once the edit is committed.
    with transaction.atomic():
        meeting.title_en = "8th SOM of the Almaty Process"
        meeting.save()
        client.get(PAGE.format(language="en"))

    with CaptureQueriesContext(connection) as queries:
        page = client.get(PAGE.format(language="en"))

    assert "8th SOM of the Almaty Process" in page.text
    assert len(queries) > 0


@pytest.mark.django_db(transaction=True)
def test_other_app_servers_are_told_of_a_change_once_it_commits(meeting, monkeypatch):
    notices = []
    monkeypatch.setattr(caches["default"], "publish", notices.append, raising=False)

    with transaction.atomic():
        for number in range(3):
            AgendaItemFactory(meeting=meeting, title_en=f"Session {number}")
        told_before_commit = len(notices)

    assert told_before_commit == 0
    assert notices == [VersionWatch.CHANNEL]


def test_languages_are_cached_apart(client, meeting):
    english = client.get(PAGE.format(language="en"))
    russian = client.get(PAGE.format(language="ru"))

    assert "8th Senior Officials" in english.text
    assert "8-е совещание старших должностных лиц" in russian.text
    assert english["ETag"] != russian["ETag"]


def test_unpublishing_removes_the_cached_page_at_once(client, meeting):
    assert client.get(PAGE.format(language="en")).status_code == 200

    meeting.status = MeetingStatus.DRAFT
    meeting.save()

    assert client.get(PAGE.format(language="en")).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        PAGE,
        "/{language}/",
        "/{language}/meetings/",
        "/{language}/meetings/feed/",
        "/{language}/meetings/calendar.ics",
        "/{language}/meetings/2023/8th-som/calendar.ics",
        PAGE + "?utm_source=newsletter",
    ],
)
def test_conditional_get_answers_304_until_something_changes(client, meeting, path):
    url = path.format(language="ru")
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]

    by_etag = client.get(url, headers={"If-None-Match": etag})
    by_date = client.get(url, headers={"If-Modified-Since": last_modified})
    meeting.title_ru = "Новое название"
    meeting.save()
    after_edit = client.get(url, headers={"If-None-Match": etag})

    assert first.status_code == 200
    assert by_etag.status_code == by_date.status_code == 304
    assert after_edit.status_code == 200
    assert after_edit["ETag"] != etag


def test_staff_are_never_served_the_public_copy(client, meeting):
    client.get(PAGE.format(language="en"))
    draft = MeetingFactory(slug="draft-som", status=MeetingStatus.DRAFT)
    client.force_login(StaffFactory())

    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE.format(language="en"))
    # Read before the next request: each request resets Django's query log.
    queries_for_staff = len(queries)
    preview = client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert queries_for_staff > 0
    assert preview.status_code == 200
    assert not preview.has_header("ETag")


def test_a_meeting_page_outside_the_page_cache_costs_no_query_until_the_record_changes(
    client, meeting, django_assert_num_queries
):
    AgendaItemFactory(meeting=meeting, title_en="Opening session")
    client.get(PAGE.format(language="en"))

    # A tracking parameter is not kept by the page cache; the lookup and the body of the
    # page come from this process's fragment cache. Only the schema.org JSON-LD in the head
    # (outside any fragment) loads the meeting with its parts: 9 queries, however big.
    with django_assert_num_queries(9):
        response = client.get(PAGE.format(language="en") + "?utm_source=newsletter")
    meeting.title_en = "8th SOM of the Almaty Process"
    meeting.title_ru = "8-е ССДЛ Алматинского процесса"
    meeting.save()
    english = client.get(PAGE.format(language="en") + "?utm_source=newsletter")
    russian = client.get(PAGE.format(language="ru") + "?utm_source=newsletter")

    assert "Opening session" in response.text
    assert "8th Senior Officials" in response.text
    assert "8th SOM of the Almaty Process" in english.text
    assert "8-е ССДЛ Алматинского процесса" in russian.text


def stored_pages():
    return [key for key in caches["default"]._cache if ":page:" in key]


def test_a_query_parameter_no_page_reads_is_answered_but_never_stored(client, meeting):
    tracked = client.get("/en/?utm_source=newsletter")
    clicked = client.get(PAGE.format(language="ru") + "?fbclid=abc&year=2023")
    stored_before = stored_pages()
    client.get("/en/meetings/?year=2023")

    assert tracked.status_code == clicked.status_code == 200
    assert "8-е совещание старших должностных лиц" in clicked.text
    assert stored_before == []
    assert len(stored_pages()) == 1


@pytest.mark.parametrize(
    "query", ["year=2023", "kind=som", "q=officials", "page=1", "year=2023&kind=som&page=1"]
)
def test_the_archive_filters_and_pages_are_kept(client, meeting, query):
    first = client.get(f"/en/meetings/?{query}")

    with CaptureQueriesContext(connection) as again:
        second = client.get(f"/en/meetings/?{query}")

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert len(again) == 0


def test_a_page_of_the_sitemap_is_kept(client, meeting):
    first = client.get("/sitemap.xml?p=1")

    with CaptureQueriesContext(connection) as again:
        second = client.get("/sitemap.xml?p=1")

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert len(again) == 0


def test_a_draft_seen_by_staff_stays_hidden_from_visitors(client, meeting):
    draft = MeetingFactory(slug="draft-som", status=MeetingStatus.DRAFT)
    url = draft.get_absolute_url()
    staff = Client()
    staff.force_login(StaffFactory())

    before = client.get(url)
    preview = staff.get(url)
    after = client.get(url)
    after_with_query = client.get(url + "?utm_source=newsletter")

    assert before.status_code == 404
    assert preview.status_code == 200
    assert after.status_code == after_with_query.status_code == 404


def test_a_host_outside_allowed_hosts_gets_the_400_even_for_a_cached_page(meeting, settings):
    settings.ALLOWED_HOSTS = ["portal.example.org"]
    client = Client(raise_request_exception=False)
    url = PAGE.format(language="ru")
    assert client.get(url, headers={"host": "portal.example.org"}).status_code == 200

    refused = client.get(url, headers={"host": "elsewhere.example"})

    assert refused.status_code == 400
    assert "<h1>Некорректный запрос</h1>" in refused.content.decode()
    assert client.get(url, headers={"host": "portal.example.org"}).status_code == 200
