"""Whatever a visitor or an editor sends, the answer is never a 500.

Hypothesis sends the site's own addresses with odd parts in them: years no date can have,
slugs and codes of any text, any query string, odd validators and ranges, in both languages.
A fixed seed keeps the examples the same from run to run.
"""

import string
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.models import Meeting

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as a browser sends it: anything but lone surrogates, which no URL can carry.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
HEADER_TEXT = st.text(string.printable.strip(), max_size=60)
ODD = st.sampled_from(
    ["", "0", "-1", "1.5", "%00", "..", "'", "Ж", "9" * 30, "a" * 500, "\u202e", " ", "+"]
)
# Days for ?on=: in the record, before it, the last one there is, none at all, a Russian one.
DAYS = st.sampled_from(["2016-05-01", "0001-01-01", "9999-12-31", "2016-02-30", "01.05.2016"])
YEARS = st.one_of(st.sampled_from([2011, 2013, 2014, 2023, 2025]), st.integers(0, 10**30))
SLUGS = st.one_of(st.sampled_from(["8th-som", "regional-conference", "ministerial"]), TEXT, ODD)
DOCUMENTS = st.sampled_from(
    ["", "concept-note.pdf", "agenda.pdf", "protocol.pdf", "calendar.ics", "x.pdf"]
)
LANGUAGES = st.sampled_from(["en", "ru"])


def segment(value):
    return quote(str(value), safe="")


@st.composite
def public_paths(draw):
    language = draw(LANGUAGES)
    pick = draw(st.integers(0, 5))
    if pick == 0:
        year, slug = draw(YEARS), draw(SLUGS)
        return f"/{language}/meetings/{segment(year)}/{segment(slug)}/{draw(DOCUMENTS)}"
    if pick == 1:
        code = draw(st.one_of(st.sampled_from(["KAZ", "TUR", "IOM"]), TEXT, ODD))
        return f"/{language}/members/{segment(code)}/"
    if pick == 2:
        pk = draw(st.one_of(st.integers(0, 10**30), ODD))
        return f"/{language}/meetings/preview/{segment(pk)}/{draw(DOCUMENTS)}"
    return draw(
        st.sampled_from(
            [
                f"/{language}/",
                f"/{language}/meetings/",
                f"/{language}/meetings/feed/",
                f"/{language}/meetings/calendar.ics",
                f"/{language}/chairmanship/",
                f"/{language}/members/",
                "/sitemap.xml",
                "/robots.txt",
                "/",
            ]
        )
    )


QUERIES = st.dictionaries(
    st.one_of(st.sampled_from(["q", "year", "kind", "page", "p", "next", "o", "on"]), TEXT),
    st.one_of(TEXT, ODD, DAYS),
    max_size=3,
).map(urlencode)
HEADERS = st.fixed_dictionaries(
    {},
    optional={
        "if-none-match": HEADER_TEXT,
        "if-modified-since": st.one_of(HEADER_TEXT, st.just("Wed, 21 Oct 2015 07:28:00 GMT")),
        "range": st.one_of(HEADER_TEXT, st.just("bytes=0-99")),
        "accept-language": HEADER_TEXT,
    },
)


def assert_answered(response):
    assert response.status_code < 500, response.content[:500]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@EXAMPLES
@given(path=public_paths(), query=QUERIES, headers=HEADERS)
def test_visitors_never_get_a_server_error(client, record, media, path, query, headers):
    assert_answered(client.get(f"{path}?{query}" if query else path, headers=headers))


@st.composite
def admin_requests(draw):
    pk = draw(st.one_of(st.sampled_from(["{pk}"]), TEXT.map(segment), ODD.map(segment)))
    path = draw(
        st.sampled_from(
            [
                "/admin/meetings/meeting/",
                f"/admin/meetings/meeting/{pk}/change/",
                f"/admin/meetings/meeting/{pk}/history/",
                f"/admin/meetings/meeting/{pk}/publish/",
                f"/admin/meetings/meeting/{pk}/duplicate/",
                "/admin/meetings/agendaitem/",
                "/admin/members/participant/",
                "/admin/members/membership/",
                "/admin/chairmanship/chairmanshipterm/",
            ]
        )
    )
    keys = st.sampled_from(["q", "o", "p", "year", "status", "e", "_to_field", "incomplete"])
    query = draw(st.dictionaries(keys, st.one_of(TEXT, ODD), max_size=3).map(urlencode))
    return path, query


@EXAMPLES
@given(sent=admin_requests())
def test_editors_never_get_a_server_error(staff_client, record, media, sent):
    path, query = sent
    path = path.format(pk=Meeting.objects.values_list("pk", flat=True).first())
    assert_answered(staff_client.get(f"{path}?{query}" if query else path))
