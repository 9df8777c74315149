"""The build cache stores JSON of plain values: model values round-trip, and a crafted cache
(a pickle that would run code, a class name that is not the model's) is damage, never run."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.golden import FIXTURE, NOW
from tests.test_buildcache import build, tree
from timeline import buildcache, cache_values
from timeline.load import load
from timeline.normalise import normalise


def test_the_fixture_dataset_round_trips() -> None:
    ds = normalise(FIXTURE)
    back = cache_values.loads(cache_values.dumps(ds))
    assert back == ds
    assert [c.source.text for e in back.events for c in e.sources] == [
        c.source.text for e in ds.events for c in e.sources
    ]
    record = load(FIXTURE / "timeline.yaml", "data/timeline.yaml")
    assert cache_values.loads(cache_values.dumps(record)) == record


@pytest.mark.parametrize(
    "blob",
    [
        b'{"objects": [["Popen", {"args": "touch pwned"}]], "root": ["O", 0]}',
        b'{"objects": [], "root": ["X", ["series", "admm"]]}',
        b'{"objects": [], "root": ["?", 1]}',
        b"[1, 2]",
    ],
)
def test_what_is_not_a_stored_value_is_refused(blob: bytes) -> None:
    with pytest.raises((ValueError, KeyError, TypeError)):
        cache_values.loads(blob)


class Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(MARKER),))


MARKER = Path("/nonexistent")


def test_a_crafted_pickle_in_the_cache_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    global MARKER  # noqa: PLW0603 - where Boom would write, were it ever unpickled
    MARKER = tmp_path / "pwned"
    data, out, cache = tmp_path / "data", tmp_path / "feeds", tmp_path / "cache"
    shutil.copytree(FIXTURE, data)
    build(data, out, cache)
    before = tree(out, data)
    db = sqlite3.connect(cache / buildcache.FOLDER / buildcache.FILE)
    with db:
        payload = pickle.dumps(Boom())
        for table in ("event", "record", "run"):
            db.execute(f"UPDATE {table} SET value = ?", (payload,))  # noqa: S608 - our own table names
    db.close()
    shutil.rmtree(out)
    output = build(data, out, cache, NOW.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert not MARKER.exists()
    assert "damaged build cache ignored" in output
    assert tree(out, data) == before
