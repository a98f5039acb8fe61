"""Odd input gives a proper page or a translated 404, never a 500."""

import pytest
from django.test import Client

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    return MeetingFactory.create_batch(3)


@pytest.mark.parametrize(
    "page", ["0", "-1", "abc", "2", "99999999999999999999999999", "1.5", "%00", "last"]
)
def test_bad_page_numbers(client, meetings, page):
    response = client.get(f"/en/meetings/?page={page}")
    if page == "last":
        assert response.status_code == 200
    else:
        assert response.status_code == 404
        assert "<h1>Page not found</h1>" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=1800", "year=99999999999999999999", "kind=nonsense", "kind=", "year="],
)
def test_unknown_filter_values_are_ignored(client, meetings, query):
    response = client.get(f"/en/meetings/?{query}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "3 meetings" in body
    if query not in ("kind=", "year="):
        assert "were not recognised and have been ignored" in body


@pytest.mark.parametrize(
    "query",
    [
        "\x00",
        "a\x00b",
        "'",
        '"',
        "' OR 1=1 --",
        "%",
        "_",
        "\\",
        "<script>alert(1)</script>",
        "\u202e\u0007",
        "x" * 5000,
        "a b c d e f g h i j k l m n o p",
    ],
)
def test_search_with_odd_characters(client, meetings, query):
    response = client.get("/ru/meetings/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body


def test_search_for_percent_is_literal(client, meetings, indexed):
    with indexed():
        MeetingFactory(title_en="A 100% turnout")
    body = client.get("/en/meetings/", {"q": "100%"}).content.decode()
    assert "1 meeting found" in body


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/en/no-such-page/", "<h1>Page not found</h1>"),
        ("/ru/no-such-page/", "<h1>Страница не найдена</h1>"),
        ("/ru/meetings/2023/no-such-meeting/", "<h1>Страница не найдена</h1>"),
        ("/en/meetings/99999999999999999999/x/", "<h1>Page not found</h1>"),
        # A year no date can have, on every page under a meeting's address.
        ("/en/meetings/0/x/", "<h1>Page not found</h1>"),
        ("/ru/meetings/99999/x/concept-note.pdf", "<h1>Страница не найдена</h1>"),
        ("/en/meetings/0/x/agenda.pdf", "<h1>Page not found</h1>"),
        ("/en/meetings/99999999999999999999/x/protocol.pdf", "<h1>Page not found</h1>"),
        ("/ru/meetings/0/x/calendar.ics", "<h1>Страница не найдена</h1>"),
        ("/en/meetings/2023/%C3%A9/", "<h1>Page not found</h1>"),
        ("/de/meetings/", "<h1>Page not found</h1>"),
        ("/en/members/%00/", "<h1>Page not found</h1>"),
        # The sitemap view takes a dict of maps: its 404 page still has its language switch.
        ("/sitemap.xml?p=x", "<h1>Page not found</h1>"),
    ],
)
def test_unknown_paths_are_translated_404s(client, url, heading):
    response = client.get(url)
    assert response.status_code == 404
    assert heading in response.content.decode()


def test_404_page_offers_the_other_language_home(client):
    body = client.get("/ru/no-such-page/").content.decode()
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in body
    assert '<html lang="ru">' in body


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Something went wrong on our side"), ("ru", "На сервере произошла ошибка")],
)
def test_500_page_in_both_languages(language, heading, settings):
    from django.test import RequestFactory
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override(language):
        response = server_error(RequestFactory().get(f"/{language}/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert f'<html lang="{language}">' in body


def test_a_500_is_rendered_with_the_custom_page(db, settings):
    client = Client(raise_request_exception=False)
    settings.ROOT_URLCONF = "tests.public.broken_urls"
    response = client.get("/ru/boom/")
    assert response.status_code == 500
    assert "На сервере произошла ошибка" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "<h1>Bad request</h1>"), ("ru", "<h1>Некорректный запрос</h1>")],
)
def test_a_bad_request_gets_the_sites_page_in_its_language(language, heading, settings):
    settings.ALLOWED_HOSTS = ["portal.example.org"]
    client = Client(raise_request_exception=False)

    response = client.get(f"/{language}/", headers={"host": "elsewhere.example"})

    assert response.status_code == 400
    body = response.content.decode()
    assert heading in body
    assert f'<html lang="{language}">' in body


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "<h1>Access denied</h1>"), ("ru", "<h1>Доступ запрещён</h1>")]
)
def test_staff_without_the_right_get_the_sites_403_in_their_language(
    client, meetings, language, heading
):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))

    response = client.get(f"/{language}/meetings/preview/{meetings[0].pk}/agenda.pdf")

    assert response.status_code == 403
    body = response.content.decode()
    assert heading in body
    assert f'<html lang="{language}">' in body
