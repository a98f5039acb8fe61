"""Every output read the way its consumer reads it: the text shown, and anything that runs.

A reader takes a response body and returns a ``Reading``: the text a person is shown and the
problems a consumer would meet — an executable script, an event handler, a ``javascript:``
or ``data:`` URL, a ``srcdoc``, an embedded frame, a spreadsheet formula, or a file its
parser refuses. A new output format (JSON-LD, the API, the bulk files) gets a reader here
and a line in the list of outputs of ``test_hostile_text.py``.
"""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

import icalendar
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from almaty_portal.spreadsheets import FORMULA_STARTS
from tests.documents.reading import one_line


@dataclass
class Reading:
    text: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, other):
        self.text.extend(other.text)
        self.problems.extend(other.problems)

    @property
    def shown(self):
        """The text on one line, as a person reads it."""
        return " ".join(" ".join(self.text).split())


# --- URLs -----------------------------------------------------------------------------------

# Attributes a browser follows, loads or submits to.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
    | {"cite", "codebase", "srcset", "ping", "manifest", "longdesc", "dynsrc", "lowsrc"}
)
RUNNING_SCHEMES = ("javascript:", "vbscript:", "data:")
# Browsers drop tabs and line breaks anywhere in a URL and controls and spaces around it.
URL_NOISE = re.compile("[\t\n\r]")


def url_problem(url, where):
    """A problem if following ``url`` runs code or opens a document made of the URL."""
    if not url:
        return None
    cleaned = URL_NOISE.sub("", str(url)).strip("".join(map(chr, range(33)))).lower()
    if cleaned.startswith(RUNNING_SCHEMES):
        return f"{where}: {cleaned.split(':', 1)[0]}: URL {str(url)[:60]!r}"
    return None


# --- HTML (the pages, the admin, type="html" content of the feed) ---------------------------

EMBEDDING_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet"})
# Data, not code: a browser runs no script of these types.
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
STYLE_CODE = re.compile(r"javascript:|expression\s*\(|url\s*\(", re.IGNORECASE)


class _PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.reading = Reading()
        self.script = None  # the attributes of the open <script>, and its text so far
        self.in_style = False

    def problem(self, message):
        self.reading.problems.append(message)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problem(f"<{tag} {name}=…>: an event handler")
            elif name == "srcdoc":
                self.problem(f"<{tag} srcdoc=…>: a document inside an attribute")
            elif name in URL_ATTRIBUTES and (found := url_problem(value, f"<{tag} {name}>")):
                self.problem(found)
            elif name == "style" and value and STYLE_CODE.search(value):
                self.problem(f"<{tag} style={value[:60]!r}>: a style that loads or runs")
        if tag in EMBEDDING_ELEMENTS:
            self.problem(f"<{tag}>: an embedded document")
        elif tag == "base":
            self.problem("<base>: every relative address of the page redirected")
        elif tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.problem("<meta http-equiv=refresh>: a redirect")
        elif tag == "script":
            self.script = (values, [])
        elif tag == "style":
            self.in_style = True
        elif tag == "input" and values.get("value") and values.get("type") != "hidden":
            # What an editor sees in a field of a form, or a visitor in the search box.
            self.reading.text.append(values["value"])

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self.check_script(*self.script)
            self.script = None
        elif tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.script is not None:
            self.script[1].append(data)
        elif self.in_style:
            if STYLE_CODE.search(data):
                self.problem(f"<style>{data[:60]!r}: a style that loads or runs")
        else:
            self.reading.text.append(data)

    def check_script(self, attrs, parts):
        body = "".join(parts)
        kind = (attrs.get("type") or "").lower()
        if kind in DATA_SCRIPT_TYPES:
            try:
                data = json.loads(body)
            except ValueError:
                self.problem(f"<script type={kind}>: not JSON, so not data: {body[:60]!r}")
            else:
                self.reading.problems.extend(json_problems(data, f"<script type={kind}>"))
            return
        src = attrs.get("src") or ""
        if src.startswith(own_script_paths()) and not body.strip():
            return  # one of the site's own script files
        self.problem(f"<script src={src!r}>{body[:60]!r}: an executable script")


def own_script_paths():
    """Where the site's own scripts are: its static files and the admin's translations."""
    return ("/" + settings.STATIC_URL.lstrip("/"), reverse("admin:jsi18n"))


def read_html(body):
    """A page as a browser parses it (Python's html.parser, as close as the library gets)."""
    if isinstance(body, bytes):
        body = body.decode()
    parser = _PageReader()
    parser.feed(body)
    parser.close()
    if parser.script is not None:
        parser.check_script(*parser.script)
    return parser.reading


# --- Atom -----------------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM_TEXT = {f"{ATOM}{name}" for name in ("title", "subtitle", "summary", "content", "rights")}
ATOM_URLS = {f"{ATOM}{name}" for name in ("id", "icon", "logo", "uri")}


def read_atom(body):
    """A feed as a feed reader reads it: XML, then HTML inside every ``type="html"``."""
    reading = Reading()
    root = ET.fromstring(body)  # noqa: S314 - our own response; malformed XML fails the test
    if root.tag != f"{ATOM}feed":
        reading.problems.append(f"not an Atom feed: <{root.tag}>")
    for element in root.iter():
        for name in ("href", "src"):
            if found := url_problem(element.get(name), f"<{element.tag} {name}>"):
                reading.problems.append(found)
        if element.tag in ATOM_URLS and (found := url_problem(element.text, element.tag)):
            reading.problems.append(found)
        if element.tag not in ATOM_TEXT:
            continue
        kind = element.get("type", "text")
        if kind == "html":
            reading.add(read_html(element.text or ""))
        elif kind == "xhtml":
            for child in element:
                reading.add(read_html(ET.tostring(child, encoding="unicode")))
        elif kind == "text":
            reading.text.append(element.text or "")
        else:
            reading.problems.append(f"{element.tag}: content of type {kind!r}")
    return reading


# --- Sitemap --------------------------------------------------------------------------------


def read_sitemap(body):
    """Addresses only: each must be one a crawler follows, not one that runs."""
    reading = Reading()
    root = ET.fromstring(body)  # noqa: S314 - our own response
    for element in root.iter():
        for found in (
            url_problem(element.get("href"), element.tag),
            url_problem(element.text, element.tag),
        ):
            if found:
                reading.problems.append(found)
    return reading


# --- iCalendar ------------------------------------------------------------------------------

CALENDAR_TEXT = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "X-WR-CALNAME"})
CALENDAR_URLS = frozenset({"URL", "ATTACH", "TZURL", "SOURCE"})
# RFC 5545 CONTROL: no control character but tab may stand in a content line.
CALENDAR_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_calendar(body):
    """A calendar file as icalendar parses it; an HTML description read as HTML."""
    reading = Reading()
    if found := CALENDAR_CONTROL.search(body):
        reading.problems.append(f"control character {found.group()!r} in a content line")
    calendar = icalendar.Calendar.from_ical(body)
    for component in calendar.walk():
        for name, value in component.items():
            params = getattr(value, "params", {})
            if found := url_problem(params.get("ALTREP"), f"{name};ALTREP"):
                reading.problems.append(found)
            if name in CALENDAR_URLS and (found := url_problem(str(value), name)):
                reading.problems.append(found)
            if name == "X-ALT-DESC" and params.get("FMTTYPE") == "text/html":
                reading.add(read_html(str(value)))
            elif name in CALENDAR_TEXT:
                reading.text.append(str(value))
    return reading


# --- PDF ------------------------------------------------------------------------------------

RUNNING_ACTIONS = frozenset({"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/Rendition"})


def _action_problems(action, where):
    action = action.get_object()
    kind = action.get("/S")
    if kind in RUNNING_ACTIONS:
        return [f"{where}: a {kind} action"]
    if kind == "/URI" and (found := url_problem(action.get("/URI"), f"{where} /URI")):
        return [found]
    return []


def read_pdf(body):
    """A PDF as a reader opens it: its text and title, and every action a click or opening runs."""
    reading = Reading()
    pdf = PdfReader(io.BytesIO(body))
    reading.text.append(one_line(body))
    if pdf.metadata and pdf.metadata.title:
        reading.text.append(pdf.metadata.title)
    root = pdf.trailer["/Root"].get_object()
    if "/OpenAction" in root or "/AA" in root:
        reading.problems.append("an action run when the document opens")
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        reading.problems.append("document-level JavaScript")
    for number, page in enumerate(pdf.pages, start=1):
        if "/AA" in page:
            reading.problems.append(f"page {number}: an action run when the page opens")
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if "/A" in annotation:
                reading.problems.extend(_action_problems(annotation["/A"], f"page {number}"))
    return reading


# --- Data: JSON (the API, JSON-LD) and CSV (the bulk files) ----------------------------------

JSON_URL_KEYS = frozenset({"url", "@id", "href", "sameAs", "contentUrl", "image", "link"})


def json_problems(data, where):
    problems = []
    if isinstance(data, dict):
        for key, value in data.items():
            found = key in JSON_URL_KEYS and url_problem(value, f"{where} {key}")
            if found:
                problems.append(found)
            problems.extend(json_problems(value, where))
    elif isinstance(data, list):
        for value in data:
            problems.extend(json_problems(value, where))
    return problems


def _json_strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _json_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_strings(value)


def read_json(body):
    """JSON as a client parses it: every string is text; no address may run code."""
    data = json.loads(body)
    return Reading(text=list(_json_strings(data)), problems=json_problems(data, "JSON"))


def read_csv(body):
    """CSV as Python's csv module (and a spreadsheet) reads it: no cell is a formula."""
    reading = Reading()
    text = body.decode("utf-8-sig") if isinstance(body, bytes) else body
    for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                reading.problems.append(f"row {number}: a formula {cell[:40]!r}")
            reading.text.append(cell)
    return reading


def read_zip(body):
    """The bulk download as its user opens it: every CSV and JSON file inside, read as such."""
    reading = Reading()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                reading.add(read_csv(archive.read(name)))
            elif name.endswith(".json"):
                reading.add(read_json(archive.read(name)))
    return reading
