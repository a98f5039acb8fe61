import functools

from django.core.cache import caches
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import ExtractYear
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from almaty_portal.page_cache import PAGE_TTL, has_session, page_version
from chairmanship.models import ChairmanshipTerm
from chairmanship.views import TermListView
from meetings import calendar, history
from meetings.filters import ArchiveFilterForm, DocumentFilterForm
from meetings.models import (
    DocumentKind,
    Meeting,
    MeetingDocument,
    MeetingSearchDocument,
)
from meetings.presentation import MeetingPresentation
from meetings.search import (
    MAX_TERMS,
    Query,
    SearchBusy,
    SearchPaginator,
    SearchTimeout,
    excerpt,
    ranked_keys,
    search_documents,
    search_meetings,
    search_transaction,
)
from meetings.structured_data import home_page, json_ld_script, meeting_event
from members.composition import composition_of
from members.models import Membership, MembershipStatus

SEARCH_UNUSABLE = _(
    "The search has no words to look for (only punctuation or very common words): "
    "here is the whole archive."
)
SEARCH_SHORTENED = _("Only the first %(count)d words or phrases of the search were used.")
SEARCH_TOO_SLOW = _(
    "The search took too long and was stopped: here is the archive without it. "
    "Try fewer or more specific words."
)
# Seconds a visitor whose search could not start is asked to wait (Retry-After).
SEARCH_RETRY_AFTER = 5
SEARCH_BUSY = _(
    "Many searches are running at the moment and yours could not start in time: here is the "
    "archive without it. Please try again in a moment."
)


TEXT_COLUMNS = [
    column for language in ("en", "ru") for column in MeetingSearchDocument.text_columns(language)
]


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
        standing = list(
            Membership.objects.active_on(today)
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
            composition=composition_of(standing),
            **kwargs,
        )


class FilteredListMixin:
    """A list filtered by a search box, a year and a kind (the archive, the documents page).

    Unknown values are reported by the form and ignored; the years offered are those
    ``filter_years`` gives.
    """

    form_class = None

    def filter_years(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.form = self.form_class(request.GET or None, years=self.offered_years())
        self.filters = self.form.filters()
        self.read_filters()
        return super().get(request, *args, **kwargs)

    def offered_years(self):
        """``filter_years``, read once per page version: they change only with the record.

        Kept with the template fragments, under the page version's key: a search or a page
        the page cache does not store then costs no query for them (at 10,000 meetings
        they take milliseconds to read).
        """
        key = f"filter-years.{type(self).__name__}.{page_version(self.request).key}"
        return caches["fragments"].get_or_set(key, lambda: list(self.filter_years()), PAGE_TTL)

    def read_filters(self):
        """What the view makes of ``self.filters`` before it lists anything."""

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        return super().get_context_data(
            form=self.form,
            filters=self.filters,
            is_filtered=any(self.filters.values()),
            query_without_page=query.urlencode(),
            **kwargs,
        )


class MeetingArchiveView(FilteredListMixin, PublishedMeetingMixin, ListView):
    """The archive: by year and kind, and searched (ranked, each result with its match)."""

    template_name = "meetings/meeting_list.html"
    form_class = ArchiveFilterForm
    paginate_by = 20
    # The query parameters the page reads: the page cache stores only these addresses.
    page_parameters = (*ArchiveFilterForm.base_fields, "page")

    def filter_years(self):
        return Meeting.objects.published().years()

    def read_filters(self):
        self.notices = list(self.form.notices)
        self.query = None
        self.search_busy = False
        if self.filters["q"]:
            query = Query.parse(self.filters["q"])
            if query.searchable():
                self.query = query
                if query.shortened:
                    self.notices.append(SEARCH_SHORTENED % {"count": MAX_TERMS})
            else:
                self.notices.append(SEARCH_UNUSABLE)

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

    def get_paginator(self, queryset, *args, **kwargs):
        if self.query is None:
            return super().get_paginator(queryset, *args, **kwargs)
        return SearchPaginator(queryset, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        if self.query is None:
            return super().paginate_queryset(queryset, page_size)
        try:
            with search_transaction():
                # The matches are ranked and counted as narrow rows, in one query (the
                # paginator's): only the page's meetings are then read whole, and the texts
                # their excerpts are cut from (read with the ranking, every match's texts and
                # summaries would travel through the sort).
                paginator, page, ranked, is_paginated = super().paginate_queryset(
                    ranked_keys(queryset), page_size
                )
                found = self.filtered_meetings().in_bulk(ranked)
                # A meeting withdrawn between the two queries is left out.
                page.object_list = object_list = [found[pk] for pk in ranked if pk in found]
                # The excerpts are part of the search's turn: cutting them is most of its
                # work in Python.
                documents = MeetingSearchDocument.objects.only(*TEXT_COLUMNS).in_bulk(
                    [meeting.pk for meeting in object_list]
                )
                language = get_language()
                for meeting in object_list:
                    meeting.search_excerpt = excerpt(
                        documents.get(meeting.pk), self.query, language
                    )
        except SearchTimeout as stopped:
            self.query = None
            self.search_busy = isinstance(stopped, SearchBusy)
            self.notices.append(SEARCH_BUSY if self.search_busy else SEARCH_TOO_SLOW)
            return super().paginate_queryset(self.filtered_meetings(), page_size)
        return paginator, page, object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(notices=self.notices, **kwargs)
        # Read after the page is made: a search stopped on the way is no longer one.
        context["searched"] = self.query is not None
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.search_busy:
            # Overloaded for a moment: the archive without the search, and when to ask again.
            response.status_code = 503
            response["Retry-After"] = str(SEARCH_RETRY_AFTER)
        return response


class DocumentListView(FilteredListMixin, ListView):
    """Every published document, by kind and year, searchable and filtered like the archive."""

    template_name = "meetings/document_list.html"
    form_class = DocumentFilterForm
    paginate_by = 50
    # The query parameters the page reads: the page cache stores only these addresses.
    page_parameters = (*DocumentFilterForm.base_fields, "page")

    def filter_years(self):
        return MeetingDocument.objects.published().years()

    def get_queryset(self):
        kind_order = Case(
            *(When(kind=kind, then=Value(n)) for n, kind in enumerate(DocumentKind.values)),
            output_field=IntegerField(),
        )
        documents = (
            MeetingDocument.objects.published()
            .select_related("meeting")
            .annotate(kind_order=kind_order, year=ExtractYear("date"))
            .order_by("kind_order", "-date", "order", "pk")
        )
        if self.filters["year"]:
            documents = documents.in_year(self.filters["year"])
        if self.filters["kind"]:
            documents = documents.of_kind(self.filters["kind"])
        if self.filters["q"]:
            documents = search_documents(documents, self.filters["q"])
        return documents


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
