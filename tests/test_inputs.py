"""Which inputs changed: hashes trusted from a file's stat only where the stat cannot lie, and the
same bytes whatever the cache went through (warm, deleted, damaged) over a run of edits."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.golden import FIXTURE
from tests.test_buildcache import EVENT, build, tree
from timeline import buildcache, inputs, render_ics, render_page
from timeline.buildcache import BuildCache

LATER = ("2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z", "2026-02-03T00:00:00Z", "2026-02-04T00:00:00Z")


def same_size_edit(data: Path) -> bytes:
    """Change one event's ordinal without changing the file's size; return the bytes before."""
    path = data / EVENT
    before = path.read_bytes()
    after = before.replace(b"ordinal: 12", b"ordinal: 13", 1)
    assert after != before
    assert len(after) == len(before)
    path.write_bytes(after)
    return before


def touch_all(data: Path) -> None:
    """Give every data file another mtime, bytes untouched (as a git checkout does)."""
    for path in data.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))


def test_touched_files_are_still_a_no_op(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out, cache = tmp_path / "data", tmp_path / "feeds", tmp_path / "cache"
    shutil.copytree(FIXTURE, data)
    build(data, out, cache)
    before = tree(out, data)
    touch_all(data)

    def boom(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("rendered again")

    monkeypatch.setattr(render_ics, "vevent", boom)
    monkeypatch.setattr(render_page, "pages", boom)
    assert "0 written" in build(data, out, cache)
    assert tree(out, data) == before


def test_an_edit_that_keeps_size_and_mtime_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "MARGIN_NS", 0)  # not the racy rule: the recorded ctime tells
    data, out, cache = tmp_path / "data", tmp_path / "feeds", tmp_path / "cache"
    shutil.copytree(FIXTURE, data)
    path = data / EVENT
    build(data, out, cache)
    was = path.stat()
    same_size_edit(data)
    os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns))  # mtime put back: only ctime tells
    assert path.stat().st_size == was.st_size
    output = build(data, out, cache, LATER[0])
    assert "13th ADMM-Plus" in (out / "all.ics").read_text("utf-8"), output


def test_the_racy_rule(tmp_path: Path) -> None:
    """A recorded stat equal to the file's is trusted only when the hash was taken after the margin."""
    (tmp_path / "a.yaml").write_bytes(b"a: 1\n")
    entry = next(e for _, e in inputs.files(tmp_path.as_posix()))
    seen = inputs._stat(entry)
    assert seen is not None
    store = BuildCache(None)
    key = (tmp_path.as_posix(), "a.yaml")
    truth = inputs.hashes([tmp_path])[key]
    wrong = (5, "0" * 64)
    store._inputs = {key: (seen, max(seen[1], seen[3]) + inputs.MARGIN_NS // 2, *wrong)}  # hashed in the same tick
    assert inputs.hashes([tmp_path], store)[key] == truth
    store._inputs = {key: (seen, time.time_ns() + 10 * inputs.MARGIN_NS, *wrong)}  # hashed well after: trusted
    assert inputs.hashes([tmp_path], store)[key] == wrong
    os.environ["TIMELINE_REHASH"] = "1"
    try:
        store._inputs = {key: (seen, time.time_ns() + 10 * inputs.MARGIN_NS, *wrong)}
        assert inputs.hashes([tmp_path], store)[key] == truth
    finally:
        del os.environ["TIMELINE_REHASH"]


def _damage(cache: Path) -> None:
    path = cache / buildcache.FOLDER / buildcache.FILE
    if path.exists():
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
        for suffix in ("-wal", "-shm"):
            (cache / buildcache.FOLDER / (buildcache.FILE + suffix)).unlink(missing_ok=True)


CACHES: dict[str, Callable[[Path], None]] = {
    "deleted": lambda cache: shutil.rmtree(cache, ignore_errors=True),
    "damaged": _damage,
}


@pytest.mark.parametrize("other", sorted(CACHES))
def test_the_same_bytes_over_edits_reverts_and_touches(tmp_path: Path, other: str) -> None:
    """Build, edit one file, revert it, touch every file: after each step the warm cache gives the
    bytes a build whose cache was deleted (or damaged) before every step gives."""
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    for side in (warm, cold):
        shutil.copytree(FIXTURE, side / "data")
    steps: list[Callable[[Path], object]] = [
        lambda data: None,
        same_size_edit,
        lambda data: (data / EVENT).write_bytes((FIXTURE / EVENT).read_bytes()),
        touch_all,
    ]
    for step, now in zip(steps, ("2026-01-31T00:00:00Z", *LATER), strict=False):
        for side in (warm, cold):
            step(side / "data")
            if side == cold:
                CACHES[other](side / "cache")
            build(side / "data", side / "feeds", side / "cache", now)
        assert tree(warm / "feeds", warm / "data") == tree(cold / "feeds", cold / "data")


def test_the_scan_lists_the_data_files_as_the_walk_does(tmp_path: Path) -> None:
    """The build reads the files its scan saw, in data_files' order, without walking again; a
    link under the folder (which the walk follows) makes the scan step aside."""
    from timeline.load import DATA_SUFFIXES, data_files  # noqa: PLC0415

    data = tmp_path / "data"
    for name in (
        "events/2025/b.yaml",
        "events/2025/a-b.yaml",
        "events/2025/a/b.yaml",
        "events/x.toml",
        "events/.hidden.yml",
        "events/notes.txt",
        "events/noext",
        "sources/s.yaml",
        "timeline.yaml",
    ):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text("x: 1\n", encoding="utf-8")  # fmt: skip
    scan = inputs.Scan([data], skip=data, ledger=data / "timeline.lock")
    for folder in (data / "events", data / "sources", data / "missing"):
        assert scan.listing(folder, DATA_SUFFIXES) == list(data_files(folder))
        assert scan.listed(folder, DATA_SUFFIXES) == [p.as_posix() for p in data_files(folder)]
    assert [p.relative_to(data).as_posix() for p in scan.listing(data / "events", DATA_SUFFIXES) or []] == [
        "events/.hidden.yml", "events/2025/a-b.yaml", "events/2025/a/b.yaml", "events/2025/b.yaml", "events/x.toml",
    ]  # fmt: skip
    (data / "events" / "linked.yaml").symlink_to(data / "sources" / "s.yaml")
    linked = inputs.Scan([data], skip=data, ledger=data / "timeline.lock")
    assert linked.listing(data / "events", DATA_SUFFIXES) is None
    assert linked.listed(data / "events", DATA_SUFFIXES) is None
    assert linked.listing(data / "sources", DATA_SUFFIXES) == list(data_files(data / "sources"))
    assert linked.listing(tmp_path / "elsewhere", DATA_SUFFIXES) is None
