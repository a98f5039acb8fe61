"""The real record, as the set-up command loads it (this suite runs on SQLite and PostgreSQL)."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.utils import translation
from modeltranslation.translator import translator

from chairmanship.models import ChairmanshipTerm
from meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingKind, Statement
from members.models import Participant

pytestmark = pytest.mark.usefixtures("record")

SOM_DAY = datetime.date(2023, 10, 12)


def test_members_on_the_day_of_the_8th_som():
    members = Participant.objects.members_on(SOM_DAY)

    assert sorted(p.name_en for p in members) == [
        "Azerbaijan",
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Türkiye",
    ]


def test_observers_on_the_day_of_the_8th_som():
    observers = Participant.objects.observers_on(SOM_DAY)

    assert sorted(p.code for p in observers) == ["IRN", "ITA", "OTS", "PAK", "TKM"]


def test_founding_participants_in_2013():
    assert sorted(p.code for p in Participant.objects.members_on(datetime.date(2013, 6, 5))) == [
        "AFG",
        "AZE",
        "IRN",
        "KAZ",
        "KGZ",
        "PAK",
        "TJK",
        "TKM",
        "TUR",
    ]


def test_chair_on_the_day_of_the_8th_som_is_azerbaijan():
    assert ChairmanshipTerm.objects.chair_on(SOM_DAY).participant.code == "AZE"
    assert Meeting.objects.get(slug="8th-som").chair_term.participant.code == "AZE"


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_todays_chair_follows_from_the_record():
    # Kazakhstan took over at the 3rd Ministerial Conference, Baku, 24 April 2025.
    assert ChairmanshipTerm.objects.current().participant.code == "KAZ"


def test_chair_terms_from_2013_to_today_in_order():
    with translation.override("en"):
        terms = [
            (t.participant.code, t.start_display, t.end_display)
            for t in ChairmanshipTerm.objects.select_related("participant")
        ]

    assert terms == [
        ("KAZ", "5 June 2013", "2016"),
        ("KGZ", "October 2016", "October 2018"),
        ("TJK", "2018", "2021"),
        # Türkiye chaired for 2021–2022; its term ends (half-open) when Azerbaijan's begins.
        ("TUR", "2021", "2023"),
        ("AZE", "2023", "24 April 2025"),
        ("KAZ", "24 April 2025", ""),
    ]


def test_the_8th_som_agenda_has_every_slot_of_the_seed():
    som = Meeting.objects.get(slug="8th-som")
    slots = [
        (i.day.day, i.start_time.strftime("%H:%M"), i.end_time and i.end_time.strftime("%H:%M"))
        for i in AgendaItem.objects.filter(meeting=som)
    ]

    assert slots == [
        (12, "09:00", "09:30"),
        (12, "09:30", "09:50"),
        (12, "09:50", "10:00"),
        (12, "10:00", "10:30"),
        (12, "10:30", "11:00"),
        (12, "11:00", "13:00"),
        (12, "13:00", "14:00"),
        (12, "14:00", "14:40"),
        (12, "14:40", "15:00"),
        (12, "15:00", "15:30"),
        (12, "15:30", "16:00"),
        (12, "16:00", "16:15"),
        (12, "16:15", "18:00"),
        (12, "19:00", "20:30"),
        (13, "10:00", None),
    ]


def test_the_8th_som_facts():
    som = Meeting.objects.select_related("host").get(slug="8th-som")

    assert (som.ordinal, som.kind, som.time_zone, som.format) == (
        8,
        "som",
        "Asia/Baku",
        "in_person",
    )
    assert (som.city_en, som.city_ru) == ("Baku", "Баку")
    assert som.host.code == "AZE"
    assert som.working_languages == ["en", "ru"]
    assert som.start_time == datetime.time(9, 0)
    assert [s.heading_en for s in som.concept_note_sections.all()] == [
        "Background",
        "Context and objectives of the discussion",
        "Outcomes",
        "Participation",
    ]
    assert som.outcome_protocol.signed_on == SOM_DAY


def test_the_8th_som_speakers_and_moderators():
    remittances = AgendaItem.objects.get(meeting__slug="8th-som", start_time=datetime.time(15))
    welcome = AgendaItem.objects.get(meeting__slug="8th-som", start_time=datetime.time(9, 30))

    assert [(s.role, s.person.name_en, s.person.name_ru) for s in remittances.speakers.all()] == [
        ("speaker", "Anna Prokhorova", "Анна Прохорова")
    ]
    assert [s.person.name_en for s in welcome.speakers.all() if s.person] == [
        "Vusal Huseynov",
        "Mehmet Nasir Uçan",
        "Zeynal Hajiyev",
        "Dumitru Lipcanu",
    ]
    moderated = AgendaItem.objects.filter(
        meeting__slug="8th-som", speakers__role="moderator"
    ).values_list("start_time", flat=True)
    assert [t.strftime("%H:%M") for t in moderated] == ["10:00", "11:00", "14:00", "14:40"]


def test_attendance_of_the_8th_som():
    som = Meeting.objects.get(slug="8th-som")

    by_capacity = {}
    for attendance in som.attendances.select_related("participant"):
        by_capacity.setdefault(attendance.capacity, []).append(attendance.participant.code)

    # As the report of the meeting lists them: the OTS, an observer the concept note invited,
    # is not among those who attended.
    assert {k: sorted(v) for k, v in by_capacity.items()} == {
        "member": ["AZE", "KAZ", "KGZ", "TJK", "TUR"],
        "observer": ["IRN", "ITA", "PAK", "TKM"],
        "prospective": ["UZB"],
        "secretariat": ["IOM", "UNHCR"],
    }


def test_the_gcm_talk_is_a_side_event_of_the_8th_som():
    talk = Meeting.objects.get(slug="gcm-talk")

    assert talk.kind == MeetingKind.SIDE_EVENT
    assert talk.parent.slug == "8th-som"


def test_the_record_has_the_meetings_of_the_seeds():
    assert sorted(Meeting.objects.published().values_list("start_date", flat=True)) == [
        datetime.date(2011, 3, 14),
        datetime.date(2013, 6, 5),
        datetime.date(2014, 11, 21),
        datetime.date(2023, 3, 28),
        datetime.date(2023, 10, 12),
        datetime.date(2023, 10, 12),
        datetime.date(2025, 4, 24),
    ]


def test_every_text_of_the_record_is_in_english_and_russian():
    missing = []
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).all_fields
        for obj in model.objects.all():
            for field in fields:
                english = getattr(obj, f"{field}_en")
                russian = getattr(obj, f"{field}_ru")
                if english and not russian:
                    missing.append(f"{model.__name__}:{obj.pk}.{field}")

    assert missing == []


def test_every_object_of_the_record_passes_validation():
    for app_label in ("members", "chairmanship", "meetings"):
        for model in apps.get_app_config(app_label).get_models():
            for obj in model.objects.all():
                obj.full_clean()


def test_azerbaijan_presided_the_3rd_ministerial_conference_where_it_handed_over():
    conference = Meeting.objects.get(slug="3rd-ministerial-conference")

    assert conference.chair_term.participant.code == "AZE"


def test_who_addressed_the_meetings_and_what_they_said():
    founding = Meeting.objects.get(start_date=datetime.date(2013, 6, 5))
    almaty_2014 = Meeting.objects.get(start_date=datetime.date(2014, 11, 21))
    baku_2023 = Meeting.objects.get(slug="8th-som")

    def speakers(meeting):
        return [
            (s.person.name_en if s.person else s.label_en, s.kind)
            for s in meeting.statements.select_related("person")
        ]

    assert speakers(founding) == [
        ("Erlan Idrissov", "opening"),
        ("António Guterres", "statement"),
        ("Laura Thompson", "statement"),
        ("Erlik Kenenbaev", "statement"),
    ]
    assert speakers(almaty_2014) == [
        ("Daulet Argandykov", "opening"),
        ("Representatives of the Islamic Republic of Afghanistan", "presentation"),
        ("United Nations Assistance Mission in Afghanistan (UNAMA)", "presentation"),
    ]
    assert speakers(baku_2023) == [
        ("Vusal Huseynov", "opening"),
        ("Mehmet Nasir Uçan", "opening"),
        ("Zeynal Hajiyev", "opening"),
        ("Dumitru Lipcanu", "opening"),
        ("Vusal Huseynov", "statement"),
        (
            "State Migration Service of the Republic of Azerbaijan: the priorities of "
            "Azerbaijan's chairmanship",
            "presentation",
        ),
        ("Irada Baghirli", "presentation"),
        ("Anna Prokhorova", "presentation"),
    ]
    tribute = baku_2023.statements.get(order=5)
    assert tribute.label_en.startswith("Heydar Aliyev")
    assert "Ilham Aliyev" in tribute.summary_en
    assert "Ильхам Алиев" in tribute.summary_ru


def test_every_statement_says_what_was_said_in_both_languages():
    statements = Statement.objects.all()

    assert statements.count() == 15
    for statement in statements:
        assert statement.summary_en.strip(), statement
        assert statement.summary_ru.strip(), statement
        # Russian text, not an English one copied across.
        assert any("а" <= c <= "я" for c in statement.summary_ru.lower()), statement


def test_the_almaty_declaration_is_a_text_of_the_2011_conference():
    declaration = MeetingDocument.objects.get(kind="declaration")

    assert declaration.meeting.start_date == datetime.date(2011, 3, 14)
    assert (declaration.title_en, declaration.title_ru) == (
        "Almaty Declaration",
        "Алматинская декларация",
    )
    assert declaration.is_text and not declaration.is_file and not declaration.is_link
    # The record knows the month of the conference, not the day the text was adopted.
    assert declaration.date_precision == "month"
    assert "not hold the official text" in declaration.body_en
    assert "Официального текста декларации в материалах нет" in declaration.body_ru
