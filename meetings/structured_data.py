"""schema.org JSON-LD for the pages: a meeting as an ``Event``, the process as an ``Organization``.

The data is built here from the same loaded meeting the page shows, and written into the
page by ``json_ld_script`` as a ``<script type="application/ld+json">`` data block: a browser
never runs it, so the Content Security Policy's script rules do not apply to it.
"""

import datetime
import json

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from meetings.models import MeetingFormat, SpeakerRole

SCHEMA = "https://schema.org"
ATTENDANCE_MODES = {
    MeetingFormat.IN_PERSON: f"{SCHEMA}/OfflineEventAttendanceMode",
    MeetingFormat.ONLINE: f"{SCHEMA}/OnlineEventAttendanceMode",
    MeetingFormat.HYBRID: f"{SCHEMA}/MixedEventAttendanceMode",
}
# In a <script> element only "</script" or "<!--" could end the block early; escaping every
# <, > and & as json_script does rules that out, and JSON reads the escapes back unchanged.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``data`` as a ``<script type="application/ld+json">`` element, safely escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def process_name():
    return gettext("Almaty Process on Refugee Protection and International Migration")


def organization(absolute_url):
    """The Almaty Process itself, in the active language."""
    return {
        "@type": "Organization",
        "name": process_name(),
        "alternateName": gettext("Almaty Process"),
        "url": absolute_url(reverse("meetings:home")),
        "logo": absolute_url(static("img/emblem.svg")),
        "foundingDate": "2013",
    }


def home_page(absolute_url):
    return {"@context": SCHEMA, **organization(absolute_url)}


def _moment(day, time, zone):
    """An ISO 8601 date-time with the UTC offset when the time is known, else the date."""
    if time is None:
        return day.isoformat()
    return datetime.datetime.combine(day, time, tzinfo=zone).isoformat()


def _text(obj, field):
    return getattr(obj, field, None) or None


def _location(meeting, page_url):
    place = {"@type": "Place"}
    if meeting.venue:
        place["name"] = meeting.venue
    address = {"@type": "PostalAddress"}
    if meeting.city:
        address["addressLocality"] = meeting.city
    if meeting.host and meeting.host.kind == "state":
        address["addressCountry"] = meeting.host.name
    place["address"] = address
    online = {"@type": "VirtualLocation", "url": page_url}
    if meeting.format == MeetingFormat.ONLINE:
        return online
    if meeting.format == MeetingFormat.HYBRID:
        return [place, online]
    return place


def _person(speaker):
    if speaker.person is None:
        return {"@type": "Person", "name": speaker.label} if speaker.label else None
    person = {"@type": "Person", "name": speaker.person.name}
    if speaker.person.position:
        person["jobTitle"] = speaker.person.position
    if speaker.person.organisation:
        person["affiliation"] = {"@type": "Organization", "name": speaker.person.organisation}
    return person


def _agenda_item(item, zone):
    event = {
        "@type": "Event",
        "name": item.title,
        "startDate": _moment(item.day, item.start_time, zone),
    }
    if item.end_time:
        event["endDate"] = _moment(item.day, item.end_time, zone)
    people = [_person(s) for s in item.speakers.all()]
    performers = [
        p
        for p, s in zip(people, item.speakers.all(), strict=True)
        if p and s.role != SpeakerRole.MODERATOR
    ]
    if performers:
        event["performer"] = performers
    return event


def meeting_event(meeting, *, absolute_url):
    """A published meeting as a schema.org ``Event`` in the active language.

    ``meeting`` comes with its host, main meeting and agenda (with speakers) loaded. The
    start and end carry the meeting's UTC offset where a time is known (the opening time, or
    the first and last agenda items); otherwise they are dates.
    """
    zone = meeting.tzinfo
    items = list(meeting.agenda_items.all())
    first = items[0] if items and items[0].day == meeting.start_date else None
    last_day = [i for i in items if i.day == meeting.end_date and i.end_time]
    start_time = meeting.start_time or (first.start_time if first else None)
    end_time = max((i.end_time for i in last_day), default=None)
    page_url = absolute_url(meeting.get_absolute_url())
    event = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": meeting.title,
        "url": page_url,
        "startDate": _moment(meeting.start_date, start_time, zone),
        "endDate": _moment(meeting.end_date, end_time, zone),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES.get(meeting.format),
        "location": _location(meeting, page_url),
        "organizer": organization(absolute_url),
        "inLanguage": list(meeting.working_languages or []) or [get_language()],
    }
    if meeting.summary:
        event["description"] = meeting.summary
    parent = meeting.parent
    if parent is not None and parent.is_published:
        event["superEvent"] = {
            "@type": "Event",
            "name": parent.title,
            "url": absolute_url(parent.get_absolute_url()),
        }
    if items:
        event["subEvent"] = [_agenda_item(item, zone) for item in items]
    return event
