"""The read-only JSON API: what it answers, in both languages, and how it refuses odd input."""

import datetime

import pytest
from rest_framework.throttling import AnonRateThrottle

from almaty_portal.periods import DatePrecision
from meetings.models import AttendanceCapacity, MeetingFormat, MeetingKind, MeetingStatus
from members.models import MembershipStatus
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ChairmanshipTermFactory,
    ConceptNoteSectionFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OutcomeProtocolFactory,
    ParticipantFactory,
    PersonFactory,
    SpeakerFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def azerbaijan():
    return ParticipantFactory(
        code="AZE",
        name_en="Azerbaijan",
        name_ru="Азербайджан",
        official_name_en="Republic of Azerbaijan",
        official_name_ru="Азербайджанская Республика",
    )


@pytest.fixture
def som(azerbaijan):
    """The 8th SOM in Baku (UTC+4), with a part of everything."""
    meeting = MeetingFactory(
        title_en="8th Senior Officials' Meeting",
        title_ru="8-е совещание старших должностных лиц",
        slug="8th-som",
        ordinal=8,
        start_date=datetime.date(2023, 10, 12),
        end_date=datetime.date(2023, 10, 13),
        time_zone="Asia/Baku",
        venue_en="Hilton Hotel",
        venue_ru="Отель «Хилтон»",
        host=azerbaijan,
    )
    ConceptNoteSectionFactory(meeting=meeting, order=1)
    item = AgendaItemFactory(
        meeting=meeting,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(10, 0),
        title_en="Welcoming remarks",
        title_ru="Приветственные выступления",
    )
    SpeakerFactory(
        agenda_item=item,
        person=PersonFactory(name_en="Vusal Huseynov", name_ru="Вусал Гусейнов"),
    )
    StatementFactory(meeting=meeting, person=PersonFactory(name_en="Opening speaker"))
    AttendanceFactory(meeting=meeting, participant=azerbaijan, capacity=AttendanceCapacity.MEMBER)
    OutcomeProtocolFactory(meeting=meeting, signed_on=datetime.date(2023, 10, 13))
    DecisionFactory(meeting=meeting, order=1)
    ChairmanshipTermFactory(
        participant=azerbaijan,
        start_date=datetime.date(2023, 1, 1),
        start_precision=DatePrecision.YEAR,
        end_date=datetime.date(2025, 4, 24),
        priorities_en="Regular migration",
        priorities_ru="Регулярная миграция",
    )
    return meeting


def get(client, path, **query):
    return client.get(f"{API}{path}", query)


# --- Meetings ------------------------------------------------------------------------------


def test_a_meeting_gives_every_text_in_both_languages(client, som):
    data = get(client, "/meetings/2023/8th-som/").json()

    assert data["id"] == "2023/8th-som"
    assert data["title"] == {
        "en": "8th Senior Officials' Meeting",
        "ru": "8-е совещание старших должностных лиц",
    }
    assert data["venue"] == {"en": "Hilton Hotel", "ru": "Отель «Хилтон»"}
    assert data["start_date"] == "2023-10-12"
    assert data["end_date"] == "2023-10-13"
    assert data["time_zone"] == "Asia/Baku"
    assert data["utc_offset"] == "+04:00"
    assert data["host"]["code"] == "AZE"
    assert data["page"] == {
        "en": "http://testserver/en/meetings/2023/8th-som/",
        "ru": "http://testserver/ru/meetings/2023/8th-som/",
    }
    assert data["concept_note"] == [
        {
            "heading": {"en": "Background", "ru": "Общие сведения"},
            "body": {
                "en": "<p>The process brings states together.</p>",
                "ru": "<p>Процесс объединяет государства.</p>",
            },
        }
    ]


def test_agenda_times_carry_the_meetings_utc_offset(client, som):
    (item,) = get(client, "/meetings/2023/8th-som/").json()["agenda"]

    assert item["starts_at"] == "2023-10-12T09:30:00+04:00"
    assert item["ends_at"] == "2023-10-12T10:00:00+04:00"
    assert item["title"] == {"en": "Welcoming remarks", "ru": "Приветственные выступления"}
    assert item["speakers"][0]["role"] == "speaker"
    assert item["speakers"][0]["person"]["name"] == {"en": "Vusal Huseynov", "ru": "Вусал Гусейнов"}


def test_a_meeting_has_its_chair_attendance_statements_and_outcome(client, som):
    data = get(client, "/meetings/2023/8th-som/", lang="ru").json()

    assert data["chair"]["participant"]["name"] == "Азербайджан"
    assert data["chair"]["start"] == "2023"
    assert data["chair"]["start_precision"] == "year"
    assert data["chair"]["end"] == "2025-04-24"
    assert data["attendance"] == [
        {
            "participant": {
                "code": "AZE",
                "kind": "state",
                "name": "Азербайджан",
                "url": "http://testserver/api/v1/participants/AZE/",
            },
            "capacity": "member",
        }
    ]
    assert data["statements"][0]["kind"] == "opening"
    assert data["outcome_protocol"]["signed_on"] == "2023-10-13"
    assert data["outcome_protocol"]["summary"] == "Участники согласовали приоритеты."
    assert data["decisions"] == [{"number": 1, "text": "Поддержать приоритеты председательства."}]
    assert data["pdf"]["agenda"] == {
        "en": "http://testserver/en/meetings/2023/8th-som/agenda.pdf",
        "ru": "http://testserver/ru/meetings/2023/8th-som/agenda.pdf",
    }
    assert set(data["pdf"]) == {"concept_note", "agenda", "protocol"}


def test_a_meeting_without_agenda_or_protocol_offers_only_its_concept_note(client):
    MeetingFactory(slug="bare")

    assert set(get(client, "/meetings/2023/bare/").json()["pdf"]) == {"concept_note"}


ENDPOINTS = [
    "/meetings/",
    "/meetings/2023/8th-som/",
    "/participants/",
    "/participants/AZE/",
    "/chairmanship-terms/",
    "/members/?date=2023-10-12",
    "/chair/?date=2023-10-12",
]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_every_endpoint_answers_in_both_languages_or_in_one(client, som, path):
    MembershipFactory(participant=som.host)
    separator = "&" if "?" in path else "?"

    both = client.get(f"{API}{path}")
    english = client.get(f"{API}{path}{separator}lang=en")
    russian = client.get(f"{API}{path}{separator}lang=ru")

    assert both["Content-Language"] == "en, ru"
    assert '"name":{"en":"Azerbaijan","ru":"Азербайджан"}' in both.text
    assert '"name":"Azerbaijan"' in english.text and "Азербайджан" not in english.text
    assert '"name":"Азербайджан"' in russian.text and '"Azerbaijan"' not in russian.text


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "8th Senior Officials' Meeting"), ("ru", "8-е совещание старших должностных лиц")],
)
def test_lang_gives_one_language(client, som, lang, title):
    response = get(client, "/meetings/2023/8th-som/", lang=lang)

    assert response["Content-Language"] == lang
    assert response.json()["title"] == title
    assert get(client, "/meetings/", lang=lang).json()["results"][0]["title"] == title


def test_a_missing_russian_text_is_null_in_both_and_english_in_russian(client):
    MeetingFactory(slug="untranslated", title_en="Only in English", title_ru="")

    both = get(client, "/meetings/2023/untranslated/").json()
    russian = get(client, "/meetings/2023/untranslated/", lang="ru").json()

    assert both["title"] == {"en": "Only in English", "ru": None}
    assert russian["title"] == "Only in English"


def test_meetings_are_listed_newest_first_with_page_links(client):
    for number in range(3):
        MeetingFactory(slug=f"m{number}", start_date=datetime.date(2020 + number, 5, 1))

    first = get(client, "/meetings/", page_size=2).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 3
    assert [m["id"] for m in first["results"]] == ["2022/m2", "2021/m1"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/meetings/?page=2&page_size=2"
    assert [m["id"] for m in second["results"]] == ["2020/m0"]
    assert second["next"] is None


def ids(response):
    assert response.status_code == 200, response.content
    return [meeting["id"] for meeting in response.json()["results"]]


def test_meetings_filter_by_year_kind_range_and_participant(client, azerbaijan):
    MeetingFactory(slug="som-2022", start_date=datetime.date(2022, 6, 1))
    conference = MeetingFactory(
        slug="ministerial",
        kind=MeetingKind.MINISTERIAL,
        start_date=datetime.date(2023, 3, 1),
        end_date=datetime.date(2023, 3, 3),
    )
    MeetingFactory(slug="hosted", start_date=datetime.date(2024, 1, 10), host=azerbaijan)
    AttendanceFactory(meeting=conference, participant=azerbaijan)

    assert ids(get(client, "/meetings/", year=2023)) == ["2023/ministerial"]
    assert ids(get(client, "/meetings/", kind="som")) == ["2024/hosted", "2022/som-2022"]
    # A meeting still going on at the start of the range counts.
    assert ids(get(client, "/meetings/", **{"from": "2023-03-03", "to": "2023-12-31"})) == [
        "2023/ministerial"
    ]
    assert ids(get(client, "/meetings/", participant="AZE")) == [
        "2024/hosted",
        "2023/ministerial",
    ]
    assert ids(get(client, "/meetings/", year=2019)) == []


def test_a_side_event_names_its_main_meeting_and_the_main_meeting_its_side_events(client, som):
    MeetingFactory(
        slug="gcm-talk", kind=MeetingKind.SIDE_EVENT, parent=som, format=MeetingFormat.HYBRID
    )

    side = get(client, "/meetings/2023/gcm-talk/").json()
    main = get(client, "/meetings/2023/8th-som/").json()

    assert side["main_meeting"] == "2023/8th-som"
    assert side["format"] == "hybrid"
    assert [event["id"] for event in main["side_events"]] == ["2023/gcm-talk"]


# --- Participants, chairmanship, members and chair on a day ------------------------------------


def test_participants_with_their_membership_history_at_its_precision(client, azerbaijan):
    MembershipFactory(
        participant=azerbaijan,
        status=MembershipStatus.OBSERVER,
        start_date=datetime.date(2016, 10, 1),
        start_precision=DatePrecision.MONTH,
        end_date=datetime.date(2018, 1, 1),
        end_precision=DatePrecision.YEAR,
    )
    MembershipFactory(participant=azerbaijan, start_date=datetime.date(2018, 1, 1))

    listed = get(client, "/participants/").json()
    one = get(client, "/participants/AZE/", lang="ru").json()

    assert listed["count"] == 1
    assert listed["results"][0]["name"] == {"en": "Azerbaijan", "ru": "Азербайджан"}
    assert one["official_name"] == "Азербайджанская Республика"
    assert [(m["status"], m["start"], m["end"]) for m in one["memberships"]] == [
        ("observer", "2016-10", "2018"),
        ("member", "2018-01-01", None),
    ]
    assert one["page"]["ru"] == "http://testserver/ru/members/AZE/"


def test_participants_filter_by_kind(client, azerbaijan):
    ParticipantFactory(code="IOM", kind="organisation", name_en="IOM")

    codes = [
        p["code"] for p in get(client, "/participants/", kind="organisation").json()["results"]
    ]

    assert codes == ["IOM"]


def test_chair_terms_and_the_chair_on_a_day(client, som):
    ChairmanshipTermFactory(
        participant=ParticipantFactory(code="UZB", name_en="Uzbekistan", name_ru="Узбекистан"),
        start_date=datetime.date(2025, 4, 24),
        end_date=None,
    )

    terms = get(client, "/chairmanship-terms/", lang="en").json()
    on_handover = get(client, "/chair/", date="2025-04-24", lang="ru").json()
    before = get(client, "/chair/", date="2023-10-12").json()
    none = get(client, "/chair/", date="2000-01-01").json()

    assert [t["participant"]["code"] for t in terms["results"]] == ["AZE", "UZB"]
    assert terms["results"][0]["priorities"] == "Regular migration"
    assert on_handover == {
        "date": "2025-04-24",
        "term": {
            "participant": {
                "code": "UZB",
                "kind": "state",
                "name": "Узбекистан",
                "url": "http://testserver/api/v1/participants/UZB/",
            },
            "start": "2025-04-24",
            "start_precision": "day",
            "end": None,
            "end_precision": "day",
            "priorities": None,
        },
    }
    assert before["term"]["participant"]["name"] == {"en": "Azerbaijan", "ru": "Азербайджан"}
    assert none == {"date": "2000-01-01", "term": None}


def test_members_and_observers_on_a_day(client, azerbaijan):
    MembershipFactory(participant=azerbaijan, start_date=datetime.date(2013, 6, 5))
    turkey = ParticipantFactory(code="TUR", name_en="Türkiye")
    MembershipFactory(
        participant=turkey,
        status=MembershipStatus.OBSERVER,
        start_date=datetime.date(2013, 6, 5),
        end_date=datetime.date(2015, 1, 1),
    )
    MembershipFactory(participant=turkey, start_date=datetime.date(2015, 1, 1))

    in_2014 = get(client, "/members/", date="2014-05-01").json()
    observers = get(client, "/members/", date="2014-05-01", status="observer", lang="ru").json()
    in_2015 = get(client, "/members/", date="2015-01-01").json()

    assert [r["participant"]["code"] for r in in_2014["results"]] == ["AZE"]
    assert in_2014["count"] == 1 and in_2014["status"] == "member"
    assert observers["results"][0]["participant"]["code"] == "TUR"
    assert observers["results"][0]["end"] == "2015-01-01"
    assert [r["participant"]["code"] for r in in_2015["results"]] == ["AZE", "TUR"]


def test_the_root_names_every_endpoint(client):
    data = client.get(f"{API}/").json()

    assert data["meetings"] == "http://testserver/api/v1/meetings/"
    assert data["openapi"] == "http://testserver/api/openapi.json"
    assert data["bulk_download"] == "http://testserver/api/v1/record.zip"


# --- Drafts ---------------------------------------------------------------------------------


@pytest.fixture
def draft(azerbaijan):
    meeting = MeetingFactory(
        status=MeetingStatus.DRAFT,
        slug="secret-draft",
        title_en="Secret draft consultation",
        title_ru="Секретный черновик",
        start_date=datetime.date(2023, 5, 1),
        host=azerbaijan,
    )
    AgendaItemFactory(meeting=meeting, title_en="Hidden session")
    AttendanceFactory(meeting=meeting, participant=azerbaijan)
    return meeting


def test_a_draft_is_404_and_absent_from_every_list_and_count(client, som, draft):
    assert get(client, "/meetings/2023/secret-draft/").status_code == 404
    for query in [{}, {"year": 2023}, {"participant": "AZE"}, {"kind": "som"}]:
        body = get(client, "/meetings/", **query).content.decode()
        assert "secret-draft" not in body and "Секретный черновик" not in body
        assert '"count":1,' in body
    main = get(client, "/meetings/2023/8th-som/").content.decode()
    assert "secret-draft" not in main and "Hidden session" not in main


def test_a_draft_side_event_is_not_named_by_its_main_meeting(client, som):
    MeetingFactory(
        slug="draft-side", kind=MeetingKind.SIDE_EVENT, parent=som, status=MeetingStatus.DRAFT
    )

    assert get(client, "/meetings/2023/8th-som/").json()["side_events"] == []


def test_a_published_side_event_of_a_draft_does_not_name_it(client, draft):
    MeetingFactory(slug="side", kind=MeetingKind.SIDE_EVENT, parent=draft)

    assert get(client, "/meetings/2023/side/").json()["main_meeting"] is None


# --- Odd input: a 400 naming the parameter, never a 500 --------------------------------------


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("/meetings/", "year=0", "year"),
        ("/meetings/", "year=10000", "year"),
        ("/meetings/", "year=2023.5", "year"),
        ("/meetings/", "year=%D9%A3", "year"),  # an Arabic-Indic digit
        ("/meetings/", "kind=summit", "kind"),
        ("/meetings/", "from=2023-02-30", "from"),
        ("/meetings/", "to=yesterday", "to"),
        ("/meetings/", "from=2023-06-01&to=2023-01-01", "to"),
        ("/meetings/", "participant=XYZ", "participant"),
        ("/meetings/", "participant=%00", "participant"),
        ("/meetings/", "page=0", "page"),
        ("/meetings/", "page=two", "page"),
        ("/meetings/", "page_size=1000", "page_size"),
        ("/meetings/", "lang=de", "lang"),
        ("/participants/", "kind=city", "kind"),
        ("/members/", "date=2023-13-01", "date"),
        ("/members/", "status=king", "status"),
        ("/chair/", "date=12.10.2023", "date"),
    ],
)
def test_odd_input_is_a_400_naming_the_parameter(client, path, query, parameter):
    response = client.get(f"{API}{path}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    (error,) = response.json()["errors"]
    assert error["parameter"] == parameter
    assert error["detail"]


def test_every_bad_parameter_is_named_at_once_in_the_language_asked_for(client):
    response = get(client, "/meetings/", year="0", kind="x", lang="ru")

    assert response.json() == {
        "errors": [
            {"parameter": "year", "detail": "Ожидается целое число от 1 до 9999."},
            {
                "parameter": "kind",
                "detail": "Неизвестное значение; допустимые значения: "
                "ministerial, som, technical, conference, side_event.",
            },
        ]
    }


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/2023/no-such-meeting/",
        "/meetings/0/8th-som/",
        "/meetings/99999999999999999999/8th-som/",
        "/participants/XYZ/",
        "/participants/%00/",
        "/no-such-endpoint/",
    ],
)
def test_unknown_addresses_are_a_json_404(client, path):
    response = client.get(f"{API}{path}")

    assert response.status_code == 404
    assert response.json() == {"errors": [{"detail": "Nothing is published at this address."}]}


def test_an_address_without_its_final_slash_is_redirected(client, som):
    response = client.get(f"{API}/meetings?year=2023", follow=True)

    assert response.redirect_chain == [(f"{API}/meetings/?year=2023", 301)]
    assert ids(response) == ["2023/8th-som"]


def test_a_page_past_the_last_is_a_404(client, som):
    assert get(client, "/meetings/", page=2).status_code == 404


def test_unknown_parameters_are_ignored(client, som):
    assert ids(get(client, "/meetings/", utm_source="newsletter")) == ["2023/8th-som"]


def test_accept_language_changes_nothing(client, som):
    plain = get(client, "/meetings/?kind=x")
    russian_browser = client.get(f"{API}/meetings/?kind=x", headers={"accept-language": "ru"})

    assert plain.content == russian_browser.content


# --- Caching, throttling, CORS ---------------------------------------------------------------


def test_answers_carry_an_etag_and_revalidate_with_a_304(client, som):
    first = get(client, "/meetings/2023/8th-som/")
    again = client.get(f"{API}/meetings/2023/8th-som/", headers={"if-none-match": first["ETag"]})

    assert first["ETag"]
    assert "max-age=0" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert again.status_code == 304
    assert again.content == b""


def test_the_etag_changes_when_the_record_does(client, som):
    before = get(client, "/meetings/2023/8th-som/")["ETag"]
    som.title_en = "Renamed"
    som.save()

    after = client.get(f"{API}/meetings/2023/8th-som/", headers={"if-none-match": before})

    assert after.status_code == 200
    assert after.json()["title"]["en"] == "Renamed"


def test_answers_set_no_cookie_and_read_no_session(client, som):
    response = get(client, "/meetings/2023/8th-som/")

    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_any_origin_may_read(client, som):
    response = client.get(
        f"{API}/meetings/2023/8th-som/", headers={"origin": "https://research.example"}
    )
    preflight = client.options(
        f"{API}/meetings/",
        headers={
            "origin": "https://research.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )

    assert response["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_the_site_pages_are_not_opened_to_other_origins(client, som):
    response = client.get("/en/", headers={"origin": "https://research.example"})

    assert not response.has_header("Access-Control-Allow-Origin")


def test_a_client_past_its_rate_is_throttled(client, som, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute")
    # Each answer is fresh: the page cache would answer a repeated address before the view.
    answers = [get(client, "/meetings/", year=2023 - n) for n in range(3)]
    answers += [get(client, "/meetings/", kind=kind) for kind in ("som", "technical")]

    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    throttled = answers[3]
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert throttled.json()["errors"][0]["detail"].startswith("Too many requests")
    assert answers[4].status_code == 429
    # Another client is not affected.
    other = client.get(f"{API}/meetings/?kind=ministerial", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200
