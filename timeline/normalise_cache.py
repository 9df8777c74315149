"""Per event file, its validated event, reused while the file's bytes and everything it refers to
stay the same: one event changed, one file parsed and validated, not ten thousand.

An entry is keyed by the code version, the config, the file's shown path and the hash of its
bytes (from :mod:`timeline.inputs`), and holds the event (its series, place, countries and sources
by key, in the plain-value schema of :func:`_encode`), its warnings, and a digest of each table entry it
refers to. It is used only while every one of those digests is that of the current entry: a
place renamed, a source's text changed, and the events that name them are validated again (the
others are not). Only files that validated without an error are kept.

What involves more than one file — ids unique, ``part_of`` and ``related`` naming another event,
``part_of`` cycles, two files for one meeting — is checked again over every event on each build,
from the events themselves. When such a check finds a problem that involves an event that came
from here (whose file was not read, so no line is known), :class:`Revalidate` is raised and the
data is validated again without this cache, so that every problem is reported exactly as
without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import replace
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline import cache_values, inputs, ledger
from timeline.cache import article_paths
from timeline.edtf import Mod, Point, When
from timeline.errors import Problem
from timeline.load import DATA_SUFFIXES, LoadError, data_files, read_text
from timeline.model import Citation, Config, Country, Delegation, Event, Source, Status
from timeline.sources import MAX_TEXT_BYTES

if TYPE_CHECKING:
    from timeline.buildcache import BuildCache, Loads
    from timeline.events import Tables


BATCH = 1000
"""Entries made that are written to the cache at once."""


class Revalidate(Exception):
    """A check across files failed where cached events are involved: validate without the cache."""


def _digest(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


class EventMemo:
    def __init__(self, store: BuildCache, found: inputs.Hashes, root: Path, version: str) -> None:
        self.store, self.found, self.root, self.version = store, found, root, version
        self.known = store.events()
        self.made: dict[str, bytes] = {}
        self.used: set[str] = set()
        self.scope = ""
        self.tables: dict[str, dict[str, Any]] = {}
        self.digests: dict[tuple[str, str], str] = {}
        self._by_path: dict[str, tuple[int, str]] = {}
        self.sources: dict[str, str] = {}  # per source reused, the digest of its entry (see _entry_digest)
        self.scan: inputs.Scan | None = None
        """The build's scan of its inputs: the files to read, listed without a second walk."""
        self.loads: Loads | None = None
        """The build's loader: the hashes of the bytes it loaded (not read again here); told to keep
        no record of a file whose event is kept here."""
        store.on_close(lambda: store.keep_events(self.made, self.used))

    def files(self, folder: Path) -> Iterable[str | Path]:
        """:func:`timeline.load.data_files` of ``folder``, from the scan (as path strings) when it can tell."""
        listed = self.scan.listed(folder, DATA_SUFFIXES) if self.scan is not None else None
        return listed if listed is not None else data_files(folder)

    def bind(self, tables: Tables) -> None:
        """The tables this build validates events against."""
        self.tables = {
            "series": dict(tables.series),
            "place": {k: v for k, v in tables.places.items() if v is not None},
            "country": dict(tables.countries),
            "source": {k: v for k, v in tables.sources.items() if v is not None},
        }
        self.bind_config(tables.config)
        self.digests = {("source", k): v for k, v in self.sources.items() if tables.sources.get(k) is not None}

    def bind_config(self, config: Config | None) -> None:
        """The config this build validates against (sources are read before the other tables)."""
        self.scope = _digest(cache_values.dumps(config))

    def _entry_digest(self, kind: str, key: str) -> str | None:
        if (kind, key) not in self.digests:
            value = self.tables.get(kind, {}).get(key)
            self.digests[kind, key] = _digest(cache_values.dumps(value)) if value is not None else ""
        return self.digests[kind, key] or None

    def _name(self, path: str | Path) -> tuple[str, str]:
        where, full = self.root.as_posix(), path if isinstance(path, str) else path.as_posix()
        if full.startswith(f"{where}/"):
            return where, full[len(where) + 1 :]
        return where, Path(path).relative_to(self.root).as_posix()

    def _key(self, path: str | Path, shown: str) -> str | None:
        found = self.found.get(self._name(path))
        if found is None:
            return None
        length, sha = found
        return _digest(f"{self.version}\0{self.scope}\0{shown}\0{length}\0{sha}".encode())

    def get(self, path: str | Path, shown: str) -> tuple[Event, list[Problem]] | None:
        """The event of ``path`` and its warnings, if its bytes and what it refers to are unchanged."""
        key = self._key(path, shown)
        blob = self.known.get(key) if key is not None else None
        if key is None or blob is None:
            return None
        try:
            item = json.loads(blob)
            digests = self.digests
            for kind, k, d in item["d"]:
                now = digests.get((kind, k))
                if now is None:
                    now = self._entry_digest(kind, k) or ""
                if not now or now != d:  # an entry gone, or changed
                    return None
            event = _decode(item["e"], self.tables)
            warnings = [Problem(str(p), int(n), str(f), str(m), warning=True) for p, n, f, m in item["w"]]
            print_, parts = item["f"]
            ledger.remember(event, str(print_), tuple((str(a), str(d)) for a, d in parts))
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            self.store._damaged(exc)  # an entry that does not decode: the cache is damaged (a warning)
            return None
        self.used.add(key)
        return event, warnings

    def put(self, path: Path, shown: str, event: Event, warnings: list[Problem]) -> None:
        """Keep the event validated from ``path`` just now (with no error, only ``warnings``)."""
        key = self._key(path, shown)
        if key is None:
            return
        # the bytes read may not be those hashed before the build (an edit meanwhile): then keep nothing
        read = self.loads.hashed.pop(str(path), None) if self.loads is not None else None
        if (read or inputs.file_hash(path)) != self.found.get(self._name(path)):
            return
        deps = sorted({(kind, k, self._entry_digest(kind, k) or "") for kind, k in _refs(event)})
        encoded = _encode(event)
        try:
            if _decode(encoded, self.tables) != event:
                return  # not all of it is the tables' own (never expected): keep nothing rather than guess
        except (KeyError, TypeError, ValueError, AttributeError):
            return
        warned = [[p.path, p.line, p.field, p.message] for p in warnings]
        item = {"e": encoded, "w": warned, "d": deps, "f": ledger.printed(event)}
        self._made(key, json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        if self.loads is not None:
            self.loads.forget(path)

    def _made(self, key: str, blob: bytes) -> None:
        """Keep ``blob``: written to the cache a batch at a time, so that the entries of a cold build
        of 100,000 events are not all held until the cache closes."""
        self.made[key] = blob
        self.used.add(key)
        if len(self.made) >= BATCH:
            self.store.add_events(self.made)
            self.made = {}

    # -- sources ---------------------------------------------------------------------------------
    # A source file's entry also names the file its text was read from (with that file's hash)
    # or the cached text that was not there: the entry is used only while that still holds, and
    # the text itself is read again from its file (it is not kept twice).

    def _path_hash(self, path: str) -> tuple[int, str] | None:
        if not self._by_path:
            self._by_path = {f"{root}/{name}": found for (root, name), found in self.found.items()}
        return self._by_path.get(path)

    def _source_key(self, path: str | Path, shown: str, cache: Path | None) -> str | None:
        found = self.found.get(self._name(path))
        if found is None:
            return None
        where = cache.as_posix() if cache is not None else ""
        return _digest(f"{self.version}\0source\0{self.scope}\0{shown}\0{where}\0{found[0]}\0{found[1]}".encode())

    def source_get(
        self, path: str | Path, shown: str, cache: Path | None
    ) -> tuple[Source, str, list[Problem], str] | None:
        """The source of ``path``, what its ``file:`` says, its warnings and its digest (see
        :meth:`use_source`), if none of it changed."""
        key = self._source_key(path, shown, cache)
        blob = self.known.get(key) if key is not None else None
        if key is None or blob is None:
            return None
        try:
            item = json.loads(blob)
            text_path, length, sha = item["t"]
            if length is None:  # no cached text then: none now either
                if self._path_hash(text_path) is not None or os.path.lexists(text_path):
                    return None
            elif self._path_hash(text_path) != (length, sha) or not _regular(text_path):
                return None
            source = cache_values.loads(item["s"].encode("utf-8"))
            if not isinstance(source, Source):
                raise TypeError("not a source")
            if item["x"]:
                source = replace(source, text=read_text(Path(text_path), shown, limit=MAX_TEXT_BYTES))
            warnings = [Problem(str(p), int(n), str(f), str(m), warning=True) for p, n, f, m in item["w"]]
        except LoadError:
            return None  # the text cannot be read now: the file is read and validated, and says why
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            self.store._damaged(exc)
            return None
        self.used.add(key)
        return source, str(item["f"]), warnings, str(item["g"])

    def use_source(self, source: Source, digest: str) -> None:
        """``source`` (from :meth:`source_get`) is the table's: its digest is known, not worked out again."""
        self.sources[source.id] = digest

    def source_put(
        self, path: Path, shown: str, cache: Path | None, source: Source, file: str, warnings: list[Problem]
    ) -> None:
        """Keep the source validated from ``path`` just now (with no error, only ``warnings``)."""
        key = self._source_key(path, shown, cache)
        if key is None or inputs.file_hash(path) != self.found.get(self._name(path)):
            return
        if source.file is not None:
            text_path = (path.parent / source.file).as_posix()
        elif source.url is not None and cache is not None:
            text_path = article_paths(cache, source.url)[0].as_posix()
        else:
            text_path = ""
        found = self._path_hash(text_path) if text_path else None
        if found is None and (os.path.lexists(text_path) or source.text):
            return  # a text not among the hashed inputs (a link, say): keep nothing
        if found is not None and (not _regular(text_path) or not source.origin):
            return
        bare = replace(source, text="")
        try:
            if cache_values.loads(encoded := cache_values.dumps(bare)) != bare:
                return
        except (TypeError, ValueError, KeyError):
            return
        item = {
            "s": encoded.decode("utf-8"), "t": [text_path, *(found or (None, None))], "x": bool(source.text),
            "f": file, "w": [[p.path, p.line, p.field, p.message] for p in warnings],
            "g": _digest(cache_values.dumps(source)),  # what _entry_digest gives: the same value, text and all
        }  # fmt: skip
        self._made(key, json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _refs(event: Event) -> list[tuple[str, str]]:
    """The table entries an event holds (a place holds its country: its digest covers it)."""
    out = [("series", event.series.key)]
    if event.place is not None:
        out.append(("place", event.place.key))
    countries = [event.host, event.chair, *event.countries, *(d.country for d in event.delegations)]
    out += [("country", c.code) for c in countries if c is not None]
    out += [("source", c.source.id) for c in event.sources]
    return out


def _point(p: Point | None) -> list[Any] | None:
    return None if p is None else [p.year, p.month, p.day, p.uncertain, p.approximate]


def _unpoint(v: list[Any] | None) -> Point | None:
    if v is None:
        return None
    year, month, day, uncertain, approximate = v
    return Point(int(year), month, day, bool(uncertain), bool(approximate))


def _clock(t: time | None) -> str | None:
    return None if t is None else t.isoformat()


def _code(c: Country | None) -> str | None:
    return None if c is None else c.code


def _encode(e: Event) -> list[Any]:
    """The event as plain values, every table entry by its key (the schema :func:`_decode` reads)."""
    w = e.when
    return [
        e.id, e.series.key, e.title, [_point(w.start), _point(w.end), w.mod.value if w.mod else None], e.status.value,
        [[c.source.id, c.quote] for c in e.sources], e.ordinal, _clock(e.start_time), _clock(e.end_time),
        e.place.key if e.place else None, e.venue, _code(e.host), _code(e.chair), [c.code for c in e.countries],
        list(e.organisations), [[d.head, _code(d.country), d.role] for d in e.delegations], e.part_of,
        list(e.related), e.note,
    ]  # fmt: skip


_STATUSES = {status.value: status for status in Status}
_MODS = {mod.value: mod for mod in Mod}
# (a table lookup: calling the enum is most of what decoding a status costs)


def _decode(v: list[Any], tables: dict[str, dict[str, Any]]) -> Event:
    """The event :func:`_encode` wrote, its entries looked up in the current ``tables``."""
    (event_id, series, title, (start, end, mod), status, cited, ordinal, start_time, end_time, place, venue, host,
     chair, countries, organisations, delegations, part_of, related, note) = v  # fmt: skip
    country = tables["country"]
    start_point = _unpoint(start)
    if start_point is None:
        raise ValueError("an event without a start")
    return Event(
        id=str(event_id), series=tables["series"][series], title=dict(title),
        when=When(start_point, _unpoint(end), _MODS[mod] if mod is not None else None), status=_STATUSES[status],
        sources=tuple([Citation(tables["source"][s], str(q)) for s, q in cited]), ordinal=ordinal,
        start_time=time.fromisoformat(start_time) if start_time else None,
        end_time=time.fromisoformat(end_time) if end_time else None,
        place=tables["place"][place] if place is not None else None, venue=venue,
        host=country[host] if host is not None else None, chair=country[chair] if chair is not None else None,
        countries=tuple([country[c] for c in countries]), organisations=tuple(organisations),
        delegations=tuple([Delegation(h, country[c] if c is not None else None, dict(r)) for h, c, r in delegations]),
        part_of=part_of, related=tuple(related), note=dict(note),
    )  # fmt: skip
