from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from almaty_portal.admin import PeriodAdminMixin, TranslationStatusAdminMixin
from chairmanship.models import ChairmanshipTerm


@admin.register(ChairmanshipTerm)
class ChairmanshipTermAdmin(PeriodAdminMixin, TranslationStatusAdminMixin, TabbedTranslationAdmin):
    list_display = ["participant", "start_display", "end_display", "translation_status"]
    list_select_related = ["participant"]
    search_fields = ["participant__name_en", "participant__name_ru", "participant__code"]
    autocomplete_fields = ["participant"]
    date_hierarchy = "start_date"
    readonly_fields = ["translation_gaps"]
    fields = [
        "participant",
        ("start_date", "start_precision"),
        ("end_date", "end_precision"),
        "priorities",
        "translation_gaps",
    ]
