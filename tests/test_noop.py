"""The no-op build: nothing changed, nothing rendered; and never a no-op when something did."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.golden import FIXTURE
from tests.test_buildcache import EVENT, build, edit
from timeline import build as build_module
from timeline import buildcache, inputs
from timeline.buildcache import BuildCache, Inputs
from timeline.writer import MANIFEST


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path


def test_an_edit_during_the_build_is_built_by_the_next_one(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data file edited after the build read it: the build is keyed by the inputs it read, so the
    next build sees the edit (keyed after the build, it would call the edited data built)."""
    data, out, cache = work / "data", work / "feeds", work / "cache"
    real = build_module.normalise

    def then_edit(*args: Any, **kwargs: Any) -> Any:
        dataset = real(*args, **kwargs)
        edit(data)  # the maintainer saves a file while the build renders
        return dataset

    monkeypatch.setattr(build_module, "normalise", then_edit)
    build(data, out, cache)
    assert "CANCELLED" not in (out / "events/2025-11-admm-plus-12.ics").read_text("utf-8")
    monkeypatch.setattr(build_module, "normalise", real)
    output = build(data, out, cache)
    assert "0 written" not in output
    assert "STATUS:CANCELLED" in (out / "events/2025-11-admm-plus-12.ics").read_text("utf-8"), output
    assert "0 written" in build(data, out, cache)


def test_a_deleted_output_and_a_stray_temporary_file_are_seen(work: Path) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    assert "0 written" in build(data, out, cache)
    (out / "events/2025-11-admm-plus-12.ics").unlink()
    output = build(data, out, cache)
    assert f"wrote {out.as_posix()}/events/2025-11-admm-plus-12.ics" in output
    stray = out / "events" / ".x.ics.abcdefgh.tmp"  # left by a killed build
    stray.write_bytes(b"half")
    assert "0 written" in build(data, out, cache)
    assert not stray.exists()
    manifest = (out / MANIFEST).read_bytes()
    (out / MANIFEST).write_bytes(manifest + b"\n")
    build(data, out, cache)
    assert (out / MANIFEST).read_bytes() == manifest  # the manifest is one of the files checked


def _inputs(data: Path, cache: Path) -> Inputs:
    store = BuildCache(cache / buildcache.FOLDER)
    try:
        scanned = Inputs(data, cache, store)
        scanned.found  # noqa: B018 - the per-file hashes, worked out
        return scanned
    finally:
        store.close()


def _snapshots(cache: Path) -> list[tuple[str, str, str]]:
    with contextlib.closing(sqlite3.connect(cache / buildcache.FOLDER / buildcache.FILE)) as db:
        return db.execute("SELECT key, content, ledger FROM snapshot").fetchall()


def test_a_snapshot_is_kept_only_when_every_stat_is_trusted(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written in the same clock tick as their hash (the racy rule): no snapshot of their stats."""
    data, cache = work / "data", work / "cache"
    truth = _inputs(data, cache)
    assert _snapshots(cache) == []  # the fixture was copied just now
    monkeypatch.setattr(inputs, "MARGIN_NS", 0)
    assert _inputs(data, cache).content == truth.content
    ((key, content, ledger),) = _snapshots(cache)
    assert (content, ledger) == (truth.content, truth.ledger)
    again = _inputs(data, cache)
    assert (again.snapshot, again.content) == (key, truth.content)


def test_a_snapshot_is_not_trusted_under_rehash_nor_once_a_stat_changes(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, cache = work / "data", work / "cache"
    monkeypatch.setattr(inputs, "MARGIN_NS", 0)
    truth = _inputs(data, cache)
    _inputs(data, cache)
    with contextlib.closing(sqlite3.connect(cache / buildcache.FOLDER / buildcache.FILE)) as db, db:
        db.execute("UPDATE snapshot SET content = 'wrong'")  # what trusting it would give
    store = BuildCache(cache / buildcache.FOLDER)
    assert Inputs(data, cache, store).content == "wrong"
    store.close()
    monkeypatch.setenv("TIMELINE_REHASH", "1")
    assert _inputs(data, cache).content == truth.content
    monkeypatch.delenv("TIMELINE_REHASH")
    os.utime(data / EVENT)  # same bytes, another stat: not the snapshot's, and the same key
    assert _inputs(data, cache).content == truth.content
