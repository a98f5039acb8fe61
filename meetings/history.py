"""The history of the process as timelines: chair terms with the meetings held under them.

The chairmanship page (``meetings.views.ChairmanshipView``) and the one-page PDF of the
membership and the chairmanship read the terms' meetings from here; the drawing itself is
measured by ``members.timeline``. The PDF is printed by ``meetings.documents.pdf.html_to_pdf`` with
the documents' fonts and restricted fetcher.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from almaty_portal.periods import format_date_range
from chairmanship.models import ChairmanshipTerm, presiding_among
from meetings.documents.pdf import PROCESS_NAME, html_to_pdf
from meetings.documents.store import version_key
from meetings.models import Meeting
from members import timeline
from members.models import Membership, Participant

PDF_TTL = 60 * 60 * 24
TITLE = gettext_lazy("Membership and chairmanship of the Almaty Process")


def main_meetings():
    """The published meetings a chair presides over (side events belong to their meeting)."""
    meetings = Meeting.objects.published().filter(parent__isnull=True).order_by("start_date")
    # What a term's entry and the timeline show of each: its title, dates and address.
    return meetings.only("slug", "start_date", "end_date", "title_en", "title_ru")


# A term's entry (and its timeline) shows its latest meetings only: the record holds a few
# per term, and a record of thousands would make the page and the PDF megabytes long.
MEETINGS_PER_TERM = 20


@dataclass
class TermMeetings:
    """The meetings a term's entry shows (its latest, by date) and how many earlier ones."""

    shown: list
    earlier: int = 0


def latest(meetings):
    return TermMeetings(meetings[-MEETINGS_PER_TERM:], max(0, len(meetings) - MEETINGS_PER_TERM))


def meetings_by_term(terms, meetings):
    """``({term.pk: TermMeetings}, [timeline.Event, ...])`` for terms already loaded.

    ``meetings`` in date order; the timeline marks the meetings the entries show (and as
    many of those held under no recorded term).
    """
    grouped = {term.pk: [] for term in terms}
    outside = []
    for meeting in meetings:
        term = presiding_among(terms, meeting.start_date)
        (grouped[term.pk] if term is not None else outside).append(meeting)
    by_term = {pk: latest(held) for pk, held in grouped.items()}
    marked = [m for held in by_term.values() for m in held.shown] + latest(outside).shown
    events = [
        timeline.Event(
            meeting.start_date,
            f"{meeting.title}, {format_date_range(meeting.start_date, meeting.end_date)}",
            meeting.get_absolute_url(),
        )
        for meeting in sorted(marked, key=lambda meeting: meeting.start_date)
    ]
    return by_term, events


def history_html(*, language, today=None) -> str:
    """The page of both timelines, in ``language``, as of ``today``."""
    today = today or timezone.localdate()
    participants = list(
        Participant.objects.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.order_by("start_date"))
        )
    )
    terms = list(ChairmanshipTerm.objects.select_related("participant").order_by("start_date"))
    meetings = list(main_meetings())
    with translation.override(language):
        # Ordered by name in the document's language.
        participants.sort(key=lambda participant: participant.name)
        memberships = [m for p in participants for m in p.memberships.all()]
        first, last = timeline.record_span(memberships, terms, today=today)
        days = [meeting.start_date for meeting in meetings]
        axis = timeline.Axis(min([first, *days]), max([last, *days]))
        _grouped, events = meetings_by_term(terms, meetings)
        # The same room for the row labels, so the two timelines' years line up.
        room = max(timeline.text_width(participant.name) for participant in participants or [""])
        context = {
            "language": language,
            "title": TITLE,
            "process_name": PROCESS_NAME,
            "today": today,
            "members": timeline.membership_timeline(
                participants, today=today, axis=axis, label_room=room
            ),
            "chairs": timeline.chair_timeline(
                terms, events, today=today, axis=axis, label_room=room
            ),
            "legend": timeline.legend({m.status for m in memberships}),
        }
        return render_to_string("meetings/pdf/history.html", context)


def render_history(*, language, url_fetcher=None) -> bytes:
    """Membership and chairmanship on one A4 page, in ``language``."""
    return html_to_pdf(history_html(language=language), url_fetcher=url_fetcher)


def history_pdf(*, language) -> bytes:
    """``render_history``, printed once per distinct HTML and kept in the shared cache.

    The HTML costs four queries; printing it costs about a second. Keyed by a hash of the
    HTML (and the renderer), a request the page cache does not answer (a made-up query
    parameter) prints nothing new, and any change to what the page shows prints it afresh.
    """
    html = history_html(language=language)
    key = "history-pdf:" + version_key(html, kind="history", language=language)
    content = cache.get(key)
    if content is None:
        content = html_to_pdf(html)
        cache.set(key, content, PDF_TTL)
    return content


def download_name(language):
    return f"almaty-process-membership-and-chairmanship-{language}.pdf"
