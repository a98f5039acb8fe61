"""The secretariat's admin: forms in both languages, rules shown where staff type."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = [
    "concept_note_sections",
    "agenda_items",
    "statements",
    "attendances",
    "outcome_protocol",
    "decisions",
    "documents",
]


def meeting_form(agenda, **fields):
    """The POST data of the meeting add form, with ``agenda`` as rows of the agenda inline."""
    data = {
        "kind": "som",
        "ordinal": "9",
        "title_en": "9th Senior Officials' Meeting",
        "title_ru": "9-е совещание старших должностных лиц",
        "slug": "9th-som",
        "status": "draft",
        "start_date": "2025-10-14",
        "end_date": "2025-10-15",
        "time_zone": "Asia/Almaty",
        "format": "in_person",
        "city_en": "Astana",
        "city_ru": "Астана",
        "working_languages": ["en", "ru"],
    }
    data.update(fields)
    for prefix in INLINE_PREFIXES:
        rows = agenda if prefix == "agenda_items" else []
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = value
    return data


def agenda_row(start, end, title_en, title_ru, day="2025-10-14"):
    return {
        "day": day,
        "start_time": start,
        "end_time": end,
        "kind": "session",
        "title_en": title_en,
        "title_ru": title_ru,
    }


def test_staff_adds_a_meeting_with_two_agenda_items_in_both_languages(staff_client):
    data = meeting_form(
        [
            agenda_row("09:00", "09:30", "Registration", "Регистрация участников"),
            agenda_row("09:30", "10:00", "Opening remarks", "Вступительное слово"),
        ]
    )

    response = staff_client.post(reverse("admin:meetings_meeting_add"), data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    meeting = Meeting.objects.get(slug="9th-som")
    assert (meeting.title_en, meeting.title_ru) == (
        "9th Senior Officials' Meeting",
        "9-е совещание старших должностных лиц",
    )
    assert meeting.working_languages == ["en", "ru"]
    items = AgendaItem.objects.filter(meeting=meeting).order_by("start_time")
    assert [(i.start_time, i.title_en, i.title_ru) for i in items] == [
        (datetime.time(9, 0), "Registration", "Регистрация участников"),
        (datetime.time(9, 30), "Opening remarks", "Вступительное слово"),
    ]


def test_overlapping_agenda_item_is_refused_with_its_message(staff_client):
    data = meeting_form(
        [
            agenda_row("09:00", "10:00", "Registration", "Регистрация участников"),
            agenda_row("09:30", "10:30", "Opening remarks", "Вступительное слово"),
        ]
    )

    response = staff_client.post(reverse("admin:meetings_meeting_add"), data)

    assert response.status_code == 200
    assert not Meeting.objects.exists()
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "agenda_items"
    )
    assert formset.formset.forms[0].errors == {}
    assert formset.formset.forms[1].errors == {
        "start_time": ["This item overlaps “Registration” (09:00) on the same day."]
    }
    # Nothing typed is lost.
    assert 'value="Вступительное слово"' in response.text


def test_overlap_message_is_in_russian_for_staff_who_pick_russian(staff_client):
    staff_client.cookies["django_language"] = "ru"
    data = meeting_form(
        [
            agenda_row("09:00", "10:00", "Registration", "Регистрация участников"),
            agenda_row("09:30", "10:30", "Opening remarks", "Вступительное слово"),
        ]
    )

    response = staff_client.post(reverse("admin:meetings_meeting_add"), data)

    assert (
        "Этот пункт пересекается по времени с пунктом «Регистрация участников» (09:00) того же дня."
        in response.text
    )


def test_items_can_swap_times_in_one_save(staff_client):
    from tests.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(slug="9th-som", start_date=datetime.date(2025, 10, 14))
    first = AgendaItemFactory(
        meeting=meeting, start_time=datetime.time(9), end_time=datetime.time(10)
    )
    second = AgendaItemFactory(
        meeting=meeting, start_time=datetime.time(10), end_time=datetime.time(11)
    )
    data = meeting_form([], end_date="2025-10-14", status="published")
    data.update(
        {
            "agenda_items-TOTAL_FORMS": "2",
            "agenda_items-INITIAL_FORMS": "2",
        }
    )
    for index, (item, start, end) in enumerate(
        [(first, "10:00", "11:00"), (second, "09:00", "10:00")]
    ):
        row = agenda_row(start, end, item.title_en, item.title_ru)
        row.update({"id": str(item.pk), "meeting": str(meeting.pk)})
        for name, value in row.items():
            data[f"agenda_items-{index}-{name}"] = value

    response = staff_client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.start_time, second.start_time) == (datetime.time(10), datetime.time(9))


def test_an_item_removed_in_the_same_save_does_not_overlap(staff_client):
    from tests.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(slug="9th-som", start_date=datetime.date(2025, 10, 14))
    old = AgendaItemFactory(
        meeting=meeting, start_time=datetime.time(9), end_time=datetime.time(10)
    )
    data = meeting_form([], end_date="2025-10-14", status="published")
    data.update({"agenda_items-TOTAL_FORMS": "2", "agenda_items-INITIAL_FORMS": "1"})
    removed = agenda_row("09:00", "10:00", old.title_en, old.title_ru)
    removed.update({"id": str(old.pk), "meeting": str(meeting.pk), "DELETE": "on"})
    added = agenda_row("09:00", "10:00", "Registration", "Регистрация участников")
    for index, row in enumerate([removed, added]):
        for name, value in row.items():
            data[f"agenda_items-{index}-{name}"] = value

    response = staff_client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)

    assert response.status_code == 302
    assert list(meeting.agenda_items.values_list("title_en", flat=True)) == ["Registration"]


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:meetings_meeting_changelist"))

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/meetings/meeting/"


def test_logged_in_non_staff_user_cannot_enter_the_admin(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:members_participant_changelist",
        "admin:members_membership_changelist",
        "admin:chairmanship_chairmanshipterm_changelist",
        "admin:meetings_meeting_changelist",
        "admin:meetings_agendaitem_changelist",
        "admin:meetings_person_changelist",
        "admin:members_participant_add",
        "admin:chairmanship_chairmanshipterm_add",
        "admin:meetings_meeting_add",
        "admin:meetings_agendaitem_add",
        "admin:meetings_person_add",
        "admin:meetings_meetingdocument_changelist",
        "admin:meetings_meetingdocument_add",
    ],
)
def test_every_admin_page_opens(staff_client, url_name):
    response = staff_client.get(reverse(url_name))

    assert response.status_code == 200


def test_language_tabs_use_our_own_jquery_ui(staff_client):
    response = staff_client.get(reverse("admin:meetings_meeting_add"))

    assert '<script src="/static/vendor/jquery-ui/jquery-ui.min.js"' in response.text
    assert "googleapis" not in response.text
    assert 'name="title_en"' in response.text
    assert 'name="title_ru"' in response.text


def test_admin_speaks_russian_to_staff_who_pick_russian(staff_client):
    staff_client.post(reverse("set_language"), {"language": "ru", "next": "/admin/"})

    response = staff_client.get(reverse("admin:meetings_meeting_changelist"))

    title = "<title>Выберите мероприятие для изменения | Портал Алматинского процесса"
    assert title in response.text
    assert "Алматинский процесс — секретариат" in response.text


def test_meeting_list_filters_by_year_kind_and_status(staff_client):
    from tests.factories import MeetingFactory

    MeetingFactory(title_en="Baku meeting", start_date=datetime.date(2023, 10, 12))
    MeetingFactory(title_en="Almaty meeting", start_date=datetime.date(2014, 11, 21))

    response = staff_client.get(reverse("admin:meetings_meeting_changelist"), {"year": "2014"})

    assert [m.title_en for m in response.context["cl"].result_list] == ["Almaty meeting"]


def test_participant_autocomplete_finds_russian_names(staff_client):
    from tests.factories import ParticipantFactory

    ParticipantFactory(code="AZE", name_en="Azerbaijan", name_ru="Азербайджан")

    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Азер",
            "app_label": "meetings",
            "model_name": "attendance",
            "field_name": "participant",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Azerbaijan"]
