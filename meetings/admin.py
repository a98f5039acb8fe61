from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from almaty_portal.admin import TranslationStatusAdminMixin, describe_gap
from almaty_portal.translation_status import completeness_by_owner, gaps, language_name, languages
from meetings import services
from meetings.documents.uploads import upload_help_text
from meetings.forms import (
    AgendaFormSet,
    AgendaItemInlineForm,
    AutocompleteLabelsFormSet,
    DocumentAdminForm,
    DuplicateMeetingForm,
    KnownLabelsAutocomplete,
    MeetingAdminForm,
    PeopleAutocomplete,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    OutcomeProtocol,
    Person,
    Speaker,
    Statement,
    translated_parts,
)


class YearListFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in Meeting.objects.years()]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.in_year(int(value))
        return queryset


class MeetingChangeList(ChangeList):
    """The meetings' list, with the translation status of a page's rows worked out at once."""

    def get_results(self, request):
        super().get_results(request)
        meetings = list(self.result_list)
        # As completeness(meeting.translatable_parts()) says, in an aggregate query per
        # kind of part rather than loading every agenda item and speaker of the page.
        percent = completeness_by_owner([m.pk for m in meetings], translated_parts())
        for meeting in meetings:
            meeting.translation_percent = percent[meeting.pk]


class PdfUploadMixin:
    """States the size limit next to every file field of the inline."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in {"file", "scan"}:
            formfield.help_text = upload_help_text()
            formfield.widget.attrs["accept"] = "application/pdf"
        return formfield


class ConceptNoteSectionInline(TranslationStackedInline):
    model = ConceptNoteSection
    extra = 0
    fields = ["order", "heading", "body"]


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    form = AgendaItemInlineForm
    formset = AgendaFormSet
    extra = 0
    fields = [
        "day",
        "start_time",
        "end_time",
        "kind",
        "title",
        "speaker_people",
        "moderator_people",
    ]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("speakers")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        person_field = Speaker._meta.get_field("person")
        for name in AgendaItemInlineForm.ROLE_FIELDS:
            formset.form.base_fields[name].widget = PeopleAutocomplete(
                person_field, self.admin_site
            )
        return formset


class KnownLabelsInlineMixin:
    """Autocomplete fields whose chosen options are read with the rows, in the same query.

    (A row's name may name its chosen object too: an attendance names its participant.)
    """

    formset = AutocompleteLabelsFormSet

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.get_autocomplete_fields(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownLabelsAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AttendanceInline(KnownLabelsInlineMixin, admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["participant"]


class StatementInline(KnownLabelsInlineMixin, TranslationStackedInline):
    model = Statement
    extra = 0
    autocomplete_fields = ["person"]
    fields = [("order", "kind"), "person", "label", "summary"]
    verbose_name_plural = _("statements: who addressed the meeting and what they said")


class OutcomeProtocolInline(PdfUploadMixin, TranslationStackedInline):
    model = OutcomeProtocol
    extra = 0
    max_num = 1

    def get_queryset(self, request):
        # The protocol's name, shown on the form, names its meeting.
        return super().get_queryset(request).select_related("meeting")


class DecisionInline(TranslationTabularInline):
    model = Decision
    extra = 0
    verbose_name = _("protocol decision")
    verbose_name_plural = _("protocol decisions")


DOCUMENT_SOURCE_HELP = _(
    "A document is exactly one of these: a PDF file kept here, a link to an official copy "
    "on another site, or a text held in the record (printed as an A4 PDF)."
)


class MeetingDocumentInline(PdfUploadMixin, TranslationStackedInline):
    model = MeetingDocument
    form = DocumentAdminForm
    extra = 0
    show_change_link = True
    fields = [
        ("kind", "status", "order"),
        "title",
        ("date", "date_precision"),
        "languages",
        "file",
        "url",
        "body",
        "summary",
    ]


@admin.register(Meeting)
class MeetingAdmin(TranslationStatusAdminMixin, TabbedTranslationAdmin):
    form = MeetingAdminForm
    list_display = ["title", "kind", "start_date", "city", "status", "translation_status"]
    list_filter = ["status", "kind", YearListFilter, "format"]
    search_fields = ["title_en", "title_ru", "slug", "city_en", "city_ru"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["host", "parent"]
    list_select_related = ["host"]
    # The list's cost is its rows': 10,000 meetings are found by year, kind, filters and
    # search, not by paging through them, and counting them twice is not needed.
    list_per_page = 25
    show_full_result_count = False
    readonly_fields = [
        "status",
        "published_at",
        "published_by",
        "publication_controls",
        "translation_gaps",
    ]
    actions = ["publish_meetings", "unpublish_meetings", "duplicate_meeting"]
    fieldsets = [
        (None, {"fields": ["kind", "ordinal", "title", "slug", "parent"]}),
        (
            _("Date and place"),
            {
                "fields": [
                    ("start_date", "end_date"),
                    "start_time",
                    "time_zone",
                    "format",
                    "venue",
                    "city",
                    "host",
                    "working_languages",
                ]
            },
        ),
        (_("Summary"), {"fields": ["summary"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "published_by", "publication_controls"]},
        ),
        (_("Translation status"), {"fields": ["translation_gaps"]}),
    ]
    inlines = [
        ConceptNoteSectionInline,
        AgendaItemInline,
        StatementInline,
        AttendanceInline,
        OutcomeProtocolInline,
        DecisionInline,
        MeetingDocumentInline,
    ]

    # --- translation status of the meeting and all its parts -------------------------------

    def get_changelist(self, request, **kwargs):
        return MeetingChangeList

    def get_object(self, request, object_id, from_field=None):
        """The meeting with every part its translation status reads, in a fixed number of
        queries (the list does not load them: it counts gaps in the database instead)."""
        meeting = super().get_object(request, object_id, from_field)
        if meeting is not None:
            prefetch_related_objects(
                [meeting],
                "concept_note_sections",
                "agenda_items__speakers",
                "decisions",
                "documents",
            )
        return meeting

    def translation_parts(self, meeting):
        return meeting.translatable_parts()

    def incomplete(self, queryset, language):
        return queryset.translation_incomplete(language)

    # --- publication -----------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/publish/",
                wrap(self.publish_view),
                name="{}_{}_publish".format(*info),
            ),
            path(
                "<path:object_id>/unpublish/",
                wrap(self.unpublish_view),
                name="{}_{}_unpublish".format(*info),
            ),
            path(
                "<path:object_id>/duplicate/",
                wrap(self.duplicate_view),
                name="{}_{}_duplicate".format(*info),
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("actions"))
    def publication_controls(self, meeting):
        if meeting is None or meeting.pk is None:
            return _("A new meeting is saved as a draft; publish it once it is ready.")
        name = "admin:meetings_meeting_%s"
        if meeting.is_published:
            toggle = (reverse(name % "unpublish", args=[meeting.pk]), _("Return to draft…"))
        else:
            toggle = (reverse(name % "publish", args=[meeting.pk]), _("Publish…"))
        return format_html(
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a>',
            *toggle,
            reverse(name % "duplicate", args=[meeting.pk]),
            _("Duplicate as new draft…"),
        )

    def _meeting_or_404(self, request, object_id):
        # The admin's own lookup: an id that is not a number is "not found", not an error.
        meeting = self.get_object(request, unquote(object_id))
        if meeting is None:
            raise Http404(_("There is no such meeting."))
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        return meeting

    def _confirmation(self, request, template, **context):
        return TemplateResponse(
            request,
            f"admin/meetings/meeting/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "media": self.media,
                **context,
            },
        )

    def _missing_texts(self, meetings):
        """For each meeting with gaps: the language names and what is missing in each."""
        report = []
        for meeting in meetings:
            parts = meeting.translatable_parts()
            missing = [
                (language_name(code), [describe_gap(p, f) for p, f in gaps(parts, code)])
                for code in languages()
            ]
            missing = [(name, items) for name, items in missing if items]
            if missing:
                report.append((meeting, missing))
        return report

    def _confirm_and_act(
        self, request, meeting, *, act, done, template, title, form=None, **context
    ):
        """Show the confirmation (or the form); on a valid POST, act, say so, open the result.

        ``act(meeting, **cleaned_data)`` returns the meeting to open next; ``done`` is the
        success message, formatted with the meeting's title.
        """
        if request.method == "POST" and (form is None or form.is_valid()):
            result = act(meeting, **(form.cleaned_data if form else {}))
            self.message_user(request, done % {"meeting": meeting.title}, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:meetings_meeting_change", args=[result.pk]))
        return self._confirmation(request, template, form=form, object=meeting, **context)

    def publish_view(self, request, object_id):
        meeting = self._meeting_or_404(request, object_id)
        return self._confirm_and_act(
            request,
            meeting,
            act=lambda m: services.meeting_publish(meeting=m, by=request.user),
            done=_("“%(meeting)s” is published."),
            template="publish_confirmation.html",
            title=_("Publish the meeting?"),
            meetings=[meeting],
            missing=self._missing_texts([meeting]),
        )

    def unpublish_view(self, request, object_id):
        meeting = self._meeting_or_404(request, object_id)
        return self._confirm_and_act(
            request,
            meeting,
            act=lambda m: services.meeting_unpublish(meeting=m, by=request.user),
            done=_("“%(meeting)s” is a draft again; the public no longer sees it."),
            template="unpublish_confirmation.html",
            title=_("Return the meeting to draft?"),
        )

    def duplicate_view(self, request, object_id):
        meeting = self._meeting_or_404(request, object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        initial = {"start_date": services.next_start_date(meeting), "slug": meeting.slug}
        return self._confirm_and_act(
            request,
            meeting,
            act=lambda m, **data: services.meeting_duplicate(meeting=m, by=request.user, **data),
            done=_("A new draft was made from “%(meeting)s”. Check its dates and texts."),
            template="duplicate_form.html",
            title=_("Duplicate as new draft"),
            form=DuplicateMeetingForm(request.POST or None, initial=initial),
        )

    @admin.action(description=_("Publish the selected meetings"), permissions=["change"])
    def publish_meetings(self, request, queryset):
        meetings = list(queryset.filter(status=MeetingStatus.DRAFT).with_parts())
        missing = self._missing_texts(meetings)
        if missing and request.POST.get("confirm") != "yes":
            return self._confirmation(
                request,
                "publish_confirmation.html",
                title=_("Publish the selected meetings?"),
                meetings=meetings,
                missing=missing,
                action="publish_meetings",
                selected=[m.pk for m in meetings],
            )
        for meeting in meetings:
            services.meeting_publish(meeting=meeting, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d meeting is published.",
                "%(count)d meetings are published.",
                len(meetings),
            )
            % {"count": len(meetings)},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("Return the selected meetings to draft"), permissions=["change"])
    def unpublish_meetings(self, request, queryset):
        meetings = list(queryset.filter(status=MeetingStatus.PUBLISHED))
        for meeting in meetings:
            services.meeting_unpublish(meeting=meeting, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d meeting is a draft again.",
                "%(count)d meetings are drafts again.",
                len(meetings),
            )
            % {"count": len(meetings)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Duplicate as new draft"), permissions=["add"])
    def duplicate_meeting(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Select exactly one meeting to duplicate."), messages.WARNING
            )
            return None
        return HttpResponseRedirect(
            reverse("admin:meetings_meeting_duplicate", args=[queryset.get().pk])
        )

    # --- history of the meeting and its parts ----------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if not hasattr(response, "context_data") or "object" not in response.context_data:
            return response
        meeting = response.context_data["object"]
        # Changes made on the meeting's page (its inlines included) are logged on the
        # meeting; an agenda item edited on its own page (with its speakers) on the item.
        content_types = ContentType.objects.get_for_models(Meeting, AgendaItem)
        item_ids = [str(pk) for pk in meeting.agenda_items.values_list("pk", flat=True)]
        parts = Q(content_type=content_types[Meeting], object_id=str(meeting.pk)) | Q(
            content_type=content_types[AgendaItem], object_id__in=item_ids
        )
        entries = (
            LogEntry.objects.filter(parts)
            .select_related("user", "content_type")
            .order_by("action_time")
        )
        paginator = self.get_paginator(request, entries, 100)
        page = paginator.get_page(request.GET.get("p", 1))
        response.context_data.update(
            action_list=page,
            page_range=paginator.get_elided_page_range(page.number),
            pagination_required=paginator.count > 100,
        )
        return response


class SpeakerInline(TranslationTabularInline):
    model = Speaker
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["role", "person", "label", "order"]


@admin.register(AgendaItem)
class AgendaItemAdmin(TabbedTranslationAdmin):
    list_display = ["title", "meeting", "day", "start_time", "end_time", "kind"]
    list_filter = ["kind", "meeting__kind"]
    list_select_related = ["meeting"]
    search_fields = ["title_en", "title_ru", "meeting__title_en", "meeting__title_ru"]
    autocomplete_fields = ["meeting"]
    inlines = [SpeakerInline]


@admin.register(Person)
class PersonAdmin(TabbedTranslationAdmin):
    list_display = ["name", "position", "organisation"]
    search_fields = ["name_en", "name_ru", "organisation_en", "organisation_ru"]
    autocomplete_fields = ["participant"]


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(TranslationStatusAdminMixin, PdfUploadMixin, TabbedTranslationAdmin):
    form = DocumentAdminForm
    list_display = ["title", "kind", "date_display", "meeting", "status", "translation_status"]
    list_filter = ["kind", "status"]
    list_select_related = ["meeting"]
    search_fields = ["title_en", "title_ru", "meeting__title_en", "meeting__title_ru"]
    autocomplete_fields = ["meeting"]
    readonly_fields = ["pdf_preview", "translation_gaps"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "meeting", "status", "order"]}),
        (_("Date and languages"), {"fields": [("date", "date_precision"), "languages"]}),
        (
            _("The document itself"),
            {"fields": ["file", "url", "body", "pdf_preview"], "description": DOCUMENT_SOURCE_HELP},
        ),
        (_("Summary"), {"fields": ["summary"]}),
        (_("Translation status"), {"fields": ["translation_gaps"]}),
    ]

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, document):
        return document.date_display

    @admin.display(description=_("preview of the PDF"))
    def pdf_preview(self, document):
        if document is None or not document.pk or not document.is_text:
            return _("A text held in the record can be previewed as a PDF once it is saved.")
        return format_html_join(
            " · ",
            '<a href="{}" target="_blank">{}</a>',
            ((_preview_url(document, code), language_name(code)) for code in languages()),
        )


def _preview_url(document, language):
    with translation.override(language):
        return reverse("meetings:document_preview", kwargs={"pk": document.pk})
