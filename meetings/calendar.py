"""Meetings as iCalendar: one event per meeting day, timed in the meeting's own time zone."""

import datetime

from django.utils import translation
from django.utils.translation import gettext

from almaty_portal.text import plain_text, printable

PRODUCT_ID = "-//Almaty Process//Public portal//EN"
UID_DOMAIN = "almaty-process.portal"


def render_calendar(meetings, *, language, absolute_url) -> bytes:
    """An iCalendar file for ``meetings`` in ``language``.

    ``absolute_url`` turns a path into a full URL. Each meeting needs its agenda items
    prefetched. Texts are plain text, as iCalendar holds them: the summary is the text the
    page shows of its sanitised HTML, and control characters (which RFC 5545 refuses) are
    left out. A day with agenda items runs from the first start to the last end, in the
    meeting's time zone (``TZID`` with a ``VTIMEZONE``); a day without is an all-day event.
    """
    from icalendar import Calendar

    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", gettext("Almaty Process meetings"))
        for meeting in meetings:
            for event in _meeting_events(meeting, absolute_url(meeting.get_absolute_url())):
                calendar.add_component(event)
        calendar.add_missing_timezones()
        return calendar.to_ical()


def _meeting_events(meeting, url):
    from icalendar import Event

    items_by_day = {}
    for item in meeting.agenda_items.all():
        items_by_day.setdefault(item.day, []).append(item)
    days = meeting.days
    location = printable(", ".join(part for part in (meeting.venue, meeting.city) if part))
    description = printable(plain_text(meeting.summary))
    for number, day in enumerate(days, start=1):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}-{day:%Y%m%d}@{UID_DOMAIN}")
        event.add("dtstamp", meeting.updated_at.astimezone(datetime.UTC))
        if len(days) > 1:
            summary = gettext("%(title)s (day %(number)s of %(count)s)") % {
                "title": meeting.title,
                "number": number,
                "count": len(days),
            }
        else:
            summary = meeting.title
        event.add("summary", printable(summary))
        start, end = _span(meeting, day, items_by_day.get(day, []))
        event.add("dtstart", start)
        event.add("dtend", end)
        if location:
            event.add("location", location)
        if description:
            event.add("description", description)
        event.add("url", url)
        event.add("status", "CONFIRMED")
        yield event


def _span(meeting, day, items):
    if not items:
        if day == meeting.start_date and meeting.start_time:
            start = datetime.datetime.combine(day, meeting.start_time, tzinfo=meeting.tzinfo)
            return start, start + datetime.timedelta(hours=1)
        return day, day + datetime.timedelta(days=1)
    starts = [item.starts_at() for item in items]
    ends = [item.ends_at() or item.starts_at() for item in items]
    return min(starts), max(max(ends), min(starts) + datetime.timedelta(minutes=1))
