"""The 8th SOM's page and its three PDFs present the meeting the same way, in both languages.

The page and the documents read one presentation (``meetings.presentation``): the dates, the
local time and UTC offset, the participant groups in their order, an agenda day's items with
their moderators and speakers, and the marker of a text shown in English for want of a
Russian one. Each is asserted here as a reader sees it on the page and in the PDF text.
"""

import datetime
import html
import re

import pytest
from django.utils import translation

from meetings.documents import pdf
from meetings.models import AgendaItem, Attendance, AttendanceCapacity, Meeting
from members.models import Participant
from tests.documents.reading import one_line

pytestmark = pytest.mark.django_db

URL = "/{language}/meetings/2023/8th-som/"

EXPECTED = {
    "en": {
        "dates": "12–13 October 2023",
        "local time": "Local time (Baku, UTC+4)",
        "groups": [
            "Member states",
            "Observers",
            "Prospective members",
            "Secretariat",
            "Invited parties",
        ],
        "moderator": "Moderator:",
        "fallback": "",
    },
    "ru": {
        "dates": "12–13 октября 2023 г.",
        "local time": "Местное время (Баку, UTC+4)",
        "groups": [
            "Государства-члены",
            "Наблюдатели",
            "Потенциальные члены",
            "Секретариат",
            "Приглашённые стороны",
        ],
        "moderator": "Модератор:",
        "fallback": " (доступно только на английском языке)",
    },
}


@pytest.fixture
def eighth_som(record):
    meeting = Meeting.objects.get(start_date=datetime.date(2023, 10, 12), slug="8th-som")
    # A party invited to the meeting, so that every group is listed (the record has none).
    attending = Attendance.objects.filter(meeting=meeting).values("participant")
    invited = Participant.objects.exclude(pk__in=attending).order_by("pk").first()
    Attendance.objects.create(
        meeting=meeting, participant=invited, capacity=AttendanceCapacity.INVITED
    )
    # A text missing in Russian: the first item of the agenda has an English title only.
    first = AgendaItem.objects.filter(meeting=meeting).order_by("day", "start_time").first()
    first.title_ru = ""
    first.save()
    return meeting


def page_text(client, language):
    """The meeting's article as its reader sees it: the words, on one line."""
    response = client.get(URL.format(language=language))
    assert response.status_code == 200
    body = response.content.decode()
    article = body[body.index("<article") : body.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def pdf_texts(meeting, language):
    kinds = pdf.available_documents(meeting)
    assert kinds == [pdf.CONCEPT_NOTE, pdf.AGENDA, pdf.PROTOCOL]
    return {
        kind: tidy(one_line(pdf.render_document(meeting, kind, language=language)))
        for kind in kinds
    }


def tidy(text):
    """The page's text and the PDF's, compared with the same spacing around punctuation."""
    return re.sub(r"\s+([,;:)])", r"\1", text)


def in_order(text, phrases):
    """Whether every phrase is in ``text``, one after another."""
    position = 0
    for phrase in phrases:
        position = text.find(phrase, position)
        if position < 0:
            return False
        position += len(phrase)
    return True


def speaker_line(speaker):
    """Name, position, organisation — topic: how a speaker reads wherever the agenda is."""
    person = speaker.person
    if person is None:
        return speaker.label
    line = ", ".join(part for part in (person.name, person.position, person.organisation) if part)
    return f"{line} — {speaker.label}" if speaker.label else line


def first_day(meeting, expected):
    """What the first day of the agenda says, in order: items, moderators and speakers."""
    items = AgendaItem.objects.filter(meeting=meeting, day=meeting.start_date)
    phrases = []
    for item in items.order_by("start_time").prefetch_related("speakers__person"):
        title = item.title
        if not item.title_ru:
            title += expected["fallback"]
        phrases.append(title)
        speakers = sorted(item.speakers.all(), key=lambda s: (s.role != "moderator", s.order))
        for speaker in speakers:
            if speaker.role == "moderator":
                phrases.append(expected["moderator"])
            phrases.append(speaker_line(speaker))
    return phrases


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_page_and_its_pdfs_present_the_meeting_alike(client, eighth_som, language):
    expected = EXPECTED[language]
    page = tidy(page_text(client, language))
    documents = pdf_texts(eighth_som, language)

    # The dates, at the head of the page and of every document.
    assert expected["dates"] in page
    for text in documents.values():
        assert expected["dates"] in text

    # The local time and its offset from UTC, over the agenda wherever it is printed.
    assert expected["local time"] in page
    assert expected["local time"] in documents[pdf.AGENDA]
    assert expected["local time"] in documents[pdf.CONCEPT_NOTE]

    # The participant groups, in one order.
    participants = page[page.index(expected["groups"][0]) :]
    assert in_order(participants, expected["groups"])
    assert in_order(documents[pdf.PROTOCOL], expected["groups"])

    # The first day of the agenda: each item, its moderators and speakers, in order.
    with translation.override(language):
        day = first_day(eighth_som, expected)
    assert len(day) > 10
    assert in_order(page, day)
    assert in_order(documents[pdf.AGENDA], day)
    assert in_order(documents[pdf.CONCEPT_NOTE], day)


def test_a_text_missing_in_russian_is_marked_alike(client, eighth_som):
    first = AgendaItem.objects.filter(meeting=eighth_som).order_by("day", "start_time").first()
    marked = f"{first.title_en} (доступно только на английском языке)"

    assert marked in page_text(client, "ru")
    documents = pdf_texts(eighth_som, "ru")
    assert marked in documents[pdf.AGENDA]
    assert marked in documents[pdf.CONCEPT_NOTE]
    # In English nothing falls back, so nothing is marked.
    assert "English only" not in page_text(client, "en")
