from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from meetings.forms import AgendaFormSet, MeetingAdminForm
from meetings.models import (
    AgendaItem,
    Attendance,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingDocument,
    OutcomeProtocol,
    Person,
    Speaker,
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


class ConceptNoteSectionInline(TranslationStackedInline):
    model = ConceptNoteSection
    extra = 0
    fields = ["order", "heading", "body"]


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    formset = AgendaFormSet
    extra = 0
    fields = ["day", "start_time", "end_time", "kind", "title"]
    show_change_link = True


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["participant"]


class OutcomeProtocolInline(TranslationStackedInline):
    model = OutcomeProtocol
    extra = 0
    max_num = 1


class DecisionInline(TranslationTabularInline):
    model = Decision
    extra = 0
    verbose_name = _("protocol decision")
    verbose_name_plural = _("protocol decisions")


class MeetingDocumentInline(TranslationTabularInline):
    model = MeetingDocument
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(TabbedTranslationAdmin):
    form = MeetingAdminForm
    list_display = ["title", "kind", "start_date", "city", "format", "status"]
    list_filter = ["status", "kind", YearListFilter, "format"]
    search_fields = ["title_en", "title_ru", "slug", "city_en", "city_ru"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["host", "parent"]
    list_select_related = ["host"]
    fieldsets = [
        (None, {"fields": ["kind", "ordinal", "title", "slug", "status", "parent"]}),
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
    ]
    inlines = [
        ConceptNoteSectionInline,
        AgendaItemInline,
        AttendanceInline,
        OutcomeProtocolInline,
        DecisionInline,
        MeetingDocumentInline,
    ]


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
