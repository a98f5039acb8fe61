"""The questions people ask of the record, as queryset methods."""

import datetime

import pytest
import time_machine

from almaty_portal.periods import DatePrecision, format_partial_date
from chairmanship.models import ChairmanshipTerm
from meetings.models import Meeting, MeetingKind, MeetingStatus
from members.models import MembershipStatus, Participant
from tests.factories import (
    ChairmanshipTermFactory,
    MeetingFactory,
    MembershipFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def statuses():
    kaz = ParticipantFactory(code="KAZ", name_en="Kazakhstan")
    irn = ParticipantFactory(code="IRN", name_en="Iran")
    ita = ParticipantFactory(code="ITA", name_en="Italy")
    iom = ParticipantFactory(code="IOM", name_en="IOM")
    MembershipFactory(participant=kaz, start_date=D(2013, 6, 5))
    MembershipFactory(participant=irn, start_date=D(2013, 6, 5), end_date=D(2016, 1, 1))
    MembershipFactory(participant=irn, status=MembershipStatus.OBSERVER, start_date=D(2016, 1, 1))
    MembershipFactory(
        participant=ita,
        status=MembershipStatus.APPLICANT,
        start_date=D(2023, 3, 28),
        end_date=D(2023, 10, 12),
    )
    MembershipFactory(participant=ita, status=MembershipStatus.OBSERVER, start_date=D(2023, 10, 12))
    MembershipFactory(participant=iom, status=MembershipStatus.SECRETARIAT)


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_members_on_a_day(statuses):
    assert codes(Participant.objects.members_on(D(2014, 11, 21))) == ["IRN", "KAZ"]
    assert codes(Participant.objects.members_on(D(2023, 10, 12))) == ["KAZ"]


def test_observers_on_a_day(statuses):
    assert codes(Participant.objects.observers_on(D(2016, 1, 1))) == ["IRN"]
    assert codes(Participant.objects.observers_on(D(2023, 10, 11))) == ["IRN"]
    assert codes(Participant.objects.observers_on(D(2023, 10, 12))) == ["IRN", "ITA"]


def test_secretariat_on_a_day(statuses):
    assert codes(Participant.objects.secretariat_on(D(2023, 10, 12))) == ["IOM"]


def test_nobody_before_the_process_began(statuses):
    assert codes(Participant.objects.members_on(D(2013, 6, 4))) == []


@time_machine.travel(datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_members_and_observers_today(statuses):
    assert codes(Participant.objects.members_today()) == ["KAZ"]
    assert codes(Participant.objects.observers_today()) == ["IRN", "ITA"]


def test_status_of_a_participant_on_a_day(statuses):
    iran = Participant.objects.get(code="IRN")

    assert iran.status_on(D(2014, 1, 1)) == MembershipStatus.MEMBER
    assert iran.status_on(D(2020, 1, 1)) == MembershipStatus.OBSERVER
    assert iran.status_on(D(2010, 1, 1)) is None


@pytest.fixture
def terms():
    ChairmanshipTermFactory(
        participant=ParticipantFactory(code="TUR"),
        start_date=D(2021, 1, 1),
        end_date=D(2022, 12, 31),
    )
    ChairmanshipTermFactory(
        participant=ParticipantFactory(code="AZE"),
        start_date=D(2023, 1, 1),
        end_date=D(2025, 4, 24),
    )
    ChairmanshipTermFactory(
        participant=ParticipantFactory(code="KAZ"), start_date=D(2025, 4, 24), end_date=None
    )


@pytest.mark.parametrize(
    ("day", "chair"),
    [
        (D(2021, 1, 1), "TUR"),
        (D(2023, 10, 12), "AZE"),
        (D(2025, 4, 23), "AZE"),
        (D(2025, 4, 24), "KAZ"),  # the handover day belongs to the incoming chair
        (D(2030, 1, 1), "KAZ"),
    ],
)
def test_chair_on_a_day(terms, day, chair):
    assert ChairmanshipTerm.objects.chair_on(day).participant.code == chair


def test_no_chair_in_a_gap_or_before_the_first_term(terms):
    assert ChairmanshipTerm.objects.chair_on(D(2022, 12, 31)) is None
    assert ChairmanshipTerm.objects.chair_on(D(2020, 1, 1)) is None


@time_machine.travel(datetime.datetime(2026, 11, 26, 9, tzinfo=datetime.UTC), tick=False)
def test_chair_today(terms):
    assert ChairmanshipTerm.objects.current().participant.code == "KAZ"


def test_a_meetings_chair_follows_from_its_date(terms):
    meeting = MeetingFactory(start_date=D(2023, 10, 12))

    assert meeting.chair_term.participant.code == "AZE"


def test_published_meetings_by_year_and_kind():
    som_2023 = MeetingFactory(start_date=D(2023, 10, 12), kind=MeetingKind.SENIOR_OFFICIALS)
    MeetingFactory(start_date=D(2023, 3, 28), status=MeetingStatus.DRAFT)
    MeetingFactory(start_date=D(2014, 11, 21), kind=MeetingKind.SENIOR_OFFICIALS)
    side = MeetingFactory(start_date=D(2023, 10, 12), kind=MeetingKind.SIDE_EVENT)

    published_2023 = Meeting.objects.published().in_year(2023)

    assert set(published_2023) == {som_2023, side}
    assert list(published_2023.of_kind(MeetingKind.SENIOR_OFFICIALS)) == [som_2023]
    assert list(Meeting.objects.published().years()) == [2023, 2014]


@pytest.mark.parametrize(
    ("precision", "language", "shown"),
    [
        (DatePrecision.DAY, "en", "1 October 2016"),
        (DatePrecision.MONTH, "en", "October 2016"),
        (DatePrecision.YEAR, "en", "2016"),
        (DatePrecision.DAY, "ru", "1 октября 2016 г."),
        (DatePrecision.MONTH, "ru", "октябрь 2016 г."),
        (DatePrecision.YEAR, "ru", "2016"),
    ],
)
def test_dates_are_shown_at_their_known_precision(precision, language, shown):
    from django.utils import translation

    with translation.override(language):
        assert format_partial_date(D(2016, 10, 1), precision) == shown


def test_a_meeting_on_the_handover_day_is_presided_by_the_outgoing_chair(terms):
    conference = MeetingFactory(start_date=D(2025, 4, 24))
    next_meeting = MeetingFactory(start_date=D(2025, 4, 25))

    assert conference.chair_term.participant.code == "AZE"
    assert next_meeting.chair_term.participant.code == "KAZ"
    assert ChairmanshipTerm.objects.chair_on(D(2025, 4, 24)).participant.code == "KAZ"
