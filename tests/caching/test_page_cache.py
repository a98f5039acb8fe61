"""Public pages come from the cache until the record changes or the day turns."""

import datetime
import gzip

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meetings.models import MeetingStatus
from tests.factories import (
    AgendaItemFactory,
    ConceptNoteSectionFactory,
    MeetingFactory,
    MembershipFactory,
    ParticipantFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

PAGE = "/{language}/meetings/2023/8th-som/"


@pytest.fixture
def meeting():
    return MeetingFactory(
        slug="8th-som",
        title_en="8th Senior Officials' Meeting",
        title_ru="8-е совещание старших должностных лиц",
    )


@pytest.mark.parametrize(
    "path",
    [
        PAGE,
        PAGE + "concept-note.pdf",
        PAGE + "calendar.ics",
        "/{language}/",
        "/{language}/meetings/feed/",
        "/{language}/members/",
        "/api/v1/meetings/?lang={language}&from=2023-01-01",
        "/api/v1/meetings/2023/8th-som/?lang={language}",
        "/api/v1/members/?date=2023-10-12&status=observer",
    ],
)
def test_second_visit_is_served_from_the_cache_reading_only_the_version(client, meeting, path):
    ConceptNoteSectionFactory(meeting=meeting)
    first = client.get(path.format(language="en"))

    with CaptureQueriesContext(connection) as queries:
        second = client.get(path.format(language="en"))

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert tables(queries) == [VERSION]


def tables(queries):
    """The first table each query reads."""
    return [q["sql"].split(" FROM ", 1)[1].split()[0].strip('"') for q in queries]


VERSION = "almaty_portal_recordversion"


# What a browser says it can decode.
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.mark.parametrize(
    "path",
    [PAGE, "/{language}/", "/{language}/meetings/feed/", "/api/v1/meetings/2023/8th-som/"],
)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_browser_that_accepts_gzip_gets_the_same_page_compressed_and_kept(
    client, meeting, path, language
):
    url = path.format(language=language)
    plain = client.get(url)
    compressed = client.get(url, headers=BROWSER)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, headers=BROWSER)

    title = "совещание старших должностных лиц" if language == "ru" else "Senior Officials"
    assert "Content-Encoding" not in plain
    assert title in plain.content.decode()
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content)
    # The same page: its ETag, made weak by the compression.
    assert compressed["ETag"] == "W/" + plain["ETag"]
    assert again.content == compressed.content
    assert tables(queries) == [VERSION]


def test_a_compressed_page_is_revalidated_in_either_encoding(client, meeting):
    url = PAGE.format(language="ru")
    etag = client.get(url, headers=BROWSER)["ETag"]

    compressed = client.get(url, headers={**BROWSER, "If-None-Match": etag})
    plain = client.get(url, headers={"If-None-Match": etag})
    meeting.title_ru = "Новое название"
    meeting.save()
    after_edit = client.get(url, headers={**BROWSER, "If-None-Match": etag})

    assert compressed.status_code == plain.status_code == 304
    assert after_edit.status_code == 200
    assert "Новое название" in gzip.decompress(after_edit.content).decode()


def test_a_process_reads_the_version_at_most_once_within_its_maximum_age(client, meeting, settings):
    settings.RECORD_VERSION_MAX_AGE = 60
    client.get(PAGE.format(language="en"))

    with CaptureQueriesContext(connection) as queries:
        second = client.get(PAGE.format(language="en"))
        home = client.get("/en/")

    assert second.status_code == home.status_code == 200
    # The home page was rendered (it was not cached yet), the meeting page was not.
    assert VERSION not in tables(queries)
    assert len(queries) > 0


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
    # Another visitor may load the page between the save and the commit: what is cached then
    # must not outlive the commit.
    with transaction.atomic():
        meeting.title_en = "8th SOM of the Almaty Process"
        meeting.save()
        client.get(PAGE.format(language="en"))

    page = client.get(PAGE.format(language="en"))

    assert "8th SOM of the Almaty Process" in page.text


@pytest.mark.django_db(transaction=True)
def test_the_process_that_commits_an_edit_serves_it_at_once(client, meeting, settings):
    # Even when it would otherwise keep the version it read for a minute.
    settings.RECORD_VERSION_MAX_AGE = 60
    assert "8th Senior Officials" in client.get(PAGE.format(language="en")).text

    with transaction.atomic():
        meeting.title_en = "8th SOM of the Almaty Process"
        meeting.save()

    assert "8th SOM of the Almaty Process" in client.get(PAGE.format(language="en")).text


@pytest.mark.parametrize(
    ("path", "accept", "expected"),
    [
        # The path names the language; the browser's preference does not change the page.
        (PAGE.format(language="ru"), "en", "8-е совещание старших должностных лиц"),
        (PAGE.format(language="en"), "ru", "8th Senior Officials"),
        # The API's address names no language: its errors and headers follow the browser's.
        ("/api/v1/meetings/2023/8th-som/", "ru", "8th Senior Officials"),
    ],
)
def test_a_stored_page_is_found_in_the_language_it_was_rendered_in(
    client, meeting, path, accept, expected
):
    first = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)
    # A page in the other language in between: the language it left active is not the key.
    other = "en" if "8-е" in expected else "ru"
    client.get(f"/{other}/", HTTP_ACCEPT_LANGUAGE=other)

    with CaptureQueriesContext(connection) as queries:
        second = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)

    assert expected in second.text
    assert second.content == first.content
    assert second["Content-Language"] == first["Content-Language"]
    assert tables(queries) == [VERSION]


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
    assert queries_for_staff > 1
    assert preview.status_code == 200
    # Neither browsers nor proxies may keep a page shown to a signed-in editor.
    assert preview["Cache-Control"] == "private, no-cache"


def test_a_meeting_page_outside_the_page_cache_renders_its_article_from_the_fragment_cache(
    client, meeting, django_assert_num_queries
):
    AgendaItemFactory(meeting=meeting, title_en="Opening session")
    client.get(PAGE.format(language="en"))

    # A tracking parameter is not kept by the page cache: the page is rendered, its article
    # and its JSON-LD come from this process's fragment cache (the version and the
    # meeting's lookup).
    with django_assert_num_queries(2):
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


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_query_parameter_no_page_reads_is_answered_but_never_stored(client, meeting):
    tracked = [queries_of(client, "/en/?utm_source=newsletter") for _ in range(2)]
    clicked = client.get(PAGE.format(language="ru") + "?fbclid=abc&year=2023")
    filtered = [queries_of(client, "/en/meetings/?year=2023") for _ in range(2)]

    assert "8-е совещание старших должностных лиц" in clicked.text
    assert tracked[1] == tracked[0] > 1  # rendered again
    assert filtered[1] == 1 < filtered[0]  # the version only: stored


@pytest.mark.parametrize(
    "query", ["year=2023", "kind=som", "q=officials", "page=1", "year=2023&kind=som&page=1"]
)
def test_the_archive_filters_and_pages_are_kept(client, meeting, query):
    first = client.get(f"/en/meetings/?{query}")

    with CaptureQueriesContext(connection) as again:
        second = client.get(f"/en/meetings/?{query}")

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert tables(again) == [VERSION]


def test_a_page_of_the_sitemap_is_kept(client, meeting):
    first = client.get("/sitemap.xml?p=1")

    with CaptureQueriesContext(connection) as again:
        second = client.get("/sitemap.xml?p=1")

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert tables(again) == [VERSION]


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


@pytest.mark.parametrize("language", ["en", "ru"])
def test_pages_that_say_today_change_with_the_date_without_an_edit(client, language):
    newcomer = ParticipantFactory(code="ITA", name_en="Italy", name_ru="Италия")
    MembershipFactory(participant=newcomer, start_date=datetime.date(2024, 1, 1), end_date=None)
    MeetingFactory(
        slug="8th-som",
        title_en="8th Senior Officials' Meeting",
        title_ru="8-е совещание старших должностных лиц",
        start_date=datetime.date(2023, 12, 31),
        end_date=datetime.date(2023, 12, 31),
    )
    home, members, italy = f"/{language}/", f"/{language}/members/", f"/{language}/members/ITA/"
    texts = {
        "en": ("No upcoming meeting has been announced.", "Status of the participants on"),
        "ru": ("О предстоящих мероприятиях пока не объявлено.", "Статус участников на"),
    }
    no_next_meeting, status_on = texts[language]

    # The site's time zone is UTC: 23:59 on 30 December 2023, then just past midnight.
    with time_machine.travel(datetime.datetime(2023, 12, 30, 23, 59, tzinfo=datetime.UTC)):
        before = {url: client.get(url).text for url in (home, members, italy)}
        cached = [queries_of(client, url) for url in before]
    with time_machine.travel(datetime.datetime(2023, 12, 31, 0, 1, tzinfo=datetime.UTC)):
        after = {url: client.get(url).text for url in before}
    with time_machine.travel(datetime.datetime(2024, 1, 1, 0, 1, tzinfo=datetime.UTC)):
        next_year = {url: client.get(url).text for url in before}

    assert cached == [1, 1, 1]  # served from the cache until midnight
    assert no_next_meeting not in before[home]
    assert no_next_meeting in next_year[home]
    assert f"{status_on} 30" in before[members]
    assert f"{status_on} 31" in after[members]
    assert next_year[italy] != after[italy]  # "Status today": a member from 1 January


def test_a_visitor_with_other_cookies_gets_the_same_cached_page(client, meeting):
    first = client.get(PAGE.format(language="en"))
    client.cookies["csrftoken"] = "a" * 32
    client.cookies["django_language"] = "ru"

    assert "Cookie" not in first.get("Vary", "")
    assert queries_of(client, PAGE.format(language="en")) == 1


@pytest.mark.parametrize("path", ["/en/members/?on=2016-05-01", "/ru/chairmanship/?on=2016-05-01"])
def test_the_record_on_a_date_is_kept(client, meeting, path):
    first = client.get(path)

    with CaptureQueriesContext(connection) as again:
        second = client.get(path)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert tables(again) == [VERSION]


def test_a_date_the_record_cannot_answer_is_not_stored(client, meeting):
    client.get("/en/members/?on=yesterday")

    with CaptureQueriesContext(connection) as again:
        refused = client.get("/en/members/?on=yesterday")

    assert refused.status_code == 400
    assert len(again) > 1  # rendered again, not served from the cache


def test_each_host_is_served_the_links_built_for_it(client, meeting, settings):
    settings.ALLOWED_HOSTS = ["portal.example", "www.portal.example"]
    first = client.get("/en/", HTTP_HOST="portal.example")
    second = client.get("/en/", HTTP_HOST="www.portal.example")

    assert "http://portal.example/en/" in first.text
    assert "http://www.portal.example/en/" in second.text
    assert "http://portal.example/en/" not in second.text


@pytest.mark.parametrize(
    ("headers", "stored"),
    [
        ({}, True),
        ({"Vary": "Accept-Language"}, True),
        ({"Vary": "Accept-Language, Accept-Encoding"}, True),
        ({"Vary": "Cookie"}, False),
        ({"Vary": "Accept-Language, User-Agent"}, False),
        ({"Cache-Control": "private"}, False),
    ],
)
def test_only_a_page_every_visitor_may_see_is_stored(headers, stored):
    from django.http import HttpResponse

    from almaty_portal.page_cache import storable

    assert storable(HttpResponse("page", headers=headers)) is stored


def test_a_page_that_sets_a_cookie_is_not_stored():
    from django.http import HttpResponse

    from almaty_portal.page_cache import storable

    response = HttpResponse("page")
    response.set_cookie("csrftoken", "secret")
    assert not storable(response)
