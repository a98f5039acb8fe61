"""A missing Russian text shows the English one, marked with lang="en" and a note."""

import pytest
from django.utils import translation

from tests.factories import ConceptNoteSectionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_missing_russian_title_is_marked(client):
    meeting = MeetingFactory(title_en="Technical meeting on data", title_ru="")
    with translation.override("ru"):
        url = meeting.get_absolute_url()
    page = client.get(url).content.decode()
    assert (
        '<h1 id="meeting-title"><span lang="en" class="untranslated">Technical meeting on data'
        '</span> <span class="untranslated-note">(доступно только на английском языке)</span></h1>'
    ) in page


def test_missing_russian_body_is_marked_as_a_block(client):
    section = ConceptNoteSectionFactory(body_en="<p>Only in English.</p>", body_ru="")
    with translation.override("ru"):
        url = section.meeting.get_absolute_url()
    page = client.get(url).content.decode()
    assert (
        '<div lang="en" class="untranslated"><p>Only in English.</p></div>'
        '<p class="untranslated-note">доступно только на английском языке</p>'
    ) in page


def test_translated_text_is_not_marked(client):
    meeting = MeetingFactory(title_en="Technical meeting", title_ru="Техническое совещание")
    with translation.override("ru"):
        url = meeting.get_absolute_url()
    page = client.get(url).content.decode()
    assert '<h1 id="meeting-title">Техническое совещание</h1>' in page
    assert "untranslated" not in page.split("<main")[1].split("</h1>")[0]


def test_english_pages_never_show_the_note(client):
    meeting = MeetingFactory(title_en="Technical meeting", title_ru="")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "available in English only" not in page
