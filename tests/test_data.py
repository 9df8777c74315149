"""The curated data set: valid, complete for the seed articles, and honest about precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from timeline.edtf import Precision
from timeline.model import Dataset, Status
from timeline.normalise import normalise

DATA = REPO / "data"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return normalise(DATA, "data")


@pytest.mark.parametrize(
    ("event_id", "when", "place", "country", "status"),
    [
        ("2024-03-05-admm-retreat", "2024-03-05", "luang-prabang", "LA", Status.HELD),
        ("2025-09-25-adsom-plus", "2025-09-25", "johor", "MY", Status.HELD),
        ("2025-11-admm-plus-12", "2025-11", "malaysia", "MY", Status.PLANNED),
    ],
)
def test_headline_events(ds: Dataset, event_id: str, when: str, place: str, country: str, status: Status) -> None:
    event = next(e for e in ds.events if e.id == event_id)
    assert event.when.edtf == when
    assert event.place is not None
    assert event.place.key == place
    assert event.place.country.code == country
    assert event.status is status


def test_admm_plus_stays_a_month(ds: Dataset) -> None:
    event = next(e for e in ds.events if e.id == "2025-11-admm-plus-12")
    assert event.when.precision is Precision.MONTH
    assert event.ordinal == 12


def test_sideline_meetings_point_to_the_adsom_plus(ds: Dataset) -> None:
    bilateral = [e for e in ds.events if e.series.key == "bilateral"]
    assert len(bilateral) == 7
    assert {e.part_of for e in bilateral} == {"2025-09-25-adsom-plus"}


def test_every_event_cites_a_stored_source(ds: Dataset) -> None:
    for event in ds.events:
        for citation in event.sources:
            assert citation.source.text, f"{event.id}: source text is stored"
            assert " ".join(citation.quote.split()) in " ".join(citation.source.text.split())


def test_seed_articles_are_kept_with_metadata(ds: Dataset) -> None:
    assert {s.language for s in ds.sources.values()} == {"vi"}
    assert {s.published.edtf for s in ds.sources.values() if s.published} == {"2024-03?", "2025-09?"}
    files = sorted(Path(DATA / "sources").glob("*.txt"))
    assert len(files) == 2


def test_aliases_resolve(ds: Dataset) -> None:
    aliases = {a.casefold(): s.key for s in ds.series.values() for a in s.aliases}
    assert aliases["admm hẹp"] == "admm-retreat"
    assert aliases["admm+"] == "admm-plus"
    assert aliases["adsom+"] == "adsom-plus"
