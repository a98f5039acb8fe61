from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from almaty_portal.admin import PeriodAdminMixin, TranslationStatusAdminMixin
from members.models import Membership, Participant


class MembershipInline(TranslationTabularInline):
    model = Membership
    extra = 0
    fields = ["status", "start_date", "start_precision", "end_date", "end_precision", "source"]


@admin.register(Participant)
class ParticipantAdmin(TranslationStatusAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "official_name", "code", "kind", "translation_status"]
    list_filter = ["kind", "memberships__status"]
    search_fields = ["code", "name_en", "name_ru", "official_name_en", "official_name_ru"]
    readonly_fields = ["translation_gaps"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(PeriodAdminMixin, TabbedTranslationAdmin):
    list_display = ["participant", "status", "start_display", "end_display"]
    list_filter = ["status", "participant__kind"]
    search_fields = ["participant__name_en", "participant__name_ru", "participant__code"]
    autocomplete_fields = ["participant"]
    list_select_related = ["participant"]
    date_hierarchy = "start_date"
