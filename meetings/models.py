import contextlib
import datetime
import zoneinfo

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from almaty_portal.periods import DatePrecision, format_partial_date
from almaty_portal.translation_status import incomplete_q
from chairmanship.models import ChairmanshipTerm
from meetings.agenda import first_overlap
from meetings.documents.uploads import GeneratedName, validate_pdf
from members.models import MembershipStatus, Participant


def _time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class MeetingKind(models.TextChoices):
    MINISTERIAL = "ministerial", _("Ministerial conference")
    SENIOR_OFFICIALS = "som", _("Senior officials' meeting")
    TECHNICAL = "technical", _("Technical or thematic meeting")
    REGIONAL_CONFERENCE = "conference", _("Regional conference")
    SIDE_EVENT = "side_event", _("Side event")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", pgettext_lazy("meeting format", "Online")
    HYBRID = "hybrid", pgettext_lazy("meeting format", "Hybrid")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("publication status", "Draft")
    PUBLISHED = "published", pgettext_lazy("publication status", "Published")


class WorkingLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    AZERBAIJANI = "az", _("Azerbaijani")
    KAZAKH = "kk", _("Kazakh")
    KYRGYZ = "ky", _("Kyrgyz")
    TAJIK = "tg", _("Tajik")
    TURKMEN = "tk", _("Turkmen")
    TURKISH = "tr", _("Turkish")
    UZBEK = "uz", _("Uzbek")
    PERSIAN = "fa", _("Persian")
    PASHTO = "ps", _("Pashto")
    URDU = "ur", _("Urdu")


def translated_parts():
    """``(model, path to the meeting)``: the meeting and every part with texts a reader sees."""
    return [
        (Meeting, "pk"),
        (ConceptNoteSection, "meeting"),
        (AgendaItem, "meeting"),
        (Speaker, "agenda_item__meeting"),
        (Statement, "meeting"),
        (OutcomeProtocol, "meeting"),
        (Decision, "meeting"),
        (MeetingDocument, "meeting"),
    ]


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=MeetingStatus.PUBLISHED)

    def in_year(self, year):
        """Meetings held in ``year``; none for a year no date can have (year 0 of a URL)."""
        if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
            return self.none()
        return self.filter(start_date__year=year)

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def upcoming(self, day=None):
        day = day or timezone.localdate()
        return self.filter(end_date__gte=day).order_by("start_date")

    def past(self, day=None):
        day = day or timezone.localdate()
        return self.filter(end_date__lt=day).order_by("-start_date")

    def with_parts(self):
        """Load every part a reader sees, in a fixed number of queries."""
        return self.select_related("outcome_protocol").prefetch_related(
            "concept_note_sections",
            "agenda_items__speakers",
            "statements",
            "decisions",
            "documents",
        )

    def translation_incomplete(self, language):
        """Meetings with a text (of the meeting or any part) missing in ``language``."""

        def part(model, link):
            rows = model.objects.filter(**{link: OuterRef("pk")})
            return Exists(rows.filter(incomplete_q(model, language)))

        condition = incomplete_q(Meeting, language)
        for model, path in translated_parts()[1:]:
            condition |= part(model, path)
        return self.filter(condition)

    def years(self):
        """The years that have meetings, newest first."""
        return (
            self.annotate(year=ExtractYear("start_date"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )


class Meeting(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=MeetingKind.choices)
    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"),
        null=True,
        blank=True,
        help_text=_("8 for the 8th meeting of its kind; leave empty if not numbered."),
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("The meeting's address on the site, unique within its year."),
    )
    summary = models.TextField(_("summary"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Local time; the agenda gives the detail."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=_time_zone_choices,
        default="Asia/Almaty",
        help_text=_("The IANA time zone of the venue, such as Asia/Baku."),
    )
    format = models.CharField(
        _("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    host = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host"),
    )
    working_languages = models.JSONField(
        _("working languages"),
        default=list,
        blank=True,
        help_text=_("Language codes, such as en and ru."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="side_events",
        verbose_name=_("main meeting"),
        help_text=_("For a side event: the meeting it accompanies."),
    )
    status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "kind"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        # The public lists: published meetings newest first, and the next and last meeting.
        # The first holds what a search sorts its matches by besides their rank (date, kind,
        # id): PostgreSQL reads the published meetings from it alone, not from the table.
        indexes = [
            models.Index(
                fields=["status", "-start_date", "kind", "id"], name="meetings_published_by_date"
            ),
            models.Index(fields=["status", "end_date"], name="meetings_published_by_end"),
            # The editors' list, in its order (the admin adds the primary key): its first
            # page is read from the index instead of sorting every meeting.
            models.Index(fields=["-start_date", "kind", "-id"], name="meetings_admin_list_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                ExtractYear("start_date"), "slug", name="meetings_meeting_slug_unique_per_year"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="meetings_meeting_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_date:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse(
            "meetings:meeting_detail", kwargs={"year": self.start_date.year, "slug": self.slug}
        )

    @property
    def is_published(self):
        return self.status == MeetingStatus.PUBLISHED

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def days(self):
        """Every date of the meeting, in order."""
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=n) for n in range(count)]

    @property
    def chair_term(self):
        """The chairmanship term whose chair presided when the meeting opened."""
        return ChairmanshipTerm.objects.presiding_on(self.start_date)

    def translatable_parts(self):
        """The meeting and every part of it a reader sees (best with ``with_parts()``)."""
        parts = [self, *self.concept_note_sections.all()]
        for item in self.agenda_items.all():
            parts.append(item)
            parts.extend(item.speakers.all())
        parts.extend(self.statements.all())
        with contextlib.suppress(OutcomeProtocol.DoesNotExist):
            parts.append(self.outcome_protocol)
        parts.extend(self.decisions.all())
        parts.extend(self.documents.all())
        return parts

    def members_on_date(self):
        return Participant.objects.with_status_on(self.start_date, MembershipStatus.MEMBER)

    def get_working_languages_display(self):
        labels = dict(WorkingLanguage.choices)
        return [labels.get(code, code) for code in self.working_languages]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = ValidationError(
                _("A meeting cannot end before it starts."), code="end_before_start"
            )
        if self.start_date and self.slug:
            clash = Meeting.objects.filter(slug=self.slug, start_date__year=self.start_date.year)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                errors["slug"] = ValidationError(
                    _("Another meeting of %(year)s already uses this slug."),
                    code="slug_taken",
                    params={"year": self.start_date.year},
                )
        unknown = [c for c in self.working_languages or [] if c not in WorkingLanguage.values]
        if unknown:
            errors["working_languages"] = ValidationError(
                _("Unknown language code: %(codes)s."),
                code="unknown_language",
                params={"codes": ", ".join(map(str, unknown))},
            )
        if self.parent_id is not None:
            if self.kind != MeetingKind.SIDE_EVENT:
                errors["parent"] = ValidationError(
                    _("Only a side event can belong to a main meeting."), code="not_side_event"
                )
            elif self.parent_id == self.pk or self.parent.parent_id is not None:
                errors["parent"] = ValidationError(
                    _("A side event must belong to a main meeting, not to another side event."),
                    code="nested_side_event",
                )
        if errors:
            raise ValidationError(errors)


class ConceptNoteSection(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="concept_note_sections",
        verbose_name=_("meeting"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=250)
    body = models.TextField(
        _("text"),
        help_text=_("Paragraphs and lists; basic formatting (bold, italics, links) is kept."),
    )

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("concept note section")
        verbose_name_plural = _("concept note sections")

    def __str__(self):
        return self.heading


class Person(models.Model):
    """Someone who speaks at or moderates a session."""

    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=250, blank=True)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("represents"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name


class AgendaItemKind(models.TextChoices):
    SESSION = "session", pgettext_lazy("agenda item kind", "Session")
    CEREMONY = "ceremony", pgettext_lazy("agenda item kind", "Ceremony")
    REGISTRATION = "registration", pgettext_lazy("agenda item kind", "Registration")
    BREAK = "break", pgettext_lazy("agenda item kind", "Break")
    MEAL = "meal", pgettext_lazy("agenda item kind", "Meal")
    CULTURAL = "cultural", _("Cultural programme")


class AgendaItemQuerySet(models.QuerySet):
    def on_day(self, day):
        return self.filter(day=day)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=AgendaItemKind.choices, default=AgendaItemKind.SESSION
    )
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)

    objects = AgendaItemQuerySet.as_manager()

    # A form set that holds the whole agenda checks overlaps among its own rows (the saved
    # rows may be about to change), so it switches off the check against the database.
    check_overlap_in_database = True

    class Meta:
        ordering = ["meeting", "day", "start_time"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=models.F("start_time")),
                name="meetings_agendaitem_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.start_time:%H:%M} {self.title}"

    def starts_at(self):
        """The start as an aware datetime in the meeting's time zone."""
        return datetime.datetime.combine(self.day, self.start_time, tzinfo=self.meeting.tzinfo)

    def ends_at(self):
        if self.end_time is None:
            return None
        return datetime.datetime.combine(self.day, self.end_time, tzinfo=self.meeting.tzinfo)

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError(
                {"end_time": ValidationError(_("An item must end after it starts."), code="end")}
            )
        meeting = getattr(self, "meeting", None)
        if self.day is None or meeting is None or meeting.start_date is None:
            return
        if meeting.end_date and not (meeting.start_date <= self.day <= meeting.end_date):
            raise ValidationError(
                {
                    "day": ValidationError(
                        _("The day must fall within the meeting's dates (%(start)s – %(end)s)."),
                        code="outside_meeting",
                        params={
                            "start": date_format(meeting.start_date),
                            "end": date_format(meeting.end_date),
                        },
                    )
                }
            )
        if meeting.pk and self.start_time and self.check_overlap_in_database:
            siblings = AgendaItem.objects.filter(meeting=meeting, day=self.day)
            if self.pk:
                siblings = siblings.exclude(pk=self.pk)
            clash = first_overlap(self, siblings)
            if clash is not None:
                raise agenda_overlap_error(clash)


def agenda_overlap_error(clash):
    """The error shown on an item's start time when it overlaps ``clash``."""
    return ValidationError(
        {
            "start_time": ValidationError(
                _("This item overlaps “%(title)s” (%(start)s) on the same day."),
                code="overlap",
                params={"title": clash.title, "start": clash.start_time.strftime("%H:%M")},
            )
        }
    )


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", pgettext_lazy("agenda role", "Speaker")
    MODERATOR = "moderator", pgettext_lazy("agenda role", "Moderator")


class Speaker(models.Model):
    """A person (or a role not yet filled by a name) speaking at or moderating an item."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("agenda item")
    )
    role = models.CharField(
        _("role"), max_length=10, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appearances",
        verbose_name=_("person"),
    )
    label = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_(
            "Who speaks when no name is known yet (“Representative of the Chair”), "
            "or the topic of the presentation."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["agenda_item", "role", "order", "pk"]
        verbose_name = _("speaker or moderator")
        verbose_name_plural = _("speakers and moderators")

    def __str__(self):
        return str(self.person or self.label)

    def clean(self):
        super().clean()
        if self.person_id is None and not self.label:
            raise ValidationError(
                _("Name a person or describe who speaks."), code="speaker_missing"
            )


class StatementKind(models.TextChoices):
    OPENING = "opening", _("Opening statement")
    STATEMENT = "statement", pgettext_lazy("meeting statement", "Statement")
    PRESENTATION = "presentation", pgettext_lazy("meeting statement", "Presentation")
    CLOSING = "closing", _("Closing statement")


class Statement(models.Model):
    """Someone who addressed a meeting, and what they said, in the record's own words."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="statements", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("person"),
    )
    label = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_(
            "Who speaks when no name is known (“Representatives of Afghanistan”), "
            "or the topic of the statement."
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=StatementKind.choices, default=StatementKind.STATEMENT
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("What was said, in the record's own words, never a pasted text."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return f"{self.person or self.label} — {self.get_kind_display()}"

    def clean(self):
        super().clean()
        if self.person_id is None and not self.label:
            raise ValidationError(
                {
                    "person": ValidationError(
                        _("Name a person or describe who speaks."), code="speaker_missing"
                    )
                }
            )


class AttendanceCapacity(models.TextChoices):
    MEMBER = "member", pgettext_lazy("attendance capacity", "Member state")
    OBSERVER = "observer", pgettext_lazy("attendance capacity", "Observer")
    PROSPECTIVE = "prospective", _("Prospective member")
    SECRETARIAT = "secretariat", _("Secretariat")
    INVITED = "invited", _("Invited party")


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("participant"),
    )
    capacity = models.CharField(_("capacity"), max_length=12, choices=AttendanceCapacity.choices)

    class Meta:
        ordering = ["meeting", "capacity", "participant__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"],
                name="meetings_attendance_once_per_meeting",
                violation_error_message=_("This participant is already listed for the meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.participant} — {self.get_capacity_display()}"


class OutcomeProtocol(models.Model):
    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.CASCADE,
        related_name="outcome_protocol",
        verbose_name=_("meeting"),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    scan = models.FileField(
        _("signed scan"),
        upload_to=GeneratedName("protocols"),
        blank=True,
        validators=[validate_pdf],
    )

    class Meta:
        verbose_name = _("outcome protocol")
        verbose_name_plural = _("outcome protocols")

    def __str__(self):
        return str(_("Outcome protocol of %(meeting)s") % {"meeting": self.meeting.title})

    def clean(self):
        super().clean()
        meeting = getattr(self, "meeting", None)
        if (
            self.signed_on
            and meeting is not None
            and meeting.start_date
            and self.signed_on < meeting.start_date
        ):
            raise ValidationError(
                {
                    "signed_on": ValidationError(
                        _("A protocol cannot be signed before the meeting starts."),
                        code="signed_early",
                    )
                }
            )


class Decision(models.Model):
    """A numbered decision of a meeting's outcome protocol."""

    # Decisions hang off the meeting rather than the protocol so the meeting's admin form
    # can edit them inline (Django's admin has no nested inlines); a meeting has at most
    # one protocol.
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    order = models.PositiveSmallIntegerField(_("number"), default=1)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.order}. {self.text[:60]}"


class DocumentKind(models.TextChoices):
    # In the order the documents page lists them.
    DECLARATION = "declaration", _("Declaration")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    AGENDA = "agenda", _("Agenda")
    REPORT = "report", _("Report")
    PROTOCOL = "protocol", _("Outcome protocol")
    PRESENTATION = "presentation", _("Presentation")
    OTHER = "other", _("Other document")


def _given(field):
    return ~Q(**{field: ""})


# A text counts as held when its English version is written (English is the record's source
# language); the column may be NULL or empty when it is not.
_NO_TEXT = Q(body_en__isnull=True) | Q(body_en="")


class DocumentQuerySet(models.QuerySet):
    def published(self):
        """Published documents that belong to no meeting or to a published one."""
        return self.filter(
            Q(meeting__isnull=True) | Q(meeting__status=MeetingStatus.PUBLISHED),
            status=MeetingStatus.PUBLISHED,
        )

    def in_year(self, year):
        if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
            return self.none()
        return self.filter(date__year=year)

    def texts(self):
        """Documents whose text is held in the record."""
        return self.exclude(_NO_TEXT)

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def years(self):
        """The years that have documents, newest first."""
        return (
            self.annotate(year=ExtractYear("date"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )


class MeetingDocument(models.Model):
    """A document of the record: an uploaded file, a link to an official copy, or a text.

    Exactly one of the three; a text is held here in both languages and printed as an A4
    PDF like the concept note. A document may belong to a meeting; it is public when it is
    published and its meeting (if any) is too.
    """

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("meeting"),
        help_text=_("The meeting the document belongs to, if any."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("What the document is about, in the record's own words."),
    )
    date = models.DateField(
        _("date"),
        help_text=_(
            "Known only to the month or the year? Enter its first possible day and set "
            "the precision."
        ),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("The languages the document exists in."),
    )
    file = models.FileField(
        _("file"),
        upload_to=GeneratedName("documents"),
        validators=[validate_pdf],
        blank=True,
    )
    url = models.URLField(
        _("link to an official copy"),
        max_length=500,
        blank=True,
        help_text=_("The address of the document on an official site (https://…)."),
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "The text held in the record, printed as an A4 PDF. Paragraphs and lists; "
            "basic formatting (bold, italics, links) is kept."
        ),
    )
    status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.DRAFT,
        help_text=_("A document of a draft meeting stays hidden until the meeting is published."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=(_given("file") & Q(url="") & _NO_TEXT)
                | (Q(file="") & _given("url") & _NO_TEXT)
                | (Q(file="") & Q(url="") & ~_NO_TEXT),
                name="meetings_document_file_link_or_text",
                violation_error_message=_(
                    "A document is either a file, a link to an official copy or a text "
                    "held here: exactly one of them."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Where a reader opens the document: the file, the official copy or its PDF."""
        if self.is_file:
            return self.file.url
        if self.is_link:
            return self.url
        return reverse("meetings:document_pdf", kwargs={"pk": self.pk})

    @property
    def is_file(self):
        return bool(self.file)

    @property
    def is_link(self):
        return bool(self.url)

    @property
    def is_text(self):
        return bool(self.body_en)

    @property
    def date_display(self):
        return format_partial_date(self.date, self.date_precision)

    @property
    def is_published(self):
        return self.status == MeetingStatus.PUBLISHED and (
            self.meeting_id is None or self.meeting.is_published
        )

    def get_languages_display(self):
        """The names of the document's languages; Russian writes them in lower case in a list."""
        labels = dict(WorkingLanguage.choices)
        names = [str(labels.get(code, code)) for code in self.languages]
        if get_language() == "ru":
            names = [name[:1].lower() + name[1:] for name in names]
        return names

    def clean(self):
        super().clean()
        errors = {}
        given = [
            name
            for name, present in (
                ("file", self.is_file),
                ("url", self.is_link),
                ("body_en", self.is_text),
            )
            if present
        ]
        if not given:
            errors["file"] = ValidationError(
                _(
                    "Upload the document as a file, give a link to an official copy, or "
                    "write its text in English: one of the three."
                ),
                code="no_source",
            )
        elif len(given) > 1:
            message = _(
                "A document is either a file, a link or a text held here, not several: "
                "keep only one of them."
            )
            for name in given:
                errors[name] = ValidationError(message, code="several_sources")
        unknown = [c for c in self.languages or [] if c not in WorkingLanguage.values]
        if unknown:
            errors["languages"] = ValidationError(
                _("Unknown language code: %(codes)s."),
                code="unknown_language",
                params={"codes": ", ".join(map(str, unknown))},
            )
        if errors:
            raise ValidationError(errors)


class MeetingSearchDocument(models.Model):
    """A meeting's texts as the archive search reads them, in each language and weight.

    Built by ``meetings.search_index`` from the meeting and its parts (its ``SOURCES`` list
    what is read). The texts are plain (tags removed), one part a line; the excerpts of
    the results are cut from them. On PostgreSQL each language also has a stored, weighted
    ``tsvector`` with a GIN index (created by the migration on PostgreSQL only), and a small
    one of its titles and summaries that results are ranked by; on SQLite
    the stemmed texts live in the FTS5 table ``meetings_search_fts`` (rowid = meeting id).
    """

    # Rebuilt from the record, not part of it (almaty_portal.record.record_models).
    derived_from_record = True
    # The weight of each level of text, highest first (PostgreSQL's A–D).
    LEVELS = (("titles", "A"), ("summaries", "B"), ("texts", "C"), ("names", "D"))

    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("meeting"),
    )
    titles_en = models.TextField(blank=True)
    summaries_en = models.TextField(blank=True)
    texts_en = models.TextField(blank=True)
    names_en = models.TextField(blank=True)
    titles_ru = models.TextField(blank=True)
    summaries_ru = models.TextField(blank=True)
    texts_ru = models.TextField(blank=True)
    names_ru = models.TextField(blank=True)
    vector_en = SearchVectorField(null=True, editable=False)
    vector_ru = SearchVectorField(null=True, editable=False)
    # The titles and summaries alone, to rank by: small enough that ranking thousands of
    # matches does not read every meeting's whole agenda again.
    rank_vector_en = SearchVectorField(null=True, editable=False)
    rank_vector_ru = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return str(self.meeting_id)

    @classmethod
    def text_columns(cls, language):
        return [f"{level}_{language}" for level, _weight in cls.LEVELS]
