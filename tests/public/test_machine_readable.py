"""Atom feed, iCalendar files, sitemap and robots.txt, parsed rather than grepped."""

import datetime
import xml.etree.ElementTree as ET
import zoneinfo

import icalendar
import pytest

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BAKU = zoneinfo.ZoneInfo("Asia/Baku")


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "8th Senior Officials' Meeting (SOM) of the Almaty Process"),
        ("ru", "8-е совещание старших должностных лиц (СОДЛ) Алматинского процесса"),
    ],
)
def test_atom_feed_per_language(client, record, language, title):
    response = client.get(f"/{language}/meetings/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.findall(f"{ATOM}entry")}
    assert len(entries) == 7
    entry = entries[title]
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver/{language}/meetings/2023/8th-som/"
    assert entry.findtext(f"{ATOM}updated")


def test_meeting_calendar_has_timezone_and_one_event_per_day(client, record):
    response = client.get("/ru/meetings/2023/8th-som/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="8th-som.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Baku"
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    first, second = events
    assert first["DTSTART"].params["TZID"] == "Asia/Baku"
    assert first.decoded("DTSTART") == datetime.datetime(2023, 10, 12, 9, 0, tzinfo=BAKU)
    assert first.decoded("DTEND") == datetime.datetime(2023, 10, 12, 20, 30, tzinfo=BAKU)
    assert str(first["SUMMARY"]).startswith("8-е совещание старших должностных лиц (СОДЛ)")
    assert str(first["SUMMARY"]).endswith("(день 1 из 2)")
    assert str(first["LOCATION"]) == "Гостиница «Хилтон», конференц-зал «Лазурит», Баку"
    assert str(first["URL"]) == "http://testserver/ru/meetings/2023/8th-som/"
    assert second.decoded("DTSTART") == datetime.datetime(2023, 10, 13, 10, 0, tzinfo=BAKU)
    assert len({str(e["UID"]) for e in events}) == 2


def test_calendar_of_all_meetings(client, record):
    calendar = icalendar.Calendar.from_ical(client.get("/en/meetings/calendar.ics").content)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert "3rd Ministerial Conference of the Almaty Process" in summaries
    # A day without an agenda is an all-day event.
    conference = next(
        e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("3rd Ministerial")
    )
    assert conference.decoded("DTSTART") == datetime.date(2025, 4, 24)


def test_sitemap_lists_every_page_in_both_languages_with_alternates(client, record):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    urls = {}
    for url in root.findall(f"{SITEMAP}url"):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        urls[url.findtext(f"{SITEMAP}loc")] = alternates
    base = "http://testserver"
    for path in ["/", "/meetings/", "/members/", "/chairmanship/", "/meetings/2023/8th-som/"]:
        for language in ("en", "ru"):
            assert urls[f"{base}/{language}{path}"] == {
                "en": f"{base}/en{path}",
                "ru": f"{base}/ru{path}",
                "x-default": f"{base}{path}",
            }
    assert f"{base}/ru/members/AZE/" in urls
    meeting_pages = [u for u in urls if "/meetings/20" in u]
    assert len(meeting_pages) == 14


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def feed_entry(client, language="en"):
    feed = ET.fromstring(client.get(f"/{language}/meetings/feed/").content)  # noqa: S314
    (entry,) = feed.findall(f"{ATOM}entry")
    return entry


def test_atom_feed_shows_a_plain_summary_as_the_page_does(client):
    meeting = MeetingFactory(
        title_en="Results & next steps <draft>", summary_en="Results & next steps <draft>"
    )
    entry = feed_entry(client)
    assert entry.find(f"{ATOM}title").get("type") is None  # Atom's default: text
    assert entry.findtext(f"{ATOM}title") == "Results & next steps <draft>"
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The HTML a feed reader renders is the page's own paragraph, characters escaped.
    assert summary.text == "<p>Results &amp; next steps &lt;draft&gt;</p>"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert '<div class="summary"><p>Results &amp; next steps &lt;draft&gt;</p></div>' in page


def test_atom_feed_sanitises_an_html_summary_as_the_page_does(client):
    meeting = MeetingFactory(
        summary_en="<p>Agreed <strong>priorities</strong><img src=x onerror=alert(2)> "
        '<a href="javascript:alert(3)">link</a> <a href="https://example.org/">plan</a></p>'
    )
    sanitised = (
        '<p>Agreed <strong>priorities</strong> <a rel="noopener noreferrer">link</a> '
        '<a href="https://example.org/" rel="noopener noreferrer">plan</a></p>'
    )
    assert feed_entry(client).findtext(f"{ATOM}summary") == sanitised
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'<div class="summary">{sanitised}</div>' in page


def test_control_characters_are_left_out_of_the_feed_and_calendar(client):
    # Pasted from a word processor: a vertical tab for a line break, an escape, a bell.
    meeting = MeetingFactory(
        title_en="Baku\x0bmeeting\x1b", summary_en="Agreed\x07.", venue_en="Hilton\x01"
    )
    entry = feed_entry(client)
    assert entry.findtext(f"{ATOM}title") == "Baku\nmeeting"
    assert entry.findtext(f"{ATOM}summary") == "<p>Agreed.</p>"
    url = f"/en/meetings/{meeting.start_date.year}/{meeting.slug}/calendar.ics"
    body = client.get(url).content
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Baku\nmeeting"
    assert str(event["DESCRIPTION"]) == "Agreed."
    assert str(event["LOCATION"]) == "Hilton, Baku"


def test_calendar_describes_a_meeting_with_the_text_its_page_shows(client):
    meeting = MeetingFactory(
        summary_en="<p>First <em>steps</em>.</p><script>alert(1)</script>"
        "<ul><li>Second &amp; last.</li></ul>"
    )
    url = f"/en/meetings/{meeting.start_date.year}/{meeting.slug}/calendar.ics"
    (event,) = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == "First steps.\nSecond & last."
