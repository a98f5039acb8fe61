"""The record states each fact as its source gives it: one chair a day, no invented day,
attendance as the reports list it, and Russian pages that write place names in Cyrillic.

These read the real record (fixtures/*.json) and run on SQLite and PostgreSQL.
"""

import datetime
import html
import re

import pytest
from django.utils import formats, timezone, translation

from almaty_portal.periods import DatePrecision
from chairmanship.models import ChairmanshipTerm
from meetings.models import Meeting
from meetings.presentation import zone_city
from members.models import Membership, Participant

pytestmark = pytest.mark.usefixtures("record")

SOM_DAY = datetime.date(2023, 10, 12)
MARCH_SOM = "/{}/meetings/2023/senior-officials-meeting/"


def visible_text(response):
    """The text a reader sees: no scripts, no tags, entities decoded."""
    assert response.status_code == 200
    page = response.content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_exactly_one_chair_every_day_from_the_first_term_to_today():
    # Every day is checked against the loaded terms with the rule of ``active_on``
    # (``is_active_on``), and ``chair_on`` answers for each day where the chair may change
    # (each term's first and last days, their eves) and the first of every month: one query
    # for each of the ~4,900 days took 20 s on the shared test machine, for no more certainty.
    terms = list(ChairmanshipTerm.objects.select_related("participant"))
    first, today = terms[0].start_date, timezone.localdate()
    one_day = datetime.timedelta(days=1)
    turns = {
        day + shift
        for term in terms
        for day in (term.start_date, term.end_date)
        if day is not None
        for shift in (-one_day, datetime.timedelta(0), one_day)
    }
    without, several, disagreeing = [], [], []
    day = first
    while day <= today:
        in_force = [term for term in terms if term.is_active_on(day)]
        if not in_force:
            without.append(day)
        elif len(in_force) > 1:
            several.append(day)
        elif (day in turns or day.day == 1) and (
            ChairmanshipTerm.objects.chair_on(day) != in_force[0]
        ):
            disagreeing.append(day)
        day += one_day

    assert (without, several, disagreeing) == ([], [], [])


def test_nobody_chairs_alone_across_the_turn_of_2023():
    # Türkiye chaired for 2021–2022 and Azerbaijan took over for 2023–2024: both known to
    # the year, the half-open terms meet on 1 January 2023.
    codes = [
        ChairmanshipTerm.objects.chair_on(datetime.date(*day)).participant.code
        for day in [(2022, 12, 30), (2022, 12, 31), (2023, 1, 1)]
    ]

    assert codes == ["TUR", "TUR", "AZE"]


def days_claimed(period):
    """The dates of ``period`` stored at day precision."""
    return [
        value
        for value, precision in [
            (period.start_date, period.start_precision),
            (period.end_date, period.end_precision),
        ]
        if value is not None and precision == DatePrecision.DAY
    ]


def test_no_membership_claims_a_day_its_source_does_not_give():
    unsourced = []
    for membership in Membership.objects.select_related("participant"):
        for day in days_claimed(membership):
            with translation.override("en"):
                english = formats.date_format(day, "j F Y")
            with translation.override("ru"):
                russian = formats.date_format(day, "j E Y")
            if english not in membership.source_en or russian not in membership.source_ru:
                unsourced.append((membership.participant.code, membership.status, str(day)))

    assert unsourced == []


def test_no_chair_term_claims_a_day_that_is_not_a_meeting_where_the_chair_passed_on():
    # A term has no source field of its own: its day is the day of a meeting of the record
    # (the founding conference, the 3rd Ministerial Conference) whose summary names the chair.
    unsourced = []
    for term in ChairmanshipTerm.objects.select_related("participant"):
        for day in days_claimed(term):
            meetings = Meeting.objects.published().filter(start_date=day)
            if not any(
                term.participant.name_en in meeting.summary_en
                and term.participant.name_ru in meeting.summary_ru
                for meeting in meetings
            ):
                unsourced.append((term.participant.code, str(day)))

    assert unsourced == []


def test_no_observer_status_of_2023_starts_on_the_day_of_the_8th_som():
    # The concept note, written before the meeting, already calls Italy and the OTS
    # observers: their status is known to the month, and the day is not invented.
    observers = Membership.objects.filter(
        participant__code__in=["ITA", "OTS"], status="observer"
    ).order_by("participant__code")
    with translation.override("en"):
        starts = [(m.participant.code, m.start_display) for m in observers]

    assert starts == [("ITA", "October 2023"), ("OTS", "October 2023")]
    assert sorted(p.code for p in Participant.objects.observers_on(SOM_DAY)) == [
        "IRN",
        "ITA",
        "OTS",
        "PAK",
        "TKM",
    ]


def test_status_changes_known_only_to_the_year_are_shown_as_the_year():
    changes = Membership.objects.filter(participant__code__in=["AFG", "TKM"]).order_by(
        "participant__code", "start_date"
    )
    with translation.override("en"):
        shown = [(m.participant.code, m.status, m.start_display, m.end_display) for m in changes]

    assert shown == [
        ("AFG", "member", "5 June 2013", "2023"),
        ("TKM", "member", "5 June 2013", "2023"),
        ("TKM", "observer", "2023", ""),
    ]


def test_the_ots_was_invited_to_the_8th_som_but_is_not_among_those_who_attended(client):
    som = Meeting.objects.get(slug="8th-som")
    participation = som.concept_note_sections.get(heading_en="Participation")

    assert not som.attendances.filter(participant__code="OTS").exists()
    assert "Organization of Turkic States" in participation.body_en
    assert "Организации тюркских государств" in participation.body_ru
    for language in ["en", "ru"]:
        page = client.get(f"/{language}/meetings/2023/8th-som/").content.decode()
        assert f'href="/{language}/members/OTS/"' not in page
        assert f'href="/{language}/members/ITA/"' in page


@pytest.mark.parametrize(
    ("language", "name", "position"),
    [
        ("en", "Dr Ömer Kocaman", "Deputy Secretary General"),
        ("ru", "д-р Омер Коджаман", "заместитель Генерального секретаря"),
    ],
)
def test_kocaman_is_named_on_the_page_of_the_march_2023_som(client, language, name, position):
    text = visible_text(client.get(MARCH_SOM.format(language)))

    assert f"{position} {name}" in text or f"{position}, {name}" in text


def test_kocaman_is_named_on_the_page_of_the_organization_of_turkic_states(client):
    assert "Dr Ömer Kocaman" in visible_text(client.get("/en/members/OTS/"))
    assert "д-р Омер Коджаман" in visible_text(client.get("/ru/members/OTS/"))


LATIN_PLACE_NAMES = re.compile(
    r"\b(Almaty|Alma-Ata|Astana|Nur-Sultan|Baku|Bishkek|Dushanbe|Ashgabat|Tashkent|Kabul|"
    r"Tehran|Islamabad|Ankara|Istanbul|Rome|Hilton|Lazurit|Intercontinental)\b",
    re.I,
)


def test_russian_meeting_pages_write_place_names_in_cyrillic(client):
    latin = {}
    for meeting in Meeting.objects.published():
        with translation.override("ru"):
            url = meeting.get_absolute_url()
        text = visible_text(client.get(url))
        found = sorted(set(LATIN_PLACE_NAMES.findall(text)))
        if found:
            latin[url] = found

    assert latin == {}


def test_the_8th_som_in_russian_names_its_city_venue_and_time_zone_in_cyrillic(client):
    text = visible_text(client.get("/ru/meetings/2023/8th-som/"))

    assert "Гостиница «Хилтон», конференц-зал «Лазурит»" in text
    assert "Местное время (Баку, UTC+4)" in text
    assert "Baku" not in client.get("/ru/meetings/2023/8th-som/").content.decode()


@pytest.mark.parametrize(
    ("language", "zone", "shown"),
    [
        ("en", "Asia/Baku", "Baku"),
        ("ru", "Asia/Baku", "Баку"),
        ("ru", "Asia/Almaty", "Алматы"),
        ("ru", "Asia/Ashgabat", "Ашхабад"),
        # A zone whose city the catalogue does not list keeps the name the zone gives it.
        ("ru", "America/Argentina/Buenos_Aires", "Buenos Aires"),
    ],
)
def test_a_time_zone_is_shown_by_its_city_in_the_active_language(language, zone, shown):
    with translation.override(language):
        assert zone_city(zone) == shown
