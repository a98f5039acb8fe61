"""Writes with rules: publishing and reusing meetings."""

import datetime

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import override

from almaty_portal.translation_status import translated_fields
from meetings.models import AgendaItem, ConceptNoteSection, Meeting, MeetingStatus, Speaker


def _log(*, meeting, by, flag=CHANGE):
    """Record the change in the meeting's admin history, as the admin's own forms do."""
    if flag == ADDITION:
        message = [{"added": {}}]
    else:
        # Stored untranslated, shown in each reader's language (like Django's own entries).
        with override(None):
            field = str(Meeting._meta.get_field("status").verbose_name)
        message = [{"changed": {"fields": [field]}}]
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[meeting],
        action_flag=flag,
        change_message=message,
        single_object=True,
    )


@transaction.atomic
def meeting_publish(*, meeting, by):
    """Make a meeting public, recording when and by whom."""
    meeting.status = MeetingStatus.PUBLISHED
    meeting.published_at = timezone.now()
    meeting.published_by = by
    meeting.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    _log(meeting=meeting, by=by)
    return meeting


@transaction.atomic
def meeting_unpublish(*, meeting, by):
    """Take a meeting back to draft; the public no longer sees it."""
    meeting.status = MeetingStatus.DRAFT
    meeting.save(update_fields=["status", "updated_at"])
    _log(meeting=meeting, by=by)
    return meeting


def _copy_translated(source, target):
    for field in translated_fields(type(source)):
        for column in [field] + [f"{field}_{code}" for code in ("en", "ru")]:
            setattr(target, column, getattr(source, column))


def _free_slug(slug, year):
    taken = set(Meeting.objects.in_year(year).values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


@transaction.atomic
def meeting_duplicate(*, meeting, start_date, by, slug=None):
    """A new draft with ``meeting``'s facts, concept note and agenda, moved to ``start_date``.

    Agenda items keep their weekday offset from the first day; attendance, the protocol and
    documents belong to the meeting that happened and are not copied.
    """
    shift = start_date - meeting.start_date
    copy = Meeting(
        kind=meeting.kind,
        ordinal=meeting.ordinal + 1 if meeting.ordinal else None,
        start_date=start_date,
        end_date=meeting.end_date + shift,
        start_time=meeting.start_time,
        time_zone=meeting.time_zone,
        format=meeting.format,
        host=meeting.host,
        working_languages=list(meeting.working_languages),
        parent=None,
        status=MeetingStatus.DRAFT,
    )
    _copy_translated(meeting, copy)
    copy.slug = _free_slug(slugify(slug or meeting.slug), start_date.year)
    copy.save()
    for section in meeting.concept_note_sections.all():
        new_section = ConceptNoteSection(meeting=copy, order=section.order)
        _copy_translated(section, new_section)
        new_section.save()
    for item in meeting.agenda_items.prefetch_related("speakers"):
        new_item = AgendaItem(
            meeting=copy,
            day=item.day + shift,
            start_time=item.start_time,
            end_time=item.end_time,
            kind=item.kind,
        )
        _copy_translated(item, new_item)
        new_item.save()
        for speaker in item.speakers.all():
            new_speaker = Speaker(
                agenda_item=new_item, role=speaker.role, person=speaker.person, order=speaker.order
            )
            _copy_translated(speaker, new_speaker)
            new_speaker.save()
    _log(meeting=copy, by=by, flag=ADDITION)
    return copy


def next_start_date(meeting):
    """A sensible default for a copy: the same weekday, one year later."""
    return meeting.start_date + datetime.timedelta(weeks=52)


def agenda_item_people_set(*, item, role, people):
    """The named people of ``role`` on an agenda item are ``people``; others of that role go.

    Speakers described only by a role ("Representative of the Chair") are left alone; new
    people come after those already listed, in the order given.
    """
    current = list(item.speakers.all())
    wanted = [person.pk for person in people]
    named = [s for s in current if s.role == role and s.person_id]
    for speaker in named:
        if speaker.person_id not in wanted:
            speaker.delete()
    present = {s.person_id for s in named}
    order = max((s.order for s in current if s.role == role), default=0)
    for person_pk in wanted:
        if person_pk not in present:
            order += 1
            Speaker.objects.create(agenda_item=item, role=role, person_id=person_pk, order=order)
