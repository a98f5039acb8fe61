"""The editors' pages at scale: their query counts do not grow with the record."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import SpeakerRole, Statement
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ConceptNoteSectionFactory,
    DecisionFactory,
    MeetingFactory,
    PersonFactory,
    SpeakerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in context.captured_queries]


def meeting_with_agenda(items, *, speakers=2, attendances=1, statements=1):
    meeting = MeetingFactory()
    ConceptNoteSectionFactory(meeting=meeting)
    DecisionFactory(meeting=meeting)
    AttendanceFactory.create_batch(attendances, meeting=meeting)
    for order in range(statements):
        Statement.objects.create(meeting=meeting, person=PersonFactory(), order=order)
    for n in range(items):
        start = datetime.time(8 + n // 2, 30 * (n % 2))
        item = AgendaItemFactory(meeting=meeting, start_time=start, end_time=None)
        for order in range(speakers):
            SpeakerFactory(agenda_item=item, order=order)
        SpeakerFactory(agenda_item=item, role=SpeakerRole.MODERATOR, person=PersonFactory())
        SpeakerFactory(agenda_item=item, person=None, label="Representative of the Chair")
    return meeting


def test_meeting_form_query_count_does_not_grow_with_its_agenda(admin_client):
    # Nor with its participants or statements: each row's autocomplete used to look its
    # choice up on its own, and then the rows' choices with one query per field.
    bare = meeting_with_agenda(1, attendances=0, statements=0)
    small = meeting_with_agenda(1)
    large = meeting_with_agenda(20, attendances=8, statements=5)
    # Warm the per-process caches (content types) first.
    queries(admin_client, f"/admin/meetings/meeting/{small.pk}/change/")
    none = queries(admin_client, f"/admin/meetings/meeting/{bare.pk}/change/")
    one = queries(admin_client, f"/admin/meetings/meeting/{small.pk}/change/")
    many = queries(admin_client, f"/admin/meetings/meeting/{large.pk}/change/")
    assert len(none) == len(one) == len(many), "\n-----\n".join(
        "\n".join(q[:140] for q in run) for run in (none, one, many)
    )


def test_meeting_form_shows_the_chosen_people_and_participants(admin_client):
    meeting = meeting_with_agenda(1, attendances=2, statements=2)
    response = admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/")
    page = response.content.decode()
    for statement in meeting.statements.select_related("person"):
        assert f'<option value="{statement.person.pk}" selected>{statement.person}</option>' in page
    for attendance in meeting.attendances.select_related("participant"):
        participant = attendance.participant
        assert f'<option value="{participant.pk}" selected>{participant}</option>' in page


def test_meeting_list_query_count_does_not_grow_with_the_record(admin_client):
    for _n in range(2):
        meeting_with_agenda(2, speakers=1)
    queries(admin_client, "/admin/meetings/meeting/")
    few = queries(admin_client, "/admin/meetings/meeting/")
    for _n in range(30):
        meeting_with_agenda(3, speakers=1)
    many = queries(admin_client, "/admin/meetings/meeting/")
    assert len(few) == len(many), "\n".join(many)


def test_list_translation_status_counts_as_the_form_does():
    from almaty_portal.translation_status import completeness, completeness_by_owner
    from meetings.models import Meeting, translated_parts

    complete = meeting_with_agenda(2)
    partial = meeting_with_agenda(3)
    item = partial.agenda_items.first()
    item.title_ru = ""
    item.save()
    speaker = item.speakers.filter(person=None).get()
    speaker.label_en, speaker.label_ru = "", "Представитель Председателя"
    speaker.save()
    empty = MeetingFactory(title_ru="")
    by_owner = completeness_by_owner([complete.pk, partial.pk, empty.pk], translated_parts())
    for meeting in Meeting.objects.filter(pk__in=by_owner).with_parts():
        assert by_owner[meeting.pk] == completeness(meeting.translatable_parts())
    assert by_owner[empty.pk] == {"en": 100, "ru": 50}
    assert by_owner[partial.pk]["ru"] < 100
    assert by_owner[partial.pk]["en"] < 100
