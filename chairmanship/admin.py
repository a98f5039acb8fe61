from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from chairmanship.models import ChairmanshipTerm
from members.admin import PeriodAdminMixin


@admin.register(ChairmanshipTerm)
class ChairmanshipTermAdmin(PeriodAdminMixin, TabbedTranslationAdmin):
    list_display = ["participant", "start_display", "end_display"]
    list_select_related = ["participant"]
    search_fields = ["participant__name_en", "participant__name_ru", "participant__code"]
    autocomplete_fields = ["participant"]
    date_hierarchy = "start_date"
    fields = [
        "participant",
        ("start_date", "start_precision"),
        ("end_date", "end_precision"),
        "priorities",
    ]
