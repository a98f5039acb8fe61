"""Template tags of the public site: translated content, dates, alternates in both languages."""

import datetime
from typing import NamedTuple

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.translation import get_language, gettext, override
from modeltranslation.utils import build_localized_fieldname

from chairmanship.models import presiding_among
from meetings.models import Meeting
from meetings.text import clean_html

register = template.Library()

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def fell_back(obj, field):
    """Whether ``obj.field`` shows the English text because the active language has none."""
    language = get_language()
    if language == SOURCE_LANGUAGE:
        return False
    own = getattr(obj, build_localized_fieldname(field, language), None)
    return not own and bool(getattr(obj, field, None))


@register.simple_tag
def translated(obj, field, block=False):
    """Render ``obj.field`` in the active language, marking an English fallback.

    ``block`` renders a long text as paragraphs: staff-entered HTML is sanitised, plain text
    gets paragraph breaks. A fallback is wrapped in an element with ``lang="en"`` and
    followed by a translated note.
    """
    value = getattr(obj, field, None) or ""
    content = clean_html(value) if block else escape(value)
    if not fell_back(obj, field):
        return content
    note = gettext("available in English only")
    if block:
        return format_html(
            '<div lang="{}" class="untranslated">{}</div><p class="untranslated-note">{}</p>',
            SOURCE_LANGUAGE,
            content,
            note,
        )
    return format_html(
        '<span lang="{}" class="untranslated">{}</span> '
        '<span class="untranslated-note">({})</span>',
        SOURCE_LANGUAGE,
        content,
        note,
    )


@register.filter
def sanitised(value):
    """Staff-entered HTML with everything but basic formatting removed."""
    return clean_html(value)


@register.simple_tag
def date_range(start, end):
    """A span of days as "12-13 October 2023" reads in the active language; one date if one day."""
    if end is None or end == start:
        return date_format(start, "DATE_FORMAT")
    if (start.year, start.month) == (end.year, end.month):
        first = date_format(start, "j")
    elif start.year == end.year:
        first = date_format(start, "MONTH_DAY_FORMAT")
    else:
        first = date_format(start, "DATE_FORMAT")
    return f"{first}\N{EN DASH}{date_format(end, 'DATE_FORMAT')}"


@register.filter
def utc_offset(value):
    """ "UTC+4", "UTC+5:30", "UTC" for an aware datetime."""
    offset = value.utcoffset() if isinstance(value, datetime.datetime) else None
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "\N{MINUS SIGN}"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}:{minutes:02d}" if minutes else f"UTC{sign}{hours}"


def _other_language_url(request, language):
    """The address of this page (with its query string) in ``language``.

    It is reversed from the URL the request resolved to; a page that has no version in
    another language (a 404) offers that language's home page.
    """
    match = request.resolver_match
    with override(language):
        try:
            url = match and reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            url = None
        if not url or url == request.path:
            return reverse("meetings:home")
    query = request.META.get("QUERY_STRING")
    return f"{url}?{iri_to_uri(query)}" if query else url


@register.filter
def language_neutral(url):
    """The URL without its language prefix, which redirects by the visitor's language.

    This is the page's ``x-default``, as Django's sitemaps give it.
    """
    return url.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)


class LanguageVersion(NamedTuple):
    code: str
    url: str
    absolute_url: str
    is_current: bool


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page (with its query string) in every language, for the switch and hreflang."""
    request = context.get("request")
    current = get_language()
    if request is not None:
        try:
            return _page_versions(request, current)
        except DisallowedHost:
            pass  # the 400 page of a request refused for its Host header: no address to give
    # A page rendered without a request (the 500 page) offers each home page.
    versions = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            url = reverse("meetings:home")
        versions.append(LanguageVersion(code, url, url, code == current))
    return versions


def _page_versions(request, current):
    path = request.get_full_path()
    versions = []
    for code, _name in settings.LANGUAGES:
        url = path if code == current else _other_language_url(request, code)
        versions.append(
            LanguageVersion(code, url, request.build_absolute_uri(url), code == current)
        )
    return versions


@register.simple_tag
def meetings_by_term(terms):
    """``[(term, [meeting, ...]), ...]``: each term with the main meetings held under it."""
    terms = list(terms)
    grouped = {term.pk: [] for term in terms}
    meetings = Meeting.objects.published().filter(parent__isnull=True).order_by("start_date")
    for meeting in meetings:
        term = presiding_among(terms, meeting.start_date)
        if term is not None:
            grouped[term.pk].append(meeting)
    return [(term, grouped[term.pk]) for term in terms]


@register.filter
def isoformat(value):
    """A datetime in its own time zone for ``<time datetime>`` (the ``date`` filter converts)."""
    return value.isoformat() if value else ""
