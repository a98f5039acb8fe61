"""Admin pieces every app's admin uses: periods at their precision, translation status."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from almaty_portal.translation_status import (
    completeness,
    gaps,
    incomplete_q,
    language_name,
    languages,
)


class PeriodAdminMixin:
    """List columns that show a period's dates at their known precision."""

    @admin.display(description=_("from"), ordering="start_date")
    def start_display(self, period):
        return period.start_display

    @admin.display(description=_("until"), ordering="end_date")
    def end_display(self, period):
        return period.end_display or "—"


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "incomplete"

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            ("ru", _("Russian incomplete")),
            ("en", _("English incomplete")),
        ]

    def queryset(self, request, queryset):
        if self.value() in languages():
            return self.model_admin.incomplete(queryset, self.value())
        return queryset


class TranslationStatusAdminMixin:
    """How complete each language is: a list column, a filter and the gaps on the form."""

    def translation_parts(self, obj):
        """Every object whose texts count for ``obj`` (the meeting adds its parts)."""
        return [obj]

    def incomplete(self, queryset, language):
        return queryset.filter(incomplete_q(queryset.model, language))

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), TranslationStatusFilter]

    @admin.display(description=_("translated"))
    def translation_status(self, obj):
        # A list may have worked it out for all its rows at once (the meetings' list does).
        percent = getattr(obj, "translation_percent", None) or completeness(
            self.translation_parts(obj)
        )
        return format_html_join(
            " · ",
            '<span class="translation-status{}">{} {}%</span>',
            (
                (" incomplete" if value < 100 else "", code.upper(), value)
                for code, value in percent.items()
            ),
        )

    @admin.display(description=_("missing texts"))
    def translation_gaps(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        parts = self.translation_parts(obj)
        rows = []
        for code in languages():
            missing = gaps(parts, code)
            if not missing:
                continue
            names = format_html_join(
                "", "<li>{}</li>", ((describe_gap(part, field),) for part, field in missing)
            )
            rows.append(
                format_html(
                    '<p><strong>{}</strong></p><ul class="translation-gaps">{}</ul>',
                    _("Missing in %(language)s:") % {"language": language_name(code)},
                    names,
                )
            )
        if not rows:
            return _("Every text is written in both languages.")
        return format_html_join("", "{}", ((row,) for row in rows))


def describe_gap(part, field):
    """“Agenda item 09:30 Welcoming remarks: title” — what staff need to find the field."""
    label = type(part)._meta.get_field(field).verbose_name
    return format_html(
        "{} “{}”: {}", type(part)._meta.verbose_name.capitalize(), str(part)[:80], label
    )
