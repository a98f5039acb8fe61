import functools

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from almaty_portal.page_cache import has_session, page_version
from chairmanship.models import ChairmanshipTerm
from chairmanship.views import TermListView
from meetings import calendar, history
from meetings.filters import ArchiveFilterForm
from meetings.models import Meeting
from meetings.presentation import MeetingPresentation
from meetings.search import search_meetings
from meetings.structured_data import home_page, json_ld_script, meeting_event
from members.models import Membership, MembershipStatus


class PublishedMeetingMixin:
    """Published meetings only; staff may also open a draft's page, marked as a preview."""

    allow_staff_preview = False

    def shows_drafts(self):
        if not self.allow_staff_preview or not has_session(self.request):
            return False
        user = getattr(self.request, "user", None)
        return user is not None and user.is_staff

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
            structured_data=json_ld_script(home_page(self.request.build_absolute_uri)),
            **kwargs,
        )


class MeetingArchiveView(PublishedMeetingMixin, ListView):
    template_name = "meetings/meeting_list.html"
    form_class = ArchiveFilterForm
    paginate_by = 20
    # The query parameters the page reads: the page cache stores only these addresses.
    page_parameters = (*ArchiveFilterForm.base_fields, "page")

    def get(self, request, *args, **kwargs):
        self.years = list(Meeting.objects.published().years())
        self.form = self.form_class(request.GET or None, years=self.years)
        self.filters = self.form.filters()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        meetings = super().get_queryset().select_related("host").order_by("-start_date", "kind")
        if self.filters["year"]:
            meetings = meetings.in_year(self.filters["year"])
        if self.filters["kind"]:
            meetings = meetings.of_kind(self.filters["kind"])
        if self.filters["q"]:
            meetings = search_meetings(meetings, self.filters["q"])
        return meetings

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=self.form,
            filters=self.filters,
            is_filtered=any(self.filters.values()),
            query_without_page=query.urlencode(),
            **kwargs,
        )


class MeetingDetailView(PublishedMeetingMixin, DetailView):
    """A meeting's page; its body is a fragment cached per page version (see the template)."""

    template_name = "meetings/meeting_detail.html"
    allow_staff_preview = True

    def get_queryset(self):
        return self.meetings_of_url_year()

    def get_context_data(self, **kwargs):
        page = MeetingPresentation(self.object)
        return super().get_context_data(
            # Both are loaded only if their cached fragments have to be rendered again (the
            # template calls structured_data then).
            page=page,
            structured_data=functools.partial(self.structured_data, page),
            page_version=page_version(self.request),
            **kwargs,
        )

    def structured_data(self, page):
        """The meeting as a schema.org Event (JSON-LD); none for a staff preview of a draft."""
        if not self.object.is_published:
            return None
        return json_ld_script(
            meeting_event(page.meeting, absolute_url=self.request.build_absolute_uri)
        )


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


class ChairmanshipView(TermListView):
    """The chairmanship page, with the meetings held under each term on it and its timeline.

    It is served from here because chairmanship may not depend on meetings; the project's
    URL configuration routes ``chairmanship:term_list`` to this view.
    """

    def meetings_by_term(self, terms):
        return history.meetings_by_term(terms, history.main_meetings())


class HistoryPdfView(View):
    """Membership and chairmanship on one A4 page, in the language of the URL.

    A public GET without a session: the page cache keeps it until the record changes, and
    ``history.history_pdf`` keeps the print of each version for requests it does not answer.
    """

    def get(self, request, *args, **kwargs):
        language = get_language()
        response = HttpResponse(
            history.history_pdf(language=language), content_type="application/pdf"
        )
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=False, filename=history.download_name(language)
        )
        return response


class RobotsView(TemplateView):
    template_name = "meetings/robots.txt"
    content_type = "text/plain; charset=utf-8"
