"""The revision ledger: stamps move only when an event really changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from timeline import edtf, ledger
from timeline.model import Status
from timeline.normalise import normalise

T0 = datetime(2026, 1, 1, tzinfo=UTC)
T1 = datetime(2026, 2, 1, tzinfo=UTC)
T2 = datetime(2026, 3, 1, tzinfo=UTC)


def test_lifecycle(data_copy: Path) -> None:
    events = normalise(data_copy).events
    first = ledger.advance({}, events, T0)
    assert {r.sequence for r in first.values()} == {0}
    assert {r.created for r in first.values()} == {T0}

    assert ledger.advance(first, events, T1) == first, "unchanged data, later clock: nothing moves"

    admm = next(e for e in events if e.id == "2025-11-admm-plus-12")
    held = replace(admm, when=edtf.parse("2025-11-01"), status=Status.HELD)
    changed = tuple(held if e.id == admm.id else e for e in events)
    second = ledger.advance(first, changed, T1)
    assert second[admm.id].sequence == 1
    assert second[admm.id].created == T0
    assert second[admm.id].modified == T1
    assert {k: v for k, v in second.items() if k != admm.id} == {k: v for k, v in first.items() if k != admm.id}

    removed = tuple(e for e in changed if e.id != admm.id)
    third = ledger.advance(second, removed, T2)
    assert third[admm.id].removed == T2
    assert third[admm.id].sequence == 2
    assert ledger.advance(third, removed, T2 + (T2 - T1)) == third, "a tombstone stays as it is"


def test_dump_parse_round_trip(data_copy: Path) -> None:
    events = normalise(data_copy).events
    state = ledger.advance({}, events, T0)
    state = ledger.advance(state, events[1:], T1)
    text = ledger.dumps(state)
    assert ledger.parse(text) == state
    assert text.count("\n") == len(state) + 5, "one event per line"


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
