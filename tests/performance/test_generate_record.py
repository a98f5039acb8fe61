"""The synthetic record for measurements at scale: exact sizes, and rows that obey the rules."""

import io

import pytest
from django.core.management import call_command

from bench.synthetic import SLUG_PREFIX, generate_record, synthetic_meetings
from meetings.agenda import overlaps
from meetings.models import (
    AgendaItem,
    Attendance,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingStatus,
    OutcomeProtocol,
    Speaker,
)
from members.models import Participant

pytestmark = pytest.mark.django_db


def generate(**options):
    out = io.StringIO()
    call_command("generate_record", stdout=out, **options)
    return out.getvalue()


def test_generate_record_counts_exact():
    output = generate(meetings=5, items=7, seed=3, batch_size=2)

    assert Meeting.objects.count() == 5
    assert Meeting.objects.published().count() == 5
    assert AgendaItem.objects.count() == 35
    assert ConceptNoteSection.objects.count() == 20
    for meeting in Meeting.objects.all():
        assert meeting.agenda_items.count() == 7
        assert meeting.concept_note_sections.count() == 4
        assert meeting.slug.startswith(SLUG_PREFIX)
    assert "Added 5 meetings, 20 sections, 35 agenda_items" in output


def test_generate_record_reports_what_it_wrote():
    counts = generate_record(meetings=4, items=5, seed=8, batch_size=3)

    assert counts.speakers == Speaker.objects.count() > 0
    assert counts.attendances == Attendance.objects.count() > 0
    assert counts.protocols == OutcomeProtocol.objects.count()
    assert counts.decisions == Decision.objects.count()
    # An empty database gets a few synthetic states to attend and host the meetings.
    assert counts.participants == Participant.objects.count() == 6


def test_generate_record_rows_pass_full_clean():
    generate_record(meetings=6, items=20, seed=11, batch_size=4)

    for meeting in synthetic_meetings().with_parts().prefetch_related("attendances"):
        meeting.full_clean()
        for part in meeting.translatable_parts():
            part.full_clean()
        for attendance in meeting.attendances.all():
            attendance.full_clean()


def test_generate_record_both_languages_filled():
    generate_record(meetings=3, items=4, seed=2)

    for meeting in synthetic_meetings().with_parts():
        for part in meeting.translatable_parts():
            for name in ("title", "heading", "body", "summary", "text", "name"):
                english = getattr(part, f"{name}_en", None)
                if english:
                    russian = getattr(part, f"{name}_ru")
                    assert russian
                    assert russian != english
        section = meeting.concept_note_sections.first()
        assert 300 < len(section.body_en) < 5000
        assert 300 < len(section.body_ru) < 6000


def test_generate_record_long_agenda_spreads_over_days():
    generate_record(meetings=2, items=50, seed=5)

    for meeting in synthetic_meetings().prefetch_related("agenda_items"):
        items = list(meeting.agenda_items.all())
        assert len(items) == 50
        assert len(meeting.days) >= 3
        for item in items:
            item.full_clean()
            assert meeting.start_date <= item.day <= meeting.end_date
            assert item.end_time > item.start_time
            same_day = [other for other in items if other.day == item.day and other is not item]
            assert not any(overlaps(item, other) for other in same_day)


def test_generate_record_on_top_of_the_real_record(record):
    real = {m.pk: (m.slug, m.title_en, m.title_ru) for m in Meeting.objects.all()}
    participants = Participant.objects.count()

    generate(meetings=3, items=2, seed=1)
    generate(meetings=3, items=2, seed=1)

    assert Meeting.objects.count() == len(real) + 6
    assert {
        m.pk: (m.slug, m.title_en, m.title_ru) for m in Meeting.objects.filter(pk__in=real)
    } == real
    assert Participant.objects.count() == participants
    slugs = list(synthetic_meetings().values_list("slug", flat=True))
    assert len(set(slugs)) == 6
    assert sorted(s[: len(SLUG_PREFIX) + 5] for s in slugs) == [
        f"{SLUG_PREFIX}{n:05d}" for n in range(1, 7)
    ]
    assert not synthetic_meetings().exclude(status=MeetingStatus.PUBLISHED).exists()


def test_a_page_cached_before_generating_shows_the_new_meetings(client):
    before = client.get("/en/meetings/")

    generate(meetings=3, items=2, seed=5)
    after = client.get("/en/meetings/")

    titles = [meeting.title_en for meeting in synthetic_meetings()]
    assert len(titles) == 3
    assert not any(title in before.text for title in titles)
    assert all(title in after.text for title in titles)
