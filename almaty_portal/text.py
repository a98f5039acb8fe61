"""The one rule for staff-entered HTML (concept-note sections), shared by the pages and PDFs."""

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

# Paragraphs, lists and basic emphasis and links, as the admin's help text promises. No
# headings (the page owns the outline), no images or styles (nothing is fetched from outside
# and a strict Content Security Policy stays possible).
ALLOWED_TAGS = frozenset(
    {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a", "blockquote", "sub", "sup"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean_html(value) -> SafeString:
    """Sanitised HTML for ``value``; plain text (no tags) becomes paragraphs."""
    if not value:
        return mark_safe("")
    if "<" not in value:
        return mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped by linebreaks
    cleaned = nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has removed everything not allowed above
