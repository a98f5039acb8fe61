"""The record on any date, the timelines, and the membership and chairmanship PDF."""

import datetime
import re

import pytest

from almaty_portal.periods import DatePrecision, uncertain_span
from members.timeline import Axis, membership_timeline
from tests.documents.reading import one_line, read
from tests.factories import ChairmanshipTermFactory, MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def group(html, status):
    """The names listed under one status heading of the members page."""
    section = html.split(f'<h2 id="group-{status}">')[1].split("</section>")[0]
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section)


def test_members_on_a_date_in_english(client, record):
    html = page(client, "/en/members/?on=2016-05-01")

    assert "Status of the participants on 1 May 2016, as the record gives it." in html
    assert group(html, "member") == [
        "Afghanistan",
        "Azerbaijan",
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Turkmenistan",
        "Türkiye",
    ]
    assert group(html, "observer") == ["Iran", "Pakistan"]
    # Iran became an observer "in 2016": the record gives only the year.
    assert "Iran: observer, since 2016" in html
    assert "falls within such a month or year" in html
    assert re.search(r'>Kazakhstan</a> \(5 June 2013 – 2016\) <span class="tag">', html)
    assert 'value="2016-05-01"' in html


def test_members_on_a_date_in_russian(client, record):
    html = page(client, "/ru/members/?on=2023-06-01")

    assert "Статус участников на 1 июня 2023 г. по имеющимся сведениям." in html
    assert group(html, "applicant") == ["Италия", "Организация тюркских государств"]
    assert group(html, "prospective") == ["Узбекистан"]
    assert (
        "Председатель процесса:" in html and ">Азербайджан</a> (2023 – 24 апреля 2025 г.)" in html
    )
    # Afghanistan was a member "until 2023": on 1 June 2023 the record cannot tell.
    assert "Афганистан: государство-член, 5 июня 2013 г. – 2023" in html


def test_a_day_known_to_the_day_has_no_note(client, record):
    html = page(client, "/en/members/?on=2024-03-01")

    assert "falls within such a month or year" not in html
    assert group(html, "observer") == [
        "Iran",
        "Italy",
        "Organization of Turkic States",
        "Pakistan",
        "Turkmenistan",
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/en/members/?on=abc", "Enter a date such as 2016-05-01."),
        ("/ru/members/?on=2016-02-30", "Введите дату, например 2016-05-01."),
        ("/en/members/?on=99999-01-01", "Enter a date such as 2016-05-01."),
        ("/en/members/?on=2013-06-04", "The record begins on 5 June 2013."),
        ("/ru/chairmanship/?on=0001-01-01", "Сведения начинаются с 5 июня 2013 г."),
        ("/en/chairmanship/?on=%00", "Enter a date such as 2016-05-01."),
    ],
)
def test_a_date_the_record_cannot_answer_is_reported_on_the_field(client, record, url, message):
    html = page(client, url, status=400)

    assert message in html
    assert 'aria-invalid="true"' in html
    # The page itself is still there, showing today.
    assert "Status over time" in html or "История статуса" in html or '<ol class="terms">' in html


def test_a_date_before_the_record_keeps_what_was_typed(client, record):
    html = page(client, "/en/members/?on=2010-01-01", status=400)
    assert 'value="2010-01-01" min="2013-06-05"' in html


def test_a_future_date_is_answered_as_far_as_the_record_knows(client, record):
    html = page(client, "/en/members/?on=2999-01-01")
    assert "This day is still to come: the page shows the record as far as it knows on" in html
    assert group(html, "member") == [
        "Azerbaijan",
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Türkiye",
    ]


def test_an_empty_date_is_today(client, record):
    html = page(client, "/en/members/?on=")
    assert "as the record gives it" not in html and "aria-invalid" not in html


def test_chair_on_a_date(client, record):
    en = page(client, "/en/chairmanship/?on=2017-03-01")
    ru = page(client, "/ru/chairmanship/?on=2016-05-01")

    assert re.search(r'Chair on 1 March 2017:\s*<a href="#term-\d+">Kyrgyzstan</a>', en)
    assert "may have been another" not in en
    assert '<span class="tag">Chair on 1 March 2017</span>' in en
    assert re.search(r'Председатель на 1 мая 2016 г.:\s*<a href="#term-\d+">Казахстан</a>', ru)
    assert "в этот день председателем могло быть другое государство" in ru
    assert 'href="/ru/members/?on=2016-05-01"' in ru


def test_meeting_page_links_its_date_to_the_members_of_that_day(client, record):
    html = page(client, "/ru/meetings/2023/8th-som/")
    assert '<a href="/ru/members/?on=2023-10-12">Члены и наблюдатели на эту дату</a>' in html
    # The 2011 conference came before the process: no chair, and no link to the record.
    assert "?on=" not in page(client, "/en/meetings/2011/regional-conference/")


def bars(html):
    """``(href, title)`` of every link of the timeline."""
    svg = html.split('<svg class="timeline__chart"')[1].split("</svg>")[0]
    return re.findall(r'<a class="timeline__item" href="([^"]+)"><title>([^<]+)</title>', svg)


def test_members_timeline_names_and_links_every_period(client, record):
    en = bars(page(client, "/en/members/"))
    ru = bars(page(client, "/ru/members/"))

    assert ("/en/members/IRN/", "Iran: member state, 5 June 2013 – 2016") in en
    assert ("/en/members/IRN/", "Iran: observer, since 2016") in en
    assert ("/ru/members/IRN/", "Иран: наблюдатель, с 2016") in ru
    assert len(en) == len(ru) == 19


def test_chair_timeline_places_the_meetings_on_the_terms(client, record):
    links = bars(page(client, "/en/chairmanship/"))
    ru = bars(page(client, "/ru/chairmanship/"))

    assert [title for href, title in links if href.startswith("#term-")] == [
        "Chair: Kazakhstan, 5 June 2013 – 2016",
        "Chair: Kyrgyzstan, October 2016 – October 2018",
        "Chair: Tajikistan, 2018 – 2021",
        "Chair: Türkiye, 2021 – 2023",
        "Chair: Azerbaijan, 2023 – 24 April 2025",
        "Chair: Kazakhstan, since 24 April 2025",
    ]
    assert (
        "/en/meetings/2023/8th-som/",
        "8th Senior Officials&#x27; Meeting (SOM) of the Almaty Process, 12–13 October 2023",
    ) in links
    assert "Председатель: Кыргызстан, октябрь 2016 г. – октябрь 2018 г." in [t for _h, t in ru]


def test_a_term_with_many_meetings_lists_its_latest_and_points_to_the_archive(client, db):
    from meetings.history import MEETINGS_PER_TERM
    from tests.factories import MeetingFactory

    ChairmanshipTermFactory(start_date=datetime.date(2023, 1, 1), end_date=None)
    count = MEETINGS_PER_TERM + 3
    for n in range(count):
        MeetingFactory(
            slug=f"m{n}", title_en=f"Meeting {n}", start_date=datetime.date(2023, 1, 2 + n)
        )

    en = page(client, "/en/chairmanship/")
    ru = page(client, "/ru/chairmanship/")

    listed = re.findall(r'<li><a href="/en/meetings/2023/(m\d+)/">', en)
    assert listed == [f"m{n}" for n in range(3, count)]
    assert "3 earlier meetings of this term are in the archive." in en
    assert "Более ранние мероприятия этого председательства (ещё 3) — в архиве." in ru
    marks = [href for href, _title in bars(en) if href.startswith("/en/meetings/")]
    assert marks == [f"/en/meetings/2023/m{n}/" for n in range(3, count)]


def test_uncertain_dates_fade(db):
    participant = ParticipantFactory(name_en="Iran")
    MembershipFactory(
        participant=participant,
        status="member",
        start_date=datetime.date(2013, 6, 5),
        end_date=datetime.date(2016, 1, 1),
        end_precision=DatePrecision.YEAR,
    )
    MembershipFactory(
        participant=participant,
        status="observer",
        start_date=datetime.date(2016, 1, 1),
        start_precision=DatePrecision.YEAR,
        end_date=None,
    )
    axis = Axis(datetime.date(2013, 1, 1), datetime.date(2020, 12, 31))
    drawn = membership_timeline([participant], today=datetime.date(2020, 6, 1), axis=axis)
    member, observer = drawn.rows[0].bars
    fade_out = drawn.gradients[0]
    # The member's bar is solid to the start of 2016 and fades out across 2016...
    assert [s.fill.startswith("url(") for s in member.segments] == [False, True]
    assert member.segments[1].x == pytest.approx(drawn.gradients[0].x1)
    assert fade_out.stops == ((0, 1), (1, 0.08))
    # ... while the observer's fades in across the same year.
    assert observer.segments[0].x == member.segments[1].x
    assert observer.segments[0].width == member.segments[1].width


def test_uncertain_span():
    assert uncertain_span(datetime.date(2016, 10, 1), DatePrecision.MONTH) == (
        datetime.date(2016, 10, 1),
        datetime.date(2016, 11, 1),
    )
    assert uncertain_span(datetime.date(2016, 12, 1), DatePrecision.MONTH)[1] == datetime.date(
        2017, 1, 1
    )
    assert uncertain_span(datetime.date(9999, 5, 1), DatePrecision.YEAR)[1] == datetime.date.max
    assert uncertain_span(datetime.date(2016, 5, 1), DatePrecision.DAY) is None


def test_timeline_text_is_escaped(client, db):
    participant = ParticipantFactory(code="XSS", name_en="<script>alert(1)</script>")
    MembershipFactory(participant=participant)
    ChairmanshipTermFactory(participant=participant)
    for url in ("/en/members/", "/en/chairmanship/"):
        html = page(client, url)
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_without_any_record(client, db):
    assert "No participant status is recorded for this day." in page(client, "/en/members/")
    assert "no chairmanship is recorded for this day" in page(client, "/en/chairmanship/")


@pytest.mark.parametrize(
    ("language", "title", "phrases"),
    [
        (
            "en",
            "Membership and chairmanship of the Almaty Process",
            ["Organization of Turkic States", "Observer status under consideration", "Kyrgyzstan"],
        ),
        (
            "ru",
            "Состав участников и председательство в Алматинском процессе",
            ["Организация тюркских государств", "Председатель", "Мероприятия"],
        ),
    ],
)
def test_history_pdf_is_one_a4_page_in_each_language(client, record, language, title, phrases):
    response = client.get(f"/{language}/history.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="almaty-process-membership-and-chairmanship-{language}.pdf"'
    )
    reader = read(response.content)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    assert reader.metadata.title == title
    text = one_line(response.content)
    assert title in text
    for phrase in phrases:
        assert phrase in text


def test_members_page_links_the_pdf(client, record):
    html = page(client, "/ru/members/")
    assert '<a href="/ru/history.pdf" type="application/pdf">' in html


def test_only_todays_page_is_indexed(client, record):
    assert '<meta name="robots" content="noindex">' in page(client, "/en/members/?on=2016-05-01")
    assert '<meta name="robots"' not in page(client, "/en/chairmanship/")


def test_dates_at_the_ends_of_the_calendar_are_drawn(client, db):
    participant = ParticipantFactory(code="OLD")
    MembershipFactory(
        participant=participant,
        start_date=datetime.date(1, 1, 1),
        start_precision=DatePrecision.YEAR,
        end_date=datetime.date(9999, 12, 1),
        end_precision=DatePrecision.MONTH,
    )
    html = page(client, "/en/members/?on=9999-12-31")
    assert len(re.findall(r'<line x1="[\d.]+" x2="[\d.]+" y1', html)) <= 42
    assert "1 to December 9999" in html or "1 – December 9999" in html


def test_history_pdf_is_printed_once_per_version(client, record, monkeypatch):
    from meetings import history

    prints = []
    real = history.html_to_pdf
    monkeypatch.setattr(history, "html_to_pdf", lambda html: prints.append(1) or real(html))

    first = client.get("/en/history.pdf?utm_source=a")
    second = client.get("/en/history.pdf?utm_source=b")
    ParticipantFactory(code="NEW", name_en="Newland")
    third = client.get("/en/history.pdf?utm_source=c")

    assert first.content == second.content != third.content
    assert len(prints) == 2
