"""`timeline extract` on English text: rules grown from the heldout4 and dev2 misses (the splits
were opened for rule writing once their blind scores were reported). Each test is a shape of
sentence, not an article: the texts are written for the test.
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


def events(gaz: Gazetteer, text: str, published: date | None = None) -> list[tuple[str, str, str | None, str]]:
    return [(c.series, c.start, c.end, c.status) for c in extract(text, gaz, lang="en", published=published).candidates]


@pytest.mark.parametrize(
    "context",
    [
        "The ministers reaffirmed the 1982 UNCLOS.",
        "They upheld the 1982 United Nations Convention on the Law of the Sea.",
        "The date was set during their tele-summit in November 2021.",
        "The group will be co-chaired until 2027.",
    ],
)
def test_a_year_of_another_time_is_not_the_articles(gaz: Gazetteer, context: str) -> None:
    # without a published day, only a year the article states as its own dates "19-22 November"
    text = f"The 18th ADMM was held in Vientiane on 19-22 November. {context}"
    assert events(gaz, text) == [("admm", "XXXX-11-19", "XXXX-11-22", "held")]


def test_the_chairmanship_year_is_the_articles(gaz: Gazetteer) -> None:
    text = "The 18th ADMM was held in Vientiane on 19-22 November, during Laos' ASEAN Chairmanship 2024."
    assert events(gaz, text) == [("admm", "2024-11-19", "2024-11-22", "held")]
