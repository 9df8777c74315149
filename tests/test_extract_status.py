"""`timeline extract`: status rules, one test per rule, in Vietnamese and English.

The order is: cancellation or postponement; the date's own tense words; a date window wholly
after the published day (never held); the nearest verb (but a window wholly before the
published day is held unless the verb plans it); a meeting being prepared for; the date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.extract import Gazetteer, extract
from timeline.normalise import normalise

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(normalise(DATA))


def statuses(gaz: Gazetteer, text: str, lang: str, published: date | None) -> list[tuple[str, str, str]]:
    return [(c.series, str(c.start), c.status) for c in extract(text, gaz, lang=lang, published=published).candidates]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Hội nghị ADSOM dự kiến diễn ra ngày 5/3 đã bị hoãn.", "vi", "postponed"),
        ("Hội nghị ADMM hẹp dự kiến tổ chức ngày 5/3 đã bị hủy bỏ.", "vi", "cancelled"),
        ("The ADMM Retreat planned for March 25 was called off.", "en", "cancelled"),
        ("The ADSOM scheduled for March 25 has been postponed.", "en", "postponed"),
    ],
)
def test_cancelled_or_postponed_wins(gaz: Gazetteer, text: str, lang: str, expected: str) -> None:
    ((_, _, status),) = statuses(gaz, text, lang, date(2025, 3, 10))
    assert status == expected


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        # the date says "coming": planned even after a neutral verb, and without a published day
        ("Hội nghị ADMM+ lần thứ 7 được tổ chức trực tuyến vào tháng 12 tới.", "vi", None, ("2020-12", "planned")),
        ("Hội nghị ADSOM+ được tổ chức ngày 19/11 tới.", "vi", date(2020, 11, 10), ("2020-11-19", "planned")),
        # the date says "past": held
        ("Hội nghị ADSOM tổ chức ngày 5/3 vừa qua.", "vi", date(2025, 3, 10), ("2025-03-05", "held")),
        ("Defence officials met at the ADSOM last Monday.", "en", date(2025, 3, 12), ("2025-03-10", "held")),
        ("The ADMM-Plus convenes next November.", "en", date(2025, 3, 12), ("2025-11", "planned")),
    ],
)
def test_the_dates_own_tense_words(
    gaz: Gazetteer, text: str, lang: str, published: date | None, expected: tuple[str, str]
) -> None:
    if published is None:
        text += " Việt Nam là Chủ tịch ASEAN năm 2020."  # the year comes from the article
    ((_, start, status),) = statuses(gaz, text, lang, published)
    assert (start, status) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hội nghị thống nhất công tác cho Hội nghị ADSOM+ diễn ra tháng 4 năm 2021.", "vi"),
        ("Hội nghị ADMM được tổ chức ngày 20/4/2021 tại Brunei.", "vi"),
        ("The ADSOM-Plus takes place in April 2021.", "en"),
        ("The ADMM was held on 20 April 2021.", "en"),  # a verb cannot make a later date held
    ],
)
def test_a_window_after_the_published_day_is_never_held(gaz: Gazetteer, text: str, lang: str) -> None:
    ((_, _, status),) = statuses(gaz, text, lang, date(2021, 3, 24))
    assert status == "planned"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hội nghị ADSOM diễn ra ngày 17/11/2020.", "vi"),
        ("Hội nghị ADSOM ngày 17/11/2020 bàn về an ninh biển.", "vi"),
        ("The ADSOM on 17 November 2020 discussed maritime security.", "en"),
        ("The ADSOM takes place on 17 November 2020.", "en"),
    ],
)
def test_a_window_before_the_published_day_with_a_neutral_verb_is_held(gaz: Gazetteer, text: str, lang: str) -> None:
    ((_, _, status),) = statuses(gaz, text, lang, date(2020, 12, 1))
    assert status == "held"


def test_a_planning_verb_before_the_published_day_stays_planned(gaz: Gazetteer) -> None:
    text = "The ADMM was scheduled for 20 November 2020 in Hanoi."
    ((_, _, status),) = statuses(gaz, text, "en", date(2020, 12, 1))
    assert status == "planned"


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("Các đại biểu làm công tác chuẩn bị cho Hội nghị ADSOM+ vào ngày 19/11.", "vi", None, "planned"),
        (
            "Các đại biểu làm công tác chuẩn bị cho Hội nghị trực tuyến Quan chức Quốc phòng cấp cao ASEAN Mở rộng "
            "(ADSOM+) vào ngày 19/11.",
            "vi",
            None,
            "planned",
        ),
        ("Officials met in preparation for the ADMM-Plus on November 19.", "en", None, "planned"),
        # once the date has passed, the prepared-for meeting is held
        ("Officials met in preparation for the ADMM-Plus on November 19, 2020.", "en", date(2020, 12, 1), "held"),
    ],
)
def test_a_meeting_prepared_for_is_planned(
    gaz: Gazetteer, text: str, lang: str, published: date | None, expected: str
) -> None:
    (candidate,) = extract(text, gaz, lang=lang, published=published).candidates
    assert candidate.status == expected


def test_no_cue_the_date_against_the_published_day(gaz: Gazetteer) -> None:
    text = "Hội nghị ADSOM ngày 17/11/2020 bàn về an ninh biển."
    assert statuses(gaz, text, "vi", date(2020, 12, 1)) == [("adsom", "2020-11-17", "held")]
    assert statuses(gaz, text, "vi", date(2020, 11, 1)) == [("adsom", "2020-11-17", "planned")]
    text = "The ADSOM in December 2020 discussed maritime security."
    assert statuses(gaz, text, "en", date(2021, 1, 5)) == [("adsom", "2020-12", "held")]
    assert statuses(gaz, text, "en", date(2020, 11, 1)) == [("adsom", "2020-12", "planned")]


def test_a_date_after_preceded_by_is_the_other_meetings(gaz: Gazetteer) -> None:
    text = "The ADMM Retreat was preceded by a working group meeting yesterday."
    assert statuses(gaz, text, "en", date(2025, 2, 26)) == []
    text = "The ADSOM convened on September 24, followed by the ADSOM-Plus the next day."
    assert statuses(gaz, text, "en", date(2025, 9, 26)) == [
        ("adsom", "2025-09-24", "held"),
        ("adsom-plus", "2025-09-25", "held"),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hội nghị ADMM-19 đã khai mạc ngày 31/10 tại thủ đô của Malaysia.", "vi"),
        ("The 19th ADMM opened on 31 October in the capital of Malaysia.", "en"),
    ],
)
def test_the_capital_of_a_country_is_in_that_country(gaz: Gazetteer, text: str, lang: str) -> None:
    (candidate,) = extract(text, gaz, lang=lang, published=date(2025, 10, 31)).candidates
    assert (candidate.country, candidate.status) == ("MY", "held")
