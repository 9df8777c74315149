"""The revision ledger: stamps move only when an event really changes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from timeline import edtf, ledger, lockfile, text
from timeline.build import shown
from timeline.model import Status
from timeline.normalise import normalise

T0 = datetime(2026, 1, 1, tzinfo=UTC)
T1 = datetime(2026, 2, 1, tzinfo=UTC)
T2 = datetime(2026, 3, 1, tzinfo=UTC)


def test_lifecycle(data_copy: Path) -> None:
    ds = normalise(data_copy)
    events = ds.events
    first = ledger.advance({}, events, T0, shown(ds))
    assert {r.sequence for r in first.values()} == {0}
    # One build stamps every new event a second apart, back from the build moment in id order:
    # no two revisions share a moment, and none is after the clock.
    n = len(first)
    assert [first[k].created for k in sorted(first)] == [T0 - (n - 1 - i) * ledger.SECOND for i in range(n)]

    assert ledger.advance(first, events, T1, shown(ds)) == first, "unchanged data, later clock: nothing moves"
    assert first["2025-11-admm-plus-12"].changes == ()

    admm = next(e for e in events if e.id == "2025-11-admm-plus-12")
    held = replace(admm, when=edtf.parse("2025-11-01"), status=Status.HELD)
    changed = tuple(held if e.id == admm.id else e for e in events)
    second = ledger.advance(first, changed, T1, shown(ds))
    assert second[admm.id].sequence == 1
    assert second[admm.id].changes == (
        ledger.Change("when", "2025-11", "2025-11-01"),
        ledger.Change("status", "planned", "held"),
    )
    assert (
        text.changes(second[admm.id].changes, held, "en")
        == "date confirmed: 1 November 2025; status: held (was planned)"
    )
    assert text.changes(second[admm.id].changes, held, "vi") == (
        "đã xác định ngày: ngày 1/11/2025; tình trạng: đã diễn ra (trước đây dự kiến)"
    )
    assert second[admm.id].created == first[admm.id].created
    assert second[admm.id].modified == T1
    assert {k: v for k, v in second.items() if k != admm.id} == {k: v for k, v in first.items() if k != admm.id}

    removed = tuple(e for e in changed if e.id != admm.id)
    third = ledger.advance(second, removed, T2, shown(ds))
    assert third[admm.id].removed == T2
    assert third[admm.id].sequence == 2
    assert third[admm.id].changes == (ledger.Change("removed"),)
    assert third[admm.id].shown == first[admm.id].shown, "a tombstone keeps how it was last shown"
    assert ledger.advance(third, removed, T2 + (T2 - T1), shown(ds)) == third, "a tombstone stays as it is"
    fourth = ledger.advance(third, changed, T2 + (T2 - T1), shown(ds))
    assert fourth[admm.id].removed is None
    assert fourth[admm.id].sequence == 3
    assert fourth[admm.id].changes == (ledger.Change("restored"),)
    assert [(h.sequence, h.at, h.changes) for h in fourth[admm.id].history] == [
        (0, first[admm.id].created, ()),
        (1, T1, second[admm.id].changes),
        (2, T2, (ledger.Change("removed"),)),
        (3, T2 + (T2 - T1), (ledger.Change("restored"),)),
    ], "every revision is kept, for the change feeds"


def test_revisions_get_moments_of_their_own() -> None:
    same = datetime(2026, 11, 23, 11, 45, tzinfo=UTC)
    old = {k: ledger.Revision("sha256:x", 0, same, same) for k in ("b", "a", "c")}  # a version-2 ledger
    spread = ledger.distinct({k: replace(r, history=r.steps()) for k, r in old.items()})
    assert [spread[k].created for k in "abc"] == [same - 2 * ledger.SECOND, same - ledger.SECOND, same]
    assert all(r.modified == r.created for r in spread.values())
    assert ledger.distinct(spread) == spread, "moments already apart stay as they are"


def test_version_1_ledgers_are_upgraded_without_new_revisions(data_copy: Path) -> None:
    ds = normalise(data_copy)
    current = ledger.advance({}, ds.events, T0, shown(ds))
    v1 = {
        k: {"fingerprint": r.fingerprint, "sequence": r.sequence, "created": f"{r.created:%Y-%m-%dT%H:%M:%SZ}",
            "modified": f"{r.modified:%Y-%m-%dT%H:%M:%SZ}"}
        for k, r in current.items()
    }  # fmt: skip
    old_text = json.dumps({"version": 1, "events": v1})
    assert ledger.advance(ledger.parse(old_text), ds.events, T1, shown(ds)) == current


def test_dump_parse_round_trip(data_copy: Path) -> None:
    ds = normalise(data_copy)
    events = ds.events
    state = ledger.advance({}, events, T0, shown(ds))
    state = ledger.advance(state, events[1:], T1, shown(ds))
    text = ledger.dumps(state, T1)
    assert ledger.parse(text) == state
    assert ledger.as_of(text) == T1
    assert text.count("\n") == len(state) + 6, "one event per line"


def test_a_ledger_this_code_wrote_reads_back_line_by_line(data_copy: Path) -> None:
    ds = normalise(data_copy)
    state = ledger.advance({}, ds.events, T0, shown(ds))
    state = ledger.advance(state, ds.events[1:], T1, shown(ds))
    text = ledger.dumps(state, T1)
    read = lockfile.read_written(text)
    assert read == (state, T1)
    assert ledger.dumps(read[0], T1) == text  # from the lines it remembered
    assert lockfile.read_written(ledger.dumps({}, None)) == ({}, None)
    assert lockfile.read_written(ledger.dumps(state)) == (state, None)
    assert lockfile.read_written(text.replace("\n    ", "\n   ", 1)) is None  # not this layout: read in full
    assert lockfile.read_written(json.dumps(json.loads(text))) is None
    assert lockfile.read_written(text.replace('"version": 3', '"version": 2')) is None


def test_an_unchanged_event_keeps_its_revision_object(data_copy: Path) -> None:
    ds = normalise(data_copy)
    state = ledger.advance({}, ds.events, T0, shown(ds))
    again = ledger.advance(state, ds.events, T1, {k: r.shown for k, r in state.items() if r.shown is not None})
    assert all(again[k] is state[k] for k in state)
    assert ledger.dumps(again, T1) == ledger.dumps(ledger.parse(ledger.dumps(state, T1)), T1)


def test_fingerprint_sees_gazetteer_changes(data_copy: Path) -> None:
    before = {e.id: ledger.fingerprint(e) for e in normalise(data_copy).events}
    places = data_copy / "places.yaml"
    places.write_text(places.read_text("utf-8").replace("name: {en: Kuala Lumpur,", "name: {en: KL,"), "utf-8")
    after = {e.id: ledger.fingerprint(e) for e in normalise(data_copy).events}
    changed = sorted(k for k in before if before[k] != after[k])
    assert changed == ["2025-11-19-adsom-plus", "2025-11-20-bilateral-vn-my", "2025-11-admm-plus-12"]


def test_fingerprint_ignores_file_layout(data_copy: Path) -> None:
    before = {e.id: ledger.fingerprint(e) for e in normalise(data_copy).events}
    path = data_copy / "events/2025/2025-11-admm-plus-12.yaml"
    text = path.read_text("utf-8")
    path.unlink()
    (data_copy / "events/moved").mkdir()
    (data_copy / "events/moved/2025-11-admm-plus-12.yaml").write_text("# a comment\n" + text, "utf-8")
    assert {e.id: ledger.fingerprint(e) for e in normalise(data_copy).events} == before


def test_a_rebuild_at_the_same_moment_restamps_no_unchanged_event(data_copy: Path) -> None:
    """A second build at the same --now (or seconds later) moves only its own new revisions."""
    ds = normalise(data_copy)
    first = ledger.advance({}, ds.events, T1, shown(ds))
    assert len({r.created for r in first.values()}) == len(first), "each event has a moment of its own"
    [changed, *rest] = ds.events
    edited = (replace(changed, venue="Somewhere else"), *rest)
    second = ledger.advance(first, edited, T1, shown(ds))
    for event_id, revision in first.items():
        if event_id != changed.id:
            assert second[event_id] == revision, f"{event_id} was restamped"
    new = second[changed.id]
    assert new.sequence == first[changed.id].sequence + 1
    assert new.modified >= first[changed.id].modified, "a revision never goes before its previous one"
    assert new.modified <= T1, "never after the build's clock"


def test_dump_bytes_is_dumps_in_utf8(data_copy: Path) -> None:
    """A build holds the ledger as bytes only: the same text, Vietnamese included."""
    ds = normalise(data_copy)
    state = ledger.advance({}, ds.events, T0, shown(ds))
    blob = ledger.dump_bytes(state, T1)
    assert "ị".encode() in blob
    assert blob == ledger.dumps(state, T1).encode("utf-8")
    assert lockfile.read_written(blob.decode("utf-8")) == (state, T1)


def test_fingerprint_is_the_digest_of_the_facts_canonical_json(data_copy: Path) -> None:
    """The fingerprint is assembled from one member per fact (see ledger._prints); it must stay the
    digest of json.dumps of all the facts, or every published SEQUENCE would move."""
    for event in normalise(data_copy).events:
        whole = json.dumps(ledger.facts(event), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert ledger.fingerprint(event) == "sha256:" + hashlib.sha256(whole.encode("utf-8")).hexdigest()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@given(st.text(), json_values)
def test_a_fact_member_is_its_canonical_json(key: str, value: object) -> None:
    dumped = json.dumps({key: value}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert "{" + ledger._piece(key, value) + "}" == dumped


@given(st.datetimes(timezones=st.just(UTC)))
def test_a_stamp_is_strftimes(moment: datetime) -> None:
    """Stamps are cut from isoformat (faster); they must stay what strftime wrote, in any year."""
    assert ledger._stamp(moment) == moment.strftime("%Y-%m-%dT%H:%M:%SZ")
