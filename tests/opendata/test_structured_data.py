"""schema.org JSON-LD in the pages: an Event per meeting page, an Organization on the home page."""

import datetime
import json
import re

import pytest

from meetings.models import MeetingFormat, MeetingStatus, SpeakerRole
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response):
    """The page's one JSON-LD block, parsed."""
    assert response.status_code == 200
    (block,) = BLOCK.findall(response.content.decode())
    return json.loads(block)


@pytest.fixture
def som():
    meeting = MeetingFactory(
        title_en="8th Senior Officials' Meeting",
        title_ru="8-е совещание старших должностных лиц",
        slug="8th-som",
        start_date=datetime.date(2023, 10, 12),
        end_date=datetime.date(2023, 10, 13),
        time_zone="Asia/Baku",
        venue_en="Hilton Hotel",
        venue_ru="Отель «Хилтон»",
        host=ParticipantFactory(code="AZE", name_en="Azerbaijan", name_ru="Азербайджан"),
        summary_en="Senior officials met in Baku.",
    )
    opening = AgendaItemFactory(
        meeting=meeting,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(10, 0),
        title_en="Welcoming remarks",
        title_ru="Приветственные выступления",
    )
    SpeakerFactory(
        agenda_item=opening,
        person=PersonFactory(name_en="Vusal Huseynov", name_ru="Вусал Гусейнов"),
    )
    SpeakerFactory(agenda_item=opening, role=SpeakerRole.MODERATOR)
    AgendaItemFactory(
        meeting=meeting,
        day=datetime.date(2023, 10, 13),
        start_time=datetime.time(16, 0),
        end_time=datetime.time(17, 30),
        title_en="Closing",
        title_ru="Закрытие",
    )
    return meeting


def test_a_meeting_page_is_a_schema_org_event_with_its_offset(client, som):
    event = json_ld(client.get("/en/meetings/2023/8th-som/"))

    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == "8th Senior Officials' Meeting"
    assert event["url"] == "http://testserver/en/meetings/2023/8th-som/"
    assert event["startDate"] == "2023-10-12T09:30:00+04:00"
    assert event["endDate"] == "2023-10-13T17:30:00+04:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"] == {
        "@type": "Place",
        "name": "Hilton Hotel",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Baku",
            "addressCountry": "Azerbaijan",
        },
    }
    assert event["organizer"]["@type"] == "Organization"
    assert event["inLanguage"] == ["en", "ru"]
    assert event["description"] == "Senior officials met in Baku."
    assert [sub["name"] for sub in event["subEvent"]] == ["Welcoming remarks", "Closing"]
    assert event["subEvent"][0]["startDate"] == "2023-10-12T09:30:00+04:00"
    assert event["subEvent"][0]["performer"] == [
        {"@type": "Person", "name": "Vusal Huseynov", "jobTitle": "Head of Department"}
    ]


def test_the_russian_page_describes_the_event_in_russian(client, som):
    event = json_ld(client.get("/ru/meetings/2023/8th-som/"))

    assert event["name"] == "8-е совещание старших должностных лиц"
    assert event["location"]["name"] == "Отель «Хилтон»"
    assert event["location"]["address"]["addressCountry"] == "Азербайджан"
    assert event["subEvent"][1]["name"] == "Закрытие"
    assert event["organizer"]["name"] == (
        "Алматинский процесс по защите беженцев и международной миграции"
    )


def test_a_meeting_without_times_gives_dates(client):
    MeetingFactory(slug="no-times", format=MeetingFormat.ONLINE)

    event = json_ld(client.get("/en/meetings/2023/no-times/"))

    assert event["startDate"] == event["endDate"] == "2023-10-12"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {
        "@type": "VirtualLocation",
        "url": "http://testserver/en/meetings/2023/no-times/",
    }
    assert "subEvent" not in event


def test_a_hybrid_meeting_is_both_in_a_place_and_online(client):
    MeetingFactory(slug="hybrid", format=MeetingFormat.HYBRID)

    event = json_ld(client.get("/en/meetings/2023/hybrid/"))

    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in event["location"]] == ["Place", "VirtualLocation"]


def test_markup_in_a_title_cannot_end_the_script_block(client):
    title = "</script><script>alert(1)</script> & <!-- R&D"
    MeetingFactory(slug="tricky", title_en=title)

    page = client.get("/en/meetings/2023/tricky/").content.decode()
    (block,) = BLOCK.findall(page)

    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003C/script\\u003E" in block
    assert json.loads(block)["name"] == title


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "Almaty Process on Refugee Protection and International Migration"),
        ("ru", "Алматинский процесс по защите беженцев и международной миграции"),
    ],
)
def test_the_home_page_is_an_organization(client, language, name):
    organization = json_ld(client.get(f"/{language}/"))

    assert organization == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": name,
        "alternateName": "Almaty Process" if language == "en" else "Алматинский процесс",
        "url": f"http://testserver/{language}/",
        "logo": "http://testserver/static/img/emblem.svg",
        "foundingDate": "2013",
    }


def test_a_staff_preview_of_a_draft_carries_no_event(staff_client):
    MeetingFactory(slug="draft", status=MeetingStatus.DRAFT, title_en="Secret draft")

    page = staff_client.get("/en/meetings/2023/draft/").content.decode()

    assert "application/ld+json" not in page


def test_a_draft_side_event_is_not_in_its_main_meetings_event(client, som):
    MeetingFactory(slug="side", kind="side_event", parent=som, status=MeetingStatus.DRAFT)
    published_side = MeetingFactory(slug="pub-side", kind="side_event", parent=som)

    event = json_ld(client.get(published_side.get_absolute_url()))

    assert event["superEvent"]["name"] == "8th Senior Officials' Meeting"
    assert "Secret" not in json.dumps(json_ld(client.get("/en/meetings/2023/8th-som/")))
