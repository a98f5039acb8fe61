"""The bulk download: the published record as CSV files, one JSON file and a data dictionary."""

import csv
import datetime
import io
import json
import zipfile

import pytest

from almaty_portal.periods import DatePrecision
from meetings.models import MeetingStatus
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ChairmanshipTermFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    ParticipantFactory,
    PersonFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/record.zip"
TABLES = [
    "participants",
    "memberships",
    "chairmanship_terms",
    "meetings",
    "concept_note_sections",
    "agenda_items",
    "people",
    "speakers",
    "statements",
    "attendance",
    "outcome_protocols",
    "decisions",
    "documents",
]


def download(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="almaty-process-record.zip"'
    return zipfile.ZipFile(io.BytesIO(response.content))


def table(archive, name):
    with archive.open(f"{name}.csv") as file:
        return list(csv.DictReader(io.TextIOWrapper(file, encoding="utf-8", newline="")))


@pytest.fixture
def record():
    azerbaijan = ParticipantFactory(code="AZE", name_en="Azerbaijan", name_ru="Азербайджан")
    MembershipFactory(
        participant=azerbaijan,
        start_date=datetime.date(2016, 10, 1),
        start_precision=DatePrecision.MONTH,
    )
    ChairmanshipTermFactory(participant=azerbaijan)
    som = MeetingFactory(
        slug="8th-som",
        title_en="8th SOM",
        title_ru="8-е ССДЛ",
        time_zone="Asia/Baku",
        host=azerbaijan,
    )
    item = AgendaItemFactory(meeting=som, title_en="=HYPERLINK(1)")
    SpeakerFactory(agenda_item=item, person=PersonFactory(name_en="Public speaker"))
    AttendanceFactory(meeting=som, participant=azerbaijan)
    DecisionFactory(meeting=som)
    draft = MeetingFactory(slug="secret-draft", title_en="Secret draft", status=MeetingStatus.DRAFT)
    hidden = AgendaItemFactory(meeting=draft, title_en="Hidden session")
    SpeakerFactory(agenda_item=hidden, person=PersonFactory(name_en="Draft-only speaker"))
    AttendanceFactory(meeting=draft, participant=azerbaijan)
    DecisionFactory(meeting=draft, text_en="Secret decision")
    return som


def test_the_zip_holds_a_csv_per_table_a_json_file_and_a_data_dictionary(client, record):
    archive = download(client)

    assert archive.namelist() == [
        "README.txt",
        *(f"{name}.csv" for name in TABLES),
        "data-dictionary.csv",
        "record.json",
    ]
    readme = " ".join(archive.read("README.txt").decode().split())
    assert "Only published meetings are included." in readme
    assert "Включены только опубликованные мероприятия." in readme


def test_tables_read_with_the_csv_module_in_both_languages(client, record):
    archive = download(client)

    (meeting,) = table(archive, "meetings")
    (membership,) = table(archive, "memberships")
    (item,) = table(archive, "agenda_items")

    assert meeting["id"] == "2023/8th-som"
    assert (meeting["title_en"], meeting["title_ru"]) == ("8th SOM", "8-е ССДЛ")
    assert meeting["host"] == "AZE"
    assert meeting["working_languages"] == "en ru"
    assert (membership["participant"], membership["start"], membership["end"]) == (
        "AZE",
        "2016-10",
        "",
    )
    assert membership["start_precision"] == "month"
    assert item["meeting"] == "2023/8th-som"
    assert item["starts_at"] == "2023-10-12T09:00:00+04:00"
    # A cell that starts like a formula is kept as text (almaty_portal.spreadsheets).
    assert item["title_en"] == "'=HYPERLINK(1)"


def test_drafts_and_what_only_they_refer_to_are_left_out(client, record):
    archive = download(client)
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode()

    for secret in ["secret-draft", "Secret draft", "Hidden session", "Draft-only speaker"]:
        assert secret not in everything
    assert "Secret decision" not in everything
    assert len(table(archive, "attendance")) == 1
    assert [p["name_en"] for p in table(archive, "people")] == ["Public speaker"]


def test_the_json_file_holds_the_same_tables(client, record):
    archive = download(client)
    data = json.loads(archive.read("record.json"))

    assert list(data) == TABLES
    assert data["meetings"][0]["id"] == "2023/8th-som"
    assert data["meetings"][0]["start_date"] == "2023-10-12"
    assert data["meetings"][0]["ordinal"] is None
    assert data["memberships"][0]["start"] == "2016-10"
    assert len(data["agenda_items"]) == len(table(archive, "agenda_items"))


def test_the_data_dictionary_describes_every_column_in_both_languages(client, record):
    archive = download(client)
    rows = table(archive, "data-dictionary")
    described = {(r["table"], r["column"]) for r in rows}

    for name in TABLES:
        with archive.open(f"{name}.csv") as file:
            header = next(csv.reader(io.TextIOWrapper(file, encoding="utf-8")))
        assert {(name, column) for column in ["", *header]} <= described
    assert all(r["description_en"] and r["description_ru"] for r in rows)
    title_ru = next(r for r in rows if (r["table"], r["column"]) == ("meetings", "title_ru"))
    assert title_ru["description_en"] == "Title (Russian)"
    assert title_ru["description_ru"] == "Название (на русском языке)"


def test_the_archive_changes_exactly_when_the_record_does(client, record):
    first = client.get(URL)
    same = client.get(URL, headers={"if-none-match": first["ETag"]})
    record.title_en = "Renamed"
    record.save()
    changed = client.get(URL, headers={"if-none-match": first["ETag"]})

    assert same.status_code == 304
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert table(zipfile.ZipFile(io.BytesIO(changed.content)), "meetings")[0]["title_en"] == (
        "Renamed"
    )
