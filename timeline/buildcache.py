"""The build cache (``<cache>/build/``): an accelerator keyed by content, never a source of truth.

What it keeps, in one SQLite file (``build.sqlite``, one transaction per build):

- per input file (the data folder, the cached article texts quotes are checked against), its
  stat and hash, so that only files whose stat changed are read (:mod:`timeline.inputs`);
- per data file, what loading it gave (:class:`Loads`), and per event file its validated event
  (:mod:`timeline.normalise_cache`), keyed by its bytes and the code version, so unchanged data
  is neither parsed nor validated again;
- each event's serialised VEVENT per language, keyed by everything it is made of (the ledger's
  revision and fingerprint, the fingerprints of the events it refers to, the config, the code);
- per event, the pieces of aggregate files that show it (its TimelineJS slide, its card on the
  timeline page: :mod:`timeline.fragments`), each with the key of what it shows and a checksum;
- per published file, the key of its inputs and what the file on disk looked like when the
  build wrote or checked it (size, mtime, inode, SHA-256), so a file whose inputs did not change
  is neither rendered nor read.

Values are stored as JSON of plain values (:mod:`timeline.cache_values`), never pickled: a crafted
cache file can hold wrong values at worst, under keys that are checked before use, and cannot run
code. A value that does not decode is damage. Every key includes :func:`code_version` (the source of this package and the versions of the
libraries that shape output bytes), so a cache from another version is a cache of misses.
Deleting the cache changes no published byte. A damaged cache is ignored with a warning and
started again, never trusted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from timeline import inputs
from timeline.errors import Problem

SCHEMA = 4
FOLDER = "build"
FILE = "build.sqlite"
read_input, READ_LIMIT = inputs.read_input, inputs.READ_LIMIT


@functools.cache
def code_version() -> str:
    """A digest of everything that shapes output bytes: this package's source, the libraries'."""
    digest = hashlib.sha256(f"schema {SCHEMA}\n".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")) + sorted(package.rglob("*.yaml")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name, version in _versions(("icalendar", "feedgen", "PyYAML", "lxml", "tzdata")).items():
        digest.update(f"{name}=={version}\n".encode())
    return digest.hexdigest()


def _project(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _versions(names: Iterable[str]) -> dict[str, str]:
    """The installed version of each library that is installed, from the names of the metadata
    folders on ``sys.path`` (``PyYAML-6.0.3.dist-info``), first found first, as importlib.metadata
    finds them — without importing it (about a tenth of the no-op's start-up)."""
    wanted = {_project(name): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listed = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in listed:
            stem, dot, kind = folder.rpartition(".")
            if not dot or kind not in ("dist-info", "egg-info"):
                continue
            project, _, version = stem.partition("-")
            name = wanted.get(_project(project))
            if name is not None and name not in found:
                found[name] = version
    return {name: found[name] for name in wanted.values() if name in found}  # in the order asked


def digest(*parts: object) -> str:
    """A key of ``parts`` (strings, numbers, bytes, tuples of them, or anything with a stable repr).

    The repr of the tuple of parts, which tells each part from the next (strings are quoted), in
    one C call: a key of a calendar's ten thousand event keys costs one call, not one per part.
    """
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


class Inputs:
    """The inputs of one build, scanned once, before anything reads them (see :class:`inputs.Scan`):
    the key of every data file's and cached article's bytes, and the ledger's hash.

    When every stat is that of an earlier scan the rule trusted (a snapshot), that scan's key is
    taken as it is, without reading the per-file records; the per-file hashes (:attr:`found`)
    are worked out only if the build goes on, from the stats taken here.
    """

    def __init__(self, data_dir: Path, cache: Path | None, store: BuildCache, ledger: str = "timeline.lock") -> None:
        self.cache, self.store = cache, store
        extra = [cache / "articles"] if cache is not None else []
        self.scan = inputs.Scan((data_dir, *extra), skip=data_dir, ledger=data_dir / ledger)
        snap = self.scan.snapshot
        self.snapshot = digest(code_version(), snap) if snap is not None else None
        hit = store.snapshot(self.snapshot) if self.snapshot is not None and not inputs._rehash() else None
        if hit is not None:
            self.content, self.ledger = hit
        else:
            self._resolve()

    def _resolve(self) -> inputs.Hashes:
        found, trusted = self.scan.hashes(self.store)
        self.content = inputs.key(code_version(), self.scan.roots, found)
        self.ledger = self.scan.ledger_sha or ""
        if trusted and self.snapshot is not None:
            self.store.keep_snapshot(self.snapshot, self.content, self.ledger)
        return found

    @property
    def found(self) -> inputs.Hashes:
        """The hash of each input file (the ledger aside), by (root, name)."""
        return self.scan.found if self.scan.found is not None else self._resolve()

    def key(self, *parts: object) -> str:
        """The key of the inputs' bytes and ``parts`` (not of the ledger)."""
        return digest(self.content, self.cache, *parts)


@dataclass(frozen=True)
class Run:
    """The result of a whole build or check: enough to answer the next identical one."""

    events: int
    warnings: tuple[Problem, ...]
    names: tuple[str, ...]
    """The published files (of a build); the verdict line (of a check)."""
    notes: tuple[str, ...] = ()
    """What a check printed besides its verdict (warnings, unchecked quotes)."""
    stats: str = ""
    """A digest of each published file's stat as the build left it (see :func:`on_disk`)."""


@dataclass(frozen=True, slots=True)
class Seen:
    """A published file as the cache last saw it."""

    key: str
    size: int
    mtime_ns: int
    inode: int
    sha: str


def _stats_digest(stats: Iterable[tuple[int, int, int]]) -> str:
    return hashlib.sha256(inputs.packed(stats)).hexdigest()


def on_disk(root: Path, names: Iterable[str]) -> str | None:
    """A digest of (size, mtime_ns, inode) of each of ``names`` under ``root`` as it is now; None
    if one is missing or not a regular file. One ``lstat`` a file, nothing read: the no-op's check."""
    where = f"{root.as_posix()}/"
    try:
        infos = list(map(os.lstat, [where + name for name in names]))
    except OSError:
        return None
    regular = stat.S_ISREG
    if not all(regular(i.st_mode) for i in infos):
        return None
    return _stats_digest((i.st_size, i.st_mtime_ns, i.st_ino) for i in infos)


def seen_now(path: Path | str) -> tuple[int, int, int] | None:
    """(size, mtime_ns, inode) of a regular file at ``path``, None if there is none (or a link)."""
    info = inputs.path_stat(path)
    return None if info is None else info[:3]


class BuildCache:
    """The cache of one build. ``folder`` None: no cache (every lookup misses, nothing kept)."""

    def __init__(self, folder: Path | None, *, verify: bool = True) -> None:
        """``verify``: check the file's structure now (else at :meth:`verify`, if the build goes on)."""
        self.warnings: list[Problem] = []
        self._checked = not verify
        self.db: sqlite3.Connection | None = None
        self.path = folder / FILE if folder is not None else None
        self._closing: list[Callable[[], None]] = []
        self._inputs: dict[tuple[str, str], tuple[inputs.Stat, int, int, str]] | None = None
        self._kept: dict[str, dict[str, Seen]] = {}  # per output folder, the rows the table holds
        self._verified: set[str] | None = None
        self._more_verified: list[str] = []
        self._by_check: set[str] = set()  # the keys of outputs only a check vouches for (see keep_verified)
        self._pid = os.getpid()  # a worker forked from the build never uses the build's connection
        if self.path is not None:
            self._open(self.path)
        if verify:
            self.verify()

    def verify(self) -> None:
        """Check the structure of the cache file once (``PRAGMA quick_check``: it reads the whole
        file, so the no-op build, which reads a few rows, leaves it to a build that goes on)."""
        if self._checked:
            return
        self._checked = True
        rows = self._query("PRAGMA quick_check")
        if rows and rows[0][0] != "ok":
            self._damaged(sqlite3.DatabaseError(rows[0][0]))

    def _open(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = self._connect(path)
        except (sqlite3.Error, OSError) as exc:
            self._damaged(exc)

    def _connect(self, path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        row = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
        if row is None or row[0] != str(SCHEMA):
            for table in ("dataset", "vevent", "output", "run", "record", "input", "event", "ledger", "fragment"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        db.execute("CREATE TABLE IF NOT EXISTS vevent (key TEXT PRIMARY KEY, value BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS record (key TEXT PRIMARY KEY, value BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS event (key TEXT PRIMARY KEY, value BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS ledger (sha TEXT PRIMARY KEY, checked TEXT, scope TEXT)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS fragment (kind TEXT, name TEXT, key TEXT, value TEXT, sum TEXT,"
            " PRIMARY KEY (kind, name))"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS output (root TEXT, name TEXT, key TEXT, size INTEGER, mtime INTEGER,"
            " inode INTEGER, sha TEXT, PRIMARY KEY (root, name))"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS run (key TEXT PRIMARY KEY, valid_from TEXT, valid_until TEXT, value BLOB)"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS input (root TEXT, name TEXT, size INTEGER, mtime INTEGER, inode INTEGER,"
            " ctime INTEGER, device INTEGER, hashed INTEGER, length INTEGER, sha TEXT, PRIMARY KEY (root, name))"
        )
        db.execute("CREATE TABLE IF NOT EXISTS snapshot (key TEXT PRIMARY KEY, content TEXT, ledger TEXT)")
        return db

    def _damaged(self, exc: BaseException) -> None:
        """Stop using a damaged cache (and start a fresh one next time), with a warning."""
        where = self.path.as_posix() if self.path else "the build cache"
        message = f"damaged build cache ignored ({exc}); it is started again (the data is read in full)"
        self.warnings.append(Problem(where, 0, "", message, warning=True))
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None
        if self.path is not None:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(f"{self.path}{suffix}")

    def damaged(self, exc: BaseException) -> None:
        """What a user of the cache found damaged (see :meth:`_damaged`)."""
        self._damaged(exc)

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        if self.db is None or os.getpid() != self._pid:
            return []
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            self._damaged(exc)
            return []

    def _write(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        if self.db is None or os.getpid() != self._pid:
            return
        try:
            self.db.execute("BEGIN")
            self.db.executemany(sql, rows)
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._damaged(exc)

    # -- input files ------------------------------------------------------------------------

    def input_files(self) -> dict[tuple[str, str], tuple[inputs.Stat, int, int, str]]:
        """Per input file (root, name): its stat, when it was hashed, its length and hash."""
        if self._inputs is None:
            rows = self._query("SELECT root, name, size, mtime, inode, ctime, device, hashed, length, sha FROM input")
            self._inputs = {(r[0], r[1]): ((r[2], r[3], r[4], r[5], r[6]), r[7], r[8], r[9]) for r in rows}
        return self._inputs

    def keep_inputs(
        self, fresh: dict[tuple[str, str], tuple[inputs.Stat, int, int, str]], gone: list[tuple[str, str]]
    ) -> None:
        """Record the files hashed just now; forget the ones that are gone."""
        known = self.input_files()
        known.update(fresh)
        for key in gone:
            known.pop(key, None)
        if fresh:
            self._write(
                "INSERT OR REPLACE INTO input VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((*k, *st, hashed, length, sha) for k, (st, hashed, length, sha) in fresh.items()),
            )
        if gone:
            self._write("DELETE FROM input WHERE root = ? AND name = ?", gone)

    def snapshot(self, key: str) -> tuple[str, str] | None:
        """(inputs key, ledger hash) of an earlier scan with the stats of digest ``key``, every one trusted."""
        rows = self._query("SELECT content, ledger FROM snapshot WHERE key = ?", (key,))
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def keep_snapshot(self, key: str, content: str, ledger: str) -> None:
        self._write("INSERT OR REPLACE INTO snapshot VALUES (?, ?, ?)", [(key, content, ledger)])
        self._write(
            "DELETE FROM snapshot WHERE rowid NOT IN (SELECT rowid FROM snapshot ORDER BY rowid DESC LIMIT 8)", [()]
        )

    # -- loaded data files -------------------------------------------------------------------

    def records(self) -> dict[str, bytes]:
        """Every data file loaded before (see :mod:`timeline.cache_values`), by the key of its bytes (see :class:`Loads`)."""
        return self._pairs("record")

    def keep_records(self, items: dict[str, bytes], live: set[str]) -> None:
        self._keep_pairs("record", items, live)

    def _pairs(self, table: str) -> dict[str, bytes]:
        """Every (key, value) row of ``table``, one of this module's key-value tables."""
        return {key: bytes(value) for key, value in self._query(f"SELECT key, value FROM {table}")}  # noqa: S608

    def _keep_pairs(self, table: str, items: dict[str, bytes], live: set[str]) -> None:
        """Add ``items`` to ``table``; keep only the keys in ``live`` (the cache never grows without bound)."""
        self._add_pairs(table, items)
        stale = [(k,) for (k,) in self._query(f"SELECT key FROM {table}") if k not in live]  # noqa: S608
        if stale:
            self._write(f"DELETE FROM {table} WHERE key = ?", stale)  # noqa: S608

    def _add_pairs(self, table: str, items: dict[str, bytes]) -> None:
        """Add ``items`` to ``table`` now (a build writes what it made in batches, not holding it all)."""
        self._write(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", items.items())  # noqa: S608

    # -- the ledger ---------------------------------------------------------------------------

    def ledger_checked(self, sha: str) -> datetime | None:
        """As of when the ledger of SHA-256 ``sha`` was checked and found sound, if it was."""
        found = self._ledger(sha)
        return found[0] if found is not None else None

    def ledger_written(self, sha: str) -> tuple[datetime, str] | None:
        """As of when a build of this code wrote the ledger of SHA-256 ``sha`` (its bytes are
        :func:`timeline.ledger.dumps`'), and the scope of the ``shown`` records it holds, if it did."""
        found = self._ledger(sha)
        return (found[0], found[1]) if found is not None and found[1] is not None else None

    def _ledger(self, sha: str) -> tuple[datetime, str | None] | None:
        rows = self._query("SELECT checked, scope FROM ledger WHERE sha = ?", (digest(code_version(), sha),))
        try:
            return (
                (datetime.fromisoformat(rows[0][0]), rows[0][1] if rows[0][1] is None else str(rows[0][1]))
                if rows
                else None
            )
        except (TypeError, ValueError) as exc:
            self._damaged(exc)
            return None

    def keep_ledger_checked(self, sha: str, now: datetime, scope: str | None = None) -> None:
        """Record that the ledger of SHA-256 ``sha`` is sound as of ``now``: checked, or (with
        ``scope``, see :func:`timeline.build.shown_scope`) written by this build."""
        self._write("DELETE FROM ledger", [()])
        row = (digest(code_version(), sha), now.isoformat(), scope)
        self._write("INSERT OR REPLACE INTO ledger VALUES (?, ?, ?)", [row])

    # -- validated events (see timeline.normalise_cache) -------------------------------------

    def events(self) -> dict[str, bytes]:
        return self._pairs("event")

    def keep_events(self, items: dict[str, bytes], live: set[str]) -> None:
        self._keep_pairs("event", items, live)

    def add_events(self, items: dict[str, bytes]) -> None:
        self._add_pairs("event", items)

    # -- serialised events -------------------------------------------------------------------

    def vevents(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The cached VEVENT bytes of those ``keys`` that are cached."""
        wanted = list(keys)
        found: dict[str, bytes] = {}
        if len(wanted) > _SCAN_FROM:  # most of the table (it holds the last build's keys): read it through
            asked = set(wanted)
            return {key: bytes(value) for key, value in self._query("SELECT key, value FROM vevent") if key in asked}
        for key, value in self._among("SELECT key, value FROM vevent WHERE key IN ({})", (), wanted):
            found[key] = bytes(value)
        return found

    def vevent_keys(self) -> set[str]:
        """The keys of every VEVENT kept (their bytes not read)."""
        return {str(key) for (key,) in self._query("SELECT key FROM vevent")}

    def keep_vevents(self, items: dict[str, bytes], live: set[str]) -> None:
        self._keep_pairs("vevent", items, live)

    # -- pieces of aggregate files (see timeline.fragments) -----------------------------------

    def fragments(self, kind: str) -> dict[str, tuple[str, str, str]]:
        """Every piece of ``kind`` kept, by name: (key, text, checksum)."""
        rows = self._query("SELECT name, key, value, sum FROM fragment WHERE kind = ?", (kind,))
        return {name: (key, value, check) for name, key, value, check in rows}

    def fragments_named(self, kind: str, names: Iterable[str]) -> dict[str, tuple[str, str, str]]:
        """The pieces of ``kind`` kept under those of ``names`` that are kept (see :meth:`fragments`)."""
        sql = "SELECT name, key, value, sum FROM fragment WHERE kind = ? AND name IN ({})"
        return {name: (key, value, check) for name, key, value, check in self._among(sql, (kind,), list(names))}

    def _among(self, sql: str, params: tuple[str, ...], values: list[str]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` after ``params``, its ``IN ({})`` filled with ``values`` 500 at a time
        (within SQLite's bound on the parameters of one statement)."""
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            yield from self._query(sql.format(",".join("?" * len(chunk))), (*params, *chunk))

    def fragment_keys(self, kind: str, names: Iterable[str] | None = None) -> dict[str, str]:
        """The key of every piece of ``kind`` kept (of those of ``names``), by name, their texts not read."""
        if names is None:
            return dict(self._query("SELECT name, key FROM fragment WHERE kind = ?", (kind,)))
        sql = "SELECT name, key FROM fragment WHERE kind = ? AND name IN ({})"
        return dict(self._among(sql, (kind,), list(names)))

    def fragment_names(self, kind: str) -> set[str]:
        """The names of every piece of ``kind`` kept (their texts not read)."""
        return {name for (name,) in self._query("SELECT name FROM fragment WHERE kind = ?", (kind,))}

    def keep_fragments(self, kind: str, made: dict[str, tuple[str, str, str]], gone: Iterable[str]) -> None:
        """Keep the pieces made (name: key, text, checksum); forget those no longer shown."""
        stale = [(kind, name) for name in gone]
        if stale:
            self._write("DELETE FROM fragment WHERE kind = ? AND name = ?", stale)
        if made:
            self._write(
                "INSERT OR REPLACE INTO fragment VALUES (?, ?, ?, ?, ?)",
                ((kind, name, key, value, check) for name, (key, value, check) in made.items()),
            )

    # -- published files ---------------------------------------------------------------------

    def as_seen(self, root: Path, names: Iterable[str]) -> str | None:
        """:func:`on_disk` of ``names`` as the cache last saw them (None if it saw one not)."""
        kept = self._kept.get(_root(root))  # (what the build's keep_outputs wrote: not read back)
        seen = kept if kept is not None else self.outputs(root)
        stats = []
        for name in names:
            was = seen.get(name)
            if was is None:
                return None
            stats.append((was.size, was.mtime_ns, was.inode))
        return _stats_digest(stats)

    def outputs(self, root: Path) -> dict[str, Seen]:
        where = _root(root)
        rows = self._query("SELECT name, key, size, mtime, inode, sha FROM output WHERE root = ?", (where,))
        found = {name: Seen(key, size, mtime, inode, sha) for name, key, size, mtime, inode, sha in rows}
        self._kept[where] = dict(found)
        return found

    def keep_outputs(self, root: Path, seen: dict[str, Seen]) -> None:
        """Remember ``seen`` as all there is of ``root``: only the rows that differ from what the
        cache holds are written (after one edit, a few dozen of tens of thousands)."""
        where = _root(root)
        kept = self._kept.get(where)
        if kept is None:
            self._write("DELETE FROM output WHERE root = ?", [(where,)])
            kept = {}
        gone = [(where, name) for name in kept if name not in seen]
        if gone:
            self._write("DELETE FROM output WHERE root = ? AND name = ?", gone)
        self._write(
            "INSERT OR REPLACE INTO output VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (where, name, s.key, s.size, s.mtime_ns, s.inode, s.sha)
                for name, s in seen.items()
                if kept.get(name) != s
            ),
        )
        if self.db is not None:
            self._kept[where] = dict(seen)

    def on_close(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` (which keeps what a build made) when the cache is closed."""
        self._closing.append(callback)

    # -- whole runs ----------------------------------------------------------------------------

    def run(self, key: str, now: datetime) -> Run | None:
        """What an earlier build or check with the same inputs found, if it holds at ``now``."""
        rows = self._query("SELECT valid_from, valid_until, value FROM run WHERE key = ?", (key,))
        if not rows:
            return None
        valid_from, valid_until, blob = rows[0]
        if not valid_from <= now.isoformat() < valid_until:
            return None
        try:
            item = json.loads(blob)
            warnings = tuple(Problem(str(p), int(n), str(f), str(m), bool(w)) for p, n, f, m, w in item["warnings"])
            names, notes = tuple(map(str, item["names"])), tuple(map(str, item["notes"]))
            return Run(int(item["events"]), warnings, names, notes, str(item.get("stats", "")))
        except Exception as exc:
            self._damaged(exc)
            return None

    def keep_run(self, key: str, now: datetime, until: datetime, run: Run) -> None:
        warnings = [[p.path, p.line, p.field, p.message, p.warning] for p in run.warnings]
        item = {
            "events": run.events, "warnings": warnings, "names": list(run.names), "notes": list(run.notes),
            "stats": run.stats,
        }  # fmt: skip
        blob = json.dumps(item, ensure_ascii=False).encode("utf-8")
        self._write("INSERT OR REPLACE INTO run VALUES (?, ?, ?, ?)", [(key, now.isoformat(), until.isoformat(), blob)])
        # A replaced or new row takes the highest rowid: the oldest runs are the lowest.
        self._write(
            "DELETE FROM run WHERE rowid NOT IN (SELECT rowid FROM run ORDER BY rowid DESC LIMIT ?)", [(RUNS_KEPT,)]
        )

    def verified(self) -> set[str]:
        """Keys of outputs (and feed entries, see :meth:`also_verified`) an earlier build or check
        rendered without error (read once)."""
        if self._verified is None:
            rows = self._query("SELECT root, name, key FROM output")
            self._verified = {key for _, _, key in rows}
            self._by_check = {key for root, name, key in rows if root == _CHECKED and not name.startswith(_ENTRY)}
        return self._verified

    def also_verified(self, keys: Iterable[str]) -> None:
        """Keys of parts of outputs rendered without error just now, kept with :meth:`keep_verified`'s."""
        self._more_verified.extend(keys)

    def keep_verified(self, keys: list[str], live: Iterable[str] | None = None) -> None:
        """Keep the keys of outputs a check rendered (``keys``) and of the feed entries it serialised
        (:meth:`also_verified`). With ``live``, the key of every output of this check: the outputs a
        check vouched for that no longer exist are forgotten, and the newest :data:`ENTRIES_KEPT`
        entries kept, so that the table does not grow by what each edit (or version of the code)
        made, never to be asked again, and :meth:`verified` reads what may still be asked."""
        done = [key for key in keys if key]
        more = [key for key in self._more_verified if key]
        self._more_verified = []
        if self._verified is not None:
            self._verified.update(done, more)
        rows = [(_CHECKED, key, key) for key in done] + [(_CHECKED, _ENTRY + key, key) for key in more]
        self._write("INSERT OR REPLACE INTO output VALUES (?, ?, ?, 0, 0, 0, '')", rows)
        if live is None or self._verified is None:
            return
        stale = self._by_check - set(live)
        if stale:
            self._write("DELETE FROM output WHERE root = ? AND name = ?", ((_CHECKED, key) for key in stale))
        self._by_check = (self._by_check - stale) | set(done)
        if more:  # (entries added: the oldest beyond the bound go)
            self._write(
                "DELETE FROM output WHERE root = ? AND name >= ? AND name < ? AND rowid NOT IN "
                "(SELECT rowid FROM output WHERE root = ? AND name >= ? AND name < ? ORDER BY rowid DESC LIMIT ?)",
                [(_CHECKED, _ENTRY, _ENTRY_END, _CHECKED, _ENTRY, _ENTRY_END, ENTRIES_KEPT)],
            )

    def close(self) -> None:
        for callback in self._closing:
            callback()
        self._closing.clear()
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None


_CHECKED = "(rendered by check)"
_ENTRY, _ENTRY_END = "entry ", "entry!"  # (the names of a check's rows for feed entries: "entry <key>")
ENTRIES_KEPT = 50_000
"""Feed entries a check serialised, the newest kept (a feed holds at most ``feed_entries`` of them:
100 by default, three kinds for each calendar)."""
_SCAN_FROM = 2000
RUNS_KEPT = 8
"""Whole runs remembered (the newest kept): one per build or check of a set of inputs and options, each
listing every published file, so that the table would otherwise grow by one such list per build."""
"""Keys asked at once from which reading the whole table beats looking them up 500 at a time
(a build after one edit asks for every event's VEVENT: at 10,000 events, half the time)."""


def _root(root: Path) -> str:
    return root.resolve().as_posix()


class Loads:
    """A loader for :func:`timeline.normalise.normalise` that does not parse a data file whose bytes
    it parsed before: ``(bytes, shown path, suffix, code version) -> (record, problems)``.

    Files that fail to load are never kept (they are parsed, and refused, every time).
    """

    def __init__(
        self,
        store: BuildCache,
        load: Callable[[Path, str], Any],
        parse: Callable[[bytes, Path, str], Any] | None = None,
        limit: int = 0,
    ) -> None:
        """``parse`` (with the largest file it takes, ``limit``) loads bytes already read."""
        self.store, self.load, self.parse, self.limit = store, load, parse, limit
        self.known = store.records()
        self.made: dict[str, bytes] = {}
        self.used: set[str] = set()
        self.hashed: dict[str, tuple[int, str]] = {}
        """Per path loaded, (length, SHA-256) of the bytes it was loaded from (what :func:`timeline.inputs.file_hash` gives)."""
        self.pending: tuple[str, str, Any] | None = None  # (path, key, result) of the last file loaded, not yet encoded
        store.on_close(self._close)

    def _keep_pending(self) -> None:
        from timeline import cache_values  # noqa: PLC0415 - the no-op path imports no model

        if self.pending is not None:
            _, key, result = self.pending
            self.made[key] = cache_values.dumps(result)
            self.used.add(key)
            self.pending = None

    def _close(self) -> None:
        self._keep_pending()
        self.store.keep_records(self.made, self.used)

    def forget(self, path: Path) -> None:
        """Keep no record of the file just loaded from ``path``: its event is kept whole (see
        :mod:`timeline.normalise_cache`), so the record would only be read if that entry goes stale."""
        if self.pending is not None and self.pending[0] == str(path):
            self.pending = None

    def __call__(self, path: Path, shown: str) -> Any:
        from timeline import cache_values  # noqa: PLC0415 - the no-op path imports no model

        self._keep_pending()
        try:
            body = read_input(path, READ_LIMIT)
        except OSError:
            return self.load(path, shown)  # let the loader name the fault
        self.hashed[str(path)] = len(body), hashlib.sha256(body).hexdigest()
        key = digest(code_version(), shown, path.suffix, body)
        blob = self.known.get(key)
        if blob is not None:
            try:
                found = cache_values.loads(blob)
            except Exception as exc:
                self.store._damaged(exc)
                found = None
            if isinstance(found, tuple):
                self.used.add(key)
                return found
        odd = body.startswith(b"not a regular file") and not path.is_file()  # read_input's marker
        if self.parse is not None and not odd and len(body) <= self.limit:
            result = self.parse(body, path, shown)  # raises LoadError: nothing kept
        else:
            result = self.load(path, shown)  # let the loader read it and name the fault
        self.pending = str(path), key, result
        return result
