"""The revision ledger: stamps move only when an event really changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from timeline import edtf, ledger, text
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
    assert {r.created for r in first.values()} == {T0}

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
    assert second[admm.id].created == T0
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


def test_version_1_ledgers_are_upgraded_without_new_revisions(data_copy: Path) -> None:
    ds = normalise(data_copy)
    current = ledger.advance({}, ds.events, T0, shown(ds))
    v1 = {k: ledger.Revision(r.fingerprint, r.sequence, r.created, r.modified) for k, r in current.items()}
    old_text = ledger.dumps(v1).replace('"version": 2', '"version": 1')
    assert ledger.advance(ledger.parse(old_text), ds.events, T1, shown(ds)) == current


def test_dump_parse_round_trip(data_copy: Path) -> None:
    ds = normalise(data_copy)
    events = ds.events
    state = ledger.advance({}, events, T0, shown(ds))
    state = ledger.advance(state, events[1:], T1, shown(ds))
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
