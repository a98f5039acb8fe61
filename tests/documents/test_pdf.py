"""What the PDF documents say and how they are printed, read back with pypdf."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.documents import pdf
from meetings.models import Meeting, MeetingDocument, MeetingStatus, SpeakerRole
from tests.documents.reading import one_line, page_texts, read
from tests.factories import (
    AgendaItemFactory,
    ConceptNoteSectionFactory,
    DocumentFactory,
    MeetingFactory,
    PersonFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def eighth_som(record):
    return Meeting.objects.get(start_date=datetime.date(2023, 10, 12), slug="8th-som")


def assert_page_numbers(data, words):
    pages = page_texts(data)
    for number, page in enumerate(pages, start=1):
        assert words.format(page=number, pages=len(pages)) in page


# --- The 8th SOM of 12 October 2023, from the record --------------------------------------


def test_concept_note_in_english_has_the_meetings_facts_sections_and_agenda(eighth_som):
    data = pdf.render_concept_note(eighth_som, language="en")

    reader = read(data)
    assert reader.metadata.title == (
        "Concept note — 8th Senior Officials' Meeting (SOM) of the Almaty Process"
    )
    assert reader.trailer["/Root"]["/Lang"] == "en"
    first = " ".join(page_texts(data)[0].split())
    assert "CONCEPT NOTE 8th Senior Officials' Meeting (SOM) of the Almaty Process" in first
    assert "Dates 12–13 October 2023" in first
    assert "Opening 09:00 local time (UTC+4)" in first
    assert "Venue Hilton Hotel, Lazurit Conference Hall, Baku" in first
    assert "Chair Azerbaijan" in first
    assert "Working languages English, Russian" in first
    text = one_line(data)
    for heading in ("BACKGROUND", "CONTEXT AND OBJECTIVES OF THE DISCUSSION", "OUTCOMES"):
        assert heading in text
    assert "DRAFT AGENDA Thursday, 12 October 2023 Local time (Baku, UTC+4)" in text
    assert "09:30–09:50 Welcoming remarks" in text
    assert "Vusal Huseynov, Chief of the State Migration Service of the Republic of Azerbaijan" in (
        text
    )
    assert "15:00–15:30 Migration and remittances as a tool for development" in text
    assert "Anna Prokhorova, Researcher" in text
    assert "Friday, 13 October 2023" in text
    assert "10:00 Cultural programme (to be confirmed) and departure" in text
    assert_page_numbers(data, "Page {page} of {pages}")


def test_concept_note_in_russian_speaks_russian_throughout(eighth_som):
    data = pdf.render_concept_note(eighth_som, language="ru")

    reader = read(data)
    assert reader.metadata.title == (
        "Концептуальная записка — 8-е совещание старших должностных лиц (СОДЛ) "
        "Алматинского процесса"
    )
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    text = one_line(data)
    assert "КОНЦЕПТУАЛЬНАЯ ЗАПИСКА 8-е совещание старших должностных лиц" in text
    assert "Даты проведения 12–13 октября 2023 г." in text
    assert "Открытие 09:00 по местному времени (UTC+4)" in text
    assert "Место проведения Гостиница «Хилтон», конференц-зал «Лазурит», Баку" in text
    assert "Рабочие языки Английский, русский" in text
    assert "ОБЩИЕ СВЕДЕНИЯ" in text
    assert "ПРОЕКТ ПОВЕСТКИ ДНЯ Четверг, 12 октября 2023 г. Местное время (Баку, UTC+4)" in text
    assert "09:30–09:50 Приветственные выступления" in text
    assert "Выступающие: Вусал Гусейнов, начальник Государственной миграционной службы" in text
    assert "Анна Прохорова, исследователь" in text
    assert "Модератор: Представитель Председателя" in text
    assert_page_numbers(data, "Страница {page} из {pages}")
    for english in ("Page ", "Speaker", "Moderator", "Draft agenda", "October"):
        assert english not in text


@pytest.mark.parametrize(
    ("language", "title", "rows"),
    [
        (
            "en",
            "Agenda — 8th Senior Officials' Meeting (SOM) of the Almaty Process",
            ["09:00–09:30 Registration at the venue", "10:30–11:00 Coffee break"],
        ),
        (
            "ru",
            "Повестка дня — 8-е совещание старших должностных лиц (СОДЛ) Алматинского процесса",
            ["09:00–09:30 Регистрация участников", "13:00–14:00 Обеденный перерыв"],
        ),
    ],
)
def test_agenda_is_the_timetable_with_every_row_on_one_page(eighth_som, language, title, rows):
    data = pdf.render_agenda(eighth_som, language=language)

    assert read(data).metadata.title == title
    pages = [" ".join(page.split()) for page in page_texts(data)]
    for row in rows:
        assert sum(row in page for page in pages) == 1
    # No row is split across pages: each item's time and title are on the same page.
    for item in eighth_som.agenda_items.all():
        times = item.start_time.strftime("%H:%M")
        if item.end_time:
            times += "–" + item.end_time.strftime("%H:%M")
        title_start = getattr(item, f"title_{language}")[:25]
        assert any(f"{times} {title_start}" in page for page in pages), (times, title_start)


def test_protocol_has_summary_numbered_decisions_and_participants(eighth_som):
    english = one_line(pdf.render_protocol(eighth_som, language="en"))
    russian = one_line(pdf.render_protocol(eighth_som, language="ru"))

    assert "OUTCOME PROTOCOL" in english
    assert "Signed in Baku on 12 October 2023." in english
    assert (
        "DECISIONS 1. The participants consent to the directions and priorities set by the "
        "Republic of Azerbaijan as Chair of the Almaty Process for 2023–2024."
    ) in english
    assert "Page 1 of 3" in english
    assert "ИТОГОВЫЙ ПРОТОКОЛ" in russian
    assert "Место и дата подписания: Баку, 12 октября 2023 г." in russian
    assert "РЕШЕНИЯ 1. Участники выражают согласие с направлениями и приоритетами" in russian
    assert "Секретариат МОМ, УВКБ ООН" in russian
    assert "Страница 1 из 3" in russian


def test_protocol_gives_each_statement_under_its_speaker(eighth_som):
    english = one_line(pdf.render_protocol(eighth_som, language="en"))
    russian = one_line(pdf.render_protocol(eighth_som, language="ru"))

    assert "STATEMENTS Vusal Huseynov, Chief of the State Migration Service" in english
    assert (
        "(opening statement) Welcoming the guests, the Chief of the State Migration Service "
        "said that for more than ten years the Almaty Process had brought the countries of the "
        "region together"
    ) in english
    assert "Heydar Aliyev – development of the migration dialogue" in english
    assert "President Ilham Aliyev was successfully continuing the course he had set." in english
    assert "Anna Prokhorova, Researcher — Migration and remittances" in english
    assert "ВЫСТУПЛЕНИЯ Вусал Гусейнов, начальник Государственной миграционной службы" in russian
    assert "курс успешно продолжает Президент Ильхам Алиев." in russian


def test_text_document_is_printed_in_each_language(record):
    declaration = MeetingDocument.objects.get(kind="declaration")

    english = one_line(pdf.render_text_document(declaration, language="en"))
    russian = one_line(pdf.render_text_document(declaration, language="ru"))

    assert "DECLARATION Almaty Declaration Date March 2011 Meeting Regional Conference on" in (
        english
    )
    assert "The record does not hold the official text of the declaration." in english
    assert "trafficking in human beings must be prevented and fought" in english
    assert "Page 1 of 1" in english
    assert "ДЕКЛАРАЦИЯ Алматинская декларация Дата март 2011 г." in russian
    assert "Официального текста декларации в материалах нет." in russian
    assert "Страница 1 из 1" in russian


def test_text_document_without_russian_says_so(record):
    document = DocumentFactory(meeting=None, body_ru="", title_ru="")

    russian = one_line(pdf.render_text_document(document, language="ru"))

    # The marker every page and document uses for an English fallback.
    assert "The states agreed to cooperate. доступно только на английском языке" in russian
    assert "The states agreed to cooperate." in russian


def test_documents_use_only_the_shipped_fonts_and_are_tagged_pdf_ua(eighth_som):
    reader = read(pdf.render_agenda(eighth_som, language="ru"))

    fonts = {
        str(font.get_object()["/BaseFont"]).split("+", 1)[1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Italic"}
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert "/StructTreeRoot" in catalog
    assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()


def test_running_header_names_the_meeting_after_the_first_page(eighth_som):
    pages = page_texts(pdf.render_concept_note(eighth_som, language="en"))

    assert len(pages) > 2
    for page in pages[1:]:
        assert "ALMATY PROCESS 8th Senior Officials' Meeting (SOM) of the Almaty Process" in (
            " ".join(page.split())
        )


# --- Rules, on data built for the test -----------------------------------------------------


def test_times_are_the_meetings_local_times_whatever_the_server_time_zone(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    meeting = MeetingFactory(
        time_zone="Pacific/Auckland", city_en="Auckland", start_date=datetime.date(2023, 10, 12)
    )
    AgendaItemFactory(
        meeting=meeting,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(10, 45),
        title_en="Opening",
    )

    text = one_line(pdf.render_agenda(meeting, language="en"))

    assert "Local time (Auckland, UTC+13)" in text
    assert "09:30–10:45 Opening" in text


def test_speakers_and_moderators_appear_with_name_and_position():
    item = AgendaItemFactory(title_en="Panel", title_ru="Панель")
    SpeakerFactory(
        agenda_item=item,
        role=SpeakerRole.MODERATOR,
        person=PersonFactory(name_en="Aigerim Sadykova", position_en="Head of Division"),
    )
    SpeakerFactory(agenda_item=item, person=None, label_en="Representative of the Chair")
    SpeakerFactory(
        agenda_item=item,
        person=PersonFactory(
            name_en="Timur Akhmedov", position_en="Director", organisation_en="Migration Service"
        ),
        label_en="Labour migration data",
    )

    text = one_line(pdf.render_agenda(item.meeting, language="en"))

    assert (
        "Panel Moderator: Aigerim Sadykova, Head of Division "
        "Speakers: Representative of the Chair "
        "Timur Akhmedov, Director, Migration Service — Labour migration data"
    ) in text


def test_untranslated_section_is_printed_in_english_and_marked_as_on_the_page():
    section = ConceptNoteSectionFactory(
        heading_en="Participation", heading_ru="Участие", body_en="<p>Senior officials.</p>"
    )
    section.body_ru = ""
    section.save()

    text = one_line(pdf.render_concept_note(section.meeting, language="ru"))

    assert "УЧАСТИЕ Senior officials. доступно только на английском языке" in text


def test_draft_meeting_is_marked_on_every_page():
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)
    for hour in range(8, 20):
        AgendaItemFactory(
            meeting=meeting,
            start_time=datetime.time(hour),
            end_time=datetime.time(hour, 50),
            description_en="<p>" + "A long description of the session. " * 12 + "</p>",
        )

    pages = page_texts(pdf.render_agenda(meeting, language="ru"))

    assert len(pages) > 1
    for page in pages:
        assert "ПРОЕКТ — НЕ ДЛЯ РАСПРОСТРАНЕНИЯ" in page
        assert "ПРОЕКТ\n" in page or page.startswith("ПРОЕКТ")


def test_published_meeting_is_not_marked_as_draft():
    meeting = AgendaItemFactory().meeting

    text = one_line(pdf.render_agenda(meeting, language="en"))

    assert "DRAFT" not in text


def test_document_html_takes_the_same_queries_for_one_item_or_many():
    def count(meeting):
        with CaptureQueriesContext(connection) as queries:
            pdf.document_html(meeting, pdf.CONCEPT_NOTE, language="en")
        return len(queries)

    small = SpeakerFactory().agenda_item.meeting
    large = MeetingFactory()
    for hour in range(8, 18):
        item = AgendaItemFactory(
            meeting=large, start_time=datetime.time(hour), end_time=datetime.time(hour, 30)
        )
        SpeakerFactory.create_batch(3, agenda_item=item)
        ConceptNoteSectionFactory(meeting=large)

    assert count(small) == count(large) == 4


def test_download_name_names_the_process_meeting_year_kind_and_language():
    meeting = MeetingFactory(slug="8th-som", start_date=datetime.date(2023, 10, 12))

    assert pdf.download_name(meeting, pdf.AGENDA, "ru") == (
        "almaty-process-8th-som-2023-agenda-ru.pdf"
    )
    meeting.slug = "som-2023"
    assert pdf.download_name(meeting, pdf.CONCEPT_NOTE, "en") == (
        "almaty-process-som-2023-concept-note-en.pdf"
    )


def test_page_words_become_css_content_in_the_documents_language():
    assert pdf.css_content("Page %(page)s of %(pages)s", page="page", pages="pages") == (
        '"Page " counter(page) " of " counter(pages)'
    )
    assert pdf.css_string('a "quoted" </style> \\') == '"a \\"quoted\\" \\3c /style\\3e  \\\\"'
