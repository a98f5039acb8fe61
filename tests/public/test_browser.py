"""What only a browser shows: the language switch, archive filtering and a Russian search."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def meeting_titles(page):
    return page.locator(".meeting-card__title a").all_inner_texts()


def test_language_switch_keeps_the_page_and_filters(live_server, record, page):
    page.goto(f"{live_server.url}/en/meetings/?year=2023&kind=som")
    assert meeting_titles(page) == [
        "8th Senior Officials' Meeting (SOM) of the Almaty Process",
        "Senior Officials' Meeting of the Almaty Process",
    ]
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    page.wait_for_url(f"{live_server.url}/ru/meetings/?year=2023&kind=som")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_label("Год").input_value() == "2023"
    assert page.get_by_label("Вид мероприятия").input_value() == "som"
    assert (
        meeting_titles(page)[0]
        == "8-е совещание старших должностных лиц (СОДЛ) Алматинского процесса"
    )

    page.get_by_role("link", name=re.compile("^8-е совещание")).click()
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/meetings/2023/8th-som/")
    assert (
        page.locator("h1").inner_text()
        == "8th Senior Officials' Meeting (SOM) of the Almaty Process"
    )


def test_archive_filtering(live_server, record, page):
    page.goto(f"{live_server.url}/en/meetings/")
    assert page.locator(".result-count").inner_text() == "7 meetings"
    page.get_by_label("Year").select_option("2013")
    page.get_by_role("button", name="Show meetings").click()
    page.wait_for_url(re.compile(r"year=2013"))
    assert meeting_titles(page) == [
        "Ministerial Conference on Refugee Protection and International Migration: "
        "the Almaty Process"
    ]
    page.get_by_label("Year").select_option("")
    page.get_by_label("Kind of meeting").select_option("ministerial")
    page.get_by_role("button", name="Show meetings").click()
    page.wait_for_url(re.compile(r"kind=ministerial"))
    assert page.locator(".result-count").inner_text() == "2 meetings"
    assert page.locator("h2[id^=year-]").all_inner_texts() == ["2025", "2013"]


def test_russian_search(live_server, record, page):
    page.goto(f"{live_server.url}/ru/meetings/")
    search = page.get_by_label("Поиск по мероприятиям")
    search.fill("прохорова")
    search.press("Enter")
    page.wait_for_url(re.compile(r"q="))
    assert (
        page.locator(".result-count").inner_text() == "По запросу «прохорова» найдено 1 мероприятие"
    )
    page.get_by_role("link", name=re.compile("^8-е совещание")).click()
    assert page.get_by_text("Анна Прохорова").is_visible()
    assert page.locator("html").get_attribute("lang") == "ru"


def test_skip_link_appears_on_focus(live_server, db, page):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.is_visible()
    assert skip.bounding_box()["width"] > 50
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    ("language", "field", "button", "observers", "bar"),
    [
        (
            "en",
            "Show the record on",
            "Show",
            ["Iran", "Pakistan"],
            "Afghanistan: member state, 5 June 2013 – 2023",
        ),
        (
            "ru",
            "Показать сведения на дату",
            "Показать",
            ["Иран", "Пакистан"],
            "Азербайджан: государство-член, с 5 июня 2013 г.",
        ),
    ],
)
def test_members_on_a_date_and_the_timeline_by_keyboard(
    live_server, record, page, language, field, button, observers, bar
):
    page.goto(f"{live_server.url}/{language}/members/")
    page.get_by_label(field).fill("2016-05-01")
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url(f"{live_server.url}/{language}/members/?on=2016-05-01")
    assert page.locator("#group-observer + ul > li > a:first-child").all_inner_texts() == observers

    # The bars are reached with the keyboard; the focused one shows its name beside it.
    page.get_by_label(field).focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('svg')"):
            break
    focused = page.locator("svg a.timeline__item:focus")
    assert (
        focused.get_attribute("href")
        == f"/{language}/members/{'AFG' if language == 'en' else 'AZE'}/"
    )
    tip = focused.locator(".timeline__tip")
    assert tip.is_visible()
    assert tip.text_content() == bar
    assert page.locator("svg .timeline__tip:visible").count() == 1


def test_a_date_before_the_record_shows_the_message_in_russian(live_server, record, page):
    page.goto(f"{live_server.url}/ru/chairmanship/?on=2001-01-01")
    field = page.get_by_label("Показать сведения на дату")
    assert field.get_attribute("aria-invalid") == "true"
    assert page.locator(".field-error").inner_text() == (
        "Сведения начинаются с 5 июня 2013 г.; выберите эту или более позднюю дату."
    )


def test_chair_timeline_bar_leads_to_its_term(live_server, record, page):
    page.goto(f"{live_server.url}/en/chairmanship/")
    term = page.locator("svg a.timeline__item", has=page.locator("title", has_text="Kyrgyzstan"))
    term.focus()
    assert term.locator(".timeline__tip").text_content() == (
        "Chair: Kyrgyzstan, October 2016 – October 2018"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#term-\d+$"))
    assert page.evaluate("location.hash") == page.locator(
        "li.term", has_text="Kyrgyzstan"
    ).evaluate("el => '#' + el.id")
