"""A meeting's concept note, agenda and outcome protocol as A4 PDF documents.

Each document is an HTML template (``templates/meetings/pdf/``) rendered in the document's
language and printed by WeasyPrint, which may load nothing but our own static and media
files (``meetings.documents.fetcher``). ``document_html`` and ``html_to_pdf`` are separate so
``meetings.documents.store`` can tell a document's version from its HTML before printing it.
"""

import datetime
import itertools
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, npgettext, pgettext

from almaty_portal.text import clean_html, printable
from meetings.models import (
    AgendaItemKind,
    Attendance,
    AttendanceCapacity,
    DocumentKind,
    OutcomeProtocol,
    Speaker,
    SpeakerRole,
    Statement,
)

# Part of every document's version key: raise it when a change outside the templates (the
# fonts, this module's output) changes how documents look.
RENDERER_VERSION = "1"

CONCEPT_NOTE = "concept-note"
AGENDA = "agenda"
PROTOCOL = "protocol"


@dataclass(frozen=True)
class DocumentType:
    slug: str
    template: str
    label: str = field(compare=False)


DOCUMENT_TYPES = {
    CONCEPT_NOTE: DocumentType(
        CONCEPT_NOTE, "meetings/pdf/concept_note.html", DocumentKind.CONCEPT_NOTE.label
    ),
    AGENDA: DocumentType(AGENDA, "meetings/pdf/agenda.html", DocumentKind.AGENDA.label),
    PROTOCOL: DocumentType(PROTOCOL, "meetings/pdf/protocol.html", DocumentKind.PROTOCOL.label),
}

EN_DASH = "\N{EN DASH}"

PROCESS_NAME = gettext_lazy("Almaty Process on Refugee Protection and International Migration")


def available_documents(meeting):
    """The document types this meeting can be printed as, in the order a reader wants them."""
    kinds = [CONCEPT_NOTE]
    if meeting.agenda_items.exists():
        kinds.append(AGENDA)
    if OutcomeProtocol.objects.filter(meeting=meeting).exists():
        kinds.append(PROTOCOL)
    return kinds


def render_concept_note(meeting, *, language, url_fetcher=None) -> bytes:
    """The concept note: the meeting's facts, its sections and the draft agenda."""
    return render_document(meeting, CONCEPT_NOTE, language=language, url_fetcher=url_fetcher)


def render_agenda(meeting, *, language, url_fetcher=None) -> bytes:
    """The agenda: the timetable, day by day, with moderators and speakers."""
    return render_document(meeting, AGENDA, language=language, url_fetcher=url_fetcher)


def render_protocol(meeting, *, language, url_fetcher=None) -> bytes:
    """The outcome protocol: its summary and numbered decisions (the meeting must have one)."""
    return render_document(meeting, PROTOCOL, language=language, url_fetcher=url_fetcher)


def render_document(meeting, kind, *, language, url_fetcher=None) -> bytes:
    return html_to_pdf(document_html(meeting, kind, language=language), url_fetcher=url_fetcher)


def document_html(meeting, kind, *, language) -> str:
    """The HTML of one document in ``language``; a draft meeting's is marked as a draft."""
    document = DOCUMENT_TYPES[kind]
    with translation.override(language):
        context = {
            "meeting": meeting,
            "heading": meeting.title,
            "document": document,
            "language": language,
            "process_name": PROCESS_NAME,
            "draft": not meeting.is_published,
            "facts": _facts(meeting, language),
            "title_lang": _language_of(meeting, "title", language),
            "css": _css_strings(document),
        }
        if kind == CONCEPT_NOTE:
            context["sections"] = _sections(meeting, language)
        if kind in (CONCEPT_NOTE, AGENDA):
            context["agenda_days"] = _agenda_days(meeting, language)
            context["time_note"] = _time_note(meeting)
        if kind == PROTOCOL:
            context.update(_protocol(meeting, language))
        # A control character prints as a missing glyph and spoils the text a reader
        # extracts from the whole document, so none reaches the printer.
        return printable(render_to_string(document.template, context))


TEXT_TEMPLATE = "meetings/pdf/text_document.html"


def text_document_html(document, *, language) -> str:
    """The HTML of a text held in the record (a ``MeetingDocument`` with a body) in ``language``."""
    with translation.override(language):
        kind = DocumentType("text", TEXT_TEMPLATE, document.get_kind_display())
        rows = [(pgettext("date of a document", "Date"), document.date_display)]
        meeting = document.meeting
        if meeting is not None:
            rows.append((pgettext("document of a meeting", "Meeting"), meeting.title))
        context = {
            "meeting": meeting,
            "heading": document.title,
            "document": kind,
            "language": language,
            "process_name": PROCESS_NAME,
            "draft": not document.is_published,
            "facts": rows,
            "title_lang": _language_of(document, "title", language),
            "body": clean_html(document.body),
            "body_lang": _language_of(document, "body", language),
            "css": _css_strings(kind),
        }
        return printable(render_to_string(TEXT_TEMPLATE, context))


def render_text_document(document, *, language, url_fetcher=None) -> bytes:
    """A text held in the record, printed as an A4 PDF like the concept note."""
    return html_to_pdf(text_document_html(document, language=language), url_fetcher=url_fetcher)


def text_download_name(document, language):
    """``almaty-process-document-1-ru.pdf``."""
    return f"almaty-process-document-{document.pk}-{language}.pdf"


def html_to_pdf(html, *, url_fetcher=None) -> bytes:
    """Print ``html`` as a tagged PDF (PDF/UA-1); only our own files may be loaded."""
    from weasyprint import HTML

    from meetings.documents.fetcher import BASE_URL, RestrictedURLFetcher

    fetcher = url_fetcher or RestrictedURLFetcher()
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def download_name(meeting, kind, language):
    """``almaty-process-8th-som-2023-agenda-ru.pdf``: what the file is called on disk."""
    year = str(meeting.start_date.year)
    name = meeting.slug if year in meeting.slug else f"{meeting.slug}-{year}"
    return f"almaty-process-{name}-{kind}-{language}.pdf"


# --- Content --------------------------------------------------------------------------------


def _language_of(instance, field_name, language):
    """The language a translated field is shown in: ``language``, or English as fallback."""
    if getattr(instance, f"{field_name}_{language}", None):
        return language
    return "en"


def _date_range(start, end):
    if start == end:
        return formats.date_format(start, "DATE_FORMAT")
    if (start.year, start.month) == (end.year, end.month):
        return formats.date_format(start, "j") + EN_DASH + formats.date_format(end, "DATE_FORMAT")
    if start.year == end.year:
        return (
            formats.date_format(start, "MONTH_DAY_FORMAT")
            + f" {EN_DASH} "
            + formats.date_format(end, "DATE_FORMAT")
        )
    return (
        formats.date_format(start, "DATE_FORMAT")
        + f" {EN_DASH} "
        + formats.date_format(end, "DATE_FORMAT")
    )


def _utc_offset(meeting, day):
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=meeting.tzinfo)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\N{MINUS SIGN}"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _time_note(meeting):
    if meeting.city:
        return _("All times are local time in %(city)s (%(offset)s).") % {
            "city": meeting.city,
            "offset": _utc_offset(meeting, meeting.start_date),
        }
    return _("All times are local time (%(offset)s).") % {
        "offset": _utc_offset(meeting, meeting.start_date)
    }


def _facts(meeting, language):
    """The rows of the table of facts at the head of every document."""
    several_days = meeting.end_date != meeting.start_date
    rows = [
        (
            _("Dates") if several_days else _("Date"),
            _date_range(meeting.start_date, meeting.end_date),
        )
    ]
    if meeting.start_time:
        rows.append(
            (
                _("Opening"),
                _("%(time)s local time (%(offset)s)")
                % {
                    "time": formats.time_format(meeting.start_time, "TIME_FORMAT"),
                    "offset": _utc_offset(meeting, meeting.start_date),
                },
            )
        )
    place = ", ".join(part for part in (meeting.venue, meeting.city) if part)
    if place:
        rows.append((_("Venue"), place))
    if meeting.host_id:
        rows.append((_("Host"), meeting.host.name))
    term = meeting.chair_term
    if term is not None:
        rows.append((pgettext("chair of the process", "Chair"), term.participant.name))
    rows.append((_("Format"), meeting.get_format_display()))
    if meeting.working_languages:
        names = [str(name) for name in meeting.get_working_languages_display()]
        if language == "ru":
            # Russian writes the names of languages in lower case inside a list.
            names = names[:1] + [name[:1].lower() + name[1:] for name in names[1:]]
        rows.append((_("Working languages"), ", ".join(names)))
    return rows


def _sections(meeting, language):
    return [
        {
            "heading": section.heading,
            "heading_lang": _language_of(section, "heading", language),
            "body": clean_html(section.body),
            "body_lang": _language_of(section, "body", language),
        }
        for section in meeting.concept_note_sections.all()
    ]


@dataclass
class AgendaRow:
    item: object
    lang: str
    description: str
    moderators: list
    speakers: list

    @property
    def is_pause(self):
        return self.item.kind in (AgendaItemKind.BREAK, AgendaItemKind.MEAL)

    @property
    def moderators_label(self):
        # Translators: the label before the names of an agenda item's moderators
        return npgettext("agenda label", "Moderator", "Moderators", len(self.moderators))

    @property
    def speakers_label(self):
        # Translators: the label before the names of those who speak at an agenda item
        return npgettext("agenda label", "Speaker", "Speakers", len(self.speakers))


def _speaker_line(speaker):
    """Name, position, organisation — description: as the meeting page shows a speaker."""
    person = speaker.person
    if person is None:
        return {"name": "", "details": speaker.label, "topic": ""}
    details = ", ".join(part for part in (person.position, person.organisation) if part)
    return {"name": person.name, "details": details, "topic": speaker.label}


def _agenda_days(meeting, language):
    items = meeting.agenda_items.prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.select_related("person"))
    )
    days = []
    for day, day_items in itertools.groupby(items, key=lambda item: item.day):
        rows = []
        for item in day_items:
            people = list(item.speakers.all())
            rows.append(
                AgendaRow(
                    item=item,
                    lang=_language_of(item, "title", language),
                    description=clean_html(item.description),
                    moderators=[
                        _speaker_line(s) for s in people if s.role == SpeakerRole.MODERATOR
                    ],
                    speakers=[_speaker_line(s) for s in people if s.role == SpeakerRole.SPEAKER],
                )
            )
        # Translators: the heading of one day of an agenda, as a Django date format
        heading = formats.date_format(day, pgettext("agenda day", "l, j F Y"))
        days.append({"day": day, "heading": heading, "rows": rows})
    return days


def _protocol(meeting, language):
    protocol = OutcomeProtocol.objects.get(meeting=meeting)
    attendances = Attendance.objects.filter(meeting=meeting).select_related("participant")
    by_capacity = {}
    for attendance in attendances:
        by_capacity.setdefault(attendance.capacity, []).append(attendance.participant.name)
    participants = [
        {"label": label, "names": sorted(by_capacity[value])}
        for value, label in (
            (AttendanceCapacity.MEMBER, _("Member states")),
            (AttendanceCapacity.OBSERVER, _("Observers")),
            (AttendanceCapacity.PROSPECTIVE, _("Prospective members")),
            (AttendanceCapacity.INVITED, _("Invited parties")),
            (AttendanceCapacity.SECRETARIAT, _("Secretariat")),
        )
        if value in by_capacity
    ]
    signed = None
    if protocol.signed_on:
        signed = formats.date_format(protocol.signed_on, "DATE_FORMAT")
    statements = [
        {
            "speaker": _speaker_line(statement),
            "kind": statement.get_kind_display(),
            "summary": clean_html(statement.summary),
            "summary_lang": _language_of(statement, "summary", language),
        }
        for statement in Statement.objects.filter(meeting=meeting)
        .select_related("person")
        .order_by("order", "pk")
    ]
    return {
        "protocol": protocol,
        "statements": statements,
        "signed_on": signed,
        "summary": clean_html(protocol.summary),
        "decisions": list(meeting.decisions.all()),
        "participants": participants,
    }


# --- Print stylesheet strings ---------------------------------------------------------------


def css_string(value):
    """``value`` as a quoted CSS string, safe inside a <style> element."""
    escaped = (
        str(value)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\a ")
        .replace("<", "\\3c ")
        .replace(">", "\\3e ")
    )
    return f'"{escaped}"'


def css_content(message, **counters):
    """A translated message with CSS counters in it, as a value of the ``content`` property.

    ``css_content(_("Page %(page)s of %(pages)s"), page="page", pages="pages")`` gives
    ``"Page " counter(page) " of " counter(pages)`` in English and the same words in their
    Russian order in Russian, so translators see one whole sentence.
    """
    marker = "\x00"
    text = message % {name: f"{marker}{name}{marker}" for name in counters}
    parts = []
    for index, piece in enumerate(text.split(marker)):
        if index % 2:
            parts.append(f"counter({counters[piece]})")
        elif piece:
            parts.append(css_string(piece))
    return mark_safe(" ".join(parts))  # noqa: S308 - every literal went through css_string


def _css_strings(document):
    return {
        "page_of": css_content(_("Page %(page)s of %(pages)s"), page="page", pages="pages"),
        "document": mark_safe(css_string(document.label)),  # noqa: S308 - escaped for CSS
        "draft": mark_safe(css_string(_("Draft — not for distribution"))),  # noqa: S308
    }
