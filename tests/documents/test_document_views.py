"""Downloading the documents: stored once per version, conditional requests, drafts, previews."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import override

from meetings.documents import pdf, store
from meetings.models import MeetingStatus
from tests.documents.reading import one_line, page_texts
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    OutcomeProtocolFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Counts the PDFs actually printed."""
    printed = []
    html_to_pdf = pdf.html_to_pdf

    def counting(html, **kwargs):
        printed.append(html)
        return html_to_pdf(html, **kwargs)

    monkeypatch.setattr(pdf, "html_to_pdf", counting)
    return printed


@pytest.fixture
def meeting():
    meeting = MeetingFactory(slug="8th-som", start_date=datetime.date(2023, 10, 12))
    AgendaItemFactory(
        meeting=meeting,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(9, 50),
        title_en="Welcoming remarks",
        title_ru="Приветственные выступления",
    )
    return meeting


def url(name, meeting, language):
    with override(language):
        return reverse(
            f"meetings:{name}", kwargs={"year": meeting.start_date.year, "slug": meeting.slug}
        )


def preview_url(name, meeting, language):
    with override(language):
        return reverse(f"meetings:{name}", kwargs={"pk": meeting.pk})


def stored_files(meeting):
    folder = f"{store.FOLDER}/{meeting.pk}"
    if not default_storage.exists(folder):
        return []
    return sorted(default_storage.listdir(folder)[1])


def download(client, path, **headers):
    """GET ``path``; the PDF's bytes are in ``.body``."""
    response = client.get(path, headers=headers)
    response.body = response.content
    return response


def test_agenda_is_served_with_a_meaningful_name_etag_and_last_modified(client, meeting):
    response = download(client, url("agenda_pdf", meeting, "ru"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="almaty-process-8th-som-2023-agenda-ru.pdf"'
    )
    key = store.get_document(meeting, pdf.AGENDA, language="ru").key
    assert response["ETag"] == f'"{key}"'
    assert stored_files(meeting) == [f"agenda-ru-{key}.pdf"]
    modified = default_storage.get_modified_time(f"{store.FOLDER}/{meeting.pk}/agenda-ru-{key}.pdf")
    assert response["Last-Modified"] == http_date(int(modified.timestamp()))
    assert "09:30–09:50 Приветственные выступления" in one_line(response.body)


def test_the_url_language_decides_the_documents_language(client, meeting):
    english = one_line(download(client, url("concept_note_pdf", meeting, "en")).body)
    russian = one_line(download(client, url("concept_note_pdf", meeting, "ru")).body)

    assert "CONCEPT NOTE" in english
    assert "Page 1 of 2" in english
    assert "КОНЦЕПТУАЛЬНАЯ ЗАПИСКА" in russian
    assert "Страница 1 из 2" in russian


def test_second_download_is_served_from_storage_without_printing_again(client, meeting, renders):
    first = download(client, url("agenda_pdf", meeting, "en"))
    second = download(client, url("agenda_pdf", meeting, "en"))

    assert len(renders) == 1
    assert first.body == second.body
    assert first["ETag"] == second["ETag"]


def test_each_language_is_a_version_of_its_own(client, meeting, renders):
    english = download(client, url("agenda_pdf", meeting, "en"))
    russian = download(client, url("agenda_pdf", meeting, "ru"))

    assert len(renders) == 2
    assert english["ETag"] != russian["ETag"]
    assert len(stored_files(meeting)) == 2


def test_an_edit_to_what_the_document_shows_makes_a_new_version(client, meeting, renders):
    before = download(client, url("agenda_pdf", meeting, "en"))
    item = meeting.agenda_items.get()
    item.title_en = "Opening of the meeting"
    item.save()

    after = download(client, url("agenda_pdf", meeting, "en"))

    assert len(renders) == 2
    assert after["ETag"] != before["ETag"]
    assert "09:30–09:50 Opening of the meeting" in one_line(after.body)
    # The old version is gone from storage; the Russian one is untouched.
    key = after["ETag"].strip('"')
    assert stored_files(meeting) == [f"agenda-en-{key}.pdf"]


def test_an_edit_the_document_does_not_show_keeps_the_version(client, meeting, renders):
    before = download(client, url("agenda_pdf", meeting, "en"))
    meeting.summary_en = "A summary only the meeting page shows."
    meeting.save()

    after = download(client, url("agenda_pdf", meeting, "en"))

    assert len(renders) == 1
    assert after["ETag"] == before["ETag"]


def test_conditional_requests_are_answered_with_304(client, meeting, renders):
    first = download(client, url("agenda_pdf", meeting, "en"))

    by_etag = download(client, url("agenda_pdf", meeting, "en"), **{"if-none-match": first["ETag"]})
    by_date = download(
        client, url("agenda_pdf", meeting, "en"), **{"if-modified-since": first["Last-Modified"]}
    )
    stale = download(client, url("agenda_pdf", meeting, "en"), **{"if-none-match": '"old"'})

    assert by_etag.status_code == 304
    assert by_etag["ETag"] == first["ETag"]
    assert by_date.status_code == 304
    assert stale.status_code == 200
    assert len(renders) == 1


def test_protocol_exists_only_for_a_meeting_with_one(client, meeting):
    assert download(client, url("protocol_pdf", meeting, "en")).status_code == 404

    OutcomeProtocolFactory(meeting=meeting)

    response = download(client, url("protocol_pdf", meeting, "en"))
    assert response.status_code == 200
    assert "OUTCOME PROTOCOL" in one_line(response.body)


def test_agenda_exists_only_for_a_meeting_with_an_agenda(client):
    meeting = MeetingFactory()

    assert download(client, url("agenda_pdf", meeting, "en")).status_code == 404
    assert download(client, url("concept_note_pdf", meeting, "en")).status_code == 200


@pytest.mark.parametrize("name", ["concept_note_pdf", "agenda_pdf", "protocol_pdf"])
def test_draft_meeting_documents_are_not_public(client, meeting, name, renders):
    OutcomeProtocolFactory(meeting=meeting)
    meeting.status = MeetingStatus.DRAFT
    meeting.save()

    assert download(client, url(name, meeting, "en")).status_code == 404
    assert renders == []


def test_staff_preview_of_a_draft_is_marked_as_draft_on_every_page(staff_client, meeting):
    meeting.status = MeetingStatus.DRAFT
    meeting.save()

    response = download(staff_client, preview_url("concept_note_preview", meeting, "ru"))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    pages = page_texts(response.body)
    for page in pages:
        assert "ПРОЕКТ — НЕ ДЛЯ РАСПРОСТРАНЕНИЯ" in page


def test_preview_is_for_staff_only(client, meeting):
    preview = preview_url("agenda_preview", meeting, "en")

    anonymous = download(client, preview)
    client.force_login(UserFactory())
    not_staff = download(client, preview)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))
    assert not_staff.status_code == 302


def test_meeting_admin_page_links_to_the_previews(staff_client, meeting):
    response = staff_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/en/meetings/preview/{meeting.pk}/concept-note.pdf"' in page
    assert f'href="/ru/meetings/preview/{meeting.pk}/concept-note.pdf"' in page
    assert f'href="/ru/meetings/preview/{meeting.pk}/agenda.pdf"' in page
    assert "Preview PDF — English" in page
    assert "Preview PDF — Russian" in page
    assert f"/meetings/preview/{meeting.pk}/protocol.pdf" not in page


def test_meeting_page_links_to_each_document_in_each_language(client, meeting):
    OutcomeProtocolFactory(meeting=meeting)

    page = client.get(meeting.get_absolute_url()).content.decode()

    for name in ("concept-note", "agenda", "protocol"):
        for language in ("en", "ru"):
            assert f'href="/{language}/meetings/2023/8th-som/{name}.pdf"' in page


@pytest.mark.django_db(transaction=True)
def test_deleting_a_meeting_deletes_its_stored_documents(client, meeting):
    download(client, url("agenda_pdf", meeting, "en"))
    download(client, url("agenda_pdf", meeting, "ru"))
    other = MeetingFactory(slug="9th-som", start_date=meeting.start_date)
    AgendaItemFactory(meeting=other)
    download(client, url("agenda_pdf", other, "en"))
    folder = f"{store.FOLDER}/{meeting.pk}"
    stored = len(stored_files(meeting))

    meeting.delete()

    assert stored == 2
    assert not default_storage.exists(folder)
    assert len(stored_files(other)) == 1
