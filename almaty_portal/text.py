"""The rules for staff-entered text, shared by the pages, PDFs, feed and calendars.

``clean_html`` is the one sanitiser of staff-entered HTML; ``plain_text`` is what it shows,
without markup, for formats that hold text only; ``printable`` is the text that formats
without room for control characters (XML 1.0, iCalendar) may carry.
"""

import re
from html.parser import HTMLParser

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

# Text is read as HTML if it holds a tag of ordinary HTML formatting (nh3's list: p, div,
# span, a, img, table, …), as text pasted from a web page does; otherwise every "<" is a
# character ("Results & next steps <draft>") and the text is shown as typed.
HTML_TAG = re.compile(
    r"</?(?:{})(?=[\s/>])".format("|".join(sorted(nh3.ALLOWED_TAGS | ALLOWED_TAGS))),
    re.IGNORECASE,
)

# Vertical tab and form feed are line breaks in text pasted from word processors.
LINE_BREAKS = re.compile("[\x0b\x0c]")
# What XML 1.0 and iCalendar (RFC 5545, CONTROL) refuse: C0 controls but tab, line feed and
# carriage return; DEL; and the two non-characters XML excludes.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


def printable(value) -> str:
    """``value`` as text without control characters (a line break for \\v and \\f)."""
    if not value:
        return ""
    return CONTROL_CHARACTERS.sub("", LINE_BREAKS.sub("\n", str(value)))


def is_html(value) -> bool:
    """Whether ``value`` is written in HTML: it holds at least one formatting tag."""
    return bool(value) and HTML_TAG.search(value) is not None


def clean_html(value) -> SafeString:
    """Sanitised HTML for ``value``; plain text becomes escaped paragraphs."""
    if not value:
        return mark_safe("")
    if not is_html(value):
        return mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped by linebreaks
    cleaned = nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has removed everything not allowed above


class _TextOf(HTMLParser):
    """The text of sanitised HTML, a line break around each block."""

    BLOCKS = frozenset({"p", "br", "ul", "ol", "li", "blockquote"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.handle_starttag(tag, ())

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(value) -> str:
    """The text a reader sees of ``value`` rendered by ``clean_html``, without the markup."""
    if not is_html(value):
        return value or ""
    parser = _TextOf()
    parser.feed(clean_html(value))
    parser.close()
    return re.sub(r"[ \t]*\n\s*", "\n", "".join(parser.parts)).strip()
