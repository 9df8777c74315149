"""The no-op build: when every input byte, the ledger, the options and the day are those of an
earlier build whose files are all still in place, nothing is loaded, rendered or read.

Kept apart from :mod:`timeline.build` so that answering it imports none of the heavy libraries
(icalendar, feedgen, PyYAML): an unchanged timeline of any size is "up to date" in the time it
takes to stat its files. When the answer is no, the same :class:`Session` — its locks, its build
cache and its one scan of the inputs — goes on into :func:`timeline.build.build`.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from timeline import buildcache
from timeline.buildcache import BuildCache, Inputs, Run
from timeline.writer import MANIFEST, clean_folders, clean_temporary, locked, refuse

LEDGER_FILE = "timeline.lock"
# The ledger a build is publishing, written before the output and renamed over LEDGER_FILE once
# every file is in place: the committed ledger never runs ahead of the published files, and a
# build killed half-way is finished by the next one with the same stamps.
PENDING_FILE = ".timeline.lock.pending"


def run_key(found: Inputs, ledger: str, pending: bool, out_dir: Path, now: datetime, *parts: object) -> str:
    """The key of a whole build: every input byte, the ledger, the options, the output folder, the day."""
    return found.key(ledger, pending, out_dir.resolve(), now.date(), *parts)


def check_key(
    found: Inputs, ledger: str, pending: bool, data_dir: Path, now: datetime, allow_mass_removal: bool
) -> str:
    """The key of a ``timeline check`` of ``data_dir`` (its messages name files under ``data_dir``
    as given): a build of the same inputs that wrote ``ledger`` records its verdict under it too."""
    return run_key(found, ledger, pending, data_dir, now, "check", data_dir.as_posix(), allow_mass_removal)


def last_run(store: BuildCache, key: str, out_dir: Path, now: datetime) -> Run | None:
    """The earlier identical build, if its files (and its manifest) are all still as it left them."""
    last = store.run(key, now)
    if last is not None and last.stats and buildcache.on_disk(out_dir, (*last.names, MANIFEST)) == last.stats:
        clean_folders(out_dir, last.names)
        return last
    return None


class Session:
    """One build's hold on its folders: the locks on both, its build cache, and its one scan of
    the inputs, taken before the build reads any of them (:attr:`inputs`). :attr:`last` is the
    earlier identical build, if there was one (then nothing is to be done).

    The run a build leaves is keyed by this scan (and the ledger it wrote), never by a look
    after the build: a data file saved while the build runs is then built by the next one.
    """

    def __init__(
        self, data_dir: Path, out_dir: Path, now: datetime, cache: Path | None, *options: object, adopt: bool = False
    ) -> None:
        refuse(out_dir, data_dir)  # the manifest is checked by its stat below (or read by the build)
        self.adopt, self.out_dir, self.now, self.options = adopt, out_dir, now, options
        self.cached = cache is not None
        self._stack = contextlib.ExitStack()
        try:
            self._stack.enter_context(locked(data_dir, create=False))
            self._stack.enter_context(locked(out_dir))
            clean_temporary(data_dir, LEDGER_FILE)
            clean_temporary(data_dir, PENDING_FILE)
            self.store = BuildCache(cache / buildcache.FOLDER if cache is not None else None, verify=False)
            self._stack.callback(self.store.close)  # before the locks go: what the build made is kept under them
            self.inputs = Inputs(data_dir, cache, self.store, LEDGER_FILE)
            key = run_key(self.inputs, self.inputs.ledger, self.inputs.scan.pending, out_dir, now, *options)
            self.last = last_run(self.store, key, out_dir, now) if self.cached else None
        except BaseException:
            self._stack.close()
            raise

    def going_on(self) -> BuildCache:
        """The build cache, checked in full now that the build goes on."""
        self.store.verify()
        return self.store

    def key_after(self, ledger_sha: str) -> str:
        """The key of the state a build leaves: the inputs it read (as scanned before it read them),
        the ledger it wrote (the SHA-256 of its bytes), no pending ledger."""
        return run_key(self.inputs, ledger_sha, False, self.out_dir, self.now, *self.options)

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
