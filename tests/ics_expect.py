"""What a calendar should say about each event, worked out from the model alone.

The values here come from the data (EDTF ``When``, times, the place's zone, the ledger's
``Revision``) and the rules the README states, never from ``timeline.render_ics``, so that the
parsers' readings of the generated files are checked against an independent expectation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import vobject

from timeline.build import Plan
from timeline.edtf import Precision, When
from timeline.model import Event, Status

# README: planned → TENTATIVE, confirmed/held → CONFIRMED, cancelled → CANCELLED. Postponed
# is not named there; a postponed event has no firm date, so TENTATIVE.
STATUS = {
    Status.PLANNED: "TENTATIVE",
    Status.POSTPONED: "TENTATIVE",
    Status.CONFIRMED: "CONFIRMED",
    Status.HELD: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
}
LONGEST_LINE = 75  # octets, without the CRLF (RFC 5545 §3.1)
CONTROLS = frozenset([*range(0x09), *range(0x0A, 0x20), 0x7F])  # RFC 5545 CONTROL: US-ASCII controls but HTAB


@dataclass(frozen=True)
class Expected:
    uid: str
    start: date | datetime  # date for all-day events; aware datetime in the place's zone otherwise
    end: date | datetime  # exclusive
    all_day: bool
    tzid: str | None
    status: str
    sequence: int


LONGEST_BLOCK = 31  # days: README, "nothing longer than a month in any calendar"
THIRDS = {"early": 0, "mid": 1, "late": 2}


def window(when: When) -> tuple[date, date]:
    """The days an event can fall on (inclusive), as the README defines early / mid / late:
    thirds of the months (January–April, May–August, September–December of a year), or of a
    single month days 1–10, 11–20 and 21 to its end."""
    first = date(when.start.year, when.start.month or 1, when.start.day or 1)
    last = when.last_day
    if when.mod is None or when.precision is Precision.DAY:
        return first, last
    third = THIRDS[when.mod.value]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months >= 3:
        size = months // 3
        month = first.month - 1 + third * size
        start = date(first.year + month // 12, month % 12 + 1, 1)
        if third == 2:
            return start, last
        month += size
        return start, date(first.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    size = 10 if months == 1 else ((last - first).days + 1) // 3
    start = first + timedelta(days=third * size)
    return start, last if third == 2 else start + timedelta(days=size - 1)


def in_calendars(event: Event, imprecise_dates: str) -> bool:
    """README: a calendar holds an event whose window is at most a month long, and one whose day
    is not known only with the ``span`` policy."""
    first, last = window(event.when)
    return (last - first).days + 1 <= LONGEST_BLOCK and (event.when.exact or imprecise_dates == "span")


def expected(event: Event, plan: Plan) -> Expected:
    """The VEVENT fields of ``event`` as the data and the README define them."""
    revision = plan.ledger[event.id]
    when = event.when
    known_day = when.exact  # day precision, neither approximate nor uncertain
    status = "CANCELLED" if event.status is Status.CANCELLED else STATUS[event.status] if known_day else "TENTATIVE"
    uid = f"{event.id}@{plan.dataset.config.uid_domain}"
    if event.start_time is None:
        first, last = window(when)
        return Expected(uid, first, last + timedelta(days=1), True, None, status, revision.sequence)
    assert event.place is not None, "a time needs a place (normalise enforces it)"
    zone = ZoneInfo(event.place.timezone)
    start = datetime.combine(when.first_day, event.start_time, tzinfo=zone)
    # A time without an end lasts an hour (the project's convention for a meeting's start time).
    end = (
        start + timedelta(hours=1) if event.end_time is None else datetime.combine(when.last_day, event.end_time, zone)
    )
    return Expected(uid, start, end, False, event.place.timezone, status, revision.sequence)


@dataclass(frozen=True)
class Truth:
    """The dataset and ledger of one build, indexed by UID."""

    plan: Plan
    events: dict[str, Expected]
    tombstones: dict[str, int]  # UID → sequence of removed events still in the ledger

    @classmethod
    def of(cls, plan: Plan) -> Truth:
        domain = plan.dataset.config.uid_domain
        policy = plan.dataset.config.imprecise_dates
        # Only the events a calendar may hold: any other UID in a calendar is an error.
        events = {f"{e.id}@{domain}": expected(e, plan) for e in plan.dataset.events if in_calendars(e, policy)}
        tombstones = {
            f"{event_id}@{domain}": revision.sequence
            for event_id, revision in plan.ledger.items()
            if revision.removed is not None
        }
        assert not set(events) & set(tombstones), "an event in the data is also a tombstone in the ledger"
        return cls(plan, events, tombstones)


def check_lines(name: str, data: bytes) -> None:
    """RFC 5545 §3.1: CRLF line ends, folded at 75 octets, never inside a UTF-8 sequence."""
    assert data.endswith(b"\r\n"), f"{name}: the last line ends with CRLF"
    for number, line in enumerate(data[:-2].split(b"\r\n"), start=1):
        where = f"{name}:{number}"
        assert b"\r" not in line, f"{where}: a bare CR inside a line: {line[:60]!r}"
        assert b"\n" not in line, f"{where}: a bare LF inside a line: {line[:60]!r}"
        controls = sorted({chr(b) for b in line if b in CONTROLS})
        assert not controls, f"{where}: control characters {controls} (RFC 5545 allows none but TAB)"
        assert len(line) <= LONGEST_LINE, f"{where}: {len(line)} octets, more than {LONGEST_LINE}: {line[:60]!r}"
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise AssertionError(f"{where}: a fold splits a UTF-8 sequence: {line!r}") from exc
        assert number == 1 or line, f"{where}: an empty line"


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- what ical.js read (see tests/interop/icaljs.mjs) --------------------------------------------


def check_icaljs_calendar(name: str, parsed: dict[str, Any], truth: Truth) -> set[str]:
    """Compare every VEVENT ical.js read with the data; the UIDs seen."""
    assert "error" not in parsed, f"{name}: ical.js cannot parse it: {parsed.get('error')}"
    assert parsed["calendar"]["version"] == ["2.0"], name
    assert parsed["calendar"]["method"] == ["PUBLISH"], name
    used: set[str] = set()
    uids = []
    for ev in parsed["events"]:
        uid = ev["uid"]
        uids.append(uid)
        where = f"{name}: {uid}"
        used.update(ev[key]["tzid"] for key in ("start", "end") if ev[key] and ev[key]["tzid"])
        if uid not in truth.events:
            assert uid in truth.tombstones, f"{where}: UID neither in the data nor a tombstone in the ledger"
            assert ev["status"] == "CANCELLED", f"{where}: a removed event must be STATUS:CANCELLED"
            assert ev["sequence"] == truth.tombstones[uid], where
            continue
        want = truth.events[uid]
        for key, moment in (("start", want.start), ("end", want.end)):
            got = ev[key]
            assert got is not None, f"{where}: no DT{key.upper()}"
            assert got["isDate"] is want.all_day, f"{where}: DT{key.upper()} all-day is {got['isDate']}"
            assert got["tzid"] == want.tzid, f"{where}: DT{key.upper()} TZID"
            if want.all_day:
                assert got["value"] == moment.isoformat(), f"{where}: DT{key.upper()}"
            else:
                assert isinstance(moment, datetime)
                assert got["value"] == moment.replace(tzinfo=None).isoformat(), f"{where}: DT{key.upper()} wall time"
                # ical.js resolved the TZID to the file's VTIMEZONE, which agrees with tzdata.
                assert got["zone"] == want.tzid, f"{where}: DT{key.upper()} zone not resolved"
                assert got["utc"] == utc(moment), f"{where}: DT{key.upper()} instant"
        assert ev["status"] == want.status, f"{where}: STATUS"
        assert ev["sequence"] == want.sequence, f"{where}: SEQUENCE"
    assert len(uids) == len(set(uids)), (
        f"{name}: a UID appears twice: {sorted(u for u, n in Counter(uids).items() if n > 1)}"
    )
    check_timezones(name, parsed["timezones"], used)
    return set(uids)


def check_timezones(name: str, defined: list[str], used: set[str]) -> None:
    """Exactly one VTIMEZONE per TZID used, and none that no event uses."""
    counts = Counter(defined)
    assert not [z for z, n in counts.items() if n > 1], f"{name}: VTIMEZONE defined twice: {counts}"
    assert set(defined) == used, f"{name}: VTIMEZONEs {sorted(defined)} but TZIDs used {sorted(used)}"


# -- what vobject read ---------------------------------------------------------------------------


def read_vobject(name: str, data: bytes) -> vobject.base.Component:
    check_lines(name, data)
    return vobject.readOne(data.decode("utf-8"))


def _vobject_tzid(prop: Any) -> str | None:
    # vobject turns TZID into a tzinfo built from the file's VTIMEZONE and keeps the name here.
    tzid = prop.params.get("X-VOBJ-ORIGINAL-TZID") or prop.params.get("TZID")
    return str(tzid[0]) if tzid else None


def check_vobject_calendar(name: str, cal: vobject.base.Component, truth: Truth) -> set[str]:
    """Compare every VEVENT vobject read with the data; the UIDs seen."""
    assert cal.version.value == "2.0", name
    # vobject resolves a TZID through a process-wide registry where the first VTIMEZONE read
    # under that name wins; read each calendar's own definitions to check its offsets.
    zones = {tz.tzid.value: tz.gettzinfo() for tz in cal.contents.get("vtimezone", [])}
    used: set[str] = set()
    uids = []
    for vevent in cal.contents.get("vevent", []):
        uid = vevent.uid.value
        uids.append(uid)
        where = f"{name}: {uid}"
        for prop in vevent.contents.get("dtstart", []) + vevent.contents.get("dtend", []):
            used.update([tzid] if (tzid := _vobject_tzid(prop)) else [])
        if uid not in truth.events:
            assert uid in truth.tombstones, f"{where}: UID neither in the data nor a tombstone in the ledger"
            assert vevent.status.value == "CANCELLED", f"{where}: a removed event must be STATUS:CANCELLED"
            assert int(vevent.sequence.value) == truth.tombstones[uid], where
            continue
        want = truth.events[uid]
        for prop, moment in ((vevent.dtstart, want.start), (vevent.dtend, want.end)):
            value = prop.value
            tzid = _vobject_tzid(prop)
            assert tzid == want.tzid, f"{where}: {prop.name} TZID {tzid!r}"
            if want.all_day:
                assert type(value) is date, f"{where}: {prop.name} is not a DATE: {value!r}"
                assert value == moment, f"{where}: {prop.name}"
            else:
                assert isinstance(value, datetime), f"{where}: {prop.name} is not a DATE-TIME: {value!r}"
                assert isinstance(moment, datetime)
                assert tzid is not None
                assert value.replace(tzinfo=None) == moment.replace(tzinfo=None), f"{where}: {prop.name} wall time"
                assert tzid in zones, f"{where}: no VTIMEZONE for {prop.name};TZID={tzid}"
                offset = value.replace(tzinfo=zones[tzid]).utcoffset()
                assert offset == moment.utcoffset(), f"{where}: {prop.name} UTC offset {offset}"
        assert vevent.status.value == want.status, f"{where}: STATUS"
        assert int(vevent.sequence.value) == want.sequence, f"{where}: SEQUENCE"
    assert len(uids) == len(set(uids)), f"{name}: a UID appears twice"
    check_timezones(name, [tz.tzid.value for tz in cal.contents.get("vtimezone", [])], used)
    return set(uids)


def texts_vobject(vevent: vobject.base.Component) -> dict[str, Any]:
    """SUMMARY, DESCRIPTION, LOCATION and CATEGORIES as vobject reads them (for comparisons)."""
    contents = vevent.contents
    return {
        "summary": vevent.summary.value if "summary" in contents else None,
        "description": vevent.description.value if "description" in contents else None,
        "location": vevent.location.value if "location" in contents else None,
        "categories": [c for prop in contents.get("categories", []) for c in prop.value],
    }


def texts_icaljs(ev: dict[str, Any]) -> dict[str, Any]:
    return {key: ev[key] for key in ("summary", "description", "location", "categories")}
