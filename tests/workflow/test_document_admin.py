"""The secretariat enters documents of the three kinds and statements with what was said."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from almaty_portal.translation_status import completeness, gaps
from meetings.models import MeetingDocument, Statement
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    PersonFactory,
    StatementFactory,
)
from tests.foundation.test_admin import meeting_form

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.7\n%%EOF\n"

NONE_EN = (
    "Upload the document as a file, give a link to an official copy, or write its text in "
    "English: one of the three."
)
NONE_RU = (
    "Загрузите документ в виде файла, укажите ссылку на официальный экземпляр или введите его "
    "текст на английском языке — что-то одно из трех."
)
SEVERAL_EN = (
    "A document is either a file, a link or a text held here, not several: keep only one of them."
)
SEVERAL_RU = (
    "Документ может быть либо файлом, либо ссылкой, либо текстом, хранящимся на портале, но не "
    "тем и другим одновременно: оставьте что-то одно."
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def document_data(**fields):
    data = {
        "kind": "declaration",
        "title_en": "Almaty Declaration",
        "title_ru": "Алматинская декларация",
        "date": "2011-03-14",
        "date_precision": "month",
        "languages": ["en", "ru"],
        "status": "published",
        "order": "0",
        "url": "",
        "body_en": "",
        "body_ru": "",
        "summary_en": "",
        "summary_ru": "",
    }
    data.update(fields)
    return data


def post(client, data):
    return client.post(reverse("admin:meetings_meetingdocument_add"), data)


def errors(response):
    return response.context["adminform"].form.errors


def test_a_document_with_neither_file_nor_link_nor_text_is_refused(staff_client, media):
    response = post(staff_client, document_data())

    assert response.status_code == 200
    assert errors(response) == {"file": [NONE_EN]}
    assert MeetingDocument.objects.count() == 0


def test_the_message_is_in_russian_for_staff_who_pick_russian(staff_client, media):
    staff_client.cookies["django_language"] = "ru"

    response = post(staff_client, document_data(url="https://example.org/a", body_en="<p>x</p>"))

    assert SEVERAL_RU in response.text
    staff_client.cookies["django_language"] = "ru"
    assert NONE_RU in post(staff_client, document_data()).text


@pytest.mark.parametrize(
    ("fields", "flagged"),
    [
        ({"url": "https://example.org/declaration", "body_en": "<p>Text.</p>"}, {"url", "body_en"}),
        ({"url": "https://example.org/declaration", "file": True}, {"url", "file"}),
        ({"body_en": "<p>Text.</p>", "file": True}, {"body_en", "file"}),
    ],
)
def test_a_document_with_two_of_file_link_and_text_is_refused(staff_client, media, fields, flagged):
    if fields.pop("file", False):
        fields["file"] = SimpleUploadedFile("declaration.pdf", PDF_BYTES, "application/pdf")

    response = post(staff_client, document_data(**fields))

    assert errors(response) == {name: [SEVERAL_EN] for name in flagged}
    assert MeetingDocument.objects.count() == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"url": "https://example.org/declaration"},
        {"body_en": "<p>The states agree.</p>", "body_ru": "<p>Государства согласны.</p>"},
        {"file": "upload"},
    ],
    ids=["link", "text", "file"],
)
def test_each_of_the_three_kinds_is_saved(staff_client, media, fields):
    if fields.get("file"):
        fields["file"] = SimpleUploadedFile("declaration.pdf", PDF_BYTES, "application/pdf")

    response = post(staff_client, document_data(**fields))

    assert response.status_code == 302, errors(response)
    document = MeetingDocument.objects.get()
    assert (document.title_en, document.title_ru) == (
        "Almaty Declaration",
        "Алматинская декларация",
    )
    assert document.languages == ["en", "ru"]
    assert document.date_display == "March 2011"
    assert [document.is_file, document.is_link, document.is_text].count(True) == 1


def test_the_database_refuses_a_document_with_none_or_two(db):
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(meeting=meeting, body_en="", body_ru="")
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(meeting=meeting, url="https://example.org/copy")
    DocumentFactory(meeting=meeting)
    assert MeetingDocument.objects.count() == 1


def test_text_document_form_shows_preview_links_and_tabs(staff_client):
    document = DocumentFactory(meeting=None)

    response = staff_client.get(
        reverse("admin:meetings_meetingdocument_change", args=[document.pk])
    )

    assert 'name="body_en"' in response.text and 'name="body_ru"' in response.text
    assert f'href="/en/documents/preview/{document.pk}.pdf"' in response.text
    assert f'href="/ru/documents/preview/{document.pk}.pdf"' in response.text
    assert "exactly one of these: a PDF file kept here, a link" in response.text


def test_meeting_form_enters_a_statement_with_its_summary_in_both_languages(staff_client):
    person = PersonFactory(name_en="Vusal Huseynov")
    data = meeting_form([])
    data.update(
        {
            "statements-TOTAL_FORMS": "1",
            "statements-0-order": "1",
            "statements-0-kind": "opening",
            "statements-0-person": str(person.pk),
            "statements-0-label_en": "",
            "statements-0-label_ru": "",
            "statements-0-summary_en": "He welcomed the guests.",
            "statements-0-summary_ru": "Он приветствовал гостей.",
        }
    )

    response = staff_client.post(reverse("admin:meetings_meeting_add"), data)

    assert response.status_code == 302
    statement = Statement.objects.get()
    assert (statement.summary_en, statement.summary_ru) == (
        "He welcomed the guests.",
        "Он приветствовал гостей.",
    )
    page = staff_client.get(reverse("admin:meetings_meeting_change", args=[statement.meeting_id]))
    assert 'name="statements-0-summary_en"' in page.text
    assert 'name="statements-0-summary_ru"' in page.text


def test_a_statement_needs_a_person_or_a_description(staff_client):
    data = meeting_form([])
    data.update(
        {
            "statements-TOTAL_FORMS": "1",
            "statements-0-order": "1",
            "statements-0-kind": "statement",
            "statements-0-summary_en": "Something was said.",
        }
    )

    response = staff_client.post(reverse("admin:meetings_meeting_add"), data)

    assert "Name a person or describe who speaks." in response.text
    assert Statement.objects.count() == 0


def test_translation_status_counts_statement_summaries_and_document_texts(db):
    meeting = MeetingFactory()
    statement = StatementFactory(meeting=meeting, summary_ru="")
    document = DocumentFactory(meeting=meeting, body_ru="", summary_en="About.", summary_ru="")

    assert set(gaps([statement, document], "ru")) == {
        (statement, "summary"),
        (document, "body"),
        (document, "summary"),
    }
    # Written: the summary of the statement; the title, summary and text of the document.
    assert completeness([statement, document]) == {"en": 100, "ru": 25}
    meeting = type(meeting).objects.with_parts().get(pk=meeting.pk)
    assert statement in meeting.translatable_parts()
    assert list(type(meeting).objects.translation_incomplete("ru")) == [meeting]
