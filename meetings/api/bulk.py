"""The whole published record in one zip: a CSV per table, one JSON file, a data dictionary.

Drafts are left out, and so is anything that only a draft refers to (its agenda, its
speakers' names). The archive's bytes depend only on the record, so its ETag changes exactly
when the record does.
"""

import datetime
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.db.models import Q

from almaty_portal.spreadsheets import write_rows
from chairmanship.models import ChairmanshipTerm
from meetings.api.fields import LANGUAGES, partial_date
from meetings.api.serializers import meeting_key
from meetings.models import (
    AgendaItem,
    Attendance,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingDocument,
    OutcomeProtocol,
    Person,
    Speaker,
    Statement,
)
from members.models import Membership, Participant

FILENAME = "almaty-process-record.zip"
# Zip entries carry a time; a fixed one keeps the archive's bytes (and ETag) the record's own.
ENTRY_TIME = (2013, 1, 1, 0, 0, 0)


@dataclass
class Column:
    name: str
    value: object  # a function of the row's object
    en: str
    ru: str


def text(name, en, ru):
    """A text stored in both languages: one column per language."""
    names = {"en": ("English", "на английском языке"), "ru": ("Russian", "на русском языке")}
    return [
        Column(
            f"{name}_{code}",
            lambda obj, attr=f"{name}_{code}": getattr(obj, attr) or "",
            f"{en} ({names[code][0]})",
            f"{ru} ({names[code][1]})",
        )
        for code in LANGUAGES
    ]


def plain(name, en, ru, value=None):
    return [Column(name, value or (lambda obj: getattr(obj, name)), en, ru)]


def period_columns():
    return [
        *plain(
            "start",
            "First day, at the precision known",
            "Начало (с известной точностью)",
            lambda p: partial_date(p.start_date, p.start_precision),
        ),
        *plain("start_precision", "day, month or year", "day, month или year"),
        *plain(
            "end",
            "The day it passed on (not included); empty while it lasts",
            "День окончания (не включается); пусто, если продолжается",
            lambda p: partial_date(p.end_date, p.end_precision),
        ),
        *plain("end_precision", "day, month or year", "day, month или year"),
    ]


MEETING_ID = ("Meeting: year/slug", "Мероприятие: год/идентификатор")


def meeting_ref(obj):
    return meeting_key(obj.meeting)


@dataclass
class Table:
    name: str
    en: str
    ru: str
    rows: object  # a function returning the objects, in order
    columns: list = field(default_factory=list)


def published(model, link="meeting"):
    return model.objects.filter(**{f"{link}__status": "published"})


def tables():
    people = Person.objects.filter(
        Q(appearances__agenda_item__meeting__status="published")
        | Q(statements__meeting__status="published")
    ).distinct()
    return [
        Table(
            "participants",
            "States and international organisations",
            "Государства и международные организации",
            lambda: Participant.objects.order_by("code"),
            [
                *plain("code", "ISO 3166 alpha-3 code or acronym", "Код ISO 3166 или аббревиатура"),
                *plain("kind", "state or organisation", "state (государство) или organisation"),
                *text("name", "Name", "Название"),
                *text("official_name", "Official name", "Официальное название"),
                *text("description", "Description", "Описание"),
            ],
        ),
        Table(
            "memberships",
            "Each participant's status over time (half-open periods)",
            "Статус участников во времени (полуоткрытые периоды)",
            lambda: Membership.objects.select_related("participant").order_by(
                "participant__code", "start_date"
            ),
            [
                *plain(
                    "participant", "Participant code", "Код участника", lambda m: m.participant.code
                ),
                *plain(
                    "status",
                    "member, observer, prospective, applicant or secretariat",
                    "member, observer, prospective, applicant или secretariat",
                ),
                *period_columns(),
                *text("source", "Where the record reports it", "Источник сведений"),
            ],
        ),
        Table(
            "chairmanship_terms",
            "Who chaired the process, from when to when",
            "Председательство в Процессе: кто и в какие сроки",
            lambda: ChairmanshipTerm.objects.select_related("participant").order_by("start_date"),
            [
                *plain(
                    "participant",
                    "Participant code of the chair",
                    "Код председателя",
                    lambda t: t.participant.code,
                ),
                *period_columns(),
                *text("priorities", "Priorities", "Приоритеты"),
            ],
        ),
        Table(
            "meetings",
            "Published meetings",
            "Опубликованные мероприятия",
            lambda: (
                Meeting.objects.published()
                .select_related("host", "parent")
                .order_by("start_date", "kind", "pk")
            ),
            [
                *plain("id", *MEETING_ID, meeting_key),
                *plain(
                    "kind",
                    "ministerial, som, technical, conference or side_event",
                    "ministerial, som, technical, conference или side_event",
                ),
                *plain("ordinal", "Number within its kind", "Порядковый номер"),
                *text("title", "Title", "Название"),
                *text("summary", "Summary", "Краткое описание"),
                *plain("start_date", "First day (YYYY-MM-DD)", "Первый день (ГГГГ-ММ-ДД)"),
                *plain("end_date", "Last day", "Последний день"),
                *plain("start_time", "Opening time, local", "Время открытия (местное)"),
                *plain("time_zone", "IANA time zone of the venue", "Часовой пояс (IANA)"),
                *plain("format", "in_person, online or hybrid", "in_person, online или hybrid"),
                *text("venue", "Venue", "Место проведения"),
                *text("city", "City", "Город"),
                *plain(
                    "host",
                    "Participant code of the host",
                    "Код принимающей стороны",
                    lambda m: m.host.code if m.host else "",
                ),
                *plain(
                    "working_languages",
                    "Language codes, space-separated",
                    "Коды рабочих языков через пробел",
                    lambda m: " ".join(m.working_languages or []),
                ),
                *plain(
                    "main_meeting",
                    "For a side event: the meeting it accompanies",
                    "Для параллельного мероприятия: основное мероприятие",
                    lambda m: meeting_key(m.parent) if m.parent and m.parent.is_published else "",
                ),
            ],
        ),
        Table(
            "concept_note_sections",
            "Sections of each meeting's concept note (HTML)",
            "Разделы концептуальной записки (HTML)",
            lambda: (
                published(ConceptNoteSection)
                .select_related("meeting")
                .order_by("meeting__start_date", "meeting__pk", "order", "pk")
            ),
            [
                *plain("meeting", *MEETING_ID, meeting_ref),
                *plain("order", "Position", "Порядок"),
                *text("heading", "Heading", "Заголовок"),
                *text("body", "Text (HTML)", "Текст (HTML)"),
            ],
        ),
        Table(
            "agenda_items",
            "Agenda items, with local times and their UTC offset",
            "Пункты повестки дня с местным временем и смещением от UTC",
            lambda: (
                published(AgendaItem)
                .select_related("meeting")
                .order_by("meeting__start_date", "meeting__pk", "day", "start_time")
            ),
            [
                *plain(
                    "id",
                    "Identifier (for speakers)",
                    "Идентификатор (для выступающих)",
                    lambda i: i.pk,
                ),
                *plain("meeting", *MEETING_ID, meeting_ref),
                *plain(
                    "starts_at",
                    "Start, ISO 8601 with UTC offset",
                    "Начало, ISO 8601 со смещением от UTC",
                    lambda i: i.starts_at().isoformat(),
                ),
                *plain(
                    "ends_at",
                    "End, ISO 8601 with UTC offset",
                    "Окончание, ISO 8601 со смещением от UTC",
                    lambda i: i.ends_at().isoformat() if i.end_time else "",
                ),
                *plain(
                    "kind",
                    "session, ceremony, registration, break, meal or cultural",
                    "session, ceremony, registration, break, meal или cultural",
                ),
                *text("title", "Title", "Название"),
                *text("description", "Description", "Описание"),
            ],
        ),
        Table(
            "people",
            "Speakers, moderators and those who made statements",
            "Выступающие, модераторы и авторы заявлений",
            lambda: people.select_related("participant").order_by("pk"),
            [
                *plain("id", "Identifier", "Идентификатор", lambda p: p.pk),
                *text("name", "Name", "Имя"),
                *text("position", "Position", "Должность"),
                *text("organisation", "Organisation", "Организация"),
                *plain(
                    "participant",
                    "Participant code represented",
                    "Код представляемого участника",
                    lambda p: p.participant.code if p.participant else "",
                ),
            ],
        ),
        Table(
            "speakers",
            "Who speaks at or moderates each agenda item",
            "Выступающие и модераторы по пунктам повестки дня",
            lambda: published(Speaker, "agenda_item__meeting").order_by(
                "agenda_item__meeting__start_date", "agenda_item_id", "role", "order", "pk"
            ),
            [
                *plain(
                    "agenda_item",
                    "Agenda item id",
                    "Идентификатор пункта повестки дня",
                    lambda s: s.agenda_item_id,
                ),
                *plain("role", "speaker or moderator", "speaker или moderator"),
                *plain("order", "Position", "Порядок"),
                *plain(
                    "person",
                    "Person id (empty if not named)",
                    "Идентификатор лица",
                    lambda s: s.person_id or "",
                ),
                *text(
                    "label",
                    "Who speaks when unnamed, or the topic",
                    "Описание выступающего или тема",
                ),
            ],
        ),
        Table(
            "statements",
            "Who addressed meetings whose timed agenda is not on record",
            "Выступления на мероприятиях без подробной повестки дня",
            lambda: (
                published(Statement)
                .select_related("meeting")
                .order_by("meeting__start_date", "meeting__pk", "order", "pk")
            ),
            [
                *plain("meeting", *MEETING_ID, meeting_ref),
                *plain("order", "Position", "Порядок"),
                *plain("kind", "opening or statement", "opening или statement"),
                *plain("person", "Person id", "Идентификатор лица", lambda s: s.person_id),
            ],
        ),
        Table(
            "attendance",
            "Which participants took part in each meeting, and as what",
            "Участие в мероприятиях и его статус",
            lambda: (
                published(Attendance)
                .select_related("meeting", "participant")
                .order_by("meeting__start_date", "meeting__pk", "capacity", "participant__code")
            ),
            [
                *plain("meeting", *MEETING_ID, meeting_ref),
                *plain(
                    "participant", "Participant code", "Код участника", lambda a: a.participant.code
                ),
                *plain(
                    "capacity",
                    "member, observer, prospective, secretariat or invited",
                    "member, observer, prospective, secretariat или invited",
                ),
            ],
        ),
        Table(
            "outcome_protocols",
            "Outcome protocols",
            "Итоговые протоколы",
            lambda: (
                published(OutcomeProtocol)
                .select_related("meeting")
                .order_by("meeting__start_date", "meeting__pk")
            ),
            [
                *plain("meeting", *MEETING_ID, meeting_ref),
                *plain("signed_on", "Date signed", "Дата подписания"),
                *text("summary", "Summary", "Краткое содержание"),
                *plain(
                    "scan",
                    "Path of the signed scan on the site",
                    "Путь к скану на сайте",
                    lambda p: p.scan.url if p.scan else "",
                ),
            ],
        ),
        Table(
            "decisions",
            "Numbered decisions of the outcome protocols",
            "Пронумерованные решения итоговых протоколов",
            lambda: (
                published(Decision)
                .select_related("meeting")
                .order_by("meeting__start_date", "meeting__pk", "order", "pk")
            ),
            [
                *plain("meeting", *MEETING_ID, meeting_ref),
                *plain("number", "Number", "Номер", lambda d: d.order),
                *text("text", "Text", "Текст"),
            ],
        ),
        Table(
            "documents",
            "Documents of each meeting",
            "Документы мероприятий",
            lambda: (
                published(MeetingDocument)
                .select_related("meeting")
                .order_by("meeting__start_date", "meeting__pk", "order", "pk")
            ),
            [
                *plain("meeting", *MEETING_ID, meeting_ref),
                *plain(
                    "kind",
                    "concept_note, agenda, protocol, declaration, presentation, report or other",
                    "Вид документа (коды как в английском описании)",
                ),
                *text("title", "Title", "Название"),
                *plain("language", "Language code of the document", "Код языка документа"),
                *plain(
                    "file",
                    "Path of the file on the site",
                    "Путь к файлу на сайте",
                    lambda d: d.file.url if d.file else "",
                ),
            ],
        ),
    ]


README = """Almaty Process on Refugee Protection and International Migration: the published record

Each table is a CSV file (UTF-8, comma-separated, first row the column names) and the same
tables are in record.json. data-dictionary.csv describes every column. Texts are given in
English (_en) and Russian (_ru); an empty Russian text has not been translated. Dates are
ISO 8601; a period's start or end is given only as precisely as it is known (YYYY, YYYY-MM
or YYYY-MM-DD), and periods are half-open: the end day belongs to the next period. Meetings
are identified by year/slug, participants by code. Only published meetings are included.

Алматинский процесс по защите беженцев и международной миграции: опубликованные сведения

Каждая таблица представлена CSV-файлом (UTF-8, разделитель — запятая, первая строка —
названия столбцов); те же таблицы содержатся в файле record.json. Файл data-dictionary.csv
описывает каждый столбец. Тексты приводятся на английском (_en) и русском (_ru) языках;
пустой русский текст означает, что перевод отсутствует. Даты указаны в формате ISO 8601;
начало и окончание периода указываются с известной точностью (ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД),
периоды полуоткрыты: день окончания относится к следующему периоду. Мероприятия
обозначаются как год/идентификатор, участники — кодом. Включены только опубликованные
мероприятия.
"""


def json_value(value):
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def build_archive() -> bytes:
    """The zip of the published record (a handful of queries: one per table)."""
    buffer = io.BytesIO()
    record = {}
    dictionary = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name, data):
            archive.writestr(zipfile.ZipInfo(name, ENTRY_TIME), data, zipfile.ZIP_DEFLATED)

        add("README.txt", README)
        for table in tables():
            header = [column.name for column in table.columns]
            rows = [
                [json_value(column.value(obj)) for column in table.columns] for obj in table.rows()
            ]
            record[table.name] = [dict(zip(header, row, strict=True)) for row in rows]
            text_file = io.StringIO(newline="")
            write_rows(text_file, header, rows)
            add(f"{table.name}.csv", text_file.getvalue())
            dictionary.append([table.name, "", table.en, table.ru])
            dictionary.extend(
                [table.name, column.name, column.en, column.ru] for column in table.columns
            )
        data_dictionary = io.StringIO(newline="")
        write_rows(
            data_dictionary, ["table", "column", "description_en", "description_ru"], dictionary
        )
        add("data-dictionary.csv", data_dictionary.getvalue())
        add("record.json", json.dumps(record, ensure_ascii=False, indent=1))
    return buffer.getvalue()
