"""The documents page: every published document, by kind and year, searchable, in both languages."""

import datetime

import pytest
from django.core.files.base import ContentFile

from meetings.models import DocumentKind, MeetingStatus
from tests.factories import DocumentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def documents(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(slug="8th-som", title_en="8th SOM", title_ru="8-е ССДЛ")
    draft = MeetingFactory(slug="draft", status=MeetingStatus.DRAFT, title_en="Draft meeting")
    return {
        "declaration": DocumentFactory(
            meeting=None,
            kind=DocumentKind.DECLARATION,
            title_en="Almaty Declaration",
            title_ru="Алматинская декларация",
            date=datetime.date(2011, 3, 14),
            date_precision="month",
            summary_en="The founding text of the process.",
            summary_ru="Основополагающий документ процесса.",
        ),
        "link": DocumentFactory(
            meeting=meeting,
            kind=DocumentKind.REPORT,
            title_en="Report of the meeting",
            title_ru="Отчет о совещании",
            body_en="",
            body_ru="",
            url="https://migration.gov.az/en/news/8th-som",
            languages=["en", "az"],
        ),
        "file": DocumentFactory(
            meeting=meeting,
            kind=DocumentKind.PRESENTATION,
            title_en="Regional Training Centre slides",
            title_ru="Слайды Регионального учебного центра",
            body_en="",
            body_ru="",
            file=ContentFile(b"%PDF-1.7 slides", name="slides.pdf"),
            languages=["ru"],
        ),
        "of_draft_meeting": DocumentFactory(meeting=draft, title_en="Secret annex"),
        "draft": DocumentFactory(
            meeting=None, status=MeetingStatus.DRAFT, title_en="Unpublished declaration"
        ),
    }


def test_lists_every_published_document_by_kind_and_year(client, documents):
    page = html(client, "/en/documents/")

    assert "3 documents" in page
    assert page.index(">Declaration</h2>") < page.index(">Report</h2>")
    assert page.index(">Report</h2>") < page.index(">Presentation</h2>")
    assert "<h3>2011</h3>" in page and "<h3>2023</h3>" in page
    assert (
        '<a href="/en/documents/{}.pdf" type="application/pdf">Almaty Declaration</a>'.format(
            documents["declaration"].pk
        )
        in page
    )
    assert "Declaration · March 2011 · English, Russian · text held in the record" in page
    assert (
        '<a href="https://migration.gov.az/en/news/8th-som" rel="external">'
        "Report of the meeting</a>"
    ) in page
    assert "Report · 12 October 2023 · English, Azerbaijani · official copy on another site" in page
    assert documents["file"].file.url in page
    assert "Presentation · 12 October 2023 · Russian · PDF" in page
    assert 'Meeting: <a href="/en/meetings/2023/8th-som/">8th SOM</a>' in page
    assert "The founding text of the process." in page


def test_russian_page(client, documents):
    page = html(client, "/ru/documents/")

    assert "<h1>Документы</h1>" in page
    assert "3 документа" in page
    assert ">Алматинская декларация</a>" in page
    assert "Декларация · март 2011 г. · английский, русский · текст хранится на портале" in page
    assert "официальный экземпляр на другом сайте" in page
    assert "Основополагающий документ процесса." in page
    assert 'aria-current="page">Документы</a>' in page


def test_drafts_and_documents_of_draft_meetings_are_absent(client, documents):
    for url in ("/en/documents/", "/en/documents/?q=secret", "/en/documents/?q=unpublished"):
        page = html(client, url)
        assert "Secret annex" not in page
        assert "Unpublished declaration" not in page
    for document in ("of_draft_meeting", "draft"):
        assert client.get(f"/en/documents/{documents[document].pk}.pdf").status_code == 404
    assert "Secret annex" not in html(client, "/en/meetings/2023/8th-som/")


def test_search_finds_words_in_either_language_and_in_the_text(client, documents):
    assert "1 document found for “декларация”" in html(client, "/en/documents/?q=декларация")
    assert "Almaty Declaration" in html(client, "/en/documents/?q=founding")
    page = html(client, "/en/documents/?q=cooperate")  # the held text of the declaration
    assert "1 document found" in page and "Almaty Declaration" in page
    assert "Report of the meeting" in html(client, "/en/documents/?q=8th+SOM")
    assert "No document matches these filters." in html(client, "/en/documents/?q=zzzz")


def test_filters_by_kind_and_year(client, documents):
    page = html(client, "/en/documents/?kind=declaration")
    assert "1 document" in page and "Almaty Declaration" in page
    page = html(client, "/en/documents/?year=2023")
    assert "2 documents" in page and "Almaty Declaration" not in page
    assert '<option value="2011">2011</option>' in page


def test_unknown_filters_are_ignored_with_a_notice(client, documents):
    page = html(client, "/en/documents/?kind=nonsense&year=99999")
    assert "3 documents" in page
    assert "Some of the filters were not recognised and have been ignored" in page


def test_linked_from_the_main_navigation_and_the_sitemap(client, documents):
    assert '<a href="/en/documents/">Documents</a>' in html(client, "/en/")
    sitemap = html(client, "/sitemap.xml")
    assert "http://testserver/en/documents/" in sitemap
    assert "http://testserver/ru/documents/" in sitemap


@pytest.mark.parametrize("language", ["en", "ru"])
def test_text_document_pdf_is_served_with_validators(client, documents, language):
    url = f"/{language}/documents/{documents['declaration'].pk}.pdf"
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    name = f"almaty-process-document-{documents['declaration'].pk}-{language}.pdf"
    assert name in response["Content-Disposition"]
    again = client.get(url, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_only_a_text_has_a_pdf_here(client, documents):
    assert client.get(f"/en/documents/{documents['link'].pk}.pdf").status_code == 404
    assert client.get(f"/en/documents/{documents['file'].pk}.pdf").status_code == 404
    assert client.get("/en/documents/999999.pdf").status_code == 404


def test_staff_preview_of_a_draft_text_is_marked(staff_client, documents):
    from tests.documents.reading import one_line

    response = staff_client.get(f"/en/documents/preview/{documents['draft'].pk}.pdf")

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "DRAFT" in one_line(response.content)


def test_preview_is_for_staff_only(client, documents):
    response = client.get(f"/en/documents/preview/{documents['draft'].pk}.pdf")
    assert response.status_code == 302
