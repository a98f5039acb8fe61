"""One presentation of a meeting, read by its page and by its PDFs alike.

What a reader sees of a meeting is computed here once: its dates, the time zone and UTC offset
its times are given in, the working languages, the agenda by day with moderators and
speakers, and the participants in their groups. The page (``MeetingPresentation``, loaded in a
fixed number of queries) and the documents (``meetings.documents.pdf``) both read it, so they
cannot disagree. Texts are shown through the ``translated`` tag in both, which marks a text
that falls back to English the same way.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from almaty_portal.periods import format_date_range
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceCapacity,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Speaker,
    SpeakerRole,
    Statement,
)
from members.composition import composition_on

# Participants of a meeting are listed under these headings, in this order.
CAPACITY_HEADINGS = {
    AttendanceCapacity.MEMBER: _("Member states"),
    AttendanceCapacity.OBSERVER: _("Observers"),
    AttendanceCapacity.PROSPECTIVE: _("Prospective members"),
    AttendanceCapacity.SECRETARIAT: _("Secretariat"),
    AttendanceCapacity.INVITED: _("Invited parties"),
}


class MeetingPresentation:
    """A meeting with its parts; nothing is loaded until a part is first asked for."""

    def __init__(self, meeting):
        self.pk = meeting.pk

    @cached_property
    def meeting(self):
        """The meeting with everything its page shows, in a fixed number of queries."""
        meeting = Meeting.objects.select_related("host", "parent", "outcome_protocol").get(
            pk=self.pk
        )
        # Explicit orderings: the models' default ones join the meeting table again.
        prefetch_related_objects(
            [meeting],
            Prefetch(
                "concept_note_sections",
                queryset=ConceptNoteSection.objects.order_by("order", "pk"),
            ),
            Prefetch("agenda_items", queryset=_with_speakers(AgendaItem.objects.all())),
            Prefetch("attendances", queryset=_with_participants(Attendance.objects.all())),
            Prefetch("side_events", queryset=Meeting.objects.published().order_by("start_date")),
            Prefetch("decisions", queryset=Decision.objects.order_by("order", "pk")),
            Prefetch(
                "documents",
                queryset=MeetingDocument.objects.filter(status=MeetingStatus.PUBLISHED).order_by(
                    "order", "pk"
                ),
            ),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("person").order_by("order", "pk"),
            ),
        )
        return meeting

    @cached_property
    def dates(self):
        return meeting_dates(self.meeting)

    @cached_property
    def working_languages(self):
        return working_languages(self.meeting)

    @cached_property
    def chair_term(self):
        return self.meeting.chair_term

    @cached_property
    def composition(self):
        """How many states and organisations took part in the process on the meeting's day."""
        return composition_on(self.meeting.start_date)

    @cached_property
    def agenda_days(self):
        return agenda_by_day(self.meeting, self.meeting.agenda_items.all())

    @cached_property
    def participants(self):
        return attendance_by_capacity(self.meeting.attendances.all())

    @cached_property
    def protocol(self):
        return getattr(self.meeting, "outcome_protocol", None)

    @cached_property
    def parent(self):
        parent = self.meeting.parent
        return parent if parent and parent.is_published else None


def _with_speakers(agenda_items):
    speakers = Speaker.objects.select_related("person").order_by("role", "order", "pk")
    return agenda_items.order_by("day", "start_time").prefetch_related(
        Prefetch("speakers", queryset=speakers)
    )


def _with_participants(attendances):
    return attendances.select_related("participant").order_by("pk")


def agenda_of(meeting):
    """The meeting's agenda by day, loaded on its own (for a document)."""
    return agenda_by_day(meeting, _with_speakers(meeting.agenda_items.all()))


def participants_of(meeting):
    """The meeting's participants in their groups, loaded on their own (for a document)."""
    return attendance_by_capacity(_with_participants(meeting.attendances.all()))


def meeting_dates(meeting):
    """The meeting's days as the active language writes a span of days."""
    return format_date_range(meeting.start_date, meeting.end_date)


def working_languages(meeting):
    """ "English, Russian"; Russian writes the names in lower case inside a list."""
    names = [str(name) for name in meeting.get_working_languages_display()]
    if get_language() == "ru":
        names = names[:1] + [name[:1].lower() + name[1:] for name in names[1:]]
    return ", ".join(names)


# The cities of the time zones the region's meetings are held in, as the catalogue writes
# them (lazy, so that makemessages finds each of them); another zone shows its English name.
ZONE_CITIES = {
    "Almaty": pgettext_lazy("time zone city", "Almaty"),
    "Aqtau": pgettext_lazy("time zone city", "Aqtau"),
    "Aqtobe": pgettext_lazy("time zone city", "Aqtobe"),
    "Atyrau": pgettext_lazy("time zone city", "Atyrau"),
    "Oral": pgettext_lazy("time zone city", "Oral"),
    "Qostanay": pgettext_lazy("time zone city", "Qostanay"),
    "Qyzylorda": pgettext_lazy("time zone city", "Qyzylorda"),
    "Baku": pgettext_lazy("time zone city", "Baku"),
    "Bishkek": pgettext_lazy("time zone city", "Bishkek"),
    "Dushanbe": pgettext_lazy("time zone city", "Dushanbe"),
    "Ashgabat": pgettext_lazy("time zone city", "Ashgabat"),
    "Tashkent": pgettext_lazy("time zone city", "Tashkent"),
    "Samarkand": pgettext_lazy("time zone city", "Samarkand"),
    "Kabul": pgettext_lazy("time zone city", "Kabul"),
    "Tehran": pgettext_lazy("time zone city", "Tehran"),
    "Karachi": pgettext_lazy("time zone city", "Karachi"),
    "Istanbul": pgettext_lazy("time zone city", "Istanbul"),
    "Rome": pgettext_lazy("time zone city", "Rome"),
    "Moscow": pgettext_lazy("time zone city", "Moscow"),
    "Tbilisi": pgettext_lazy("time zone city", "Tbilisi"),
    "Yerevan": pgettext_lazy("time zone city", "Yerevan"),
    "Zurich": pgettext_lazy("time zone city", "Zurich"),
    "Vienna": pgettext_lazy("time zone city", "Vienna"),
    "Brussels": pgettext_lazy("time zone city", "Brussels"),
    "Berlin": pgettext_lazy("time zone city", "Berlin"),
    "Paris": pgettext_lazy("time zone city", "Paris"),
    "London": pgettext_lazy("time zone city", "London"),
    "New York": pgettext_lazy("time zone city", "New York"),
    "Auckland": pgettext_lazy("time zone city", "Auckland"),
}


def zone_city(zone):
    """The city an IANA time zone is named after, as the active language writes it.

    "Asia/Baku" reads "Baku" in English and "Баку" in Russian; the identifier itself stays in
    the calendar files, where programs read it.
    """
    city = str(zone).rsplit("/", 1)[-1].replace("_", " ")
    return str(ZONE_CITIES.get(city, city))


def utc_offset(meeting, day):
    """ "UTC+4", "UTC+5:30", "UTC": the meeting's offset from UTC at noon on ``day``."""
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=meeting.tzinfo)
    minutes = int(moment.utcoffset().total_seconds()) // 60
    if not minutes:
        return "UTC"
    sign = "+" if minutes >= 0 else "\N{MINUS SIGN}"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}:{minutes:02d}" if minutes else f"UTC{sign}{hours}"


def local_time(meeting, day):
    """ "Local time (Baku, UTC+4)": what the times of ``day`` are given in."""
    return gettext("Local time (%(zone)s, %(offset)s)") % {
        "zone": zone_city(meeting.time_zone),
        "offset": utc_offset(meeting, day),
    }


def day_heading(day):
    """ "Friday, 13 October 2023" as the active language writes it."""
    return gettext("%(weekday)s, %(date)s") % {
        "weekday": date_format(day, "l"),
        "date": date_format(day, "DATE_FORMAT"),
    }


@dataclass
class AgendaDay:
    """One day of an agenda: its items, each knowing its moderators and speakers."""

    meeting: object
    day: datetime.date
    items: list

    @property
    def heading(self):
        return day_heading(self.day)

    @property
    def local_time(self):
        return local_time(self.meeting, self.day)


def agenda_by_day(meeting, items):
    """``[AgendaDay, ...]`` in order; each item knows its ``moderators`` and ``presenters``."""
    days = {}
    for item in items:
        people = list(item.speakers.all())
        item.moderators = [s for s in people if s.role == SpeakerRole.MODERATOR]
        item.presenters = [s for s in people if s.role != SpeakerRole.MODERATOR]
        days.setdefault(item.day, []).append(item)
    return [AgendaDay(meeting, day, day_items) for day, day_items in days.items()]


def attendance_by_capacity(attendances):
    """``[(heading, [participant, ...]), ...]`` in the order of ``CAPACITY_HEADINGS``."""
    groups = {capacity: [] for capacity in CAPACITY_HEADINGS}
    for attendance in attendances:
        groups[attendance.capacity].append(attendance.participant)
    return [
        (CAPACITY_HEADINGS[capacity], sorted(people, key=lambda p: p.name))
        for capacity, people in groups.items()
        if people
    ]
