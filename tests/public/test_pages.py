"""What each public page shows, in English and in Russian, from the real record."""

import datetime
import re

import pytest
import time_machine

pytestmark = pytest.mark.django_db

SOM = "/{}/meetings/2023/8th-som/"


def html(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


def test_root_redirects_by_accept_language(client):
    assert client.get("/", headers={"accept-language": "ru"})["Location"] == "/ru/"
    assert client.get("/", headers={"accept-language": "en-GB,en"})["Location"] == "/en/"
    assert client.get("/", headers={"accept-language": "de"})["Location"] == "/en/"


def test_unprefixed_path_redirects_to_the_language_version(client, record):
    response = client.get("/meetings/?year=2023", headers={"accept-language": "ru"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/meetings/?year=2023"


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    "path",
    ["/", "/meetings/", "/meetings/2023/8th-som/", "/members/", "/members/AZE/", "/chairmanship/"],
)
def test_every_page_has_lang_hreflang_and_switch(client, record, language, path):
    page = html(client, f"/{language}{path}?x=1")
    assert f'<html lang="{language}">' in page
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', page))
    assert alternates == {
        "en": f"http://testserver/en{path}?x=1",
        "ru": f"http://testserver/ru{path}?x=1",
        "x-default": f"http://testserver{path}?x=1",
    }
    other = "ru" if language == "en" else "en"
    assert f'<a href="/{other}{path}?x=1" hreflang="{other}" lang="{other}">' in page


def test_meeting_page_in_russian(client, record):
    page = html(client, SOM.format("ru"))
    assert '<h1 id="meeting-title">8-е совещание старших должностных лиц (СОДЛ)' in page
    assert "12–13 октября 2023 г." in page
    assert "Баку" in page
    assert "Гостиница «Хилтон», конференц-зал «Лазурит»" in page
    assert '<time datetime="2023-10-12T09:30:00+04:00">09:30</time>' in page
    assert "Местное время (Баку, UTC+4)" in page
    assert "Четверг, 12 октября 2023 г." in page
    # The chair on 12 October 2023 follows from the terms: Azerbaijan.
    assert re.search(r"Председатель в тот период</dt>\s*<dd><a [^>]*>Азербайджан</a>", page)
    assert 'Анна Прохорова</span>, <span class="person__position">исследователь' in page
    assert "Миграция и денежные переводы как инструмент развития" in page
    assert "Концептуальная записка" in page and "Повестка дня" in page
    assert "Итоговый протокол" in page


def test_meeting_page_in_english(client, record):
    page = html(client, SOM.format("en"))
    assert "12–13 October 2023" in page
    assert "Local time (Baku, UTC+4)" in page
    assert "Thursday, 12 October 2023" in page
    assert '<time datetime="2023-10-12T15:00:00+04:00">15:00</time>' in page
    assert "Anna Prokhorova" in page
    assert re.search(r"Chair at the time</dt>\s*<dd><a [^>]*>Azerbaijan</a>", page)
    assert "Senior officials&#x27; meeting · No. 8" in page


def test_meeting_page_groups_participants_by_capacity(client, record):
    page = html(client, SOM.format("en"))
    groups = re.findall(r'<h3 id="capacity-\d+">([^<]+)</h3>', page)
    assert groups == ["Member states", "Observers", "Prospective members", "Secretariat"]


def test_side_event_and_main_meeting_link_both_ways(client, record):
    main = html(client, SOM.format("en"))
    assert 'href="/en/meetings/2023/gcm-talk/"' in main
    side = html(client, "/en/meetings/2023/gcm-talk/")
    assert 'href="/en/meetings/2023/8th-som/"' in side


def test_meeting_page_links_the_calendar_file_in_documents(client, record):
    page = html(client, SOM.format("ru"))
    documents = page.split('id="documents"')[1]
    assert 'href="/ru/meetings/2023/8th-som/calendar.ics"' in documents


def test_home_shows_chair_meetings_and_members(client, record):
    page = html(client, "/ru/")
    assert "Действующее председательство" in page
    assert "Казахстан" in page
    assert "Председательствует с 24 апреля 2025 г." in page
    assert "Третья министерская конференция Алматинского процесса" in page
    assert "5 государств-членов" in page
    assert "5 наблюдателей" in page


def test_home_labels_an_ended_term_honestly(client, db):
    from tests.factories import ChairmanshipTermFactory

    ChairmanshipTermFactory(
        participant__name_en="Azerbaijan", start_date="2023-01-01", end_date="2025-04-24"
    )
    page = html(client, "/en/")
    assert "Latest chairmanship on record" in page
    assert "From 1 January 2023 to 24 April 2025. No chairmanship is recorded for today." in page


def test_archive_groups_by_year(client, record):
    page = html(client, "/en/meetings/")
    years = re.findall(r'<h2 id="year-(\d+)">', page)
    assert years == ["2025", "2023", "2014", "2013", "2011"]
    assert "7 meetings" in page


def test_archive_filters_by_year_and_kind(client, record):
    page = html(client, "/ru/meetings/?year=2023&kind=som")
    titles = re.findall(r'class="meeting-card__title"><a href="([^"]+)"', page)
    assert titles == ["/ru/meetings/2023/8th-som/", "/ru/meetings/2023/senior-officials-meeting/"]
    assert "2 мероприятия" in page


def test_members_page_today_and_history(client, record):
    page = html(client, "/en/members/")
    groups = re.findall(r'<h2 id="group-(\w+)">', page)
    assert groups[:2] == ["member", "observer"]
    assert "Status over time" in page
    ru = html(client, "/ru/members/")
    assert "Государства-члены" in ru and "Азербайджан" in ru


def test_participant_page_lists_history_and_meetings(client, record):
    page = html(client, "/ru/members/AZE/")
    assert "<h1>Азербайджан</h1>" in page
    assert 'href="/ru/meetings/2023/8th-som/"' in page
    assert "Статус на сегодняшний день" in page


def test_unknown_participant_is_404(client, record):
    assert client.get("/en/members/XXX/").status_code == 404


def test_chairmanship_history_in_order_with_meetings(client, record):
    page = html(client, "/en/chairmanship/")
    chairs = re.findall(r'<h2 id="term-title-\d+"><a [^>]*>([^<]+)</a>', page)
    assert chairs == [
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Türkiye",
        "Azerbaijan",
        "Kazakhstan",
    ]
    assert "October 2016 – October 2018" in page
    azerbaijan = page.split("Azerbaijan</a></h2>")[1].split("</article>")[0]
    assert "8th Senior Officials&#x27; Meeting (SOM) of the Almaty Process" in azerbaijan
    # Azerbaijan presided at the conference where it handed over to Kazakhstan.
    assert "3rd Ministerial Conference of the Almaty Process" in azerbaijan
    ru = html(client, "/ru/chairmanship/")
    assert "октябрь 2016 г. – октябрь 2018 г." in ru


def test_concept_note_html_is_sanitised(client, db):
    from tests.factories import ConceptNoteSectionFactory

    section = ConceptNoteSectionFactory(
        body_en='<p onclick="x()">Safe <strong>text</strong><script>alert(1)</script>'
        '<a href="javascript:alert(1)">bad</a></p>'
    )
    page = html(client, section.meeting.get_absolute_url())
    assert '<p>Safe <strong>text</strong><a rel="noopener noreferrer">bad</a></p>' in page
    assert "<script>alert" not in page and "onclick" not in page


def test_meeting_page_gives_each_statement_under_its_speaker_in_both_languages(client, record):
    english = html(client, "/en/meetings/2013/ministerial-conference/")
    russian = html(client, "/ru/meetings/2013/ministerial-conference/")

    statements = english.split('id="statements"')[1].split("</section>")[0]
    assert 'Erlan Idrissov</span>, <span class="person__position">Minister of Foreign' in statements
    assert '<span class="tag">Opening statement</span>' in statements
    assert (
        "Kazakhstan accepts its share of responsibility for meeting the challenges of "
        "international migration"
    ) in statements
    assert "keeping asylum open to anyone who seeks it" in statements
    assert "six decades of work with governments" in statements
    assert "offer to host the process&#x27;s Secretariat permanently" in statements
    statements_ru = russian.split('id="statements"')[1].split("</section>")[0]
    assert "Ерлан Идрисов" in statements_ru
    assert '<span class="tag">Вступительное слово</span>' in statements_ru
    assert "признает свою долю ответственности" in statements_ru
    assert '<a href="#statements">Выступления</a>' in russian


def test_2014_meeting_shows_the_opening_and_the_planned_presentations(client, record):
    english = html(client, "/en/meetings/2014/senior-officials-meeting/")
    russian = html(client, "/ru/meetings/2014/senior-officials-meeting/")

    assert "a strong regional partner" in english
    assert "Representatives of the Islamic Republic of Afghanistan" in english
    assert "United Nations Assistance Mission in Afghanistan (UNAMA)" in english
    assert "The record does not say how the presentation went." in english
    assert "Представители Исламской Республики Афганистан" in russian
    # The tasks of the process and the most vulnerable groups: the announcement, as a text.
    documents = english.split('id="documents"')[1]
    assert "Announcement of the meeting by the host Government (summary)" in documents
    assert 'href="/en/documents/2.pdf"' in documents


def test_8th_som_page_gives_the_tribute_speech(client, record):
    english = html(client, SOM.format("en"))
    russian = html(client, SOM.format("ru"))

    assert (
        '<span class="person__topic">Heydar Aliyev – development of the migration dialogue and '
        "people-to-people contacts between the countries of the Almaty Process</span>"
    ) in english
    assert "untiring work for the people of Azerbaijan" in english
    assert "Гейдар Алиев — развитие миграционного диалога" in russian
    assert "неустанной работе Гейдара Алиева" in russian


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "10 states and 3 international organisations: 5 member states, 5 observers, "
            "1 prospective member and 2 organisations of the Secretariat",
        ),
        (
            "ru",
            "10 государств и 3 международные организации: 5 государств-членов, "
            "5 наблюдателей, 1 потенциальный член и 2 организации секретариата",
        ),
    ],
)
def test_8th_som_page_states_the_composition_its_report_gives(client, record, language, expected):
    # The report of the 8th SOM (seed 001): "the Almaty Process brings together 10 states and
    # 3 international organizations".
    page = html(client, SOM.format(language))

    assert f'<dd class="composition">{expected}</dd>' in page


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_home_says_how_many_states_and_organisations_take_part_today(client, record):
    english = html(client, "/en/")
    russian = html(client, "/ru/")

    assert (
        "Today 10 states and 3 international organisations take part in the Almaty Process: "
        "5 member states, 5 observers, 1 prospective member and 2 organisations of the "
        "Secretariat."
    ) in english
    assert (
        "Сегодня в Алматинском процессе участвуют 10 государств и 3 международные организации: "
        "5 государств-членов, 5 наблюдателей, 1 потенциальный член и 2 организации "
        "секретариата."
    ) in russian


def test_2011_conference_page_offers_the_almaty_declaration(client, record):
    english = html(client, "/en/meetings/2011/regional-conference/")
    russian = html(client, "/ru/meetings/2011/regional-conference/")

    documents = english.split('id="documents"')[1]
    assert (
        '<a href="/en/documents/1.pdf" type="application/pdf">Almaty Declaration</a>' in documents
    )
    assert "Declaration · March 2011 · English, Russian · text held in the record" in documents
    assert 'href="/ru/documents/1.pdf" type="application/pdf" hreflang="ru"' in documents
    assert "The founding text of the Almaty Process" in documents
    documents_ru = russian.split('id="documents"')[1]
    assert ">Алматинская декларация</a>" in documents_ru
    assert "Декларация · март 2011 г." in documents_ru
