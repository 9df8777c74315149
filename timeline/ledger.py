"""The revision ledger (``data/timeline.lock``): when each event appeared and last changed.

Calendar and feed clients need timestamps and sequence numbers that move only when an event
really changes. The ledger records, per event id, a fingerprint of everything the event
publishes, its SEQUENCE, and its created / last-modified times. A build reads the clock only
for an event whose fingerprint changed (or that is new), so rebuilding unchanged data gives
byte-identical output. Removed ids stay in the ledger as tombstones: ids are never reused.

Version 2 also keeps, per event, a short digest of each aspect (date, status, place, title,
sources, details) to tell what a change touched (``changes``, which feed summaries show), and
how the event was last shown (``shown``), so that once its file is deleted it can still be
published as cancelled for the config's ``keep_removed`` period.

Version 3 keeps every revision (``history``: sequence, moment, what changed), for the change
feeds, in which each revision is an entry of its own; and no two revisions of the whole ledger
share a moment (a build that stamps several events spaces them a second apart, back from the
build moment, in id order), so
that no two feed entries have the same ``updated``. It also records the build moment
(``as_of``): what depends on the date (the upcoming calendar, tombstones' expiry, "day not
reported", "no report since") is computed as of that moment, which only a real build moves on,
so ``build --check`` gives the same answer whichever day it runs.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

from timeline.model import Country, Event

VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
SECOND = timedelta(seconds=1)

# What changed at a revision, by part of the event; feeds tell readers why an entry came back.
ASPECTS = ("when", "status", "place", "title", "sources", "details")
_ASPECT_FACTS = {
    "when": ("when", "mod", "time"),
    "status": ("status",),
    "place": ("place", "venue"),
    "title": ("series", "ordinal", "title"),
    "sources": ("sources",),
}


@dataclass(frozen=True)
class Shown:
    """How an event was last published: what a tombstone needs once its data file is gone."""

    summary: dict[str, str]
    headline: dict[str, str]
    when: str
    mod: str | None
    times: tuple[str | None, str | None]
    timezone: str | None
    status: str
    calendars: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "summary": self.summary, "headline": self.headline, "when": self.when, "mod": self.mod,
            "times": list(self.times), "timezone": self.timezone, "status": self.status,
            "calendars": list(self.calendars),
        }  # fmt: skip

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> Shown:
        start, end = item["times"]
        return cls(
            dict(item["summary"]), dict(item["headline"]), str(item["when"]), item.get("mod"), (start, end),
            item.get("timezone"), str(item["status"]), tuple(item["calendars"]),
        )  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One thing that changed at a revision: an aspect (see ASPECTS), "removed" or "restored".

    For "when" and "status", ``old`` and ``new`` hold the EDTF date or status value.
    """

    what: str
    old: str | None = None
    new: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"what": self.what}
        if self.old is not None:
            out["old"] = self.old
        if self.new is not None:
            out["new"] = self.new
        return out


@dataclass(frozen=True)
class Step:
    """One revision of an event: its SEQUENCE, when it was made and what it changed.

    A first revision (sequence 0, or a first one the ledger saw) has no changes: "new event".
    """

    sequence: int
    at: datetime
    changes: tuple[Change, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"sequence": self.sequence, "at": _stamp(self.at)}
        if self.changes:
            out["changes"] = [c.to_json() for c in self.changes]
        return out


@dataclass(frozen=True)
class Revision:
    fingerprint: str
    sequence: int
    created: datetime
    modified: datetime
    removed: datetime | None = None
    aspects: tuple[tuple[str, str], ...] = ()
    changes: tuple[Change, ...] = ()
    shown: Shown | None = None
    history: tuple[Step, ...] = ()
    """Every revision known, oldest first; the last is this one (``sequence``, ``modified``)."""

    def steps(self) -> tuple[Step, ...]:
        """The history, or what a ledger of version 1 or 2 tells of it: the first and last revision."""
        if self.history:
            return self.history
        first = Step(0, self.created)
        return (first,) if self.sequence == 0 else (first, Step(self.sequence, self.modified, self.changes))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "sequence": self.sequence,
            "created": _stamp(self.created),
            "modified": _stamp(self.modified),
        }
        if self.removed is not None:
            out["removed"] = _stamp(self.removed)
        if self.changes:
            out["changes"] = [c.to_json() for c in self.changes]
        if self.aspects:
            out["aspects"] = dict(self.aspects)
        if self.shown is not None:
            out["shown"] = self.shown.to_json()
        out["history"] = [step.to_json() for step in self.steps()]
        return out


Ledger = dict[str, Revision]


def _stamp(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    if utc.year < 1000:  # noqa: PLR2004 - strftime writes no leading zeros there, isoformat does
        return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    return utc.isoformat()[:19] + "Z"  # (YYYY-MM-DDTHH:MM:SS, from C: strftime costs several times more)


def _parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _trusted_stamp(text: str) -> datetime:
    """:func:`_parse_stamp` of a stamp this code wrote (the same value; fromisoformat is C)."""
    if len(text) != 20 or text[10] != "T" or text[-1] != "Z":  # noqa: PLR2004 - YYYY-MM-DDTHH:MM:SSZ
        return _parse_stamp(text)
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)


def _country(c: Country | None) -> dict[str, Any] | None:
    return None if c is None else {"code": c.code, "name": c.name}


def facts(event: Event) -> dict[str, Any]:
    """Everything about an event that can show in the output, gazetteer names included."""
    place = event.place
    return {
        "id": event.id,
        "series": {"key": event.series.key, "name": event.series.name, "short": event.series.short},
        "ordinal": event.ordinal,
        "title": event.title,
        "when": event.when.edtf,
        "mod": event.when.mod,
        "time": [t.isoformat() if t else None for t in (event.start_time, event.end_time)],
        "place": None if place is None else {
            "key": place.key, "name": place.name, "country": _country(place.country), "timezone": place.timezone,
            "kind": place.kind, "coordinates": place.coordinates,
        },
        "venue": event.venue,
        "status": event.status.value,
        "host": _country(event.host),
        "chair": _country(event.chair),
        "countries": [_country(c) for c in event.countries],
        "organisations": list(event.organisations),
        "delegations": [{"head": d.head, "country": _country(d.country), "role": d.role} for d in event.delegations],
        "part_of": event.part_of,
        "related": list(event.related),
        "note": event.note,
        "sources": [
            {"id": c.source.id, "title": c.source.title, "publisher": c.source.publisher, "url": c.source.url,
             "published": c.source.published.edtf if c.source.published else None, "language": c.source.language,
             "quote": c.quote}
            for c in event.sources
        ],
    }  # fmt: skip


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
# (one encoder for every value: json.dumps with options makes a new one per call, which at 40
# facts an event cost more than the encoding itself)


def _canonical(value: Any) -> str:
    """``value`` as canonical JSON (sorted keys, no spaces, UTF-8 kept): what the fingerprint digests."""
    return _ENCODER.encode(value)


_MEMBERS: dict[str, str] = {}
"""Per fact name: its canonical JSON and the colon, the start of its member in the object."""
_encode_str = json.encoder.encode_basestring  # what the encoder does with a str (ensure_ascii=False)


def _piece(key: str, value: Any) -> str:
    """The ``"key":value`` member of the canonical JSON object that holds ``value`` under ``key``."""
    member = _MEMBERS.get(key)
    if member is None:
        member = _MEMBERS[key] = _canonical(key) + ":"
    if type(value) is str:
        return member + _encode_str(value)
    return member + ("null" if value is None else _canonical(value))


_PRINTS: dict[int, tuple[Event, str, tuple[tuple[str, str], ...]]] = {}
"""Per event object (kept, so that its id is not reused): its fingerprint and aspects, worked out
once per process (a build advances the ledger twice) or given by the build cache (:func:`remember`)."""


_KEPT = 400_000  # events remembered at most (a long `timeline serve` rebuilds many times)


def remember(event: Event, print_: str, parts: tuple[tuple[str, str], ...]) -> None:
    """What :func:`fingerprint` and :func:`aspects` give for ``event`` (from the build cache, which
    keys it by everything the event is made of)."""
    if len(_PRINTS) >= _KEPT:
        _PRINTS.clear()
    _PRINTS[id(event)] = (event, print_, parts)


def printed(event: Event) -> tuple[str, tuple[tuple[str, str], ...]]:
    """:func:`fingerprint` and :func:`aspects` of ``event``, each worked out once."""
    found = _PRINTS.get(id(event))
    if found is None or found[0] is not event:
        found = (event, *_prints(event))
        remember(*found)
    return found[1], found[2]


def fingerprint(event: Event) -> str:
    return _prints(event)[0]


def aspects(event: Event) -> tuple[tuple[str, str], ...]:
    """A short digest of each aspect of the event, to tell which of them a change touched."""
    return _prints(event)[1]


_NAMED = frozenset(name for keys in _ASPECT_FACTS.values() for name in keys)


def _prints(event: Event) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The fingerprint (the digest of the canonical JSON of :func:`facts`) and the digest of each
    aspect's part of it, every fact serialised once: a JSON object with sorted keys is its sorted
    ``"key":value`` members joined, so the whole and each part are assembled from the same pieces."""
    pieces = {key: _piece(key, value) for key, value in facts(event).items()}

    def digest(keys: Iterable[str]) -> str:
        return hashlib.sha256(("{" + ",".join(pieces[k] for k in sorted(keys)) + "}").encode("utf-8")).hexdigest()

    parts = {aspect: digest(keys) for aspect, keys in _ASPECT_FACTS.items()}
    parts["details"] = digest(k for k in pieces if k not in _NAMED)
    return "sha256:" + digest(pieces), tuple((aspect, parts[aspect][:16]) for aspect in ASPECTS)


def parse(text: str) -> Ledger:
    """Read a ledger; raises ValueError with a readable message on damage."""
    data = json.loads(text)
    if (
        not isinstance(data, dict)
        or data.get("version") not in READABLE_VERSIONS
        or not isinstance(data.get("events"), dict)
    ):
        raise ValueError(f"not a timeline ledger of version {' or '.join(map(str, READABLE_VERSIONS))}")
    stamps: dict[str, datetime] = {}
    return {event_id: revision(item, stamps) for event_id, item in data["events"].items()}


def revision(item: dict[str, Any], stamps: dict[str, datetime] | None = None) -> Revision:
    """One event's entry of a ledger (already checked, see :mod:`timeline.lockfile`). ``stamps``:
    the stamps read so far, by their text, shared over a whole ledger (whose revisions share a few
    build moments), each parsed once."""
    if stamps is None:
        stamps = {}

    def stamp(text: str) -> datetime:
        found = stamps.get(text)
        if found is None:
            found = stamps[text] = _trusted_stamp(text)
        return found

    return Revision(
        fingerprint=item["fingerprint"],
        sequence=int(item["sequence"]),
        created=stamp(item["created"]),
        modified=stamp(item["modified"]),
        removed=stamp(item["removed"]) if item.get("removed") else None,
        aspects=tuple((str(k), str(v)) for k, v in item.get("aspects", {}).items()),
        changes=tuple(Change(c["what"], c.get("old"), c.get("new")) for c in item.get("changes", ())),
        shown=Shown.from_json(item["shown"]) if item.get("shown") else None,
        history=tuple(
            Step(int(h["sequence"]), stamp(h["at"]), tuple(_change(c) for c in h.get("changes", ())))
            for h in item.get("history", ())
        ),
    )


def _change(item: dict[str, Any]) -> Change:
    return Change(item["what"], item.get("old"), item.get("new"))


def as_of(text: str) -> datetime | None:
    """The build moment a ledger records (``None`` before version 3)."""
    stamp = json.loads(text).get("as_of")
    return _parse_stamp(stamp) if isinstance(stamp, str) else None


_LINES: dict[int, tuple[Revision, bytes]] = {}
"""Per revision object (kept, so that its id is not reused): its entry as :func:`dumps` writes it,
worked out once, or read from a ledger this code wrote (:func:`remember_line`). Kept as UTF-8,
about half the size of the text (a line with one Vietnamese letter is two bytes a character as a str)."""


_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))  # (one for every line)


def remember_line(revision: Revision, text: str) -> None:
    """``text`` is what :func:`line` gives for ``revision`` (it was read from a ledger this code wrote)."""
    if len(_LINES) >= _KEPT:
        _LINES.clear()
    _LINES[id(revision)] = (revision, text.encode("utf-8"))


def line(revision: Revision) -> str:
    """The revision's entry in the ledger's text (JSON on one line)."""
    return line_bytes(revision).decode("utf-8")


def line_bytes(revision: Revision) -> bytes:
    """:func:`line` in UTF-8: its key in the build cache too."""
    found = _LINES.get(id(revision))
    if found is not None and found[0] is revision:
        return found[1]
    text = _LINE_ENCODER.encode(revision.to_json())
    remember_line(revision, text)
    return _LINES[id(revision)][1]


def dumps(ledger: Ledger, moment: datetime | None = None) -> str:
    """One event per line, sorted, so that a change shows as a one-line diff.

    ``moment`` is the build moment to record (``as_of``).
    """
    return dump_bytes(ledger, moment).decode("utf-8")


def dump_bytes(ledger: Ledger, moment: datetime | None = None) -> bytes:
    """:func:`dumps` in UTF-8, made from the lines' bytes (a build never holds the ledger as text)."""
    body = b",\n".join(
        b"    " + _encode_str(event_id).encode("utf-8") + b": " + line_bytes(ledger[event_id])
        for event_id in sorted(ledger)
    )
    head = f'  "version": {VERSION},\n'
    if moment is not None:
        head += f'  "as_of": "{_stamp(moment)}",\n'
    return f'{{\n{head}  "events": {{\n'.encode() + body + b"\n  }\n}\n"


def _changes(old: Revision, event: Event, new_aspects: tuple[tuple[str, str], ...]) -> tuple[Change, ...]:
    out = [Change("restored")] if old.removed is not None else []
    before = dict(old.aspects)
    for aspect, digest in new_aspects:
        if aspect not in before or before[aspect] == digest:
            continue  # a version-1 entry has no aspects: what changed is not known
        if aspect == "when":
            out.append(Change("when", old.shown.when if old.shown else None, event.when.edtf))
        elif aspect == "status":
            out.append(Change("status", old.shown.status if old.shown else None, event.status.value))
        else:
            out.append(Change(aspect))
    return tuple(out)


def advance(ledger: Ledger, events: tuple[Event, ...], now: datetime, shown: Mapping[str, Shown]) -> Ledger:
    """The ledger after publishing ``events``: new, changed and removed events stamped ``now``.

    ``shown`` says how each event is published now (kept for when it is removed). It is
    refreshed without a new revision when only that changes (e.g. the config's calendars).
    Every revision gets a moment of its own (see :func:`distinct`).
    """
    now = now.astimezone(UTC).replace(microsecond=0)
    out: Ledger = {}
    current = {event.id: event for event in events}
    for event_id, event in current.items():
        (print_, parts), seen = printed(event), shown.get(event_id)
        old = ledger.get(event_id)
        if old is None:
            out[event_id] = Revision(print_, 0, now, now, aspects=parts, shown=seen, history=(Step(0, now),))
        elif old.fingerprint != print_ or old.removed is not None:
            changes = _changes(old, event, parts)
            stamp = max(now, old.modified)
            out[event_id] = Revision(
                print_, old.sequence + 1, old.created, stamp, None, parts, changes, seen,
                (*old.steps(), Step(old.sequence + 1, stamp, changes)),
            )  # fmt: skip
        elif old.aspects == parts and (seen is old.shown or seen == old.shown) and old.history:
            out[event_id] = old  # the same value: the same object, whose line is known (see line)
        else:
            out[event_id] = replace(old, aspects=parts, shown=seen, history=old.steps())
    for event_id, old in ledger.items():
        if event_id not in current:
            if old.removed is not None:
                out[event_id] = old if old.history else replace(old, history=old.steps())
            else:  # it is gone, which is a change: a new revision, kept as a tombstone
                stamp = max(now, old.modified)
                gone = (Change("removed"),)
                out[event_id] = replace(
                    old, sequence=old.sequence + 1, modified=stamp, removed=stamp, changes=gone,
                    history=(*old.steps(), Step(old.sequence + 1, stamp, gone)),
                )  # fmt: skip
    return distinct(out, ledger)


def _settled(ledger: Ledger) -> dict[tuple[str, int], datetime]:
    """The revisions of ``ledger`` that have a moment no other revision shares."""
    count = Counter(step.at for r in ledger.values() for step in r.steps())  # (counted in C)
    return {
        (event_id, step.sequence): step.at
        for event_id, r in ledger.items()
        for step in r.steps()
        if count[step.at] == 1
    }


def distinct(ledger: Ledger, before: Ledger | None = None) -> Ledger:
    """The ledger with no two revisions at the same moment (to the second).

    Feed readers and the W3C validator expect every entry of a feed to have its own
    ``updated``; a build that adds twenty events at once would give them one moment. Revisions
    are taken from the latest back, in order of (moment, event id, sequence), and each one that
    is not earlier than the one after it moves to a second before it — never later, so that no
    moment is after the build's clock. Unique moments stay as they are, so this changes nothing
    on a ledger it has already been through; of a build's new revisions, the last event id keeps
    the build moment and the others go a second earlier each, in id order.

    ``before`` is the ledger the build started from: its revisions that already had a moment of
    their own are published history and never move (a rebuild within seconds of the last one,
    or at the same ``--now``, must not restamp unchanged events); new revisions step around
    them. A new revision never goes before its event's previous one: where that would be the
    only way out, it keeps its moment and shares it.
    """
    fixed = _settled(before) if before is not None else {}
    taken = set(fixed.values())
    steps = sorted(
        (
            (step.at, event_id, step.sequence)
            for event_id, r in ledger.items()
            for step in r.steps()
            if fixed.get((event_id, step.sequence)) != step.at
        ),
        reverse=True,
    )
    if not steps:
        return ledger
    moved: dict[tuple[str, int], datetime] = {}
    later: datetime | None = None
    for at, event_id, sequence in steps:
        wanted = later - SECOND if later is not None and at >= later else at
        while wanted in taken:
            wanted -= SECOND
        lowest = _floor(ledger[event_id], sequence)
        if lowest is not None and wanted < lowest:
            wanted = at  # no free moment after its previous revision: share rather than reorder
        if wanted != at:
            moved[(event_id, sequence)] = wanted
        later = wanted
    if not moved:
        return ledger
    touched = {event_id for event_id, _ in moved}
    out: Ledger = {}
    for event_id, r in ledger.items():
        if r.history and event_id not in touched:
            out[event_id] = r  # (nothing of it moved: the same history, the same object)
            continue
        history = tuple(replace(h, at=moved.get((event_id, h.sequence), h.at)) for h in r.steps())
        if history == r.history:
            out[event_id] = r
            continue
        modified = history[-1].at
        removed = modified if r.removed is not None else None
        out[event_id] = replace(r, created=history[0].at, modified=modified, removed=removed, history=history)
    return out


def _floor(revision: Revision, sequence: int) -> datetime | None:
    """The moment of the revision before the one numbered ``sequence`` (None for the first)."""
    found = None
    for prior, step in pairwise(revision.steps()):
        if step.sequence == sequence:
            found = prior.at
    return found
