"""`timeline extract`: rules grown from the heldout2 misses, each in Vietnamese and English.

A visit's date is not the meeting's; a bare "the retreat" / "hội nghị" refers back to the meeting
named last; a founding date is not a meeting; a list of meetings shares its date; a weekday
gives way to the explicit date in brackets; "cuối năm nay" / "later this year" is a year; a list
of two days is a range; with no published day, a present-tense verb is no tense at all.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.extract import Gazetteer, extract
from timeline.extract import dates as D
from timeline.normalise import normalise

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(normalise(DATA))


def events(gaz: Gazetteer, text: str, lang: str, published: date | None) -> list[tuple[str, str, str | None, str]]:
    return [
        (c.series, str(c.start), (str(c.end) if c.end else None), c.status)
        for c in extract(text, gaz, lang=lang, published=published).candidates
    ]


def test_the_arrival_day_is_not_the_meetings_and_the_retreat_is_resolved(gaz: Gazetteer) -> None:
    text = (
        "The ASEAN defence ministers will be visiting the country on Monday to attend the ADMM Retreat.\n\n"
        "The ministers will attend the retreat on Tuesday."
    )
    assert events(gaz, text, "en", date(2018, 2, 3)) == [("admm-retreat", "2018-02-06", None, "planned")]


def test_a_bare_hoi_nghi_refers_to_the_meeting_named_last(gaz: Gazetteer) -> None:
    text = "Bộ trưởng sẽ dự Hội nghị ADMM Hẹp tại Hà Nội.\n\nHội nghị diễn ra ngày 18/2/2020."
    assert events(gaz, text, "vi", date(2020, 2, 10)) == [("admm-retreat", "2020-02-18", None, "planned")]


def test_a_bare_meeting_noun_far_from_any_named_meeting_is_nothing(gaz: Gazetteer) -> None:
    text = "The ADMM Retreat opened.\n\n" + "Filler sentence here. " * 40 + "\n\nThe meeting on Tuesday was long."
    assert [e[0] for e in events(gaz, text, "en", date(2018, 2, 3))] == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Since the establishment of the ADMM in 2006, this is the second time Singapore chairs it.", "en"),
        ("The ADMM, established in 2006, is the highest defence mechanism of ASEAN.", "en"),
        ("ADMM được thành lập năm 2006 là cơ chế quốc phòng cao nhất của ASEAN.", "vi"),
        ("Năm nay là dịp kỷ niệm 15 năm thành lập ADMM+.", "vi"),
        ("This year also marks the 15th anniversary of the ADMM-Plus.", "en"),
    ],
)
def test_a_founding_or_anniversary_is_not_a_meeting(gaz: Gazetteer, text: str, lang: str) -> None:
    assert events(gaz, text, lang, date(2018, 2, 3)) == []


def test_a_founding_given_to_the_day_is_the_first_meeting(gaz: Gazetteer) -> None:
    text = "RECALLING the inception of the ADMM-Plus in Ha Noi, Viet Nam, on 12 October 2010."
    assert events(gaz, text, "en", date(2025, 11, 1)) == [("admm-plus", "2010-10-12", None, "held")]


@pytest.mark.parametrize(
    ("text", "lang", "published", "when"),
    [
        ("MINDEF said that the formal ADMM and the ADMM-Plus meetings will be held in October.", "en", None, "XXXX-10"),
        ("Các hội nghị ADMM và ADMM+ sẽ diễn ra vào tháng 10/2018.", "vi", None, "2018-10"),
    ],
)
def test_a_list_of_meetings_shares_its_date(
    gaz: Gazetteer, text: str, lang: str, published: date | None, when: str
) -> None:
    assert sorted(e[:2] for e in events(gaz, text, lang, published)) == [("admm", when), ("admm-plus", when)]


def test_the_date_in_brackets_says_which_saturday(gaz: Gazetteer) -> None:
    text = "He spoke at the 12th ADMM-Plus held in Kuala Lumpur, Malaysia, on Saturday (November 1)."
    assert events(gaz, text, "en", None) == [("admm-plus", "XXXX-11-01", None, "held")]


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("cuối năm nay", date(2020, 2, 10), ("2020", "late")),
        ("đầu năm nay", date(2020, 2, 10), ("2020", "early")),
        ("năm nay", date(2020, 2, 10), ("2020", None)),
        ("năm tới", date(2020, 2, 10), ("2021", None)),
        ("later this year", date(2025, 3, 1), ("2025", None)),
        ("by the end of this year", date(2025, 3, 1), ("2025", "late")),
        ("next year", date(2025, 3, 1), ("2026", None)),
        ("last year", date(2025, 3, 1), ("2024", None)),
    ],
)
def test_this_year_is_a_year_never_a_day(phrase: str, published: date, expected: tuple[str, str | None]) -> None:
    (m,) = D.find(phrase)
    resolved = D.resolve(m, published, None, None, None)
    assert resolved is not None
    assert (resolved.edtf_start, resolved.mod.value if resolved.mod else None) == expected


@pytest.mark.parametrize("text", ["trong 5 năm tới", "this year's theme"])  # "next year's meeting" is a date
def test_not_this_year(text: str) -> None:
    assert D.find(text) == []


def test_this_year_with_no_published_day_takes_the_articles_year(gaz: Gazetteer) -> None:
    text = "Việt Nam là Chủ tịch ASEAN 2020. Bộ Quốc phòng chuẩn bị cho các hội nghị ADMM và ADMM+ vào cuối năm nay."
    assert sorted(events(gaz, text, "vi", None)) == [
        ("admm", "2020", None, "planned"),
        ("admm-plus", "2020", None, "planned"),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hội nghị ADMM lần thứ nhất đã được tổ chức trong các ngày 8,9 tháng 5 năm 2006.", "vi"),
        ("Hội nghị ADMM lần thứ nhất đã được tổ chức ngày 8 và 9/5/2006.", "vi"),
        ("The first ADMM was held on 8 and 9 May 2006.", "en"),
    ],
)
def test_a_list_of_two_days_is_a_range(gaz: Gazetteer, text: str, lang: str) -> None:
    assert events(gaz, text, lang, None) == [("admm", "2006-05-08", "2006-05-09", "held")]


def test_one_day_in_words_is_a_day() -> None:
    (m,) = D.find("ngày 8 tháng 5 năm 2006")
    assert (m.year, m.month, m.day, m.end_day) == (2006, 5, 8, None)


@pytest.mark.parametrize(
    ("text", "expected", "said"),
    [
        # "diễn ra" is present tense: the sentence's other words decide
        ("Hội nghị ADMM Hẹp diễn ra từ ngày 18 đến 20-2-2020 là cơ sở chuẩn bị cho các hội nghị sau.", "planned", True),
        ("Hội nghị ADMM Hẹp diễn ra từ ngày 18 đến 20-2-2020 và các Bộ trưởng đã ký tuyên bố chung.", "held", True),
        ("Hội nghị ADMM Hẹp diễn ra từ ngày 18 đến 20-2-2020.", "held", False),
    ],
)
def test_no_published_day_and_a_present_tense_verb(gaz: Gazetteer, text: str, expected: str, said: bool) -> None:
    (c,) = extract(text, gaz, lang="vi", published=None).candidates
    assert c.status == expected
    assert (c.confidence >= 0.9) == said


def test_the_one_venue_of_a_long_sentence(gaz: Gazetteer) -> None:
    text = (
        "The ASEAN Defence Ministers' Meeting Retreat 2025 (ADMM Retreat 2025) was officially presided over on "
        "26 February 2025 by the Minister of Defence Malaysia, Dato' Seri Mohamed Khaled bin Nordin, who spoke "
        "at length, at Shangri-La Hotel, Pulau Pinang."
    )
    (c,) = extract(text, gaz, lang="en", published=date(2025, 2, 26)).candidates
    assert (c.city, c.country) == ("Penang", "MY")


def test_a_virtual_meeting_takes_no_far_venue(gaz: Gazetteer) -> None:
    text = (
        "The ADMM-Plus was convened virtually on 16 June 2021 under the chairmanship of Brunei Darussalam, "
        "with ministers from all ten member states and eight dialogue partners speaking from their capitals, "
        "a decade after the first ministers gathered in Ha Noi, Viet Nam."
    )
    (c,) = extract(text, gaz, lang="en", published=date(2021, 6, 16)).candidates
    assert c.city is None
