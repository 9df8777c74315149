"""Per event file, its validated event, reused while the file's bytes and everything it refers to
stay the same: one event changed, one file parsed and validated, not ten thousand.

An entry is keyed by the code version, the config, the file's shown path and the hash of its
bytes (from :mod:`timeline.inputs`), and holds the event (its series, place, countries and sources
by key: see :mod:`timeline.cache_values`), its warnings, and a digest of each table entry it
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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline import cache_values, inputs
from timeline.errors import Problem
from timeline.model import Country, Event, Place, Series, Source

if TYPE_CHECKING:
    from timeline.buildcache import BuildCache
    from timeline.events import Tables


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
        store.on_close(lambda: store.keep_events(self.made, self.used))

    def bind(self, tables: Tables) -> None:
        """The tables this build validates events against."""
        self.tables = {
            "series": dict(tables.series),
            "place": {k: v for k, v in tables.places.items() if v is not None},
            "country": dict(tables.countries),
            "source": {k: v for k, v in tables.sources.items() if v is not None},
        }
        self.scope = _digest(cache_values.dumps(tables.config))
        self.digests = {}

    def _entry_digest(self, kind: str, key: str) -> str | None:
        if (kind, key) not in self.digests:
            value = self.tables.get(kind, {}).get(key)
            self.digests[kind, key] = _digest(cache_values.dumps(value)) if value is not None else ""
        return self.digests[kind, key] or None

    def _key(self, path: Path, shown: str) -> str | None:
        found = self.found.get((self.root.as_posix(), path.relative_to(self.root).as_posix()))
        if found is None:
            return None
        length, sha = found
        return _digest(f"{self.version}\0{self.scope}\0{shown}\0{length}\0{sha}".encode())

    def get(self, path: Path, shown: str) -> tuple[Event, list[Problem]] | None:
        """The event of ``path`` and its warnings, if its bytes and what it refers to are unchanged."""
        key = self._key(path, shown)
        blob = self.known.get(key) if key is not None else None
        if key is None or blob is None:
            return None
        try:
            item = cache_values.loads(blob, self.tables)
            deps = item["deps"]
            if any(self._entry_digest(kind, k) != d for kind, k, d in deps):
                return None
            event, warnings = item["event"], list(item["warnings"])
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # an entry that does not decode is a miss: the file is read
        if not isinstance(event, Event) or not all(isinstance(p, Problem) and p.warning for p in warnings):
            return None
        self.used.add(key)
        return event, warnings

    def put(self, path: Path, shown: str, event: Event, warnings: list[Problem]) -> None:
        """Keep the event validated from ``path`` just now (with no error, only ``warnings``)."""
        key = self._key(path, shown)
        if key is None:
            return
        # the bytes read may not be those hashed before the build (an edit meanwhile): then keep nothing
        if inputs.file_hash(path) != self.found.get((self.root.as_posix(), path.relative_to(self.root).as_posix())):
            return
        deps = sorted({(kind, k, self._entry_digest(kind, k) or "") for kind, k in _refs(event)})

        def external(value: object) -> tuple[str, str] | None:
            ref = _ref(value)
            return ref if ref is not None and self.tables.get(ref[0], {}).get(ref[1]) is value else None

        item = {"event": event, "warnings": warnings, "deps": [list(d) for d in deps]}
        self.made[key] = cache_values.dumps(item, external)
        self.used.add(key)


def _refs(event: Event) -> list[tuple[str, str]]:
    """The table entries an event holds (a place holds its country: its digest covers it)."""
    out = [("series", event.series.key)]
    if event.place is not None:
        out.append(("place", event.place.key))
    countries = [event.host, event.chair, *event.countries, *(d.country for d in event.delegations)]
    out += [("country", c.code) for c in countries if c is not None]
    out += [("source", c.source.id) for c in event.sources]
    return out


def _ref(value: object) -> tuple[str, str] | None:
    if isinstance(value, Series):
        return "series", value.key
    if isinstance(value, Place):
        return "place", value.key
    if isinstance(value, Country):
        return "country", value.code
    if isinstance(value, Source):
        return "source", value.id
    return None
