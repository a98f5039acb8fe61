"""Template tags of the public site: translated content, dates, alternates in both languages."""

import functools
from typing import NamedTuple

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.encoding import iri_to_uri
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import get_language, get_language_info, gettext, override

from almaty_portal.periods import format_date_range
from almaty_portal.text import clean_html
from almaty_portal.translation_status import SOURCE_LANGUAGE, fell_back

register = template.Library()


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


register.simple_tag(format_date_range, name="date_range")


def _other_language_url(request, language):
    """The address of this page (with its query string) in ``language``.

    It is reversed from the URL the request resolved to; a page that has no version in
    another language (a 404) offers that language's home page.
    """
    match = request.resolver_match
    kwargs = tuple(sorted(match.kwargs.items())) if match else ()
    url = match and _reverse_in(language, match.view_name, tuple(match.args), kwargs)
    if not url or url == request.path:
        return _reverse_in(language, "meetings:home")
    query = request.META.get("QUERY_STRING")
    return f"{url}?{iri_to_uri(query)}" if query else url


def _reverse_in(language, view_name, args=(), kwargs=()):
    """A URL in ``language``, or None if ``view_name`` has none with these arguments."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    try:
        return _reverse_once(urlconf, language, view_name, args, kwargs)
    except TypeError:  # an argument that cannot be a key (the sitemap view's dict of maps)
        return _reverse(urlconf, language, view_name, args, kwargs)


def _reverse(urlconf, language, view_name, args, kwargs):
    with override(language):
        try:
            return reverse(view_name, urlconf=urlconf, args=args, kwargs=dict(kwargs))
        except NoReverseMatch:
            return None


# The URLs of a URLconf do not change while a process runs: each is reversed once.
_reverse_once = functools.lru_cache(maxsize=4096)(_reverse)


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
        url = _reverse_in(code, "meetings:home")
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


# The alternates in the head and the language switch are built here rather than by template
# loops: both read the same list of the page's versions, built once per page.


@register.simple_tag
def hreflang_links(versions):
    """``<link rel="alternate" hreflang>`` for each version, and the x-default after English."""
    alternates = []
    for version in versions:
        alternates.append((version.code, version.absolute_url))
        if version.code == settings.LANGUAGE_CODE:
            alternates.append(("x-default", language_neutral(version.absolute_url)))
    return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', alternates)


@register.simple_tag
def language_switch(versions):
    """The items of the language switch: the current language as text, the others as links."""
    items = []
    for version in versions:
        name = get_language_info(version.code)["name_local"]
        if version.is_current:
            item = format_html(
                '<span class="language-switch__current" lang="{}">{}</span>', version.code, name
            )
        else:
            item = format_html(
                '<a href="{}" hreflang="{}" lang="{}">{}</a>',
                version.url,
                version.code,
                version.code,
                name,
            )
        items.append((item,))
    return format_html_join("\n          ", "<li>{}</li>", items)


@register.filter
def isoformat(value):
    """A datetime in its own time zone for ``<time datetime>`` (the ``date`` filter converts)."""
    return value.isoformat() if value else ""
