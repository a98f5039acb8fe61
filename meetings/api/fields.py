"""Fields the API's serializers share: texts in two languages, dates at their precision."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from almaty_portal.periods import DatePrecision

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

BOTH_LANGUAGES_SCHEMA = {
    "oneOf": [
        {
            "type": "object",
            "description": "The text in each language; null where it is not written.",
            "properties": {code: {"type": "string", "nullable": True} for code in LANGUAGES},
            "required": list(LANGUAGES),
        },
        {
            "type": "string",
            "nullable": True,
            "description": "With ?lang=: the text in that language (English where the "
            "Russian text is missing, as on the site).",
        },
    ]
}


def requested_language(context):
    """The one language asked for with ``?lang=``, or None for both."""
    return context.get("lang") if context else None


def translated_value(obj, field, lang):
    """``{"en": …, "ru": …}`` for ``obj.field``, or its text in ``lang`` (English fallback)."""
    if lang is None:
        return {code: getattr(obj, f"{field}_{code}", None) or None for code in LANGUAGES}
    return (
        getattr(obj, f"{field}_{lang}", None)
        or getattr(obj, f"{field}_{SOURCE_LANGUAGE}", None)
        or None
    )


@extend_schema_field(BOTH_LANGUAGES_SCHEMA)
class TranslatedField(serializers.Field):
    """A text stored in both languages (django-modeltranslation's ``<field>_en``, ``_ru``)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value):
        return translated_value(value, self.source, requested_language(self.context))


def partial_date(value, precision):
    """ISO 8601 at the precision the record knows: "2016", "2016-10" or "2016-10-12"."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
        "description": "ISO 8601 at the precision the record gives: YYYY, YYYY-MM or YYYY-MM-DD.",
    }
)
class PartialDateField(serializers.Field):
    """A period's date (``start`` or ``end``) shown only as precisely as it is known."""

    def __init__(self, which, **kwargs):
        self.which = which
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value):
        return partial_date(
            getattr(value, f"{self.which}_date"), getattr(value, f"{self.which}_precision")
        )


def absolute(context, path):
    """``path`` as an absolute URL of the request's site."""
    request = context.get("request") if context else None
    return request.build_absolute_uri(path) if request else path


def page_urls(context, view_name, **kwargs):
    """The public page of an object in each language, as absolute URLs."""
    urls = {}
    for code in LANGUAGES:
        with override(code):
            urls[code] = absolute(context, reverse(view_name, kwargs=kwargs))
    return urls


PAGE_URLS_SCHEMA = {
    "type": "object",
    "description": "The public page in each language.",
    "properties": {code: {"type": "string", "format": "uri"} for code in LANGUAGES},
}
