"""Search: words in titles, concept notes, agenda items and speakers, either language, any case."""

import re

import pytest

from meetings.models import Meeting
from meetings.search import search_meetings
from tests.factories import (
    AgendaItemFactory,
    ConceptNoteSectionFactory,
    MeetingFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


def found(query):
    return set(search_meetings(Meeting.objects.all(), query).values_list("slug", flat=True))


@pytest.fixture
def meetings():
    baku = MeetingFactory(slug="baku", title_en="Meeting in Baku", title_ru="Совещание в Баку")
    other = MeetingFactory(
        slug="other",
        title_en="Online consultation",
        title_ru="Онлайн-консультация",
        city_en="Tashkent",
        city_ru="Ташкент",
    )
    ConceptNoteSectionFactory(meeting=other, body_ru="<p>Глобальный форум по делам БЕЖЕНЦЕВ</p>")
    item = AgendaItemFactory(meeting=baku, title_en="Remittances", title_ru="Денежные переводы")
    SpeakerFactory(
        agenda_item=item, person__name_en="Anna Prokhorova", person__name_ru="Анна Прохорова"
    )
    return baku, other


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("баку", {"baku"}),
        ("БАКУ", {"baku"}),
        ("bAkU", {"baku"}),
        ("беженцев", {"other"}),  # stored upper-case in a concept note
        ("Форум", {"other"}),
        ("ДЕНЕЖНЫЕ", {"baku"}),  # an agenda item
        ("remittances", {"baku"}),
        ("прохорова", {"baku"}),  # a speaker, in Russian
        ("PROKHOROVA", {"baku"}),  # the same speaker, in English
        ("анна баку", {"baku"}),  # every word must match somewhere
        ("анна ташкент", set()),
        ("nothing-like-this", set()),
    ],
)
def test_search_finds_words_case_insensitively(meetings, query, expected):
    assert found(query) == expected


def test_archive_search_in_russian(client, meetings):
    body = client.get("/ru/meetings/", {"q": "ПРОХОРОВА"}).content.decode()
    assert re.findall(r'class="meeting-card__title"><a href="([^"]+)"', body) == [
        "/ru/meetings/2023/baku/"
    ]
    assert "По запросу «ПРОХОРОВА» найдено 1 мероприятие" in body


def test_search_on_the_record(client, record):
    body = client.get("/en/meetings/", {"q": "прохорова"}).content.decode()
    assert re.findall(r'class="meeting-card__title"><a href="([^"]+)"', body) == [
        "/en/meetings/2023/8th-som/"
    ]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Guterres asylum", "ministerial-conference"),  # a speaker and what he said
        ("ГУТЕРРИШ убежищу", "ministerial-conference"),
        ("UNAMA", "senior-officials-meeting"),  # a speaker known by a description only
        ("Ильхам", "8th-som"),
    ],
)
def test_search_finds_what_was_said(client, record, query, slug):
    body = client.get("/en/meetings/", {"q": query}).content.decode()
    assert [
        url.split("/")[-2]
        for url in re.findall(r'class="meeting-card__title"><a href="([^"]+)"', body)
    ] == [slug]
