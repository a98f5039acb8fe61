from django.core.cache import caches
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from chairmanship.models import ChairmanshipTerm
from meetings import calendar
from meetings.caching import PAGE_TTL, content_version
from meetings.filters import ArchiveFilterForm
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceCapacity,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingDocument,
    MeetingSearchDocument,
    Speaker,
    SpeakerRole,
    Statement,
)
from meetings.search import MAX_TERMS, Query, SearchTimeout, excerpt, search_meetings, time_limit
from members.models import Membership, MembershipStatus

# Participants of a meeting are listed under these headings, in this order.
CAPACITY_HEADINGS = {
    AttendanceCapacity.MEMBER: _("Member states"),
    AttendanceCapacity.OBSERVER: _("Observers"),
    AttendanceCapacity.PROSPECTIVE: _("Prospective members"),
    AttendanceCapacity.SECRETARIAT: _("Secretariat"),
    AttendanceCapacity.INVITED: _("Invited parties"),
}


SEARCH_UNUSABLE = _(
    "The search has no words to look for (only punctuation or very common words): "
    "here is the whole archive."
)
SEARCH_SHORTENED = _("Only the first %(count)d words or phrases of the search were used.")
SEARCH_TOO_SLOW = _(
    "The search took too long and was stopped: here is the archive without it. "
    "Try fewer or more specific words."
)


TEXT_COLUMNS = [
    column for language in ("en", "ru") for column in MeetingSearchDocument.text_columns(language)
]


class PublishedMeetingMixin:
    """Published meetings only; staff may also open a draft's page, marked as a preview."""

    allow_staff_preview = False

    def shows_drafts(self):
        user = getattr(self.request, "user", None)
        return self.allow_staff_preview and user is not None and user.is_staff

    def visible_meetings(self):
        meetings = Meeting.objects.all()
        return meetings if self.shows_drafts() else meetings.published()

    def get_queryset(self):
        return self.visible_meetings()

    def meetings_of_url_year(self):
        """The meetings of the URL's year (none for a year no date can have: a 404)."""
        return self.visible_meetings().in_year(self.kwargs["year"])


class HomeView(TemplateView):
    template_name = "meetings/home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        main_meetings = Meeting.objects.published().filter(parent__isnull=True)
        current_term = ChairmanshipTerm.objects.current()
        statuses = (MembershipStatus.MEMBER, MembershipStatus.OBSERVER)
        standing = (
            Membership.objects.active_on(today)
            .with_status(*statuses)
            .select_related("participant")
            .order_by("participant__name")
        )
        return super().get_context_data(
            today=today,
            current_term=current_term,
            latest_term=None if current_term else ChairmanshipTerm.objects.latest(),
            next_meeting=main_meetings.upcoming(today).first(),
            last_meeting=main_meetings.past(today).first(),
            members=[m.participant for m in standing if m.status == MembershipStatus.MEMBER],
            observers=[m.participant for m in standing if m.status == MembershipStatus.OBSERVER],
            **kwargs,
        )


class MeetingArchiveView(PublishedMeetingMixin, ListView):
    """The archive: by year and kind, and searched (ranked, each result with its match)."""

    template_name = "meetings/meeting_list.html"
    form_class = ArchiveFilterForm
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.years = list(Meeting.objects.published().years())
        self.form = self.form_class(request.GET or None, years=self.years)
        self.filters = self.form.filters()
        self.notices = list(self.form.notices)
        self.query = None
        if self.filters["q"]:
            query = Query.parse(self.filters["q"])
            if query.searchable():
                self.query = query
                if query.shortened:
                    self.notices.append(SEARCH_SHORTENED % {"count": MAX_TERMS})
            else:
                self.notices.append(SEARCH_UNUSABLE)
        return super().get(request, *args, **kwargs)

    def filtered_meetings(self):
        meetings = super().get_queryset().select_related("host").order_by("-start_date", "kind")
        if self.filters["year"]:
            meetings = meetings.in_year(self.filters["year"])
        if self.filters["kind"]:
            meetings = meetings.of_kind(self.filters["kind"])
        return meetings

    def get_queryset(self):
        meetings = self.filtered_meetings()
        if self.query is None:
            return meetings
        return search_meetings(meetings, self.query)

    def paginate_queryset(self, queryset, page_size):
        if self.query is None:
            return super().paginate_queryset(queryset, page_size)
        try:
            with time_limit():
                paginator, page, object_list, is_paginated = super().paginate_queryset(
                    queryset, page_size
                )
                page.object_list = object_list = list(object_list)
        except SearchTimeout:
            self.query = None
            self.notices.append(SEARCH_TOO_SLOW)
            return super().paginate_queryset(self.filtered_meetings(), page_size)
        # The texts the excerpts are cut from, for this page only (joined to the ranked
        # query they made every match's texts travel through the sort).
        documents = MeetingSearchDocument.objects.only(*TEXT_COLUMNS).in_bulk(
            [meeting.pk for meeting in object_list]
        )
        language = get_language()
        for meeting in object_list:
            meeting.search_excerpt = excerpt(documents.get(meeting.pk), self.query, language)
        return paginator, page, object_list, is_paginated

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=self.form,
            filters=self.filters,
            is_filtered=any(self.filters.values()),
            searched=self.query is not None,
            notices=self.notices,
            query_without_page=query.urlencode(),
            **kwargs,
        )


class MeetingDetailView(PublishedMeetingMixin, DetailView):
    """A meeting's page.

    The page body is a template fragment cached per meeting, language and content version,
    and so is the meeting's lookup (in the same per-process ``fragments`` cache): a request
    the page cache does not answer (an unknown query parameter, a signed-in editor) costs no
    query while the record is unchanged. The meeting's parts are loaded only when the body
    is rendered.
    """

    template_name = "meetings/meeting_detail.html"
    allow_staff_preview = True

    # What the page shows outside its cached body: the lookup stays one narrow query.
    SHELL_FIELDS = ("pk", "slug", "status", "start_date", "title", "summary")

    def get_queryset(self):
        return self.meetings_of_url_year().only(*self.SHELL_FIELDS)

    def get_object(self, queryset=None):
        """The meeting of the URL, looked up once per content version (a miss is not kept)."""
        if queryset is not None:
            return super().get_object(queryset)
        year, slug = self.kwargs["year"], self.kwargs["slug"]
        key = f"meeting-shell:{year}:{slug}:{self.shows_drafts():d}:{self.content_version}"
        meeting = caches["fragments"].get(key)
        if meeting is None:
            meeting = super().get_object()
            caches["fragments"].set(key, meeting, PAGE_TTL)
        return meeting

    @cached_property
    def content_version(self):
        """The version the lookup and every fragment of this page are keyed by (read once)."""
        return content_version(self.request)

    def get_context_data(self, **kwargs):
        return super().get_context_data(content_version=self.content_version, **kwargs)

    @cached_property
    def meeting_with_parts(self):
        """The meeting with everything its page shows, in a fixed number of queries."""
        speakers = Speaker.objects.select_related("person").order_by("role", "order", "pk")
        agenda = AgendaItem.objects.order_by("day", "start_time").prefetch_related(
            Prefetch("speakers", queryset=speakers)
        )
        meeting = Meeting.objects.select_related("host", "parent", "outcome_protocol").get(
            pk=self.object.pk
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
            Prefetch("documents", queryset=MeetingDocument.objects.order_by("order", "pk")),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("person").order_by("order", "pk"),
            ),
        )
        return meeting

    @cached_property
    def parts(self):
        meeting = self.meeting_with_parts
        return {
            "chair_term": meeting.chair_term,
            "agenda_days": agenda_by_day(meeting.agenda_items.all()),
            "participants": attendance_by_capacity(meeting.attendances.all()),
            "protocol": getattr(meeting, "outcome_protocol", None),
            "parent": meeting.parent if meeting.parent and meeting.parent.is_published else None,
        }


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


class MeetingCalendarView(PublishedMeetingMixin, DetailView):
    """One meeting as an iCalendar file, one event per day, in the meeting's time zone."""

    def get_queryset(self):
        return self.meetings_of_url_year().prefetch_related("agenda_items")

    def render_to_response(self, context, **response_kwargs):
        body = calendar.render_calendar(
            [self.object], language=get_language(), absolute_url=self.request.build_absolute_uri
        )
        return calendar_response(body, f"{self.object.slug}.ics")


class CalendarFeedView(PublishedMeetingMixin, ListView):
    """Every published meeting as one iCalendar file to subscribe to."""

    def get_queryset(self):
        return super().get_queryset().prefetch_related("agenda_items")

    def render_to_response(self, context, **response_kwargs):
        body = calendar.render_calendar(
            self.object_list, language=get_language(), absolute_url=self.request.build_absolute_uri
        )
        return calendar_response(body, "almaty-process.ics")


def calendar_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class RobotsView(TemplateView):
    template_name = "meetings/robots.txt"
    content_type = "text/plain; charset=utf-8"
