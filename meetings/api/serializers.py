"""How the record reads as JSON: stable identifiers, ISO 8601 dates, texts in both languages.

A meeting is known by its year and slug (``2023/8th-som``), a participant by its code
(``AZE``). Every text is ``{"en": …, "ru": …}`` unless the request asks for one language
(``?lang=ru``). Agenda times carry the UTC offset of the meeting's time zone.
"""

import datetime

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from almaty_portal.periods import DatePrecision
from almaty_portal.text import clean_html
from chairmanship.models import ChairmanshipTerm
from meetings.api.fields import (
    PAGE_URLS_SCHEMA,
    PartialDateField,
    TranslatedField,
    absolute,
    page_urls,
)
from meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    AttendanceCapacity,
    ConceptNoteSection,
    Decision,
    DocumentKind,
    Meeting,
    MeetingDocument,
    MeetingFormat,
    MeetingKind,
    OutcomeProtocol,
    Person,
    Speaker,
    SpeakerRole,
    Statement,
    StatementKind,
    WorkingLanguage,
)
from members.models import Membership, MembershipStatus, Participant, ParticipantKind


def meeting_key(meeting):
    """The meeting's stable identifier, as its addresses use it: ``2023/8th-som``."""
    return f"{meeting.start_date.year}/{meeting.slug}"


def utc_offset(moment):
    """``+04:00`` for an aware datetime."""
    return moment.isoformat()[-6:] if moment.utcoffset() else "+00:00"


class HtmlTranslatedField(TranslatedField):
    """Staff-entered HTML (concept-note sections), sanitised as the pages show it."""

    def to_representation(self, value):
        text = super().to_representation(value)
        if isinstance(text, dict):
            return {code: str(clean_html(body)) if body else None for code, body in text.items()}
        return str(clean_html(text)) if text else None


# --- Participants and their memberships ------------------------------------------------------


class ParticipantRefSerializer(serializers.ModelSerializer):
    """A participant named inside another object: its code, kind and name."""

    name = TranslatedField()
    kind = serializers.ChoiceField(choices=ParticipantKind.choices)
    url = serializers.SerializerMethodField(help_text="This participant in the API.")

    class Meta:
        model = Participant
        fields = ["code", "kind", "name", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, participant):
        return absolute(
            self.context, reverse("api:participant_detail", kwargs={"code": participant.code})
        )


class MembershipSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=MembershipStatus.choices)
    start = PartialDateField("start", help_text="First day of the status.")
    start_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    end = PartialDateField(
        "end",
        help_text="The day it passed on (not included: periods are half-open); null while "
        "it lasts.",
    )
    end_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    source = TranslatedField()

    class Meta:
        model = Membership
        fields = ["status", "start", "start_precision", "end", "end_precision", "source"]


class ParticipantSerializer(ParticipantRefSerializer):
    official_name = TranslatedField()
    description = TranslatedField()
    memberships = MembershipSerializer(many=True, read_only=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = [
            "code",
            "kind",
            "name",
            "official_name",
            "description",
            "memberships",
            "url",
            "page",
        ]

    @extend_schema_field(PAGE_URLS_SCHEMA)
    def get_page(self, participant):
        return page_urls(self.context, "members:participant_detail", code=participant.code)


# --- Chairmanship --------------------------------------------------------------------------


class ChairmanshipTermSerializer(serializers.ModelSerializer):
    participant = ParticipantRefSerializer(read_only=True)
    start = PartialDateField("start")
    start_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    end = PartialDateField(
        "end", help_text="The day the chair passed on (not included); null while it lasts."
    )
    end_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    priorities = TranslatedField()

    class Meta:
        model = ChairmanshipTerm
        fields = [
            "participant",
            "start",
            "start_precision",
            "end",
            "end_precision",
            "priorities",
        ]


# --- Meetings --------------------------------------------------------------------------------


class MeetingRefSerializer(serializers.ModelSerializer):
    """A meeting named inside another: its identifier, title and address in the API."""

    id = serializers.SerializerMethodField(help_text="year/slug, as in its addresses.")
    title = TranslatedField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "title", "url"]

    def get_id(self, meeting) -> str:
        return meeting_key(meeting)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, meeting):
        return absolute(
            self.context,
            reverse(
                "api:meeting_detail",
                kwargs={"year": meeting.start_date.year, "slug": meeting.slug},
            ),
        )


class MeetingSummarySerializer(MeetingRefSerializer):
    """A meeting in a list: its facts, without its parts."""

    year = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    format = serializers.ChoiceField(choices=MeetingFormat.choices)
    time_zone = serializers.CharField(help_text="The venue's IANA time zone, such as Asia/Baku.")
    summary = TranslatedField()
    venue = TranslatedField()
    city = TranslatedField()
    utc_offset = serializers.SerializerMethodField(
        help_text="The UTC offset of the meeting's time zone on its first day, as +04:00."
    )
    host = ParticipantRefSerializer(read_only=True, allow_null=True)
    working_languages = serializers.ListField(
        child=serializers.ChoiceField(choices=WorkingLanguage.choices)
    )
    main_meeting = serializers.SerializerMethodField(
        help_text="For a side event: the identifier of the meeting it accompanies."
    )
    page = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "year",
            "slug",
            "kind",
            "ordinal",
            "title",
            "summary",
            "start_date",
            "end_date",
            "start_time",
            "time_zone",
            "utc_offset",
            "format",
            "venue",
            "city",
            "host",
            "working_languages",
            "main_meeting",
            "url",
            "page",
        ]

    def get_year(self, meeting) -> int:
        return meeting.start_date.year

    def get_utc_offset(self, meeting) -> str:
        noon = datetime.datetime.combine(meeting.start_date, datetime.time(12), meeting.tzinfo)
        return utc_offset(noon)

    def get_main_meeting(self, meeting) -> str | None:
        parent = meeting.parent
        return meeting_key(parent) if parent and parent.is_published else None

    @extend_schema_field(PAGE_URLS_SCHEMA)
    def get_page(self, meeting):
        return page_urls(
            self.context,
            "meetings:meeting_detail",
            year=meeting.start_date.year,
            slug=meeting.slug,
        )


class PersonSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    position = TranslatedField()
    organisation = TranslatedField()
    participant = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="The participant this person represents."
    )

    class Meta:
        model = Person
        fields = ["name", "position", "organisation", "participant"]


class SpeakerSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=SpeakerRole.choices)
    person = PersonSerializer(read_only=True, allow_null=True)
    label = TranslatedField(help_text="Who speaks when no name is known, or the topic.")

    class Meta:
        model = Speaker
        fields = ["role", "person", "label"]


class AgendaItemSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=AgendaItemKind.choices)
    starts_at = serializers.SerializerMethodField(
        help_text="Local time with the meeting's UTC offset, ISO 8601."
    )
    ends_at = serializers.SerializerMethodField()
    title = TranslatedField()
    description = TranslatedField()
    speakers = SpeakerSerializer(many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["day", "starts_at", "ends_at", "kind", "title", "description", "speakers"]

    def _aware(self, item, time):
        zone = self.context["meeting"].tzinfo
        return datetime.datetime.combine(item.day, time, tzinfo=zone).isoformat()

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_starts_at(self, item):
        return self._aware(item, item.start_time)

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_ends_at(self, item):
        return self._aware(item, item.end_time) if item.end_time else None


class ConceptNoteSectionSerializer(serializers.ModelSerializer):
    heading = TranslatedField()
    body = HtmlTranslatedField(help_text="HTML: paragraphs, lists, emphasis and links.")

    class Meta:
        model = ConceptNoteSection
        fields = ["heading", "body"]


class StatementSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=StatementKind.choices)
    person = PersonSerializer(read_only=True)

    class Meta:
        model = Statement
        fields = ["kind", "person"]


class AttendanceSerializer(serializers.ModelSerializer):
    participant = ParticipantRefSerializer(read_only=True)
    capacity = serializers.ChoiceField(choices=AttendanceCapacity.choices)

    class Meta:
        model = Attendance
        fields = ["participant", "capacity"]


class OutcomeProtocolSerializer(serializers.ModelSerializer):
    summary = TranslatedField()
    scan = serializers.SerializerMethodField(help_text="The signed scan (PDF), if uploaded.")

    class Meta:
        model = OutcomeProtocol
        fields = ["signed_on", "summary", "scan"]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_scan(self, protocol):
        return absolute(self.context, protocol.scan.url) if protocol.scan else None


class DecisionSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(source="order")
    text = TranslatedField()

    class Meta:
        model = Decision
        fields = ["number", "text"]


class DocumentSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = TranslatedField()
    language = serializers.ChoiceField(choices=WorkingLanguage.choices)
    file = serializers.SerializerMethodField()

    class Meta:
        model = MeetingDocument
        fields = ["kind", "title", "language", "file"]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_file(self, document):
        return absolute(self.context, document.file.url) if document.file else None


class MeetingDetailSerializer(MeetingSummarySerializer):
    """One meeting with everything its page shows."""

    chair = serializers.SerializerMethodField(
        help_text="The chairmanship term whose chair presided (on a handover day, the "
        "outgoing chair)."
    )
    concept_note = ConceptNoteSectionSerializer(
        source="concept_note_sections", many=True, read_only=True
    )
    agenda = serializers.SerializerMethodField()
    statements = StatementSerializer(many=True, read_only=True)
    attendance = AttendanceSerializer(source="attendances", many=True, read_only=True)
    outcome_protocol = serializers.SerializerMethodField()
    decisions = DecisionSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    side_events = MeetingRefSerializer(many=True, read_only=True)
    calendar = serializers.SerializerMethodField(help_text="iCalendar file of the meeting.")
    pdf = serializers.SerializerMethodField(
        help_text="The documents the site prints from the record (A4 PDF), in each language."
    )

    class Meta(MeetingSummarySerializer.Meta):
        fields = [
            *MeetingSummarySerializer.Meta.fields,
            "chair",
            "concept_note",
            "agenda",
            "statements",
            "attendance",
            "outcome_protocol",
            "decisions",
            "documents",
            "side_events",
            "calendar",
            "pdf",
        ]

    @extend_schema_field(ChairmanshipTermSerializer(allow_null=True))
    def get_chair(self, meeting):
        term = self.context.get("chair_term")
        return ChairmanshipTermSerializer(term, context=self.context).data if term else None

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting):
        context = {**self.context, "meeting": meeting}
        return AgendaItemSerializer(meeting.agenda_items.all(), many=True, context=context).data

    @extend_schema_field(OutcomeProtocolSerializer(allow_null=True))
    def get_outcome_protocol(self, meeting):
        protocol = getattr(meeting, "outcome_protocol", None)
        return OutcomeProtocolSerializer(protocol, context=self.context).data if protocol else None

    @extend_schema_field(PAGE_URLS_SCHEMA)
    def get_calendar(self, meeting):
        return page_urls(
            self.context,
            "meetings:meeting_calendar",
            year=meeting.start_date.year,
            slug=meeting.slug,
        )

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                kind: PAGE_URLS_SCHEMA for kind in ("concept_note", "agenda", "protocol")
            },
        }
    )
    def get_pdf(self, meeting):
        # What meetings.documents.pdf.available_documents answers, from the parts already loaded.
        kinds = ["concept_note"]
        if meeting.agenda_items.all():
            kinds.append("agenda")
        if getattr(meeting, "outcome_protocol", None):
            kinds.append("protocol")
        key = {"year": meeting.start_date.year, "slug": meeting.slug}
        return {kind: page_urls(self.context, f"meetings:{kind}_pdf", **key) for kind in kinds}
