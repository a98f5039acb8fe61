"""One presentation of a meeting: what its page shows, loaded in a fixed number of queries."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceCapacity,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Speaker,
    SpeakerRole,
    Statement,
)
from members.composition import composition_on

# Participants of a meeting are listed under these headings, in this order.
CAPACITY_HEADINGS = {
    AttendanceCapacity.MEMBER: _("Member states"),
    AttendanceCapacity.OBSERVER: _("Observers"),
    AttendanceCapacity.PROSPECTIVE: _("Prospective members"),
    AttendanceCapacity.SECRETARIAT: _("Secretariat"),
    AttendanceCapacity.INVITED: _("Invited parties"),
}


class MeetingPresentation:
    """A meeting with its parts; nothing is loaded until a part is first asked for."""

    def __init__(self, meeting):
        self.pk = meeting.pk

    @cached_property
    def meeting(self):
        """The meeting with everything its page shows, in a fixed number of queries."""
        speakers = Speaker.objects.select_related("person").order_by("role", "order", "pk")
        agenda = AgendaItem.objects.order_by("day", "start_time").prefetch_related(
            Prefetch("speakers", queryset=speakers)
        )
        meeting = Meeting.objects.select_related("host", "parent", "outcome_protocol").get(
            pk=self.pk
        )
        # Explicit orderings: the models' default ones join the meeting table again.
        prefetch_related_objects(
            [meeting],
            Prefetch(
                "concept_note_sections",
                queryset=ConceptNoteSection.objects.order_by("order", "pk"),
            ),
            Prefetch("agenda_items", queryset=agenda),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("participant").order_by("pk"),
            ),
            Prefetch("side_events", queryset=Meeting.objects.published().order_by("start_date")),
            Prefetch("decisions", queryset=Decision.objects.order_by("order", "pk")),
            Prefetch(
                "documents",
                queryset=MeetingDocument.objects.filter(status=MeetingStatus.PUBLISHED).order_by(
                    "order", "pk"
                ),
            ),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("person").order_by("order", "pk"),
            ),
        )
        return meeting

    @cached_property
    def chair_term(self):
        return self.meeting.chair_term

    @cached_property
    def composition(self):
        """How many states and organisations took part in the process on the meeting's day."""
        return composition_on(self.meeting.start_date)

    @cached_property
    def agenda_days(self):
        return agenda_by_day(self.meeting.agenda_items.all())

    @cached_property
    def participants(self):
        return attendance_by_capacity(self.meeting.attendances.all())

    @cached_property
    def protocol(self):
        return getattr(self.meeting, "outcome_protocol", None)

    @cached_property
    def parent(self):
        parent = self.meeting.parent
        return parent if parent and parent.is_published else None


def agenda_by_day(items):
    """``[(day, [item, ...]), ...]`` in order, each item knowing its moderators and speakers."""
    days = {}
    for item in items:
        people = list(item.speakers.all())
        item.moderators = [s for s in people if s.role == SpeakerRole.MODERATOR]
        item.presenters = [s for s in people if s.role != SpeakerRole.MODERATOR]
        days.setdefault(item.day, []).append(item)
    return list(days.items())


def attendance_by_capacity(attendances):
    """``[(heading, [participant, ...]), ...]`` in the order of ``CAPACITY_HEADINGS``."""
    groups = {capacity: [] for capacity in CAPACITY_HEADINGS}
    for attendance in attendances:
        groups[attendance.capacity].append(attendance.participant)
    return [
        (CAPACITY_HEADINGS[capacity], sorted(people, key=lambda p: p.name))
        for capacity, people in groups.items()
        if people
    ]
