"""`timeline extract`: every meeting, known or not; dates that belong to their own meeting
(respectively, coordinated lists, end dates and extensions, datelines, trips); bilateral meetings
with their counterpart and main meeting; extraction in linear time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.extract import Gazetteer, extract
from timeline.extract.candidate import Candidate
from timeline.normalise import normalise

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(normalise(DATA))


def run(gaz: Gazetteer, text: str, lang: str, published: date | None) -> list[Candidate]:
    return list(extract(text, gaz, lang=lang, published=published).candidates)


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        (
            "The 13th ASEAN Chiefs of Military Logistics Meeting (AMLM-13) was held in Bangkok on March 4.",
            "en",
            "ASEAN Chiefs of Military Logistics Meeting",
        ),
        (
            "Ngày 4/3, Hội nghị Cục trưởng Hậu cần quân đội các nước ASEAN lần thứ 13 (AMLM-13) đã diễn ra tại Bangkok.",
            "vi",
            "Hội nghị Cục trưởng Hậu cần quân đội các nước ASEAN",
        ),
    ],
)
def test_a_meeting_the_gazetteer_lacks_is_a_candidate_with_a_proposed_series(
    gaz: Gazetteer, text: str, lang: str, name: str
) -> None:
    assert "amlm" not in gaz.series
    (c,) = run(gaz, text, lang, date(2025, 3, 5))
    d = c.as_dict()
    assert (d["series"], d["known_series"], d["ordinal"], d["start"], d["city"]) == (
        "amlm",
        False,
        13,
        "2025-03-04",
        "Bangkok",
    )
    assert d["proposed_series"] == {"names": {lang: name}, "short": {lang: "AMLM"}, "parent": None, "relation": None}


def test_a_known_meeting_says_so(gaz: Gazetteer) -> None:
    (c,) = run(gaz, "The 18th ASEAN Chiefs of Defence Forces' Meeting was held on 18 March 2021.", "en", None)
    assert (c.series, c.as_dict()["known_series"], c.ordinal, str(c.start)) == ("acdfm", True, 18, "2021-03-18")
    assert "proposed_series" not in c.as_dict()


def test_a_related_series_is_read_through_the_relations_in_data(gaz: Gazetteer) -> None:
    (c,) = run(gaz, "The ADSOM WG was held on 14 February 2023 in Jakarta.", "en", None)
    assert (c.series, c.city) == ("adsom-wg", "Jakarta")


def test_respectively_distributes_the_dates(gaz: Gazetteer) -> None:
    found = run(
        gaz,
        "The ADSOM and the ADSOM-Plus were held on 24 and 25 September respectively in Johor.",
        "en",
        date(2025, 9, 26),
    )
    assert [(c.series, str(c.start)) for c in found] == [("adsom", "2025-09-24"), ("adsom-plus", "2025-09-25")]


def test_coordinated_meetings_each_keep_their_name_and_date(gaz: Gazetteer) -> None:
    text = "The 19th ADMM and the 12th ADMM-Plus were held on October 31 and November 1 in Kuala Lumpur."
    found = run(gaz, text, "en", date(2025, 11, 2))
    assert [(c.series, c.ordinal, str(c.start)) for c in found] == [
        ("admm", 19, "2025-10-31"),
        ("admm-plus", 12, "2025-11-01"),
    ]


def test_an_extension_is_the_end_never_the_start(gaz: Gazetteer) -> None:
    text = "The ADMM-Plus Field Training Exercise opened on 25 September and was extended by one day, to 1 October."
    (c,) = run(gaz, text, "en", date(2025, 9, 24))
    assert (c.series, str(c.start), (str(c.end) if c.end else None)) == (
        "admm-plus-exercise",
        "2025-09-25",
        "2025-10-01",
    )


def test_an_exercise_of_a_working_group_is_the_exercise(gaz: Gazetteer) -> None:
    text = "It was preceded by Table Top Exercise of the ADMM Plus EWG on Counter Terrorism at Nay Pyi Taw, Myanmar from 2nd to 4th August 2023."
    assert [
        (c.series, str(c.start), (str(c.end) if c.end else None)) for c in run(gaz, text, "en", date(2023, 9, 24))
    ] == [("admm-plus-exercise", "2023-08-02", "2023-08-04")]


def test_a_datelines_date_is_the_publication_day_never_the_meetings(gaz: Gazetteer) -> None:
    text = "KUALA LUMPUR, Nov 1, 2025 (Bernama) -- The 12th ADMM-Plus will open on Saturday."
    result = extract(text, gaz, lang="en")
    assert [(c.series, str(c.start), c.year_known) for c in result.candidates] == [("admm-plus", "2025-11-01", True)]
    # the dateline's date alone dates no meeting
    assert run(gaz, "VIENTIANE, Nov 20 (Xinhua) -- The 18th ADMM opened its talks.", "en", date(2024, 11, 21)) == []


def test_no_year_in_the_text_and_no_published_day_is_an_unknown_year(gaz: Gazetteer) -> None:
    (c,) = run(gaz, "The 12th ADMM-Plus was held on Saturday (November 1) in Kuala Lumpur.", "en", None)
    assert (str(c.start), c.year_known, c.as_dict()["year_known"]) == ("XXXX-11-01", False, False)


def test_a_trip_keeps_the_date_the_meeting_is_given_after_it(gaz: Gazetteer) -> None:
    text = (
        "Indian Army Contingent departed for ADMM-Plus Field Training Exercise (FTX) 2023 scheduled to be "
        "conducted from 25th to 30th September 2023 in Russia."
    )
    assert [
        (c.series, str(c.start), (str(c.end) if c.end else None), c.status)
        for c in run(gaz, text, "en", date(2023, 9, 24))
    ] == [("admm-plus-exercise", "2023-09-25", "2023-09-30", "planned")]
    assert run(gaz, "Sáng 4/3, Đại tướng lên đường sang Lào dự Hội nghị ADMM hẹp.", "vi", date(2024, 3, 4)) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "On the sidelines of the 12th ADMM-Plus on November 1, General Phan Van Giang met Japanese Defence Minister Nakatani Gen.",
            "en",
            [("JP",)],
        ),
        (
            "Bên lề Hội nghị ADMM+ lần thứ 12 ngày 1/11, Đại tướng Phan Văn Giang đã gặp song phương Bộ trưởng Quốc phòng Nhật Bản và phía Úc.",
            "vi",
            [("AU",), ("JP",)],
        ),
    ],
)
def test_a_bilateral_meeting_names_its_counterpart_and_main_meeting(
    gaz: Gazetteer, text: str, lang: str, expected: list[tuple[str, ...]]
) -> None:
    found = [c for c in run(gaz, text, lang, date(2025, 11, 2)) if c.series == "bilateral"]
    assert sorted(c.countries for c in found) == expected
    for c in found:
        assert (str(c.start), c.part_of) == (
            "2025-11-01",
            {"series": "admm-plus", "ordinal": 12, "start": "2025-11-01"},
        )
        assert c.as_dict()["part_of"] == c.part_of


def test_the_followed_country_is_never_a_counterpart_and_another_countrys_meetings_are_not_the_beats(
    gaz: Gazetteer,
) -> None:
    text = "Bên lề Hội nghị ADMM+ ngày 1/11, Việt Nam và Nhật Bản đã hội đàm song phương."
    assert [c.countries for c in run(gaz, text, "vi", date(2025, 11, 2)) if c.series == "bilateral"] == [("JP",)]
    text = (
        "Robinson led the Philippine delegation to the ADSOM-Plus WG in Jakarta from Feb. 14 to 17.\n"
        "At the sidelines, Robinson met with counterparts from Australia, Japan and Singapore."
    )
    assert [c for c in run(gaz, text, "en", date(2023, 2, 20)) if c.series == "bilateral"] == []
    # one dated by its own day is reported as a meeting of its own, whoever's it is
    text = text.replace("Singapore.", "Singapore on Feb. 15.")
    found = [c for c in run(gaz, text, "en", date(2023, 2, 20)) if c.series == "bilateral"]
    assert sorted(c.countries for c in found) == [("AU",), ("JP",), ("SG",)]


def test_a_bilateral_meeting_whose_counterpart_cannot_be_read_is_no_candidate(gaz: Gazetteer) -> None:
    text = "Bên lề Hội nghị ADMM+ ngày 1/11, Đại tướng đã có các cuộc tiếp xúc song phương với lãnh đạo một số đối tác."
    assert [c for c in run(gaz, text, "vi", date(2025, 11, 2)) if c.series == "bilateral"] == []


def test_informal_meetings_with_each_partner_named(gaz: Gazetteer) -> None:
    text = "Minister Giang will also attend informal ASEAN meetings with China and Japan on June 21-23, 2022."
    found = run(gaz, text, "en", None)
    assert [(c.series, str(c.start), (str(c.end) if c.end else None)) for c in found] == [
        ("admm-informal-cn", "2022-06-21", "2022-06-23"),
        ("admm-informal-jp", "2022-06-21", "2022-06-23"),
    ]
