"""A meeting's concept note, agenda and outcome protocol as A4 PDF documents.

Each document is an HTML template (``templates/meetings/pdf/``) rendered in the document's
language and printed by WeasyPrint, which may load nothing but our own static and media
files (``meetings.documents.fetcher``). ``document_html`` and ``html_to_pdf`` are separate so
``meetings.documents.store`` can tell a document's version from its HTML before printing it.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from almaty_portal.text import printable
from almaty_portal.translation_status import shown_language
from meetings.models import DocumentKind, OutcomeProtocol, Statement
from meetings.presentation import (
    agenda_of,
    meeting_dates,
    participants_of,
    utc_offset,
    working_languages,
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
            "facts": _facts(meeting),
            "title_lang": shown_language(meeting, "title"),
            "css": _css_strings(document),
        }
        if kind == CONCEPT_NOTE:
            context["sections"] = meeting.concept_note_sections.all()
        if kind in (CONCEPT_NOTE, AGENDA):
            context["agenda_days"] = agenda_of(meeting)
        if kind == PROTOCOL:
            context.update(_protocol(meeting))
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
            "text_document": document,
            "title_lang": shown_language(document, "title"),
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


def _facts(meeting):
    """The rows of the table of facts at the head of every document."""
    several_days = meeting.end_date != meeting.start_date
    rows = [
        (
            _("Dates") if several_days else _("Date"),
            meeting_dates(meeting),
        )
    ]
    if meeting.start_time:
        rows.append(
            (
                _("Opening"),
                _("%(time)s local time (%(offset)s)")
                % {
                    "time": formats.time_format(meeting.start_time, "TIME_FORMAT"),
                    "offset": utc_offset(meeting, meeting.start_date),
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
        rows.append((_("Working languages"), working_languages(meeting)))
    return rows


def _protocol(meeting):
    protocol = OutcomeProtocol.objects.get(meeting=meeting)
    signed = None
    if protocol.signed_on:
        signed = formats.date_format(protocol.signed_on, "DATE_FORMAT")
    statements = Statement.objects.filter(meeting=meeting).select_related("person")
    return {
        "protocol": protocol,
        "statements": list(statements.order_by("order", "pk")),
        "signed_on": signed,
        "decisions": list(meeting.decisions.all()),
        "participants": participants_of(meeting),
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
