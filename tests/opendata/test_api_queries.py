"""Each API answer runs a fixed number of queries, however much the record holds."""

import datetime

import pytest

from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ChairmanshipTermFactory,
    ConceptNoteSectionFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OutcomeProtocolFactory,
    ParticipantFactory,
    SpeakerFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def build(size):
    """``size`` meetings (the first is 2014/main), each with ``size`` of every part."""
    participants = [ParticipantFactory(code=f"P{n:02d}") for n in range(size)]
    for number, participant in enumerate(participants):
        MembershipFactory(participant=participant, end_date=datetime.date(2020, 1, 1))
        MembershipFactory(participant=participant, start_date=datetime.date(2020, 1, 1))
        ChairmanshipTermFactory(
            participant=participant,
            start_date=datetime.date(2000 + 2 * number, 1, 1),
            end_date=datetime.date(2002 + 2 * number, 1, 1),
        )
    for number in range(size):
        meeting = MeetingFactory(
            slug="main" if number == 0 else f"meeting-{number}",
            start_date=datetime.date(2014, 1 + number, 10),
            host=participants[0],
        )
        for part in range(size):
            item = AgendaItemFactory(
                meeting=meeting,
                start_time=datetime.time(9 + part, 0),
                end_time=datetime.time(9 + part, 30),
            )
            SpeakerFactory(agenda_item=item)
            SpeakerFactory(agenda_item=item, person__participant=participants[part])
            ConceptNoteSectionFactory(meeting=meeting)
            DecisionFactory(meeting=meeting)
            StatementFactory(meeting=meeting)
            AttendanceFactory(meeting=meeting, participant=participants[part])
        OutcomeProtocolFactory(meeting=meeting)
        MeetingFactory(slug=f"side-{number}", kind="side_event", parent=meeting)


# Every count starts with the record's version, which the page cache reads (in tests on every
# request). The meeting: the meeting with host, main meeting and protocol; concept note; agenda;
# speakers; statements; attendance; decisions; documents; side events; the chair.
BUDGETS = {
    "/api/v1/meetings/2014/main/": 1 + 10,
    "/api/v1/meetings/2014/main/?lang=ru": 1 + 10,
    # A page of meetings: the count, the page.
    "/api/v1/meetings/": 1 + 2,
    "/api/v1/meetings/?year=2014&kind=som&lang=ru": 1 + 2,
    # The participant filter checks the code first.
    "/api/v1/meetings/?participant=P00": 1 + 3,
    # Participants: the count, the page, their memberships.
    "/api/v1/participants/": 1 + 3,
    "/api/v1/participants/P00/": 1 + 2,
    "/api/v1/chairmanship-terms/": 1 + 2,
    "/api/v1/members/?date=2021-01-01": 1 + 1,
    "/api/v1/chair/?date=2005-01-01": 1 + 1,
    # One query per table.
    "/api/v1/record.zip": 1 + 13,
}


@pytest.mark.parametrize("size", [1, 4])
@pytest.mark.parametrize(("url", "queries"), BUDGETS.items())
def test_api_query_count_does_not_grow_with_the_record(
    client, django_assert_num_queries, size, url, queries
):
    build(size)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
