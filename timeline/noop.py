"""The no-op build: when every input byte, the ledger, the options and the day are those of an
earlier build whose files are all still in place, nothing is loaded, rendered or read.

Kept apart from :mod:`timeline.build` so that answering it imports none of the heavy libraries
(icalendar, feedgen, PyYAML): an unchanged timeline of any size is "up to date" in the time it
takes to hash its files.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from timeline import buildcache
from timeline.buildcache import BuildCache, Run
from timeline.errors import Problem
from timeline.writer import MANIFEST, Report, clean_folders, clean_temporary, guard, locked

LEDGER_FILE = "timeline.lock"
# The ledger a build is publishing, written before the output and renamed over LEDGER_FILE once
# every file is in place: the committed ledger never runs ahead of the published files, and a
# build killed half-way is finished by the next one with the same stamps.
PENDING_FILE = ".timeline.lock.pending"


def run_key(
    data_dir: Path, out_dir: Path, now: datetime, cache: Path | None, *parts: object, store: BuildCache | None = None
) -> str:
    """The key of a whole build: every input byte, the ledger, the options, the output folder, the day."""
    extra = [cache / "articles"] if cache is not None else []
    try:
        ledger = buildcache.read_input(data_dir / LEDGER_FILE)
    except OSError:
        ledger = b""
    return buildcache.digest(
        buildcache.inputs_key(data_dir, extra, cache, store=store), ledger, out_dir.resolve(), now.date(),
        (data_dir / PENDING_FILE).exists(), *parts,
    )  # fmt: skip


def last_run(store: BuildCache, key: str, out_dir: Path, now: datetime) -> Run | None:
    """The earlier identical build, if its files are all still as it left them."""
    last = store.run(key, now)
    if last is not None and store.settled(out_dir, (*last.names, MANIFEST)):
        clean_folders(out_dir, last.names)
        return last
    return None


def unchanged(
    data_dir: Path, out_dir: Path, now: datetime, cache: Path, *options: object, adopt: bool = False
) -> tuple[tuple[Report, Run] | None, list[Problem]]:
    """((report, run) when a build with these inputs would change nothing, else None; warnings)."""
    guard(out_dir, data_dir, adopt=adopt)
    store = BuildCache(cache / buildcache.FOLDER)
    try:
        with locked(data_dir, create=False), locked(out_dir):
            clean_temporary(data_dir, LEDGER_FILE)
            clean_temporary(data_dir, PENDING_FILE)
            last = last_run(store, run_key(data_dir, out_dir, now, cache, *options, store=store), out_dir, now)
            return ((Report(unchanged=list(last.names)), last) if last is not None else None), store.warnings
    finally:
        store.close()
