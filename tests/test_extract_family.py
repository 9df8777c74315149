"""The beat's family of meetings (data/series.yaml) read generically: a series the extractor learns
from the gazetteer alone is found with its ordinal, its year and its abbreviation plus number, in
English and Vietnamese, and a name inside an unrelated phrase makes no candidate. Sentences of our
own, of the shapes real reports have (never the text of a gold file)."""

from __future__ import annotations

import re

import pytest

from timeline.extract import Gazetteer, extract


def _acronym_series(gaz: Gazetteer) -> list[str]:
    return sorted(s.key for s in gaz.series.values() if re.fullmatch(r"[A-Z]{3,6}", s.short.get("en", "")))


def _read(gaz: Gazetteer, text: str, lang: str) -> list[tuple[str, str, int | None]]:
    return [(c.series, str(c.start), c.ordinal) for c in extract(text, gaz, lang=lang).candidates]


def test_every_series_with_an_acronym_is_read_by_its_ordinal_year_and_numbered_acronym(gaz: Gazetteer) -> None:
    keys = _acronym_series(gaz)
    assert keys  # the gazetteer names series by acronym
    for key in keys:
        series = gaz.series[key]
        short, en, vi = series.short["en"], series.name["en"], series.name["vi"]
        cases = [
            ("en", f"The 13th {en} ({short}-13) was held in Manila on 4 March 2026.", 13),
            ("en", f"{short}-13 was held in Manila on 4 March 2026.", 13),
            ("en", f"The 2026 {en} was held in Manila on 4 March.", None),
            ("vi", f"Ngày 4/3/2026, {vi} lần thứ 13 ({short}-13) đã diễn ra tại Manila.", 13),
            ("vi", f"Ngày 4/3/2026, {vi} năm 2026 đã diễn ra tại Manila.", None),
        ]
        for lang, text, ordinal in cases:
            got = _read(gaz, text, lang)
            assert [row[:2] for row in got] == [(key, "2026-03-04")], text
            if ordinal is not None:
                assert got[0][2] == ordinal, text


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a meeting reported along with another of the same trip, each by its own name
        (
            "en",
            "The 21st ASEAN Chiefs of Defence Forces Meeting (ACDFM) was held along with the 14th ASEAN "
            "Military Operations Meeting (AMOM) in Laos on 5 September 2024.",
            [("amom", "2024-09-05", 14)],
        ),
        (
            "vi",
            "Ngày 10/3/2021, Hội nghị Cục trưởng Tác chiến Quân đội các nước ASEAN lần thứ 11 (AMOM-11) "
            "được tổ chức theo hình thức trực tuyến.",
            [("amom", "2021-03-10", 11)],
        ),
        (
            "en",
            "On December 1-3, 2021 the first ASEAN-Russia Naval Exercise \u201cARNEX\u201d was held in Malacca Strait.",
            [("arnex", "2021-12-01", 1)],
        ),
        (
            "vi",
            "Ngày 1-3/12/2021, cuộc Diễn tập hải quân ASEAN - Nga lần thứ nhất đã diễn ra tại eo biển Malacca.",
            [("arnex", "2021-12-01", 1)],
        ),
        (
            "en",
            "The participating countries also agreed to hold the second China-ASEAN maritime exercise in 2027.",
            [("china-asean-maritime-exercise", "2027", 2)],
        ),
        (
            "vi",
            "Các nước nhất trí tổ chức Diễn tập hàng hải ASEAN - Trung Quốc lần thứ hai vào năm 2027.",
            [("china-asean-maritime-exercise", "2027", 2)],
        ),
        (
            "en",
            "Teams from ten armies competed at the 32nd ASEAN Armies Rifle Meet (AARM 32) in Jakarta "
            "from 5 to 20 November 2024.",
            [("aarm", "2024-11-05", 32)],
        ),
        (
            "vi",
            "Từ ngày 5 đến 20/11/2024, Giải bắn súng quân dụng Lục quân các nước ASEAN lần thứ 32 (AARM-32) "
            "diễn ra tại Jakarta.",
            [("aarm", "2024-11-05", 32)],
        ),
        (
            "vi",
            "Ngày 12/3/2025, Đối thoại Quốc phòng Quốc tế Jakarta lần thứ 14 khai mạc tại Jakarta.",
            [("jidd", "2025-03-12", 14)],
        ),
        (
            "en",
            "The 12th Moscow Conference on International Security opened on 20 August 2024.",
            [("moscow-conference", "2024-08-20", 12)],
        ),
        # an exercise of a family (relation: exercise) is the exercise, not the ministers' meeting
        (
            "en",
            "The Five Power Defence Arrangements' Exercise Bersama Shield began in Malaysia on 4 May 2025.",
            [("fpda-exercise", "2025-05-04", None)],
        ),
        (
            "vi",
            "Từ ngày 6 đến 17/10/2025, các nước FPDA sẽ tổ chức Diễn tập FPDA Bersama Lima tại Malaysia.",
            [("fpda-exercise", "2025-10-06", None)],
        ),
    ],
)
def test_the_familys_meetings_are_found_in_report_sentences(
    gaz: Gazetteer, lang: str, text: str, expected: list[tuple[str, str, int | None]]
) -> None:
    assert _read(gaz, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # "Lima" of "Bersama Lima" is not the exercise; "Indo Defence" of a title is not the expo
        ("en", "Trade talks were held in Lima, Peru on 4 March 2026."),
        ("en", "He met the Indo Defence Minister's aide on 4 March 2026 in Jakarta."),
        # a network named without its meeting is not a meeting
        ("vi", "Ngày 4/3/2026, đại diện Mạng lưới các Trung tâm Gìn giữ hòa bình ASEAN thăm Hà Nội."),
    ],
)
def test_a_familys_word_in_an_unrelated_phrase_makes_no_candidate(gaz: Gazetteer, lang: str, text: str) -> None:
    assert _read(gaz, text, lang) == []
