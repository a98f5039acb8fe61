"""Timelines of the record (statuses over the years, chair terms) measured for an inline SVG.

This module only measures: where each bar, mark, tick and label goes, and what each one is
called. ``templates/includes/timeline.html`` draws it, so every text is written by Django's
template escaping, and the page and the PDF draw the same geometry. Lengths are user units
of the SVG's viewBox.

A date the record knows only to the month or the year is drawn as a fade across that month
or year: a bar fades in where its start is uncertain and fades out where its end is, so two
statuses that follow each other cross-fade over the year the change is dated to.

Terms are any periods with a ``participant`` (this module does not import chairmanship);
events placed on a timeline are ``Event`` values built by whoever knows them.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from members.models import MembershipStatus

WIDTH = 960
FONT = 13
ROW = 24
BAR = 14
# Room above the rows for the years, and below them for the lines' labels.
TOP = 30
LINE_LABEL = 20
GAP = 12
# The colour of each kind of bar, as presentation attributes: the page and the PDF (which
# reads no site stylesheet) draw the same. Each is at least 3:1 against white.
TONES = {
    MembershipStatus.MEMBER: "#1d4e89",
    MembershipStatus.OBSERVER: "#2b7a6f",
    MembershipStatus.PROSPECTIVE: "#8a6d0b",
    MembershipStatus.APPLICANT: "#a4541a",
    MembershipStatus.SECRETARIAT: "#5c6675",
}
CHAIR_TONES = ("#0f2f52", "#3d6ea8")
MARK_TONE = "#a4161a"


def text_width(text, size=FONT):
    """About how wide ``text`` is drawn (no font is measured on the server)."""
    return len(str(text)) * size * 0.6


def lower_first(text):
    text = str(text)
    return text[:1].lower() + text[1:]


def period_dates(period):
    """ "5 June 2013 – 2016", "since 2016": a period at the precision the record has."""
    if period.end_date is None:
        return _("since %(start)s") % {"start": period.start_display}
    return _("%(start)s – %(end)s") % {"start": period.start_display, "end": period.end_display}


@dataclass(frozen=True)
class Event:
    """Something that happened on one day, placed on a timeline as a mark (a meeting)."""

    day: datetime.date
    label: str
    url: str


@dataclass(frozen=True)
class Axis:
    """Whole years from ``first``'s to ``last``'s, across ``left`` to ``right``."""

    first: datetime.date
    last: datetime.date
    left: float = 0
    right: float = WIDTH

    @property
    def start(self):
        return datetime.date(self.first.year, 1, 1)

    @property
    def end(self):
        year = self.last.year + 1
        return datetime.date(year, 1, 1) if year <= datetime.MAXYEAR else datetime.date.max

    def across(self, left, right):
        return Axis(self.first, self.last, left, right)

    def x(self, day):
        day = min(max(day, self.start), self.end)
        share = (day - self.start).days / max((self.end - self.start).days, 1)
        return round(self.left + share * (self.right - self.left), 1)

    def contains(self, day):
        return self.start <= day < self.end

    def years(self):
        """``(x of 1 January, x of the label, year)`` for the years on the axis (at most 40)."""
        result = []
        last = self.end.year if self.end.month == 1 else datetime.MAXYEAR + 1
        step = -(-(last - self.start.year) // 40)
        for year in range(self.start.year, last, step):
            begin = self.x(datetime.date(year, 1, 1))
            after = self.x(datetime.date(year + 1, 1, 1)) if year < datetime.MAXYEAR else self.right
            result.append((begin, round((begin + after) / 2, 1), year))
        return result


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    fill: str
    faded: bool = False


@dataclass(frozen=True)
class Tip:
    """The bar's name, shown beside it when it has the keyboard focus."""

    x: float
    y: float
    anchor: str
    text: str


@dataclass(frozen=True)
class Bar:
    label: str
    url: str
    y: float
    height: float
    segments: list
    tip: Tip
    text: str = ""
    text_x: float = 0
    text_y: float = 0

    @property
    def x(self):
        return self.segments[0].x

    @property
    def width(self):
        last = self.segments[-1]
        return round(last.x + last.width - self.x, 1)


@dataclass(frozen=True)
class Mark:
    label: str
    url: str
    cx: float
    cy: float
    tip: Tip

    @property
    def points(self):
        """A diamond around the day."""
        r = BAR / 2 + 1
        cx, cy = self.cx, self.cy
        return f"{cx},{cy - r} {cx + r},{cy} {cx},{cy + r} {cx - r},{cy}"


@dataclass(frozen=True)
class Row:
    label: str
    y: float
    bars: list = field(default_factory=list)
    marks: list = field(default_factory=list)

    @property
    def text_y(self):
        return round(self.y + ROW / 2 + FONT * 0.35, 1)


@dataclass(frozen=True)
class Line:
    """A day marked across the rows (today, the day asked about), with its label below."""

    x: float
    label: str
    label_y: float
    anchor: str
    kind: str


@dataclass(frozen=True)
class Gradient:
    id: str
    colour: str
    stops: tuple  # (offset, opacity), ...
    x1: float
    x2: float


@dataclass(frozen=True)
class Timeline:
    id: str
    width: float
    height: float
    label_right: float
    plot_top: float
    plot_bottom: float
    years: list
    rows: list
    lines: list
    gradients: list


FADES = {
    "in": ((0, 0.08), (1, 1)),
    "out": ((0, 1), (1, 0.08)),
    "both": ((0, 0.08), (0.5, 1), (1, 0.08)),
}


class Builder:
    """Lays out the rows of one timeline on an axis, and the gradients its bars use."""

    def __init__(self, id, axis, *, labels, today, on=None, label_room=None):
        self.id = id
        label_width = label_room or max((text_width(label) for label in labels), default=0)
        self.label_right = round(min(max(label_width, 60), WIDTH * 0.35) + GAP, 1)
        self.axis = axis.across(self.label_right + GAP, WIDTH - GAP)
        self.today = today
        self.on = on
        self.rows = []
        self.gradients = []

    def next_y(self):
        return TOP + len(self.rows) * ROW

    def fill(self, colour, fade, x, width):
        """A colour, or a gradient across this one segment (in user space: every renderer,
        WeasyPrint's included, then spreads it over the segment rather than its group)."""
        if fade is None:
            return colour
        gradient = Gradient(
            f"{self.id}-fade-{len(self.gradients)}", colour, FADES[fade], x, round(x + width, 1)
        )
        self.gradients.append(gradient)
        return f"url(#{gradient.id})"

    def tip(self, x, end_x, y, text):
        # Right of the middle the name is set flush with the bar's end, so it stays inside.
        if x > (self.axis.left + self.axis.right) / 2:
            return Tip(end_x, y - 4, "end", text)
        return Tip(max(x, self.axis.left), y - 4, "start", text)

    def bar(self, period, *, y, colour, label, url, text=""):
        """A period's bar: solid where its dates are known, faded where only their year is."""
        axis = self.axis
        start_span, end_span = period.start_span, period.end_span
        begin = start_span[0] if start_span else period.start_date
        certain_from = start_span[1] if start_span else period.start_date
        if period.end_date is None:
            # To date: up to today, or across the first year of a period yet to begin.
            end = max(self.today, certain_from, begin + datetime.timedelta(days=1))
        else:
            end = end_span[1] if end_span else period.end_date
        certain_to = end_span[0] if end_span else end
        bar_y = y + (ROW - BAR) / 2
        if certain_from >= certain_to:
            parts = [(begin, end, "both")]
        else:
            parts = [(certain_from, certain_to, None)]
            if start_span:
                parts.insert(0, (begin, certain_from, "in"))
            if end_span:
                parts.append((certain_to, end, "out"))
        segments = []
        for first, after, fade in parts:
            x = axis.x(first)
            width = max(round(axis.x(after) - x, 1), 2)
            segments.append(
                Segment(x, width, self.fill(colour, fade, x, width), faded=fade is not None)
            )
        x, end_x = segments[0].x, round(segments[-1].x + segments[-1].width, 1)
        solid = next((s for s in segments if not s.faded), segments[0])
        if text and text_width(text, FONT - 1) > solid.width - 8:
            text = ""  # the name does not fit in the bar; its tip and title still give it
        return Bar(
            label=label,
            url=url,
            y=bar_y,
            height=BAR,
            segments=segments,
            tip=self.tip(x, end_x, bar_y, label),
            text=text,
            text_x=round(solid.x + solid.width / 2, 1),
            text_y=round(bar_y + BAR / 2 + (FONT - 1) * 0.35, 1),
        )

    def mark(self, event, *, y):
        cx = self.axis.x(event.day)
        cy = y + ROW / 2
        return Mark(event.label, event.url, cx, cy, self.tip(cx, cx, cy - BAR / 2, event.label))

    def lines(self):
        bottom = TOP + len(self.rows) * ROW
        days = [(self.today, _("Today"), "today")]
        if self.on is not None and self.on != self.today:
            days.append((self.on, date_format(self.on, "DATE_FORMAT"), "on"))
        lines = []
        for depth, (day, label, kind) in enumerate(days):
            if not self.axis.contains(day):
                continue
            x = self.axis.x(day)
            half = text_width(label) / 2
            anchor = "middle"
            if x - half < self.axis.left:
                anchor = "start"
            elif x + half > self.axis.right:
                anchor = "end"
            y = bottom + LINE_LABEL * (depth + 1) - 6
            lines.append(Line(x, label, y, anchor, kind))
        return lines

    def timeline(self):
        lines = self.lines()
        bottom = TOP + len(self.rows) * ROW
        height = max([bottom + 8, *(line.label_y + 6 for line in lines)])
        return Timeline(
            id=self.id,
            width=WIDTH,
            height=height,
            label_right=self.label_right,
            plot_top=TOP - 4,
            plot_bottom=bottom + 4,
            years=self.axis.years(),
            rows=self.rows,
            lines=lines,
            gradients=self.gradients,
        )


def record_span(*groups, today):
    """The first and the last day the record speaks of (for a common axis)."""
    days = [today]
    for periods in groups:
        for period in periods:
            days.append(period.start_date)
            if period.end_date:
                days.append(period.end_date)
    return min(days), max(days)


def membership_timeline(
    participants, *, today, on=None, axis=None, label_room=None, id="memberships"
):
    """One row per participant (with its memberships prefetched), a bar per status."""
    participants = list(participants)
    histories = [list(p.memberships.all()) for p in participants]
    if axis is None:
        axis = Axis(*record_span(*histories, today=today))
    labels = [p.name for p in participants]
    builder = Builder(id, axis, labels=labels, today=today, on=on, label_room=label_room)
    for participant, history in zip(participants, histories, strict=True):
        y = builder.next_y()
        bars = []
        for membership in history:
            status = MembershipStatus(membership.status)
            label = _("%(name)s: %(status)s, %(dates)s") % {
                "name": participant.name,
                "status": lower_first(status.label),
                "dates": period_dates(membership),
            }
            bars.append(
                builder.bar(
                    membership,
                    y=y,
                    colour=TONES[status],
                    label=label,
                    url=participant.get_absolute_url(),
                )
            )
        builder.rows.append(Row(participant.name, y, bars))
    return builder.timeline()


def chair_timeline(
    terms, events=(), *, today, on=None, axis=None, term_url=None, label_room=None, id="chairs"
):
    """The chair terms on one row, and the events (meetings) held under them on the next."""
    terms, events = list(terms), list(events)
    if axis is None:
        first, last = record_span(terms, today=today)
        days = [event.day for event in events]
        axis = Axis(min([first, *days]), max([last, *days]))
    chair, held = pgettext("timeline row", "Chair"), pgettext("timeline row", "Meetings")
    labels = [chair, held] if events else [chair]
    builder = Builder(id, axis, labels=labels, today=today, on=on, label_room=label_room)
    y = builder.next_y()
    bars = []
    for number, term in enumerate(terms):
        label = _("Chair: %(name)s, %(dates)s") % {
            "name": term.participant.name,
            "dates": period_dates(term),
        }
        url = term_url(term) if term_url else term.get_absolute_url()
        bars.append(
            builder.bar(
                term,
                y=y,
                colour=CHAIR_TONES[number % 2],
                label=label,
                url=url,
                text=term.participant.name,
            )
        )
    builder.rows.append(Row(chair, y, bars))
    if events:
        y = builder.next_y()
        marks = [builder.mark(event, y=y) for event in sorted(events, key=lambda e: e.day)]
        builder.rows.append(Row(held, y, marks=marks))
    return builder.timeline()


def legend(statuses=()):
    """``[(colour, label), ...]`` for the statuses drawn (in the order of the choices)."""
    return [(TONES[status], status.label) for status in MembershipStatus if status in statuses]
