"""How many states and organisations take part on a day, counted from the memberships."""

import datetime

import pytest
from django.utils import translation

from members.composition import composition_on
from members.models import MembershipStatus, ParticipantKind
from tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 10, 12)


def test_counts_states_and_organisations_with_any_status_on_the_day():
    for status in (MembershipStatus.MEMBER, MembershipStatus.MEMBER, MembershipStatus.OBSERVER):
        MembershipFactory(status=status)
    MembershipFactory(status=MembershipStatus.PROSPECTIVE, start_date=datetime.date(2023, 3, 28))
    organisation = ParticipantFactory(kind=ParticipantKind.ORGANISATION)
    MembershipFactory(participant=organisation, status=MembershipStatus.SECRETARIAT)
    # Gone before the day, and not yet there.
    MembershipFactory(end_date=datetime.date(2023, 1, 1))
    MembershipFactory(start_date=datetime.date(2023, 10, 13))

    composition = composition_on(DAY)

    assert (composition.states, composition.organisations) == (4, 1)
    with translation.override("en"):
        assert composition.headline() == "4 states and 1 international organisation"
        assert composition.breakdown() == (
            "2 member states, 1 observer, 1 prospective member and "
            "1 organisation of the Secretariat"
        )
    with translation.override("ru"):
        assert composition.headline() == "4 государства и 1 международная организация"
        assert composition.breakdown() == (
            "2 государства-члена, 1 наблюдатель, 1 потенциальный член и 1 организация секретариата"
        )


def test_a_status_that_changes_on_the_day_counts_once():
    participant = ParticipantFactory()
    MembershipFactory(
        participant=participant,
        status=MembershipStatus.APPLICANT,
        start_date=datetime.date(2023, 3, 28),
        end_date=DAY,
    )
    MembershipFactory(participant=participant, status=MembershipStatus.OBSERVER, start_date=DAY)

    composition = composition_on(DAY)

    assert composition.states == 1
    assert composition.by_status == {MembershipStatus.OBSERVER: 1}


def test_counts_the_record_as_the_report_of_the_8th_som_does(record):
    composition = composition_on(DAY)

    assert (composition.states, composition.organisations) == (10, 3)


def test_one_query(django_assert_num_queries):
    MembershipFactory()
    with django_assert_num_queries(1):
        composition_on(DAY)
