"""Bilateral meetings read from who met whom: the people of ``people.yaml`` name the sides.

The people here are made up (names no article has), added to the real data's gazetteers, so the
tests say how the engine reads people and do not depend on who ``data/people.yaml`` lists.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.conftest import REPO
from timeline.extract import Gazetteer, extract
from timeline.model import Dataset, Person, Role
from timeline.normalise import normalise

# name → country: invented people of Viet Nam (the followed country), Japan, China and Malaysia
PEOPLE = {
    "Quorvan Tellis": "JP",
    "Brannoch Vesk": "CN",
    "Trần Văn Thử": "VN",
    "Tran Van Thu": "VN",
    "Idris Kamarulzed": "MY",
}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return normalise(REPO / "data")


@pytest.fixture(scope="module")
def gaz(ds: Dataset) -> Gazetteer:
    people: dict[str, Person] = {}
    for name, code in PEOPLE.items():
        key = f"test-{code.lower()}"
        old = people.get(key)
        names = (*old.names, name) if old else (name,)
        people[key] = Person(key, ds.countries[code], names, (Role("defence minister", 2024),))
    return Gazetteer(replace(ds, people=people))


def bilaterals(gaz: Gazetteer, text: str, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    found = extract(text, gaz, lang=lang, published=date(2025, 11, 2)).candidates
    return sorted((str(c.start), c.countries) for c in found if c.series == gaz.bilateral)


def test_a_person_is_found_as_a_hit_of_their_country(gaz: Gazetteer) -> None:
    hits = gaz.find("Defence Minister Quorvan Tellis met Trần Văn Thử.")
    assert [(h.kind, h.key) for h in hits] == [("person", "JP"), ("person", "VN")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # two other countries' people met each other: one meeting of the two
        (
            "The 12th ADMM-Plus was held in Kuala Lumpur on 1 November 2025. "
            "Quorvan Tellis and Brannoch Vesk met on the sidelines of the ADMM-Plus.",
            "en",
            [("2025-11-01", ("JP", "CN"))],
        ),
        # the followed country's person is its own side: the counterpart is the other one
        (
            "General Tran Van Thu, welcoming Defence Minister Quorvan Tellis in Hanoi on October 30.",
            "en",
            [("2025-10-30", ("JP",))],
        ),
        (
            "Sáng 30/10, Đại tướng Trần Văn Thử chủ trì lễ đón Đại tướng Quorvan Tellis.",
            "vi",
            [("2025-10-30", ("JP",))],
        ),
        # the subject's person, with counterparts named after the cues: one meeting with each counterpart
        (
            "On 30 October, Defence Minister Idris Kamarulzed held talks with Japanese Defence Minister Quorvan "
            "Tellis and met Chinese Defence Minister Brannoch Vesk.",
            "en",
            [("2025-10-30", ("CN",)), ("2025-10-30", ("JP",))],
        ),
        # "the meeting between" two ministers named by person and demonym: one meeting
        (
            "The meeting between Defence Minister Idris Kamarulzed and his Japanese counterpart Quorvan Tellis "
            "on 30 October discussed security challenges.",
            "en",
            [("2025-10-30", ("MY", "JP"))],
        ),
    ],
)
def test_people_of_two_countries_and_a_meeting_word_are_a_bilateral_meeting(
    gaz: Gazetteer, text: str, lang: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert bilaterals(gaz, text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # one person and a group: no one country's meeting
        ("The ASEAN army chiefs called on Defence Minister Idris Kamarulzed at the ministry on 30 October.", "en"),
        # people of two countries with no meeting word
        ("Quorvan Tellis and Brannoch Vesk attended the opening on 30 October.", "en"),
        ("Ngày 30/10, Đại tướng Trần Văn Thử tiếp tục trao đổi với Quorvan Tellis qua thư.", "vi"),
        # people of three countries: a meeting of several, not a bilateral one
        ("Quorvan Tellis, Brannoch Vesk and Idris Kamarulzed met on 30 October.", "en"),
    ],
)
def test_people_without_a_meeting_of_two_sides_are_no_bilateral_meeting(gaz: Gazetteer, text: str, lang: str) -> None:
    assert bilaterals(gaz, text, lang) == []


def test_the_real_people_file_names_each_person_once(ds: Dataset) -> None:
    # whatever people.yaml lists: every person has a name, a known country, and roles in order of years
    seen: dict[str, str] = {}
    for person in ds.people.values():
        assert person.names
        assert person.country.code in ds.countries
        for name in person.names:
            assert seen.setdefault(name.casefold(), person.key) == person.key
        for role in person.roles:
            assert role.end is None or role.end >= role.start
