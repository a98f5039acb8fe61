"""Test data built per test (the fixtures are the real record, not test data)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from chairmanship.models import ChairmanshipTerm
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceCapacity,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingKind,
    MeetingStatus,
    OutcomeProtocol,
    Person,
    Speaker,
    Statement,
    StatementKind,
)
from members.models import Membership, MembershipStatus, Participant, ParticipantKind

PASSWORD = "correct horse battery"


def password_hash():
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.LazyFunction(password_hash)


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"S{n:03d}")
    kind = ParticipantKind.STATE
    name_en = factory.Sequence(lambda n: f"State {n}")
    name_ru = factory.Sequence(lambda n: f"Государство {n}")
    official_name_en = factory.LazyAttribute(lambda p: f"Republic of {p.name_en}")
    official_name_ru = factory.LazyAttribute(lambda p: f"Республика {p.name_ru}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    participant = factory.SubFactory(ParticipantFactory)
    status = MembershipStatus.MEMBER
    start_date = datetime.date(2013, 6, 5)


class ChairmanshipTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChairmanshipTerm

    participant = factory.SubFactory(ParticipantFactory)
    start_date = datetime.date(2023, 1, 1)
    end_date = datetime.date(2025, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.SENIOR_OFFICIALS
    title_en = factory.Sequence(lambda n: f"Senior Officials' Meeting {n}")
    title_ru = factory.Sequence(lambda n: f"Совещание старших должностных лиц {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    start_date = datetime.date(2023, 10, 12)
    end_date = factory.LazyAttribute(lambda m: m.start_date)
    time_zone = "Asia/Baku"
    city_en = "Baku"
    city_ru = "Баку"
    working_languages = factory.LazyFunction(lambda: ["en", "ru"])
    status = MeetingStatus.PUBLISHED


class ConceptNoteSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConceptNoteSection

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(int)
    heading_en = "Background"
    heading_ru = "Общие сведения"
    body_en = "<p>The process brings states together.</p>"
    body_ru = "<p>Процесс объединяет государства.</p>"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name_en = factory.Sequence(lambda n: f"Speaker {n}")
    name_ru = factory.Sequence(lambda n: f"Докладчик {n}")
    position_en = "Head of Department"
    position_ru = "Начальник управления"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    day = factory.LazyAttribute(lambda i: i.meeting.start_date)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(9, 30)
    title_en = factory.Sequence(lambda n: f"Session {n}")
    title_ru = factory.Sequence(lambda n: f"Заседание {n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    agenda_item = factory.SubFactory(AgendaItemFactory)
    person = factory.SubFactory(PersonFactory)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    participant = factory.SubFactory(ParticipantFactory)
    capacity = AttendanceCapacity.MEMBER


class OutcomeProtocolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeProtocol

    meeting = factory.SubFactory(MeetingFactory)
    signed_on = factory.LazyAttribute(lambda p: p.meeting.start_date)
    summary_en = "The participants agreed on the priorities."
    summary_ru = "Участники согласовали приоритеты."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    text_en = "To support the chair's priorities."
    text_ru = "Поддержать приоритеты председательства."


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    kind = StatementKind.OPENING
    order = factory.Sequence(int)
