"""Each public page runs a fixed number of queries, however much there is to show."""

import datetime

import pytest
from django.db import connection

from meetings.models import AttendanceCapacity, MeetingKind
from members.models import MembershipStatus
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ChairmanshipTermFactory,
    ConceptNoteSectionFactory,
    DecisionFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    OutcomeProtocolFactory,
    ParticipantFactory,
    SpeakerFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def build(size):
    """A record with ``size`` meetings, each with ``size`` of everything."""
    chair = ParticipantFactory(code="AZE", name_en="Azerbaijan")
    ChairmanshipTermFactory(participant=chair, start_date=datetime.date(2013, 1, 1), end_date=None)
    participants = [ParticipantFactory() for _ in range(size)]
    # Earlier terms, one a year, dated only to the year (the timeline fades their ends).
    for number, participant in enumerate(participants):
        ChairmanshipTermFactory(
            participant=participant,
            start_date=datetime.date(2012 - number, 1, 1),
            start_precision="year",
            end_date=datetime.date(2013 - number, 1, 1),
            end_precision="year" if number else "day",
        )
    for number, participant in enumerate(participants):
        MembershipFactory(participant=participant, end_date=datetime.date(2020, 1, 1))
        status = MembershipStatus.MEMBER if number % 2 else MembershipStatus.OBSERVER
        MembershipFactory(
            participant=participant, status=status, start_date=datetime.date(2020, 1, 1)
        )
    main = None
    for number in range(size):
        meeting = MeetingFactory(
            slug="main" if number == 0 else f"meeting-{number}",
            start_date=datetime.date(2014 + number, 10, 12),
            end_date=datetime.date(2014 + number, 10, 13),
            host=chair,
        )
        main = main or meeting
        for hour in range(size):
            item = AgendaItemFactory(
                meeting=meeting,
                start_time=datetime.time(8 + hour, 0),
                end_time=datetime.time(8 + hour, 30),
            )
            SpeakerFactory.create_batch(2, agenda_item=item)
            ConceptNoteSectionFactory(meeting=meeting)
            DecisionFactory(meeting=meeting)
            StatementFactory(meeting=meeting)
            DocumentFactory(meeting=meeting)
            DocumentFactory(meeting=None, kind="declaration", date=meeting.start_date)
        for participant in participants:
            AttendanceFactory(
                meeting=meeting, participant=participant, capacity=AttendanceCapacity.MEMBER
            )
        OutcomeProtocolFactory(meeting=meeting)
    for _ in range(size):
        MeetingFactory(kind=MeetingKind.SIDE_EVENT, parent=main, start_date=main.start_date)
    return main


# Every count starts with the record's version, which the page cache reads (in production
# at most twice a second per process; in tests on every request).
# Home: the current term, the next and the last meeting, today's members and observers.
# Meeting page: the meeting as the URL names it (all the page needs when its article is
# cached); then the meeting with host, main meeting and protocol; concept note; agenda;
# speakers with their people; attendance with participants; side events; decisions;
# documents; statements with their people; the chair and the composition on its date.
# Documents: the years that have documents; the count; the page with each meeting.
# Members page (on any date): participants, their memberships, their chair terms.
# Chairmanship page (on any date): the terms with their chairs, the main meetings.
# History PDF: participants, memberships, terms with chairs, main meetings.
PAGES = {
    "/en/": 1 + 4,
    "/ru/meetings/": 1 + 3,
    # The years (read once per version of the record); the page's ranked keys with the count
    # of every match, its meetings and their texts (on PostgreSQL also the search's time
    # limits and its turn, in a savepoint of the test's transaction, and its release).
    "/en/meetings/?q=session&year=2014&kind=som": 1 + (4 if connection.vendor == "sqlite" else 8),
    "/ru/meetings/2014/main/": 1 + 12,
    "/en/documents/": 1 + 3,
    "/ru/documents/?q=report&year=2014&kind=report": 1 + 3,
    "/en/meetings/2014/main/calendar.ics": 1 + 2,
    "/en/meetings/calendar.ics": 1 + 2,
    "/en/meetings/feed/": 1 + 1,
    "/ru/members/": 1 + 3,
    "/en/members/?on=2016-05-01": 1 + 3,
    "/ru/members/?on=2012-06-01": 1 + 3,
    "/en/members/?on=not-a-date": 1 + 3,
    "/ru/members/AZE/": 1 + 4,
    "/en/chairmanship/": 1 + 2,
    "/ru/chairmanship/?on=2012-06-01": 1 + 2,
    "/en/chairmanship/?on=2999-01-01": 1 + 2,
    "/ru/history.pdf": 1 + 4,
    "/sitemap.xml": 1 + 2,
}


@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize(("url", "queries"), PAGES.items())
def test_query_count_is_fixed(client, django_assert_num_queries, indexed, size, url, queries):
    with indexed():
        build(size)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == (400 if "not-a-date" in url else 200)


def test_the_filter_years_are_read_once_per_version_of_the_record(
    client, django_assert_num_queries, indexed
):
    with indexed():
        MeetingFactory(slug="first", start_date=datetime.date(2014, 10, 12))
    client.get("/en/meetings/", {"q": "session"})
    # Another search (an address the page cache has not seen): the record's version, then
    # the search's own queries, but not the years again.
    with django_assert_num_queries(1 + (3 if connection.vendor == "sqlite" else 7)):
        client.get("/en/meetings/", {"q": "meeting"})
    # An edit is a new version: the new year is offered at once.
    with indexed():
        MeetingFactory(slug="second", start_date=datetime.date(2019, 5, 1))
    body = client.get("/en/meetings/", {"q": "session"}).content.decode()
    assert '<option value="2019">2019</option>' in body
    assert '<option value="2014">2014</option>' in body
