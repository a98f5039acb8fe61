"""What an editor types is data in every output.

Every reader-facing text field of every model of the record (each translated field, in both
languages) is filled with hostile markup — script tags, event handlers, ``javascript:`` and
``data:`` URLs, ``srcdoc``, SVG with handlers, CSS ``url()``, a quote that breaks out of an
attribute, spreadsheet formulae, control characters, an unterminated tag — around a planted
plain word of its own. Then every output is read as its consumer reads it
(``tests/security/readers.py``): nothing may run, every planted word is still shown as text,
nothing answers 500. The public outputs are read anonymously, the admin as an editor.

A new output is one more ``Output`` in ``public_outputs`` (or ``staff_outputs``), with the
reader of its format; a new text field of the record is filled without any change here.
"""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import icalendar
import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from modeltranslation.translator import NotRegistered, translator

from almaty_portal.record import record_models
from almaty_portal.text import printable
from chairmanship.models import ChairmanshipTerm
from meetings.calendar import render_calendar
from meetings.feeds import MeetingFeed
from meetings.models import (
    AgendaItemKind,
    Meeting,
    MeetingDocument,
    MeetingKind,
    MeetingStatus,
    SpeakerRole,
    Statement,
    StatementKind,
)
from members.models import MembershipStatus, ParticipantKind
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ConceptNoteSectionFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OutcomeProtocolFactory,
    ParticipantFactory,
    PersonFactory,
    SpeakerFactory,
    StaffFactory,
)
from tests.security.hostile import CONTROL, FORMULAE, MARKUP, UNTERMINATED
from tests.security.readers import (
    read_atom,
    read_calendar,
    read_html,
    read_json,
    read_pdf,
    read_sitemap,
    read_zip,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ru")


def translated_fields(model):
    try:
        return translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()


def label(model, name):
    return f"{model.__name__}.{name}"


# Text fields of the record that are not translated, with why they cannot hold markup.
NOT_FREE_TEXT = {
    "Participant.code": "three to ten capital letters and digits (validated)",
    "Meeting.slug": "a slug (validated)",
    "MeetingDocument.url": "an address (Django's URLField: http, https, ftp or ftps only)",
}


def free_text_fields(model):
    """The model's text fields an editor types freely and a reader sees (translated ones)."""
    return sorted(translated_fields(model))


def planted_words():
    """``{(label, language): word}``: one plain word per text field and language."""
    words = {}
    number = itertools.count(1)
    for model in record_models():
        for name in free_text_fields(model):
            n = next(number)
            words[label(model, name), "en"] = f"plant{n:02d}"
            words[label(model, name), "ru"] = f"метка{n:02d}"
    return words


WORDS = planted_words()


def hostile(word, max_length, turn):
    """A formula, the planted word, as much markup as fits, control characters, a loose tag.

    ``turn`` rotates which markup comes first, so that short fields between them carry all.
    """
    formula = FORMULAE[turn % len(FORMULAE)]
    start = turn % len(MARKUP)
    markup = MARKUP[start:] + MARKUP[:start]
    value = f"{formula} {word} {CONTROL}"
    room = (max_length or 10_000) - len(value) - len(UNTERMINATED) - 1
    for piece in markup:
        if len(piece) + 1 > room:
            continue
        value += piece + " "
        room -= len(piece) + 1
    return value + UNTERMINATED


# Text whose presence decides what a row is: filled only where the row already has it.
KIND_DECIDING = {(MeetingDocument, "body")}


def fill_with_hostile_text(instances):
    """Every free text field of every instance, in both languages, made hostile."""
    turns = itertools.count()
    for instance in instances:
        model = type(instance)
        for name in free_text_fields(model):
            if (model, name) in KIND_DECIDING and not getattr(instance, name):
                continue  # an empty body is what makes a document a file or a link
            max_length = model._meta.get_field(name).max_length
            for language in LANGUAGES:
                value = hostile(WORDS[label(model, name), language], max_length, next(turns))
                setattr(instance, f"{name}_{language}", value)
        instance.save()


# A minimal PDF is enough: documents are linked, not read, by the pages.
PDF = b"%PDF-1.7\n%%EOF\n"


@dataclass
class Record:
    meeting: object
    side_event: object
    draft: object
    state: object
    organisation: object
    text: object


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Addresses are built in English: a request's language otherwise outlives the request."""
    with translation.override("en"):
        yield


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def hostile_record(media_root):
    """A record with one of everything a reader can see, every text of it hostile."""
    today = timezone.localdate()
    state = ParticipantFactory(code="HST", kind=ParticipantKind.STATE)
    organisation = ParticipantFactory(code="HORG", kind=ParticipantKind.ORGANISATION)
    MembershipFactory(participant=state, status=MembershipStatus.MEMBER)
    MembershipFactory(participant=organisation, status=MembershipStatus.OBSERVER)
    ChairmanshipTerm.objects.create(
        participant=state, start_date=datetime.date(2023, 1, 1), end_date=None
    )
    meeting = MeetingFactory(
        slug="hostile",
        start_date=datetime.date(2023, 10, 12),
        end_date=datetime.date(2023, 10, 13),
        host=state,
        kind=MeetingKind.SENIOR_OFFICIALS,
    )
    side_event = MeetingFactory(
        slug="hostile-side-event",
        start_date=meeting.start_date,
        parent=meeting,
        kind=MeetingKind.SIDE_EVENT,
    )
    MeetingFactory(slug="hostile-next", start_date=today + datetime.timedelta(days=30))
    draft = MeetingFactory(
        slug="hostile-draft", start_date=datetime.date(2024, 5, 1), status=MeetingStatus.DRAFT
    )
    ConceptNoteSectionFactory(meeting=meeting)
    session = AgendaItemFactory(meeting=meeting)
    AgendaItemFactory(
        meeting=meeting,
        kind=AgendaItemKind.BREAK,
        start_time=datetime.time(11),
        end_time=datetime.time(11, 30),
    )
    AgendaItemFactory(meeting=meeting, day=meeting.end_date)
    person = PersonFactory()
    SpeakerFactory(agenda_item=session, person=person)
    SpeakerFactory(agenda_item=session, person=None, role=SpeakerRole.MODERATOR, label_en="x")
    Statement.objects.create(meeting=meeting, person=person, kind=StatementKind.OPENING)
    AttendanceFactory(meeting=meeting, participant=state)
    AttendanceFactory(meeting=meeting, participant=organisation, capacity="observer")
    OutcomeProtocolFactory(meeting=meeting)
    DecisionFactory(meeting=meeting)
    DecisionFactory(meeting=meeting)
    MeetingDocument.objects.create(
        meeting=meeting,
        kind="report",
        title_en="x",
        date=meeting.start_date,
        file=ContentFile(PDF, name="report.pdf"),
        status=MeetingStatus.PUBLISHED,
    )
    text = MeetingDocument.objects.create(
        meeting=meeting,
        kind="declaration",
        title_en="x",
        date=meeting.start_date,
        body_en="x",
        status=MeetingStatus.PUBLISHED,
    )
    ConceptNoteSectionFactory(meeting=draft)
    fill_with_hostile_text(
        instance for model in record_models() for instance in model._base_manager.all()
    )
    return Record(meeting, side_event, draft, state, organisation, text)


def test_every_text_field_of_the_record_is_translated_or_has_a_format():
    """Every text field is filled with hostile text here, unless it only takes a format."""
    unclassified = []
    for model in record_models():
        for db_field in model._meta.concrete_fields:
            if not isinstance(db_field, models.CharField | models.TextField):
                continue
            name = db_field.name
            translated = name in translated_fields(model) or hasattr(db_field, "translated_field")
            if translated or db_field.choices or label(model, name) in NOT_FREE_TEXT:
                continue
            unclassified.append(label(model, name))
    assert unclassified == []


def test_the_hostile_record_has_a_row_of_every_model_with_text(hostile_record):
    """Each model with reader-facing text has a row here, so its text reaches the outputs."""
    empty = [
        model.__name__
        for model in record_models()
        if free_text_fields(model) and not model._base_manager.exists()
    ]
    assert empty == []


# --- The outputs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """One thing a reader receives: where, how it is read, and which fields it must show.

    ``shows`` names fields (``"Meeting.title"``) shown in the output's language, or
    ``(field, language)`` pairs for an output that shows both (the admin's forms).
    """

    path: str
    read: Callable
    shows: tuple = ()
    language: str | None = None
    status: int = 200


MEETING_PAGE_FIELDS = (
    "Meeting.title",
    "Meeting.summary",
    "Meeting.venue",
    "Meeting.city",
    "ConceptNoteSection.heading",
    "ConceptNoteSection.body",
    "AgendaItem.title",
    "AgendaItem.description",
    "Person.name",
    "Person.position",
    "Person.organisation",
    "Speaker.label",
    "OutcomeProtocol.summary",
    "Decision.text",
    "MeetingDocument.title",
    "Participant.name",
)
PDF_FIELDS = {
    "concept-note": (
        "Meeting.title",
        "Meeting.venue",
        "Meeting.city",
        "Participant.name",
        "ConceptNoteSection.heading",
        "ConceptNoteSection.body",
        "AgendaItem.title",
        "AgendaItem.description",
        "Person.name",
        "Person.position",
        "Speaker.label",
    ),
    "agenda": ("Meeting.title", "AgendaItem.title", "AgendaItem.description", "Person.name"),
    "protocol": ("Meeting.title", "OutcomeProtocol.summary", "Decision.text", "Participant.name"),
}


# What the API's answer for a meeting shows (and the bulk download with it).
API_FIELDS = (
    "Meeting.title",
    "Meeting.summary",
    "ConceptNoteSection.heading",
    "ConceptNoteSection.body",
    "AgendaItem.title",
    "Decision.text",
)


def public_outputs(record):
    meeting = record.meeting.get_absolute_url()[3:]  # the path after /en
    outputs = [Output("/sitemap.xml", read_sitemap)]
    for language in LANGUAGES:

        def page(path, *shows, read=read_html, status=200, language=language):
            return Output(f"/{language}{path}", read, shows, language, status)

        title_word = WORDS["Meeting.title", language]
        outputs += [
            page("/", "Meeting.title", "Participant.name"),
            page("/meetings/", "Meeting.title", "Meeting.city"),
            page("/meetings/?" + urlencode({"q": title_word}), "Meeting.title"),
            page("/meetings/?" + urlencode({"q": " ".join(MARKUP), "year": "2023"})),
            page("/meetings/?" + urlencode({"year": 2023, "kind": MeetingKind.SIDE_EVENT})),
            page(meeting, *MEETING_PAGE_FIELDS),
            page(record.side_event.get_absolute_url()[3:], "Meeting.title", "Meeting.summary"),
            page("/members/", "Participant.name"),
            page(
                f"/members/{record.state.code}/",
                "Participant.name",
                "Participant.official_name",
                "Participant.description",
                "Membership.source",
                "Meeting.title",
            ),
            page(f"/members/{record.organisation.code}/", "Participant.name"),
            page("/chairmanship/", "Participant.name", "ChairmanshipTerm.priorities"),
            page("/meetings/feed/", "Meeting.title", "Meeting.summary", read=read_atom),
            page(
                "/meetings/calendar.ics",
                "Meeting.title",
                "Meeting.summary",
                "Meeting.venue",
                "Meeting.city",
                read=read_calendar,
            ),
            page(f"{meeting}calendar.ics", "Meeting.title", "Meeting.summary", read=read_calendar),
            page("/documents/", "MeetingDocument.title", "Meeting.title"),
            page(
                f"/documents/{record.text.pk}.pdf",
                "MeetingDocument.title",
                "MeetingDocument.body",
                read=read_pdf,
            ),
            page("/members/NOSUCH/", status=404),
            page("/meetings/2023/" + quote("<script>alert(1)</script>", safe="") + "/", status=404),
            *(
                page(f"{meeting}{kind}.pdf", *fields, read=read_pdf)
                for kind, fields in PDF_FIELDS.items()
            ),
        ]
        # The open data: the API in the language asked for, the bulk download in both.
        api_meeting = "/api/v1/meetings" + meeting.removeprefix("/meetings")
        outputs += [
            Output(f"{api_meeting}?lang={language}", read_json, API_FIELDS, language),
            Output(f"/api/v1/meetings/?lang={language}", read_json, ("Meeting.title",), language),
            Output("/api/v1/record.zip", read_zip, API_FIELDS, language),
        ]
    return outputs


def assert_safe_and_shown(client, outputs):
    """Read every output and check it; return all the text shown, by language."""
    problems, missing, shown = [], [], {language: [] for language in LANGUAGES}
    for output in outputs:
        response = client.get(output.path)
        assert response.status_code == output.status, output.path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        reading = output.read(body)
        problems += [f"{output.path[:80]}: {problem}" for problem in reading.problems]
        text = reading.shown.casefold()  # a PDF may set a heading in capitals
        for language in [output.language] if output.language else LANGUAGES:
            shown[language].append(text)
        for field in output.shows:
            key = field if isinstance(field, tuple) else (field, output.language)
            if WORDS[key].casefold() not in text:
                missing.append(f"{output.path}: {key} ({WORDS[key]})")
    assert problems == [], "\n".join(problems)
    assert missing == [], "\n".join(missing)
    return {language: " ".join(texts) for language, texts in shown.items()}


def unseen_words(shown):
    """The planted words no output showed, in the language they were planted in."""
    return [
        f"{key} ({word})" for key, word in WORDS.items() if word.casefold() not in shown[key[1]]
    ]


def test_public_outputs_show_hostile_text_as_text(client, hostile_record):
    shown = assert_safe_and_shown(client, public_outputs(hostile_record))
    # Every field a reader can see is shown somewhere, in each language.
    assert unseen_words(shown) == []


# --- The admin --------------------------------------------------------------------------------


def staff_outputs(record):
    outputs = [Output(reverse("admin:index"), read_html)]
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        fields = [label(model, name) for name in free_text_fields(model)]
        changelist = reverse(f"{info}_changelist")
        outputs.append(Output(changelist, read_html))
        if model_admin.search_fields:
            # Hostile words in the search box; a planted one, to list the rows it finds.
            queries = [" ".join(MARKUP), *(WORDS[field, "en"] for field in fields[:1])]
            outputs += [Output(f"{changelist}?{urlencode({'q': q})}", read_html) for q in queries]
        for instance in model._default_manager.order_by("pk")[:3]:
            filled = [
                label(model, name)
                for name in free_text_fields(model)
                if (model, name) not in KIND_DECIDING or getattr(instance, name)
            ]
            both = tuple((field, language) for field in filled for language in LANGUAGES)
            change = reverse(f"{info}_change", args=[instance.pk])
            outputs += [
                Output(change, read_html, both),
                Output(reverse(f"{info}_history", args=[instance.pk]), read_html),
                Output(reverse(f"{info}_delete", args=[instance.pk]), read_html),
            ]
    for view in ("publish", "duplicate"):
        outputs.append(
            Output(reverse(f"admin:meetings_meeting_{view}", args=[record.draft.pk]), read_html)
        )
    outputs.append(
        Output(reverse("admin:meetings_meeting_unpublish", args=[record.meeting.pk]), read_html)
    )
    # The secretariat's preview of a draft: its page and its concept note.
    draft = record.draft.get_absolute_url()
    outputs += [
        Output(draft, read_html, ("Meeting.title", "ConceptNoteSection.body"), "en"),
        Output(
            reverse("meetings:concept_note_preview", kwargs={"pk": record.draft.pk}),
            read_pdf,
            ("Meeting.title", "ConceptNoteSection.heading"),
            "en",
        ),
    ]
    return outputs


@pytest.fixture
def editor(client):
    user = StaffFactory(first_name=UNTERMINATED, last_name=MARKUP[1])
    client.force_login(user)
    return user


def test_admin_shows_hostile_text_as_text(client, editor, hostile_record):
    meeting = hostile_record.meeting
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(meeting),
        object_id=str(meeting.pk),
        object_repr=str(meeting)[:200],
        action_flag=CHANGE,
        change_message=" ".join(MARKUP),
    )
    shown = assert_safe_and_shown(client, staff_outputs(hostile_record))
    assert unseen_words(shown) == []

    # Publishing names the meeting in a message on the next page.
    draft = Meeting.objects.get(pk=hostile_record.draft.pk)
    publish = reverse("admin:meetings_meeting_publish", args=[draft.pk])
    reading = read_html(client.post(publish, follow=True).content)
    assert reading.problems == []
    assert f"“{draft.title}” is published." in reading.text


# --- Any text, in the formats that carry it ---------------------------------------------------

PIECES = st.sampled_from((*MARKUP, *FORMULAE, UNTERMINATED, CONTROL, "\r\n", "<p>", "&amp;"))
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)
EDITOR_TEXT = st.lists(st.one_of(PIECES, ANY_TEXT), max_size=5).map(" ".join)


def as_xml_reads_it(text):
    """XML parsers read every line break as a line feed."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=EDITOR_TEXT, summary=EDITOR_TEXT, venue=EDITOR_TEXT)
def test_feed_and_calendar_carry_any_text_as_text(rf, title, summary, venue):
    with transaction.atomic():
        meeting = MeetingFactory(
            title_en=title[:250], summary_en=summary, venue_en=venue[:250], city_en=""
        )
        feed = MeetingFeed()(rf.get("/en/meetings/feed/")).content
        calendar = render_calendar(
            [meeting], language="en", absolute_url=lambda path: f"https://example.org{path}"
        )
        transaction.set_rollback(True)
    reading = read_atom(feed)
    assert reading.problems == []
    title_text = as_xml_reads_it(printable(meeting.title_en))
    assert reading.text[2] == title_text  # the feed's title, subtitle, then the entry's
    calendar_reading = read_calendar(calendar)
    assert calendar_reading.problems == []
    (event,) = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    assert str(event["SUMMARY"]) == printable(meeting.title_en).replace("\r\n", "\n")
