"""A large synthetic record in both languages, to measure the portal at scale.

``generate_record`` writes published meetings with concept notes, agendas, speakers,
attendance and some outcome protocols, with English and Russian texts of realistic length.
It writes in batches (one transaction and a few ``bulk_create`` calls per batch) instead of
saving row by row, so it cannot rely on ``full_clean``; it builds data that obeys the same
rules instead: slugs unique within their year (every slug is ``synthetic-<number>-…`` and
numbers continue after those already stored), agenda items inside the meeting's dates, each
ending after it starts and none overlapping another of its day.

It only adds rows, so it can go on top of the real record (load the fixtures first: they
carry fixed primary keys).
"""

import datetime
import math
import random
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import translation

from almaty_portal.page_cache import record_changed
from meetings import search_index
from meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    AttendanceCapacity,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingFormat,
    MeetingKind,
    MeetingStatus,
    OutcomeProtocol,
    Person,
    Speaker,
    SpeakerRole,
)
from members.models import Participant, ParticipantKind

SLUG_PREFIX = "synthetic-"
FIRST_DAY = datetime.date(1990, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)
# An agenda day runs from 08:00; the longest item is 40 minutes, so 20 items end by 21:20.
DAY_STARTS = 8 * 60
DAY_MINUTES = 14 * 60
ITEM_MINUTES = (15, 20, 30, 40)
PEOPLE = 300

# (English, Russian nominative, Russian genitive)
TOPICS = [
    ("labour migration", "трудовая миграция", "трудовой миграции"),
    ("refugee protection", "защита беженцев", "защиты беженцев"),
    ("statelessness", "безгражданство", "безгражданства"),
    ("mixed migration flows", "смешанные миграционные потоки", "смешанных миграционных потоков"),
    ("border management", "управление границами", "управления границами"),
    ("counter-trafficking", "противодействие торговле людьми", "противодействия торговле людьми"),
    ("return and reintegration", "возвращение и реинтеграция", "возвращения и реинтеграции"),
    (
        "climate-related displacement",
        "перемещение в связи с изменением климата",
        "перемещения в связи с изменением климата",
    ),
    ("migration data", "данные о миграции", "данных о миграции"),
    ("diaspora engagement", "взаимодействие с диаспорами", "взаимодействия с диаспорами"),
    ("remittances", "денежные переводы мигрантов", "денежных переводов мигрантов"),
    ("consular protection", "консульская защита", "консульской защиты"),
    ("access to asylum", "доступ к убежищу", "доступа к убежищу"),
    ("family reunification", "воссоединение семей", "воссоединения семей"),
    ("migrant health", "здоровье мигрантов", "здоровья мигрантов"),
    ("children on the move", "дети в условиях миграции", "детей в условиях миграции"),
    ("gender and migration", "гендерные аспекты миграции", "гендерных аспектов миграции"),
    ("integration of migrants", "интеграция мигрантов", "интеграции мигрантов"),
]

# (English, Russian); {topic} is English, {gen} the Russian genitive of the same topic.
SENTENCES = [
    (
        "Participants reviewed recent developments in {topic} across Central Asia and the "
        "neighbouring regions.",
        "Участники рассмотрели последние тенденции в области {gen} в Центральной Азии и "
        "соседних регионах.",
    ),
    (
        "The session examined how national legislation on {topic} matches international "
        "standards and the commitments of the Global Compacts.",
        "На заседании было рассмотрено, насколько национальное законодательство в сфере {gen} "
        "соответствует международным стандартам и обязательствам глобальных договорённостей.",
    ),
    (
        "Delegations shared good practice and the lessons they have learned since {year}.",
        "Делегации обменялись передовым опытом и уроками, извлечёнными с {year} года.",
    ),
    (
        "The Chair invited the states to strengthen cooperation on {topic} through a regular "
        "exchange of information between the competent authorities.",
        "Председатель призвал государства укреплять сотрудничество в области {gen} путём "
        "регулярного обмена информацией между компетентными органами.",
    ),
    (
        "Experts of IOM and UNHCR presented the findings of a regional study and answered "
        "questions from the delegations.",
        "Эксперты МОМ и УВКБ ООН представили результаты регионального исследования и ответили "
        "на вопросы делегаций.",
    ),
    (
        "The meeting is expected to agree on practical steps for the remainder of the "
        "chairmanship.",
        "Ожидается, что участники совещания согласуют практические шаги на оставшийся период "
        "председательства.",
    ),
    (
        "Particular attention was paid to the needs of women, children and other people in "
        "vulnerable situations.",
        "Особое внимание было уделено потребностям женщин, детей и других лиц, находящихся в "
        "уязвимом положении.",
    ),
    (
        "A working group will prepare recommendations for the next senior officials' meeting.",
        "Рабочая группа подготовит рекомендации к следующему совещанию старших должностных лиц.",
    ),
    (
        "Participants agreed that reliable and comparable data are essential to sound policy "
        "on {topic}.",
        "Участники согласились с тем, что надёжные и сопоставимые данные необходимы для "
        "обоснованной политики в области {gen}.",
    ),
    (
        "The discussion built on the outcomes of the previous ministerial conference and on the "
        "priorities of the current chairmanship.",
        "Обсуждение основывалось на итогах предыдущей министерской конференции и на приоритетах "
        "нынешнего председательства.",
    ),
    (
        "Capacity-building activities will continue with the support of the secretariat and "
        "of interested partners.",
        "Мероприятия по наращиванию потенциала продолжатся при поддержке секретариата и "
        "заинтересованных партнёров.",
    ),
    (
        "Several delegations stressed the role of local authorities and civil society in {topic}.",
        "Ряд делегаций подчеркнул роль местных органов власти и гражданского общества в "
        "вопросах {gen}.",
    ),
]

SECTIONS = [
    ("Background", "Общие сведения"),
    ("Context and objectives", "Контекст и цели"),
    ("Expected outcomes", "Ожидаемые результаты"),
    ("Participation", "Участие"),
]

# (English, Russian, IANA time zone)
CITIES = [
    ("Almaty", "Алматы", "Asia/Almaty"),
    ("Astana", "Астана", "Asia/Almaty"),
    ("Bishkek", "Бишкек", "Asia/Bishkek"),
    ("Dushanbe", "Душанбе", "Asia/Dushanbe"),
    ("Tashkent", "Ташкент", "Asia/Tashkent"),
    ("Ashgabat", "Ашхабад", "Asia/Ashgabat"),
    ("Baku", "Баку", "Asia/Baku"),
    ("Istanbul", "Стамбул", "Europe/Istanbul"),
    ("Tehran", "Тегеран", "Asia/Tehran"),
    ("Islamabad", "Исламабад", "Asia/Karachi"),
]
VENUES = [
    (
        "Conference hall of the Ministry of Foreign Affairs",
        "Конференц-зал Министерства иностранных дел",
    ),
    ("UN House", "Дом ООН"),
    ("Congress Centre", "Конгресс-центр"),
    ("Hotel Intercontinental", "Отель «Интерконтиненталь»"),
]
FIRST_NAMES = [  # (English, Russian, feminine)
    ("Aibek", "Айбек", False),
    ("Nurlan", "Нурлан", False),
    ("Rustam", "Рустам", False),
    ("Farhod", "Фарход", False),
    ("Elchin", "Эльчин", False),
    ("Timur", "Тимур", False),
    ("Dilnoza", "Дильноза", True),
    ("Aigerim", "Айгерим", True),
    ("Gulnara", "Гульнара", True),
    ("Leyla", "Лейла", True),
    ("Madina", "Мадина", True),
    ("Zarina", "Зарина", True),
]
SURNAMES = [  # masculine forms; the feminine adds -a / -а
    ("Abdullaev", "Абдуллаев"),
    ("Karimov", "Каримов"),
    ("Nazarov", "Назаров"),
    ("Sultanov", "Султанов"),
    ("Ismailov", "Исмаилов"),
    ("Bekov", "Беков"),
    ("Rakhimov", "Рахимов"),
    ("Aliev", "Алиев"),
    ("Yusupov", "Юсупов"),
    ("Mamedov", "Мамедов"),
    ("Saidov", "Саидов"),
    ("Tokayev", "Токаев"),
]
POSITIONS = [
    ("Head of the Migration Department", "Начальник Департамента миграции"),
    ("Deputy Minister of Internal Affairs", "Заместитель министра внутренних дел"),
    ("Chief of Mission", "Глава представительства"),
    ("Senior Protection Officer", "Старший сотрудник по вопросам защиты"),
    ("Director of the State Migration Service", "Директор Государственной миграционной службы"),
    ("Senior Expert", "Главный эксперт"),
]
ORGANISATIONS = [
    ("Ministry of Foreign Affairs", "Министерство иностранных дел"),
    ("Ministry of Internal Affairs", "Министерство внутренних дел"),
    ("State Migration Service", "Государственная миграционная служба"),
    ("Ministry of Labour and Social Protection", "Министерство труда и социальной защиты"),
    (
        "International Organization for Migration (IOM)",
        "Международная организация по миграции (МОМ)",
    ),
    ("UNHCR", "УВКБ ООН"),
]
# (kind, share of meetings)
KINDS = [
    (MeetingKind.SENIOR_OFFICIALS, 5),
    (MeetingKind.TECHNICAL, 12),
    (MeetingKind.REGIONAL_CONFERENCE, 2),
    (MeetingKind.MINISTERIAL, 1),
]
SYNTHETIC_STATES = [
    ("SYNA", "Synthetic State A", "Условное государство А"),
    ("SYNB", "Synthetic State B", "Условное государство Б"),
    ("SYNC", "Synthetic State C", "Условное государство В"),
    ("SYND", "Synthetic State D", "Условное государство Г"),
    ("SYNE", "Synthetic State E", "Условное государство Д"),
    ("SYNF", "Synthetic State F", "Условное государство Е"),
]


@dataclass
class Counts:
    """How many rows of each kind a run wrote."""

    meetings: int = 0
    sections: int = 0
    agenda_items: int = 0
    speakers: int = 0
    attendances: int = 0
    protocols: int = 0
    decisions: int = 0
    people: int = 0
    participants: int = 0

    def add(self, other):
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class _Batch:
    meetings: list = field(default_factory=list)
    # Per meeting (same order): the rows that point at it, built once the meeting has a pk.
    plans: list = field(default_factory=list)


def generate_record(*, meetings=10_000, items=20, seed=1, batch_size=200, progress=None):
    """Add ``meetings`` published meetings of ``items`` agenda items each; return the Counts."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not a secret
    counts = Counts()
    with translation.override("en"):
        participants, counts.participants = _participants()
        people, counts.people = _people(rng)
        first_number = _next_number()
        done = 0
        while done < meetings:
            size = min(batch_size, meetings - done)
            numbers = range(first_number + done, first_number + done + size)
            with transaction.atomic():
                last = Meeting.objects.aggregate(last=Max("pk"))["last"] or 0
                counts.add(_write_batch(rng, numbers, items, participants, people))
                # bulk_create sends no signals: retire the cached pages and index the new
                # meetings for the search here.
                record_changed()
                search_index.refresh(
                    Meeting.objects.filter(pk__gt=last).values_list("pk", flat=True)
                )
            done += size
            if progress:
                progress(done, meetings)
    return counts


def _next_number():
    """The number after the highest ``synthetic-<number>-…`` slug already stored."""
    slugs = Meeting.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    numbers = [int(m.group(1)) for s in slugs if (m := re.match(r"synthetic-(\d+)", s))]
    return max(numbers, default=0) + 1


def _participants():
    """The participants meetings are attended by: those stored, or a few synthetic states."""
    participants = list(Participant.objects.order_by("pk"))
    if participants:
        return participants, 0
    Participant.objects.bulk_create(
        Participant(code=code, kind=ParticipantKind.STATE, name_en=en, name_ru=ru)
        for code, en, ru in SYNTHETIC_STATES
    )
    return list(Participant.objects.order_by("pk")), len(SYNTHETIC_STATES)


def _people(rng):
    people = []
    for _ in range(PEOPLE):
        first_en, first_ru, feminine = rng.choice(FIRST_NAMES)
        last_en, last_ru = rng.choice(SURNAMES)
        if feminine:
            last_en, last_ru = last_en + "a", last_ru + "а"
        position = rng.choice(POSITIONS)
        organisation = rng.choice(ORGANISATIONS)
        people.append(
            Person(
                name_en=f"{first_en} {last_en}",
                name_ru=f"{first_ru} {last_ru}",
                position_en=position[0],
                position_ru=position[1],
                organisation_en=organisation[0],
                organisation_ru=organisation[1],
            )
        )
    return Person.objects.bulk_create(people), len(people)


def _text(rng, topic, year, sentences):
    pairs = [rng.choice(SENTENCES) for _ in range(sentences)]
    values = {"topic": topic[0], "gen": topic[2], "year": year}
    return (
        " ".join(en.format(**values) for en, _ in pairs),
        " ".join(ru.format(**values) for _, ru in pairs),
    )


def _paragraphs(rng, topic, year, count):
    parts = [_text(rng, topic, year, rng.randint(3, 5)) for _ in range(count)]
    return (
        "\n".join(f"<p>{en}</p>" for en, _ in parts),
        "\n".join(f"<p>{ru}</p>" for _, ru in parts),
    )


def _title(kind, topic):
    gen = topic[2]
    if kind == MeetingKind.SENIOR_OFFICIALS:
        return (
            f"Senior Officials' Meeting of the Almaty Process on {topic[0]}",
            f"Совещание старших должностных лиц Алматинского процесса по вопросам {gen}",
        )
    if kind == MeetingKind.TECHNICAL:
        return (
            f"Thematic meeting on {topic[0]}",
            f"Тематическое совещание по вопросам {gen}",
        )
    if kind == MeetingKind.REGIONAL_CONFERENCE:
        return (
            f"Regional conference on {topic[0]}",
            f"Региональная конференция по вопросам {gen}",
        )
    return (
        "Ministerial Conference of the Almaty Process",
        "Министерская конференция Алматинского процесса",
    )


def _slug(number, topic):
    return f"{SLUG_PREFIX}{number:05d}-" + re.sub(r"[^a-z0-9]+", "-", topic[0]).strip("-")


def _agenda(rng, meeting, items, topic):
    """``items`` agenda items over the meeting's days: back to back, from 08:00 each day."""
    days = meeting.days
    per_day = math.ceil(items / len(days))
    rows = []
    for index in range(items):
        day = days[index // per_day]
        position = index % per_day
        if position == 0:
            minute = DAY_STARTS
        duration = rng.choice(ITEM_MINUTES)
        if index == 0:
            kind, en, ru = (
                AgendaItemKind.REGISTRATION,
                "Registration of participants",
                "Регистрация участников",
            )
        elif position == per_day // 2:
            kind, en, ru = AgendaItemKind.BREAK, "Coffee break", "Кофе-брейк"
        elif index == 1:
            kind, en, ru = AgendaItemKind.CEREMONY, "Opening ceremony", "Церемония открытия"
        else:
            kind = AgendaItemKind.SESSION
            en = f"Session {index}: {topic[0].capitalize()}"
            ru = f"Сессия {index}: {topic[1][0].upper()}{topic[1][1:]}"
        description = (
            _text(rng, topic, meeting.start_date.year, rng.randint(1, 2))
            if kind == AgendaItemKind.SESSION
            else ("", "")
        )
        start = datetime.time(minute // 60, minute % 60)
        minute += duration
        rows.append(
            AgendaItem(
                meeting=meeting,
                day=day,
                start_time=start,
                end_time=datetime.time(minute // 60, minute % 60),
                kind=kind,
                title_en=en,
                title_ru=ru,
                description_en=description[0],
                description_ru=description[1],
            )
        )
    return rows


def _write_batch(rng, numbers, items, participants, people):
    counts = Counts()
    span = (LAST_DAY - FIRST_DAY).days
    # Enough days that the items fit between 08:00 and 22:00.
    min_days = math.ceil(items * max(ITEM_MINUTES) / DAY_MINUTES) if items else 1
    kinds = [kind for kind, weight in KINDS for _ in range(weight)]
    planned = []
    for number in numbers:
        topic = rng.choice(TOPICS)
        kind = rng.choice(kinds)
        start = FIRST_DAY + datetime.timedelta(days=rng.randint(0, span))
        length = max(min_days, rng.randint(1, 2))
        end = start + datetime.timedelta(days=length - 1)
        city_en, city_ru, zone = rng.choice(CITIES)
        venue = rng.choice(VENUES)
        title = _title(kind, topic)
        summary = _text(rng, topic, start.year, 2)
        meeting = Meeting(
            kind=kind,
            title_en=title[0],
            title_ru=title[1],
            slug=_slug(number, topic),
            summary_en=summary[0],
            summary_ru=summary[1],
            start_date=start,
            end_date=end,
            start_time=datetime.time(8, 0),
            time_zone=zone,
            format=rng.choice([MeetingFormat.IN_PERSON] * 4 + [MeetingFormat.HYBRID]),
            venue_en=venue[0],
            venue_ru=venue[1],
            city_en=city_en,
            city_ru=city_ru,
            host=rng.choice(participants),
            working_languages=["en", "ru"],
            status=MeetingStatus.PUBLISHED,
            published_at=datetime.datetime.combine(start, datetime.time(6, 0), tzinfo=datetime.UTC)
            - datetime.timedelta(days=30),
        )
        planned.append((meeting, topic))
    Meeting.objects.bulk_create([meeting for meeting, _ in planned])
    counts.meetings = len(planned)

    sections, agenda, attendances, protocols, decisions = [], [], [], [], []
    for meeting, topic in planned:
        year = meeting.start_date.year
        for order, (heading_en, heading_ru) in enumerate(SECTIONS, start=1):
            body = _paragraphs(rng, topic, year, rng.randint(2, 4))
            sections.append(
                ConceptNoteSection(
                    meeting=meeting,
                    order=order,
                    heading_en=heading_en,
                    heading_ru=heading_ru,
                    body_en=body[0],
                    body_ru=body[1],
                )
            )
        agenda.extend(_agenda(rng, meeting, items, topic))
        for participant in rng.sample(participants, min(len(participants), rng.randint(6, 12))):
            if participant.kind == ParticipantKind.ORGANISATION:
                capacity = AttendanceCapacity.SECRETARIAT
            else:
                capacity = AttendanceCapacity.MEMBER
            attendances.append(
                Attendance(meeting=meeting, participant=participant, capacity=capacity)
            )
        if rng.random() < 1 / 3:
            summary = _text(rng, topic, year, 3)
            protocols.append(
                OutcomeProtocol(
                    meeting=meeting,
                    signed_on=meeting.end_date,
                    summary_en=summary[0],
                    summary_ru=summary[1],
                )
            )
            for order in range(1, rng.randint(2, 4) + 1):
                text = _text(rng, topic, year, 1)
                decisions.append(
                    Decision(meeting=meeting, order=order, text_en=text[0], text_ru=text[1])
                )
    ConceptNoteSection.objects.bulk_create(sections)
    AgendaItem.objects.bulk_create(agenda)
    Attendance.objects.bulk_create(attendances)
    OutcomeProtocol.objects.bulk_create(protocols)
    Decision.objects.bulk_create(decisions)

    speakers = []
    for item in agenda:
        if item.kind != AgendaItemKind.SESSION:
            continue
        chosen = rng.sample(people, rng.randint(2, 4))
        speakers.append(
            Speaker(agenda_item=item, role=SpeakerRole.MODERATOR, person=chosen[0], order=1)
        )
        for order, person in enumerate(chosen[1:], start=1):
            speakers.append(
                Speaker(agenda_item=item, role=SpeakerRole.SPEAKER, person=person, order=order)
            )
    Speaker.objects.bulk_create(speakers)

    counts.sections = len(sections)
    counts.agenda_items = len(agenda)
    counts.attendances = len(attendances)
    counts.protocols = len(protocols)
    counts.decisions = len(decisions)
    counts.speakers = len(speakers)
    return counts


def synthetic_meetings():
    """The meetings this module generated."""
    return Meeting.objects.filter(slug__startswith=SLUG_PREFIX)
