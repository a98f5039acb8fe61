"""Every rule that stops bad data, with the message staff see on the offending field."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from chairmanship.models import ChairmanshipTerm
from meetings.models import AgendaItem, MeetingKind
from members.models import Membership, MembershipStatus
from tests.factories import (
    AgendaItemFactory,
    ChairmanshipTermFactory,
    MeetingFactory,
    MembershipFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time


def errors_of(instance, language="en"):
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            instance.full_clean()
        return {
            field: [str(m) for m in messages]
            for field, messages in caught.value.message_dict.items()
        }


def test_chair_term_overlapping_another_is_refused_on_start_date():
    ChairmanshipTermFactory(
        participant=ParticipantFactory(name_en="Azerbaijan", name_ru="Азербайджан"),
        start_date=D(2023, 1, 1),
        end_date=D(2025, 4, 24),
    )
    term = ChairmanshipTerm(
        participant=ParticipantFactory(), start_date=D(2024, 6, 1), end_date=D(2026, 1, 1)
    )

    assert errors_of(term) == {
        "start_date": [
            "This term overlaps the chairmanship of Azerbaijan (1 January 2023 – 24 April 2025)."
        ]
    }
    assert errors_of(term, "ru") == {
        "start_date": [
            "Этот срок пересекается со сроком председательства: Азербайджан "
            "(1 января 2023 г. – 24 апреля 2025 г.)."
        ]
    }


def test_chair_term_may_start_on_the_day_the_previous_one_ended():
    ChairmanshipTermFactory(start_date=D(2023, 1, 1), end_date=D(2025, 4, 24))
    term = ChairmanshipTerm(participant=ParticipantFactory(), start_date=D(2025, 4, 24))

    term.full_clean()


def test_chair_term_open_ended_overlaps_any_later_term():
    ChairmanshipTermFactory(start_date=D(2025, 4, 24), end_date=None)
    term = ChairmanshipTerm(participant=ParticipantFactory(), start_date=D(2030, 1, 1))

    assert list(errors_of(term)) == ["start_date"]


def test_period_ending_before_it_starts_is_refused_on_end_date():
    term = ChairmanshipTerm(
        participant=ParticipantFactory(), start_date=D(2023, 1, 1), end_date=D(2022, 1, 1)
    )

    assert errors_of(term) == {"end_date": ["The end date must be later than the start date."]}
    assert errors_of(term, "ru") == {"end_date": ["Дата окончания должна быть позже даты начала."]}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints are PostgreSQL's"
)
def test_chair_terms_overlap_is_refused_by_the_database_on_postgresql():
    ChairmanshipTermFactory(start_date=D(2023, 1, 1), end_date=D(2025, 1, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        ChairmanshipTerm.objects.create(participant=ParticipantFactory(), start_date=D(2024, 1, 1))


def test_membership_periods_of_one_participant_never_overlap():
    iran = ParticipantFactory(name_en="Iran", name_ru="Иран")
    MembershipFactory(participant=iran, status=MembershipStatus.MEMBER, end_date=D(2016, 1, 1))
    overlapping = Membership(
        participant=iran, status=MembershipStatus.OBSERVER, start_date=D(2015, 1, 1)
    )

    assert errors_of(overlapping) == {
        "start_date": [
            "This period overlaps another status of Iran (Member state from 5 June 2013)."
        ]
    }
    assert errors_of(overlapping, "ru") == {
        "start_date": [
            "Этот период пересекается с другим статусом участника Иран "
            "(статус «Государство-член» с 5 июня 2013 г.)."
        ]
    }


def test_membership_periods_of_different_participants_may_overlap():
    MembershipFactory(start_date=D(2013, 6, 5))
    other = Membership(
        participant=ParticipantFactory(), status=MembershipStatus.MEMBER, start_date=D(2013, 6, 5)
    )

    other.full_clean()


def test_membership_may_change_status_on_the_day_the_previous_ended():
    pakistan = ParticipantFactory()
    MembershipFactory(participant=pakistan, end_date=D(2016, 1, 1))
    observer = Membership(
        participant=pakistan, status=MembershipStatus.OBSERVER, start_date=D(2016, 1, 1)
    )

    observer.full_clean()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints are PostgreSQL's"
)
def test_membership_overlap_is_refused_by_the_database_on_postgresql():
    membership = MembershipFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            participant=membership.participant,
            status=MembershipStatus.OBSERVER,
            start_date=D(2020, 1, 1),
        )


def test_meeting_ending_before_it_starts_is_refused_on_end_date():
    meeting = MeetingFactory.build(start_date=D(2023, 10, 12), end_date=D(2023, 10, 11))

    assert errors_of(meeting) == {"end_date": ["A meeting cannot end before it starts."]}
    assert errors_of(meeting, "ru") == {
        "end_date": ["Дата окончания мероприятия не может быть раньше даты его начала."]
    }


def test_meeting_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(start_date=D(2023, 10, 12), end_date=D(2023, 10, 11))


def test_meeting_slug_must_be_unique_within_its_year():
    MeetingFactory(slug="8th-som", start_date=D(2023, 10, 12))
    same_year = MeetingFactory.build(slug="8th-som", start_date=D(2023, 3, 28))

    assert errors_of(same_year) == {"slug": ["Another meeting of 2023 already uses this slug."]}
    assert errors_of(same_year, "ru") == {
        "slug": ["Этот адрес (slug) уже занят другим мероприятием 2023 года."]
    }


def test_meeting_slug_may_repeat_in_another_year():
    MeetingFactory(slug="senior-officials-meeting", start_date=D(2014, 11, 21))
    later = MeetingFactory.build(slug="senior-officials-meeting", start_date=D(2023, 3, 28))

    later.full_clean()


def test_meeting_slug_unique_per_year_is_enforced_by_the_database():
    MeetingFactory(slug="8th-som", start_date=D(2023, 10, 12))

    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(slug="8th-som", start_date=D(2023, 1, 5))


def test_only_a_side_event_may_have_a_main_meeting():
    main = MeetingFactory()
    not_side_event = MeetingFactory.build(kind=MeetingKind.SENIOR_OFFICIALS, parent=main)

    assert errors_of(not_side_event) == {
        "parent": ["Only a side event can belong to a main meeting."]
    }


def test_unknown_working_language_is_refused():
    meeting = MeetingFactory.build(working_languages=["en", "xx"])

    assert errors_of(meeting) == {"working_languages": ["Unknown language code: xx."]}


def test_agenda_item_must_end_after_it_starts():
    item = AgendaItemFactory.build(meeting=MeetingFactory(), start_time=T(10, 0), end_time=T(9, 30))

    assert errors_of(item) == {"end_time": ["An item must end after it starts."]}
    assert errors_of(item, "ru") == {
        "end_time": ["Пункт повестки должен заканчиваться позже, чем начинается."]
    }


def test_agenda_item_must_lie_within_the_meeting_dates():
    meeting = MeetingFactory(start_date=D(2023, 10, 12), end_date=D(2023, 10, 13))
    item = AgendaItemFactory.build(meeting=meeting, day=D(2023, 10, 14))

    assert errors_of(item) == {
        "day": ["The day must fall within the meeting's dates (12 October 2023 – 13 October 2023)."]
    }


def test_agenda_item_overlapping_another_of_the_same_day_is_refused():
    meeting = MeetingFactory()
    AgendaItemFactory(
        meeting=meeting, start_time=T(10, 0), end_time=T(10, 30), title_en="Coffee break"
    )
    item = AgendaItemFactory.build(meeting=meeting, start_time=T(10, 15), end_time=T(11, 0))

    assert errors_of(item) == {
        "start_time": ["This item overlaps “Coffee break” (10:00) on the same day."]
    }


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (T(10, 30), T(11, 0)),  # starts when the other ends
        (T(9, 30), T(10, 0)),  # ends when the other starts
    ],
)
def test_agenda_items_that_only_touch_do_not_overlap(start, end):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, start_time=T(10, 0), end_time=T(10, 30))
    item = AgendaItemFactory.build(meeting=meeting, start_time=start, end_time=end)

    item.full_clean()


def test_agenda_item_without_end_inside_another_is_refused():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, start_time=T(10, 0), end_time=T(12, 0))
    item = AgendaItemFactory.build(meeting=meeting, start_time=T(11, 0), end_time=None)

    assert list(errors_of(item)) == ["start_time"]


def test_agenda_items_of_different_days_may_share_times():
    meeting = MeetingFactory(start_date=D(2023, 10, 12), end_date=D(2023, 10, 13))
    AgendaItemFactory(meeting=meeting, day=D(2023, 10, 12), start_time=T(10, 0), end_time=None)
    item = AgendaItemFactory.build(
        meeting=meeting, day=D(2023, 10, 13), start_time=T(10, 0), end_time=None
    )

    item.full_clean()


def test_agenda_item_ending_before_start_is_refused_by_the_database():
    meeting = MeetingFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(
            meeting=meeting,
            day=meeting.start_date,
            start_time=T(10, 0),
            end_time=T(9, 0),
            title="x",
        )
