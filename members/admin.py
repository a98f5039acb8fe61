from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from members.models import Membership, Participant


class PeriodAdminMixin:
    """List columns that show a period's dates at their known precision."""

    @admin.display(description=_("from"), ordering="start_date")
    def start_display(self, period):
        return period.start_display

    @admin.display(description=_("until"), ordering="end_date")
    def end_display(self, period):
        return period.end_display or "—"


class MembershipInline(TranslationTabularInline):
    model = Membership
    extra = 0
    fields = ["status", "start_date", "start_precision", "end_date", "end_precision", "source"]


@admin.register(Participant)
class ParticipantAdmin(TabbedTranslationAdmin):
    list_display = ["name", "official_name", "code", "kind"]
    list_filter = ["kind", "memberships__status"]
    search_fields = ["code", "name_en", "name_ru", "official_name_en", "official_name_ru"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(PeriodAdminMixin, TabbedTranslationAdmin):
    list_display = ["participant", "status", "start_display", "end_display"]
    list_filter = ["status", "participant__kind"]
    search_fields = ["participant__name_en", "participant__name_ru", "participant__code"]
    autocomplete_fields = ["participant"]
    list_select_related = ["participant"]
    date_hierarchy = "start_date"
