"""The secretariat's weekly work in the admin: roles, publication, translation status, reuse."""

import datetime
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from almaty_portal.record import record_models
from almaty_portal.roles import sync_editor_group
from meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingStatus, Speaker
from tests.factories import (
    AgendaItemFactory,
    ChairmanshipTermFactory,
    ConceptNoteSectionFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    SpeakerFactory,
    UserFactory,
)
from tests.foundation.test_admin import meeting_form

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time


@pytest.fixture
def editor():
    user = UserFactory(username="aliya", is_staff=True)
    # A transactional test elsewhere may have flushed the migration's group: sync it back.
    user.groups.add(sync_editor_group(Group, Permission))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# --- roles ---------------------------------------------------------------------------------


def test_editor_may_edit_content(editor_client):
    for url_name in [
        "admin:meetings_meeting_changelist",
        "admin:meetings_meeting_add",
        "admin:members_participant_add",
        "admin:chairmanship_chairmanshipterm_add",
    ]:
        assert editor_client.get(reverse(url_name)).status_code == 200


def test_editor_cannot_open_users_or_groups(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_create_editor_command_makes_a_staff_account_in_the_group(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "Lazurit-Hall-2023")

    call_command("create_editor", "zhanna", "--email", "zhanna@example.org", stdout=io.StringIO())

    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="zhanna")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Secretariat editor"]
    assert user.check_password("Lazurit-Hall-2023")


def test_an_editor_made_on_a_migrated_database_may_edit_every_model_of_the_record(
    monkeypatch,
):
    # The group as the migrations leave it (the test database is built by migrate), not as
    # the other tests here sync it: a model added after the group's migration is covered too.
    monkeypatch.setenv("EDITOR_PASSWORD", "Lazurit-Hall-2023")
    call_command("create_editor", "aliya", stdout=io.StringIO())

    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="aliya")
    for model in record_models():
        for action in ("view", "add", "change", "delete"):
            permission = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
            assert user.has_perm(permission), permission
    assert not user.has_perm("auth.change_user")


# --- publication -----------------------------------------------------------------------------


def test_publish_asks_for_confirmation_and_names_what_is_missing_in_russian(editor_client):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT, title_en="9th SOM", title_ru="")
    AgendaItemFactory(meeting=meeting, title_en="Opening", title_ru="")

    response = editor_client.get(reverse("admin:meetings_meeting_publish", args=[meeting.pk]))

    assert response.status_code == 200
    assert "Missing in Russian:" in response.text
    assert "Meeting “9th SOM (2023-10-12)”: title" in response.text
    assert "Agenda item “2023-10-12 09:00 Opening”: title" in response.text
    assert "Publish anyway" in response.text
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_publish_records_when_and_by_whom(editor_client, editor):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    response = editor_client.post(reverse("admin:meetings_meeting_publish", args=[meeting.pk]))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.published_by == editor
    assert meeting.published_at is not None
    entry = LogEntry.objects.get(object_id=str(meeting.pk))
    assert (entry.user, entry.get_change_message()) == (editor, "Changed publication status.")


def test_return_to_draft_hides_the_meeting_again(editor_client):
    meeting = MeetingFactory(status=MeetingStatus.PUBLISHED)

    editor_client.post(reverse("admin:meetings_meeting_unpublish", args=[meeting.pk]))

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
    assert not Meeting.objects.published().exists()


def test_status_cannot_be_changed_through_the_form(editor_client):
    response = editor_client.post(
        reverse("admin:meetings_meeting_add"), meeting_form([], status="published")
    )

    assert response.status_code == 302
    assert Meeting.objects.get().status == MeetingStatus.DRAFT


def test_publish_action_confirms_incomplete_meetings_then_publishes(editor_client):
    complete = MeetingFactory(status=MeetingStatus.DRAFT, title_en="Complete")
    incomplete = MeetingFactory(status=MeetingStatus.DRAFT, title_en="Half done", summary_en="Text")
    changelist = reverse("admin:meetings_meeting_changelist")
    data = {"action": "publish_meetings", "_selected_action": [complete.pk, incomplete.pk]}

    first = editor_client.post(changelist, data)

    assert "Meeting “Half done (2023-10-12)”: summary" in first.text
    assert not Meeting.objects.published().exists()

    editor_client.post(changelist, {**data, "confirm": "yes"})

    assert set(Meeting.objects.published()) == {complete, incomplete}


def test_publish_action_without_gaps_needs_no_confirmation(editor_client):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    editor_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish_meetings", "_selected_action": [meeting.pk]},
    )

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED


# --- translation status ----------------------------------------------------------------------


def test_meeting_list_shows_how_complete_each_language_is(editor_client):
    meeting = MeetingFactory(title_en="8th SOM", summary_en="Summary", summary_ru="")
    ConceptNoteSectionFactory(meeting=meeting)

    response = editor_client.get(reverse("admin:meetings_meeting_changelist"))

    # Five texts written (title, city, summary, heading, body); the summary lacks Russian.
    row = response.text[response.text.index("8th SOM") :]
    assert 'EN 100%</span> · <span class="translation-status incomplete">RU 80%' in row


def test_russian_incomplete_filter_finds_gaps_in_any_part(editor_client):
    complete = MeetingFactory(title_en="Complete")
    agenda_gap = MeetingFactory(title_en="Agenda gap")
    AgendaItemFactory(meeting=agenda_gap, title_ru="")
    speaker_gap = MeetingFactory(title_en="Speaker gap")
    SpeakerFactory(
        agenda_item=AgendaItemFactory(meeting=speaker_gap), person=None, label_en="IOM", label_ru=""
    )
    MeetingFactory(title_en="English gap", summary_ru="Только по-русски")

    def listed(language):
        response = editor_client.get(
            reverse("admin:meetings_meeting_changelist"), {"incomplete": language}
        )
        return {m.title_en for m in response.context["cl"].result_list}

    assert listed("ru") == {"Agenda gap", "Speaker gap"}
    assert listed("en") == {"English gap"}
    assert complete.title_en not in listed("ru") | listed("en")


def test_change_form_lists_the_empty_fields_of_each_language(editor_client):
    meeting = MeetingFactory(title_en="8th SOM", summary_en="Summary", summary_ru="")
    ConceptNoteSectionFactory(meeting=meeting, heading_ru="", heading_en="Background")

    response = editor_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    gaps = response.context["adminform"].form.instance
    assert gaps == meeting
    assert "Missing in Russian:" in response.text
    assert "<li>Meeting “8th SOM (2023-10-12)”: summary</li>" in response.text
    assert "<li>Concept note section “Background”: heading</li>" in response.text


def test_participants_and_chair_terms_show_their_translation_status(editor_client):
    ParticipantFactory(name_en="Italy", name_ru="", official_name_en="Italian Republic")
    term = ChairmanshipTermFactory(priorities_en="Regular migration", priorities_ru="")

    participants = editor_client.get(
        reverse("admin:members_participant_changelist"), {"incomplete": "ru"}
    )
    term_page = editor_client.get(
        reverse("admin:chairmanship_chairmanshipterm_change", args=[term.pk])
    )

    assert [p.name_en for p in participants.context["cl"].result_list] == ["Italy"]
    assert "Missing in Russian:" in term_page.text
    assert ": priorities</li>" in term_page.text


# --- reuse -----------------------------------------------------------------------------------


def test_duplicate_makes_a_draft_with_concept_note_and_shifted_agenda(editor_client, editor):
    som = MeetingFactory(
        title_en="8th SOM",
        title_ru="8-е ССДЛ",
        ordinal=8,
        slug="8th-som",
        start_date=D(2023, 10, 12),
        end_date=D(2023, 10, 13),
    )
    ConceptNoteSectionFactory(meeting=som, heading_en="Background", heading_ru="Общие сведения")
    welcome = AgendaItemFactory(
        meeting=som, day=D(2023, 10, 12), start_time=T(9, 30), end_time=T(9, 50)
    )
    SpeakerFactory(agenda_item=welcome, person=PersonFactory(name_en="Vusal Huseynov"))
    AgendaItemFactory(meeting=som, day=D(2023, 10, 13), start_time=T(10), end_time=None)

    start = editor_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "duplicate_meeting", "_selected_action": [som.pk]},
    )
    assert start["Location"] == reverse("admin:meetings_meeting_duplicate", args=[som.pk])
    response = editor_client.post(
        start["Location"], {"start_date": "2025-10-14", "slug": "9th-som"}
    )

    copy = Meeting.objects.get(slug="9th-som")
    assert response["Location"] == reverse("admin:meetings_meeting_change", args=[copy.pk])
    assert (copy.status, copy.ordinal, copy.start_date, copy.end_date) == (
        MeetingStatus.DRAFT,
        9,
        D(2025, 10, 14),
        D(2025, 10, 15),
    )
    assert (copy.title_en, copy.title_ru) == ("8th SOM", "8-е ССДЛ")
    assert [(s.heading_en, s.heading_ru) for s in copy.concept_note_sections.all()] == [
        ("Background", "Общие сведения")
    ]
    assert [(i.day, i.start_time) for i in copy.agenda_items.all()] == [
        (D(2025, 10, 14), T(9, 30)),
        (D(2025, 10, 15), T(10)),
    ]
    assert [s.person.name_en for s in Speaker.objects.filter(agenda_item__meeting=copy)] == [
        "Vusal Huseynov"
    ]
    som.refresh_from_db()
    assert som.agenda_items.count() == 2  # the original is untouched


def test_duplicate_refuses_a_missing_date_and_keeps_the_slug(editor_client):
    som = MeetingFactory()

    response = editor_client.post(
        reverse("admin:meetings_meeting_duplicate", args=[som.pk]), {"start_date": "", "slug": "x"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"start_date": ["This field is required."]}
    assert 'value="x"' in response.text
    assert Meeting.objects.count() == 1


# --- agenda editing --------------------------------------------------------------------------


def test_agenda_rows_carry_their_speakers_and_moderators(editor_client):
    huseynov = PersonFactory(name_en="Vusal Huseynov")
    prokhorova = PersonFactory(name_en="Anna Prokhorova")
    data = meeting_form(
        [
            {
                "day": "2025-10-14",
                "start_time": "15:00",
                "end_time": "15:30",
                "kind": "session",
                "title_en": "Migration and remittances",
                "title_ru": "Миграция и денежные переводы",
                "speaker_people": [str(prokhorova.pk)],
                "moderator_people": [str(huseynov.pk)],
            }
        ]
    )

    editor_client.post(reverse("admin:meetings_meeting_add"), data)

    item = AgendaItem.objects.get()
    assert sorted((s.role, s.person.name_en) for s in item.speakers.all()) == [
        ("moderator", "Vusal Huseynov"),
        ("speaker", "Anna Prokhorova"),
    ]


def test_agenda_inline_leaves_role_only_speakers_alone(editor_client):
    meeting = MeetingFactory(slug="9th-som", start_date=D(2025, 10, 14))
    item = AgendaItemFactory(meeting=meeting, start_time=T(10), end_time=T(10, 30))
    SpeakerFactory(
        agenda_item=item, person=None, label_en="Representative of the Chair", role="moderator"
    )
    data = meeting_form([], status="published")
    data.update({"agenda_items-TOTAL_FORMS": "1", "agenda_items-INITIAL_FORMS": "1"})
    for name, value in {
        "id": str(item.pk),
        "meeting": str(meeting.pk),
        "day": "2025-10-14",
        "start_time": "10:00",
        "end_time": "10:30",
        "kind": "session",
        "title_en": item.title_en,
        "title_ru": item.title_ru,
    }.items():
        data[f"agenda_items-0-{name}"] = value

    editor_client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)

    assert [s.label_en for s in item.speakers.all()] == ["Representative of the Chair"]


# --- documents -------------------------------------------------------------------------------

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def document_form(upload, **fields):
    data = meeting_form([], **fields)
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-kind": "concept_note",
            "documents-0-title_en": "Concept note",
            "documents-0-title_ru": "Концептуальная записка",
            "documents-0-languages": ["en"],
            "documents-0-date": "2025-09-01",
            "documents-0-date_precision": "day",
            "documents-0-status": "published",
            "documents-0-order": "0",
            "documents-0-file": upload,
        }
    )
    return data


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_pdf_upload_is_stored_under_a_generated_name(editor_client, media):
    upload = SimpleUploadedFile("../../concept note.pdf", PDF_BYTES, "application/pdf")

    editor_client.post(reverse("admin:meetings_meeting_add"), document_form(upload))

    document = MeetingDocument.objects.get()
    name = document.file.name
    assert name.startswith("documents/") and name.endswith(".pdf")
    assert "concept" not in name
    assert (media / name).read_bytes() == PDF_BYTES


def test_upload_that_is_not_a_pdf_is_refused_and_nothing_else_is_lost(editor_client, media):
    upload = SimpleUploadedFile("agenda.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    response = editor_client.post(
        reverse("admin:meetings_meeting_add"), document_form(upload, title_ru="Девятое ССДЛ")
    )

    assert response.status_code == 200
    assert not Meeting.objects.exists()
    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "documents"
    )
    assert formset.forms[0].errors == {
        "file": ["This file is not a PDF document. Please upload the document as a PDF."]
    }
    assert 'value="Девятое ССДЛ"' in response.text
    assert 'value="Концептуальная записка"' in response.text


def test_upload_over_the_limit_is_refused_with_the_limit_named(editor_client, media, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2048, "application/pdf")

    response = editor_client.post(reverse("admin:meetings_meeting_add"), document_form(upload))

    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "documents"
    )
    assert formset.forms[0].errors == {"file": ["The file is 2.0\xa0KB; the limit is 1.0\xa0KB."]}


def test_the_form_states_the_size_limit(editor_client):
    response = editor_client.get(reverse("admin:meetings_meeting_add"))

    assert "A PDF file of at most 20.0\xa0MB." in response.text


# --- history ---------------------------------------------------------------------------------


def test_meeting_history_shows_changes_to_the_meeting_and_its_agenda(editor_client, editor):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)
    item = AgendaItemFactory(meeting=meeting, title_en="Opening")
    editor_client.post(reverse("admin:meetings_meeting_publish", args=[meeting.pk]))
    editor_client.post(
        reverse("admin:meetings_agendaitem_change", args=[item.pk]),
        {
            "meeting": meeting.pk,
            "day": "2023-10-12",
            "start_time": "09:00",
            "end_time": "09:45",
            "kind": "session",
            "title_en": "Opening session",
            "title_ru": item.title_ru,
            "speakers-TOTAL_FORMS": "0",
            "speakers-INITIAL_FORMS": "0",
        },
    )

    response = editor_client.get(reverse("admin:meetings_meeting_history", args=[meeting.pk]))

    entries = [
        (e.user.username, e.object_repr, e.get_change_message())
        for e in response.context["action_list"]
    ]
    assert entries == [
        ("aliya", str(meeting), "Changed publication status."),
        ("aliya", "2023-10-12 09:00 Opening session", "Changed Ends and Title [en]."),
    ]


@pytest.mark.parametrize("action", ["publish", "unpublish", "duplicate"])
@pytest.mark.parametrize("object_id", ["999999", "not-a-number"])
def test_actions_on_a_meeting_that_does_not_exist_are_not_found(editor_client, action, object_id):
    response = editor_client.get(f"/admin/meetings/meeting/{object_id}/{action}/")

    assert response.status_code == 404


@pytest.mark.parametrize("year", ["0", "99999", "99999999999999999999"])
def test_year_filter_with_a_year_no_date_can_have_lists_no_meetings(editor_client, year):
    MeetingFactory(title_en="Meeting of 2023")

    response = editor_client.get("/admin/meetings/meeting/", {"year": year})

    assert response.status_code == 200
    assert "Meeting of 2023" not in response.content.decode()


@pytest.mark.parametrize("action", ["change", "delete"])
def test_an_empty_to_field_is_a_bad_request_in_the_editors_language(editor_client, action):
    meeting = MeetingFactory()
    url = f"/admin/meetings/meeting/{meeting.pk}/{action}/?_to_field="

    english = editor_client.get(url)
    russian = editor_client.get(url, headers={"accept-language": "ru"})

    assert english.status_code == russian.status_code == 400
    assert "<h1>Bad request</h1>" in english.content.decode()
    assert "<h1>Некорректный запрос</h1>" in russian.content.decode()
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_named_to_field_still_opens_the_change_form(editor_client):
    meeting = MeetingFactory()

    response = editor_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/?_to_field=id")

    assert response.status_code == 200
