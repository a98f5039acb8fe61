"""The API's views: published meetings, participants, chair terms, members and chair on a day.

Every answer is a plain GET without a session, the same for every client, so the public page
cache may keep it until the record changes; each carries an ETag and answers a conditional
GET with a 304 (Django's ``ConditionalGetMiddleware``), is throttled per client address, and
is readable from any origin (django-cors-headers, ``CORS_URLS_REGEX``).
"""

import re

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from chairmanship.models import ChairmanshipTerm
from meetings.api import bulk
from meetings.api import serializers as api
from meetings.api.fields import LANGUAGES, absolute
from meetings.api.params import QueryParams, language_of
from meetings.models import (
    AgendaItem,
    Attendance,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingDocument,
    MeetingKind,
    Speaker,
    Statement,
)
from members.models import Membership, MembershipStatus, Participant, ParticipantKind
from members.urls import ParticipantCodeConverter

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=list(LANGUAGES),
    description="Give every text in this one language (a missing Russian text falls back to "
    "English, as on the site). Without it, every text is an object with both languages.",
)
ERROR_SCHEMA = inline_serializer(
    "Errors",
    {
        "errors": serializers.ListField(
            child=inline_serializer(
                "Error",
                {
                    "parameter": serializers.CharField(
                        required=False, help_text="The query parameter at fault."
                    ),
                    "detail": serializers.CharField(),
                },
            )
        )
    },
)
ERRORS = {400: ERROR_SCHEMA, 404: ERROR_SCHEMA, 429: ERROR_SCHEMA}


class OpenDataPagination(PageNumberPagination):
    """Pages of 50 (``page_size`` up to 200), with links to the next and previous page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        params = QueryParams(request.query_params)
        params.integer(self.page_query_param, low=1, high=10**9)
        params.integer(self.page_size_query_param, low=1, high=self.max_page_size)
        params.check()
        # A page past the last raises NotFound: the API's JSON 404.
        return super().paginate_queryset(queryset, request, view)


class OpenDataMixin:
    """Language from ``?lang=``, messages in it, cache headers on every answer."""

    pagination_class = OpenDataPagination
    # The query parameters the answers read: the page cache stores only these addresses.
    # (ETags and 304s come from Django's ConditionalGetMiddleware, as for every page.)
    page_parameters = ("lang", "page", "page_size")

    def initial(self, request, *args, **kwargs):
        # Messages (errors) are in the language asked for, English otherwise: never in the
        # language of the browser's Accept-Language, which the page cache does not key on.
        translation.activate("en")
        self.lang = language_of(request.query_params)
        translation.activate(self.lang or "en")
        super().initial(request, *args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "lang": getattr(self, "lang", None)}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        lang = getattr(self, "lang", None)
        response["Content-Language"] = lang or ", ".join(LANGUAGES)
        if response.status_code == 200:
            # Browsers and proxies revalidate every time; the ETag makes that a 304.
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response


def meetings_published():
    return Meeting.objects.published().select_related("host", "parent")


@extend_schema(
    summary="Published meetings, newest first",
    parameters=[
        OpenApiParameter("year", int, description="Meetings that start in this year."),
        OpenApiParameter("kind", str, enum=MeetingKind.values),
        OpenApiParameter(
            "from",
            OpenApiTypes.DATE,
            description="Meetings still going on or later on this day (YYYY-MM-DD).",
        ),
        OpenApiParameter(
            "to", OpenApiTypes.DATE, description="Meetings that start on or before this day."
        ),
        OpenApiParameter(
            "participant",
            str,
            description="A participant's code (AZE, IOM): meetings it attended or hosted.",
        ),
        LANG_PARAMETER,
    ],
    responses={200: api.MeetingSummarySerializer(many=True), **ERRORS},
)
class MeetingList(OpenDataMixin, generics.ListAPIView):
    serializer_class = api.MeetingSummarySerializer
    page_parameters = (*OpenDataMixin.page_parameters, "year", "kind", "from", "to", "participant")

    def get_queryset(self):
        params = QueryParams(self.request.query_params)
        year = params.year()
        kind = params.choice("kind", MeetingKind.values)
        start, end = params.date("from"), params.date("to")
        if start and end and end < start:
            params.error("to", _("The end of the range comes before its start."))
        code = params.text("participant")
        if code and not (
            re.fullmatch(ParticipantCodeConverter.regex, code)
            and Participant.objects.filter(code=code).exists()
        ):
            params.error("participant", _("No participant has this code."))
        params.check()
        meetings = meetings_published().order_by("-start_date", "kind", "pk")
        if year:
            meetings = meetings.in_year(year)
        if kind:
            meetings = meetings.of_kind(kind)
        if start:
            meetings = meetings.filter(end_date__gte=start)
        if end:
            meetings = meetings.filter(start_date__lte=end)
        if code:
            attended = Attendance.objects.filter(meeting=OuterRef("pk"), participant__code=code)
            meetings = meetings.filter(Q(Exists(attended)) | Q(host__code=code))
        return meetings


@extend_schema(
    summary="One published meeting with its agenda, participants and outcome",
    parameters=[LANG_PARAMETER],
    responses={200: api.MeetingDetailSerializer, **ERRORS},
)
class MeetingDetail(OpenDataMixin, generics.RetrieveAPIView):
    serializer_class = api.MeetingDetailSerializer

    def get_object(self):
        speakers = Speaker.objects.select_related("person__participant").order_by(
            "role", "order", "pk"
        )
        meetings = (
            meetings_published()
            .in_year(self.kwargs["year"])
            .select_related("outcome_protocol")
            .prefetch_related(
                Prefetch(
                    "concept_note_sections",
                    queryset=ConceptNoteSection.objects.order_by("order", "pk"),
                ),
                Prefetch(
                    "agenda_items",
                    queryset=AgendaItem.objects.order_by("day", "start_time").prefetch_related(
                        Prefetch("speakers", queryset=speakers)
                    ),
                ),
                Prefetch(
                    "statements",
                    queryset=Statement.objects.select_related("person__participant").order_by(
                        "order", "pk"
                    ),
                ),
                Prefetch(
                    "attendances",
                    queryset=Attendance.objects.select_related("participant").order_by(
                        "capacity", "participant__code"
                    ),
                ),
                Prefetch("decisions", queryset=Decision.objects.order_by("order", "pk")),
                Prefetch("documents", queryset=MeetingDocument.objects.order_by("order", "pk")),
                Prefetch(
                    "side_events",
                    queryset=Meeting.objects.published().order_by("start_date", "pk"),
                ),
            )
        )
        meeting = meetings.filter(slug=self.kwargs["slug"]).first()
        if meeting is None:
            raise NotFound()
        return meeting

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "object", None) is not None:
            context["chair_term"] = ChairmanshipTerm.objects.presiding_on(self.object.start_date)
        return context

    def retrieve(self, request, *args, **kwargs):
        self.object = self.get_object()
        return Response(self.get_serializer(self.object).data)


def participants_with_history():
    memberships = Membership.objects.order_by("start_date", "pk")
    return Participant.objects.prefetch_related(Prefetch("memberships", queryset=memberships))


@extend_schema(
    summary="Participants (states and organisations) with their membership history",
    parameters=[OpenApiParameter("kind", str, enum=ParticipantKind.values), LANG_PARAMETER],
    responses={200: api.ParticipantSerializer(many=True), **ERRORS},
)
class ParticipantList(OpenDataMixin, generics.ListAPIView):
    serializer_class = api.ParticipantSerializer

    def get_queryset(self):
        params = QueryParams(self.request.query_params)
        kind = params.choice("kind", ParticipantKind.values)
        params.check()
        participants = participants_with_history().order_by("code")
        return participants.filter(kind=kind) if kind else participants


@extend_schema(
    summary="One participant with its membership history",
    parameters=[LANG_PARAMETER],
    responses={200: api.ParticipantSerializer, **ERRORS},
)
class ParticipantDetail(OpenDataMixin, generics.RetrieveAPIView):
    serializer_class = api.ParticipantSerializer
    lookup_field = "code"

    def get_queryset(self):
        return participants_with_history()


@extend_schema(
    summary="Chairmanship terms, oldest first",
    parameters=[LANG_PARAMETER],
    responses={200: api.ChairmanshipTermSerializer(many=True), **ERRORS},
)
class ChairmanshipTermList(OpenDataMixin, generics.ListAPIView):
    serializer_class = api.ChairmanshipTermSerializer

    def get_queryset(self):
        return ChairmanshipTerm.objects.select_related("participant").order_by("start_date")


DATE_PARAMETER = OpenApiParameter(
    "date", OpenApiTypes.DATE, description="The day asked about (YYYY-MM-DD); today by default."
)


class StandingSerializer(api.MembershipSerializer):
    participant = api.ParticipantRefSerializer(read_only=True)

    class Meta(api.MembershipSerializer.Meta):
        fields = ["participant", *api.MembershipSerializer.Meta.fields]


@extend_schema(
    summary="Who held a status (member by default) on a day",
    parameters=[
        DATE_PARAMETER,
        OpenApiParameter(
            "status", str, enum=MembershipStatus.values, description="member by default."
        ),
        LANG_PARAMETER,
    ],
    responses={
        200: inline_serializer(
            "StatusOnDate",
            {
                "date": serializers.DateField(),
                "status": serializers.ChoiceField(choices=MembershipStatus.choices),
                "count": serializers.IntegerField(),
                "results": StandingSerializer(many=True),
            },
        ),
        **ERRORS,
    },
)
class MembersOnDate(OpenDataMixin, APIView):
    page_parameters = (*OpenDataMixin.page_parameters, "date", "status")

    def get(self, request):
        params = QueryParams(request.query_params)
        day = params.date("date") or timezone.localdate()
        status = params.choice("status", MembershipStatus.values) or MembershipStatus.MEMBER
        params.check()
        standing = (
            Membership.objects.active_on(day)
            .with_status(status)
            .select_related("participant")
            .order_by("participant__code")
        )
        context = {"request": request, "lang": self.lang}
        results = StandingSerializer(standing, many=True, context=context).data
        return Response(
            {"date": day.isoformat(), "status": status, "count": len(results), "results": results}
        )


@extend_schema(
    summary="The chairmanship term in force on a day",
    parameters=[DATE_PARAMETER, LANG_PARAMETER],
    responses={
        200: inline_serializer(
            "ChairOnDate",
            {
                "date": serializers.DateField(),
                "term": api.ChairmanshipTermSerializer(allow_null=True),
            },
        ),
        **ERRORS,
    },
)
class ChairOnDate(OpenDataMixin, APIView):
    page_parameters = (*OpenDataMixin.page_parameters, "date")

    def get(self, request):
        params = QueryParams(request.query_params)
        day = params.date("date") or timezone.localdate()
        params.check()
        term = ChairmanshipTerm.objects.chair_on(day)
        context = {"request": request, "lang": self.lang}
        data = api.ChairmanshipTermSerializer(term, context=context).data if term else None
        return Response({"date": day.isoformat(), "term": data})


@extend_schema(exclude=True)
class ApiRoot(OpenDataMixin, APIView):
    """Where everything is: the endpoints, the OpenAPI document and the bulk download."""

    def get(self, request):
        def url(name):
            return absolute({"request": request}, reverse(name))

        return Response(
            {
                "meetings": url("api:meeting_list"),
                "participants": url("api:participant_list"),
                "chairmanship_terms": url("api:term_list"),
                "members_on_date": url("api:members_on_date"),
                "chair_on_date": url("api:chair_on_date"),
                "bulk_download": url("api:bulk"),
                "openapi": url("api:schema"),
                "documentation": url("api:docs"),
            }
        )


class NotFoundView(OpenDataMixin, APIView):
    """Any other address under /api/: a JSON 404."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        raise NotFound()


@extend_schema(
    summary="The whole published record: a CSV per table, record.json, a data dictionary",
    responses={(200, "application/zip"): OpenApiTypes.BINARY, 429: ERROR_SCHEMA},
)
class BulkDownload(OpenDataMixin, APIView):
    def get(self, request):
        response = HttpResponse(bulk.build_archive(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{bulk.FILENAME}"'
        return response
