"""The curated data set: valid, and honest about dates — checked as properties that hold however
the data grows (no test pins the real data's counts or contents; the fixture does that)."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from timeline.model import Dataset, Status
from timeline.normalise import normalise

DATA = REPO / "data"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return normalise(DATA, "data")


def test_a_sideline_meeting_overlaps_its_main_event(ds: Dataset) -> None:
    events = {e.id: e for e in ds.events}
    for event in ds.events:
        if event.part_of is None:
            continue
        main = events[event.part_of]
        assert event.when.first_day <= main.when.last_day, event.id
        assert main.when.first_day <= event.when.last_day, event.id


def test_nothing_is_reported_held_before_it_happened(ds: Dataset) -> None:
    """A held event starts no later than the newest of its sources appeared (a source cannot
    report a meeting held that had not begun)."""
    for event in ds.events:
        published = [c.source.published.last_day for c in event.sources if c.source.published is not None]
        if event.status is Status.HELD and published:
            assert event.when.first_day <= max(published), event.id


def test_every_committed_text_is_cleared_and_every_other_source_has_a_url(ds: Dataset) -> None:
    policy = ds.config.full_text
    for source in ds.sources.values():
        if source.file is not None:
            assert policy.allows(source.id, source.publisher, source.licence), source.id
        else:
            assert source.url, source.id


def test_aliases_resolve(ds: Dataset) -> None:
    aliases = {a.casefold(): s.key for s in ds.series.values() for a in s.aliases}
    assert aliases["admm hẹp"] == "admm-retreat"
    assert aliases["admm+"] == "admm-plus"
    assert aliases["adsom+"] == "adsom-plus"
