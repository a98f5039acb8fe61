"""Whatever a client sends the API, the answer is JSON and never a 500."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
ODD = st.sampled_from(
    ["", "0", "-1", "1.5", "%00", "\x00", "..", "'", "Ж", "9" * 30, "2023-02-30", "\u202e", " "]
)
PARAMETERS = st.sampled_from(
    ["year", "kind", "from", "to", "participant", "page", "page_size", "lang", "date", "status"]
)


def segment(value):
    return quote(str(value), safe="")


@st.composite
def api_paths(draw):
    part = st.one_of(TEXT, ODD, st.integers(-1, 10**30))
    return draw(
        st.sampled_from(
            [
                "/api/v1/",
                "/api/v1/meetings/",
                f"/api/v1/meetings/{segment(draw(part))}/{segment(draw(part))}/",
                "/api/v1/participants/",
                f"/api/v1/participants/{segment(draw(part))}/",
                "/api/v1/chairmanship-terms/",
                "/api/v1/members/",
                "/api/v1/chair/",
                f"/api/v1/{segment(draw(part))}",
            ]
        )
    )


QUERIES = st.dictionaries(st.one_of(PARAMETERS, TEXT), st.one_of(TEXT, ODD), max_size=3).map(
    urlencode
)


@EXAMPLES
@given(path=api_paths(), query=QUERIES)
def test_the_api_never_answers_with_a_server_error(client, record, path, query):
    response = client.get(f"{path}?{query}" if query else path, follow=True)

    assert response.status_code in (200, 400, 404), response.content[:500]
    assert response["Content-Type"] == "application/json"
    if response.status_code != 200:
        assert response.json()["errors"][0]["detail"]


def test_a_signed_in_editor_gets_the_public_answer(staff_client, record):
    from tests.factories import MeetingFactory

    MeetingFactory(slug="secret-draft", status="draft", start_date="2023-05-01")

    assert staff_client.get("/api/v1/meetings/2023/secret-draft/").status_code == 404
    assert "secret-draft" not in staff_client.get("/api/v1/meetings/?year=2023").text
