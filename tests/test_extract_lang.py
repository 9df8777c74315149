"""The language files of `timeline extract` (timeline/extract/lang/*.yaml): every cue finds each of
its examples and none of its counter-examples; the engine applies only the article's language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.extract import Gazetteer, extract
from timeline.extract import dates as D
from timeline.extract.rules import CUES, languages, load
from timeline.normalise import normalise

DATA = Path(__file__).resolve().parent.parent / "data"

CASES = [
    (lang, name, example, True)
    for lang in languages()
    for name, cue in load(lang).cues.items()
    for example in cue.examples
] + [(lang, name, text, False) for lang in languages() for name, cue in load(lang).cues.items() for text in cue.counter]


def test_there_are_languages_and_every_file_has_every_cue() -> None:
    assert {"en", "vi"} <= set(languages())
    for lang in languages():
        assert set(CUES) <= set(load(lang).cues), lang


@pytest.mark.parametrize(
    ("lang", "cue", "text", "found"), CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)]
)
def test_every_rule_example(lang: str, cue: str, text: str, found: bool) -> None:
    assert (load(lang).re(cue).search(text) is not None) is found


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(normalise(DATA))


def test_no_vietnamese_rule_fires_on_english_text() -> None:
    # "5/3" is a Vietnamese day-first date; in an English article it is no date at all
    assert [m.text for m in D.find("The vote was 5/3 in favour.", lang="en")] == []
    assert [m.text for m in D.find("Ngày 5/3, hội nghị diễn ra.", lang="vi")] == ["Ngày 5/3"]


def test_relative_weeks_count_from_the_published_day(gaz: Gazetteer) -> None:
    found = extract("The ADMM Retreat will be held next week.", gaz, lang="en", published=date(2025, 2, 12)).candidates
    assert [(c.series, c.start, c.end, c.status) for c in found] == [("admm-retreat", "2025-02", None, "planned")]
    found = extract("Hội nghị ADSOM sẽ diễn ra vào tuần tới.", gaz, lang="vi", published=date(2025, 9, 29)).candidates
    assert [(c.series, c.start, c.end) for c in found] == [("adsom", "2025-10", None)]
    # a week across two months keeps both
    found = extract("The ADSOM was held last week.", gaz, lang="en", published=date(2025, 11, 5)).candidates
    assert [(c.start, c.end, c.status) for c in found] == [("2025-10", "2025-11", "held")]


def test_a_vietnamese_weekday(gaz: Gazetteer) -> None:
    found = extract("Thứ Bảy, Hội nghị ADMM+ đã diễn ra.", gaz, lang="vi", published=date(2025, 11, 3)).candidates
    assert [c.start for c in found] == ["2025-11-01"]
    assert D.find("Hội nghị lần thứ năm", lang="vi") == []
