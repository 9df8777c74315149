"""The revision ledger (``data/timeline.lock``): when each event appeared and last changed.

Calendar and feed clients need timestamps and sequence numbers that move only when an event
really changes. The ledger records, per event id, a fingerprint of everything the event
publishes, its SEQUENCE, and its created / last-modified times. A build reads the clock only
for an event whose fingerprint changed (or that is new), so rebuilding unchanged data gives
byte-identical output. Removed ids stay in the ledger as tombstones: ids are never reused.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from timeline.model import Country, Event

VERSION = 1


@dataclass(frozen=True)
class Revision:
    fingerprint: str
    sequence: int
    created: datetime
    modified: datetime
    removed: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "sequence": self.sequence,
            "created": _stamp(self.created),
            "modified": _stamp(self.modified),
        }
        if self.removed is not None:
            out["removed"] = _stamp(self.removed)
        return out


Ledger = dict[str, Revision]


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


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


def fingerprint(event: Event) -> str:
    canonical = json.dumps(facts(event), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse(text: str) -> Ledger:
    """Read a ledger; raises ValueError with a readable message on damage."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("events"), dict):
        raise ValueError(f"not a version-{VERSION} timeline ledger")
    out: Ledger = {}
    for event_id, item in data["events"].items():
        out[event_id] = Revision(
            fingerprint=item["fingerprint"],
            sequence=int(item["sequence"]),
            created=_parse_stamp(item["created"]),
            modified=_parse_stamp(item["modified"]),
            removed=_parse_stamp(item["removed"]) if item.get("removed") else None,
        )
    return out


def dumps(ledger: Ledger) -> str:
    """One event per line, sorted, so that a change shows as a one-line diff."""
    lines = [
        f"    {json.dumps(event_id, ensure_ascii=False)}: "
        + json.dumps(ledger[event_id].to_json(), ensure_ascii=False, separators=(", ", ": "))
        for event_id in sorted(ledger)
    ]
    body = ",\n".join(lines)
    return f'{{\n  "version": {VERSION},\n  "events": {{\n{body}\n  }}\n}}\n'


def advance(ledger: Ledger, events: tuple[Event, ...], now: datetime) -> Ledger:
    """The ledger after publishing ``events``: new, changed and removed events stamped ``now``."""
    now = now.astimezone(UTC).replace(microsecond=0)
    out: Ledger = {}
    current = {event.id: event for event in events}
    for event_id, event in current.items():
        print_ = fingerprint(event)
        old = ledger.get(event_id)
        if old is None:
            out[event_id] = Revision(print_, 0, now, now)
        elif old.fingerprint != print_ or old.removed is not None:
            out[event_id] = Revision(print_, old.sequence + 1, old.created, max(now, old.modified))
        else:
            out[event_id] = old
    for event_id, old in ledger.items():
        if event_id not in current:
            if old.removed is not None:
                out[event_id] = old
            else:  # it is gone, which is a change: a new revision, kept as a tombstone
                stamp = max(now, old.modified)
                out[event_id] = replace(old, sequence=old.sequence + 1, modified=stamp, removed=stamp)
    return out
