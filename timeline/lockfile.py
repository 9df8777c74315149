"""Reading the ledger (``data/timeline.lock``) as untrusted input: bounded, and every value checked.

The ledger is written by the build but committed, so it can be edited by hand, merged badly or
damaged. Before :func:`json.loads` (which recurses) sees it, its nesting depth is measured
without recursion; numbers are bounded; then every value a renderer or the next revision relies
on is checked — statuses, time stamps (modified ≥ created, none after the build moment), zones,
EDTF dates, SEQUENCE within RFC 5545's integer range — and each problem names the line of the
event's entry (the build writes one event per line) and the field.
"""

from __future__ import annotations

import json
import re
import zoneinfo
from datetime import UTC, datetime, time
from typing import Any

from timeline import edtf
from timeline.errors import Problem, quote
from timeline.fields import FORBIDDEN, SLUG
from timeline.ledger import (
    ASPECTS,
    READABLE_VERSIONS,
    VERSION,
    Change,
    Ledger,
    Revision,
    Shown,
    Step,
    remember_line,
    revision,
)
from timeline.model import Status

MAX_DEPTH = 8
"""The ledger's own structure nests five levels (events → id → shown → summary → text, or
events → id → history → revision → changes → change)."""
MAX_SEQUENCE = 2**31 - 2
"""SEQUENCE is an RFC 5545 INTEGER (at most 2**31 - 1), and the next revision adds one."""
MAX_ID = 120
"""An event id is a file name (``events/<id>.ics``): file systems allow 255 bytes."""
_PAIR = re.compile(r"\[[^\[\]{}]*\]|\{[^\[\]{}]*\}")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_KEY_LINE = re.compile(r'^\s*("(?:[^"\\]|\\.)*")\s*:\s*\{', re.MULTILINE)
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_WHAT = {*ASPECTS, "removed", "restored"}


def _too_deep(text: str) -> bool:
    """Whether ``text`` nests deeper than MAX_DEPTH: innermost bracket pairs are removed, a level a pass."""
    bare = re.sub(r"[^\[\]{}]", "", _STRING.sub("", text))
    for _ in range(MAX_DEPTH):
        if not bare:
            return False
        bare, count = _PAIR.subn("", bare)
        if count == 0:
            return False  # unbalanced: json.loads says where
    return bool(bare)


class _Refused(ValueError):
    """A number json.loads would accept but the ledger never holds; ``token`` finds its line."""

    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.token = token


def _int(text: str) -> int:
    if len(text.lstrip("-")) > 18:  # noqa: PLR2004 - digits of any sequence number
        raise _Refused(f"the number {text[:20]}… is too large", text)
    return int(text)


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number", name)


class _Checker:
    def __init__(self, shown: str, lines: dict[str, int], now: datetime) -> None:
        self.shown, self.lines, self.now = shown, lines, now
        self.problems: list[Problem] = []

    def report(self, event_id: str, name: str, message: str) -> None:
        field_name = f"events.{event_id}.{name}" if name else f"events.{event_id}"
        self.problems.append(Problem(self.shown, self.lines.get(event_id, 1), field_name, message))

    def stamp(self, event_id: str, item: dict[str, Any], key: str, *, required: bool = True) -> datetime | None:
        value = item.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not _STAMP.fullmatch(value):
            self.report(event_id, key, f"{quote(value)} is not a UTC time stamp such as 2026-01-31T12:00:00Z")
            return None
        try:
            moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except ValueError:
            self.report(event_id, key, f"{quote(value)} is not a real time")
            return None
        if moment > self.now:
            self.report(
                event_id,
                key,
                f"{value} is after the build moment {self.now:%Y-%m-%dT%H:%M:%SZ}; fix the clock (or --now), "
                "or restore the ledger from git",
            )
            return None
        return moment

    def text_map(self, event_id: str, name: str, value: Any) -> dict[str, str] | None:
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and not FORBIDDEN.search(v) for k, v in value.items()
        ):
            self.report(event_id, name, f"{quote(value)} must map language codes to texts")
            return None
        return dict(value)

    def shown_record(self, event_id: str, value: Any) -> Shown | None:
        if not isinstance(value, dict):
            self.report(event_id, "shown", f"{quote(value)} must be a mapping")
            return None
        ok = True
        summary = self.text_map(event_id, "shown.summary", value.get("summary"))
        headline = self.text_map(event_id, "shown.headline", value.get("headline"))
        when, mod = value.get("when"), value.get("mod")
        try:
            if not isinstance(when, str) or not (mod is None or isinstance(mod, str)):
                raise edtf.EDTFError(f"{quote(when)} is not an EDTF date")
            edtf.parse(when, mod)
        except edtf.EDTFError as exc:
            self.report(event_id, "shown.when", str(exc))
            ok = False
        times = value.get("times")
        if not isinstance(times, list) or len(times) != 2 or not all(t is None or _clock(t) for t in times):  # noqa: PLR2004 - start, end
            self.report(event_id, "shown.times", f"{quote(times)} must be [start, end], each HH:MM:SS or null")
            ok = False
        zone = value.get("timezone")
        if zone is not None and not (isinstance(zone, str) and _zone(zone)):
            self.report(event_id, "shown.timezone", f"unknown time zone {quote(zone)}")
            ok = False
        status = value.get("status")
        if not isinstance(status, str) or status not in {s.value for s in Status}:
            self.report(event_id, "shown.status", f"{quote(status)} is not a status")
            ok = False
        calendars = value.get("calendars")
        if not isinstance(calendars, list) or not all(isinstance(c, str) and SLUG.fullmatch(c) for c in calendars):
            self.report(event_id, "shown.calendars", f"{quote(calendars)} must be a list of calendar keys")
            ok = False
        if not (ok and summary is not None and headline is not None):
            return None
        return Shown.from_json(value)

    def revision(self, event_id: str, item: Any) -> Revision | None:
        if not isinstance(item, dict):
            self.report(event_id, "", f"{quote(item)} must be a mapping")
            return None
        before = len(self.problems)
        if len(event_id) > MAX_ID or not SLUG.fullmatch(event_id):
            self.report(event_id, "", f"{quote(event_id)} is not an event id (a slug of at most {MAX_ID} characters)")
        fingerprint = item.get("fingerprint")
        if not isinstance(fingerprint, str) or not re.fullmatch(r"sha256:[0-9a-f]{64}", fingerprint):
            self.report(event_id, "fingerprint", f"{quote(fingerprint)} is not a sha256: fingerprint")
        sequence = item.get("sequence")
        if isinstance(sequence, bool) or not isinstance(sequence, int) or not 0 <= sequence <= MAX_SEQUENCE:
            self.report(event_id, "sequence", f"{quote(sequence)} must be a whole number from 0 to {MAX_SEQUENCE}")
        created = self.stamp(event_id, item, "created")
        modified = self.stamp(event_id, item, "modified")
        removed = self.stamp(event_id, item, "removed", required=False)
        if created and modified and modified < created:
            self.report(event_id, "modified", f"{item['modified']} is before created ({item['created']})")
        if created and removed and removed < created:
            self.report(event_id, "removed", f"{item['removed']} is before created ({item['created']})")
        aspects = item.get("aspects", {})
        if not isinstance(aspects, dict) or not all(isinstance(v, str) for v in aspects.values()):
            self.report(event_id, "aspects", f"{quote(aspects)} must map aspects to digests")
        changes = item.get("changes", [])
        if not isinstance(changes, list) or not all(
            isinstance(c, dict)
            and isinstance(c.get("what"), str)
            and c["what"] in _WHAT
            and all(isinstance(c.get(k), str | None) for k in ("old", "new"))
            for c in changes
        ):
            self.report(event_id, "changes", f"{quote(changes)} must be a list of {{what, old, new}}")
        shown = self.shown_record(event_id, item["shown"]) if item.get("shown") is not None else None
        history = self.history(event_id, item.get("history", []), sequence)
        if len(self.problems) > before or created is None or modified is None:
            return None
        assert isinstance(sequence, int)  # checked above
        return Revision(
            fingerprint=str(fingerprint),
            sequence=sequence,
            created=created,
            modified=modified,
            removed=removed,
            aspects=tuple((str(k), str(v)) for k, v in aspects.items()),
            changes=tuple(Change(c["what"], c.get("old"), c.get("new")) for c in changes),
            shown=shown,
            history=history,
        )

    def history(self, event_id: str, value: Any, sequence: Any) -> tuple[Step, ...]:
        """Every revision (version 3): sequences rising to the current one, moments rising."""
        shape = f"{quote(value)} must be a list of {{sequence, at, changes}}, oldest first"
        if not isinstance(value, list) or not all(isinstance(h, dict) for h in value):
            self.report(event_id, "history", shape)
            return ()
        steps: list[Step] = []
        for i, item in enumerate(value):
            number, changes = item.get("sequence"), item.get("changes", [])
            at = self.stamp(event_id, item, "at") if "at" in item else None
            ok_changes = isinstance(changes, list) and all(
                isinstance(c, dict)
                and isinstance(c.get("what"), str)
                and c["what"] in _WHAT
                and all(isinstance(c.get(k), str | None) for k in ("old", "new"))
                for c in changes
            )
            if isinstance(number, bool) or not isinstance(number, int) or at is None or not ok_changes:
                self.report(event_id, f"history[{i}]", shape)
                return ()
            if steps and (number <= steps[-1].sequence or at <= steps[-1].at):
                self.report(event_id, f"history[{i}]", "revisions must follow each other: sequence and at rising")
                return ()
            steps.append(Step(number, at, tuple(Change(c["what"], c.get("old"), c.get("new")) for c in changes)))
        if steps and steps[-1].sequence != sequence:
            self.report(event_id, "history", f"the last revision is {steps[-1].sequence}, but sequence is {sequence}")
            return ()
        return tuple(steps)


def _clock(value: Any) -> bool:
    try:
        return isinstance(value, str) and isinstance(time.fromisoformat(value), time)
    except ValueError:
        return False


def _zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def read(text: str, shown: str, now: datetime) -> tuple[Ledger, list[Problem]]:
    """The ledger in ``text`` and every problem with it (an empty ledger if it cannot be read at all)."""
    damaged = "damaged ledger ({}); restore it from git (git checkout {})"
    if _too_deep(text):
        return {}, [Problem(shown, 1, "", damaged.format(f"nested more than {MAX_DEPTH} levels deep", shown))]
    try:
        data = json.loads(text, parse_int=_int, parse_constant=_constant)
    except ValueError as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else 1
        if isinstance(exc, _Refused):
            found = re.search(rf"(?<![\w\"]){re.escape(exc.token)}(?![\w\"])", text)
            line = text.count("\n", 0, found.start()) + 1 if found else 1
        return {}, [Problem(shown, line, "", damaged.format(f"not JSON: {exc}", shown))]
    versions = " or ".join(map(str, READABLE_VERSIONS))
    if not isinstance(data, dict) or data.get("version") not in READABLE_VERSIONS:
        return {}, [Problem(shown, 1, "version", damaged.format(f"not a timeline ledger of version {versions}", shown))]
    events = data.get("events")
    if not isinstance(events, dict):
        return {}, [Problem(shown, 1, "events", damaged.format(f"{quote(events)} is not a mapping of events", shown))]
    lines: dict[str, int] = {}
    line, at = 1, 0
    for match in _KEY_LINE.finditer(text):
        line, at = line + text.count("\n", at, match.start(1)), match.start(1)
        try:
            key = json.loads(match.group(1))
        except ValueError:  # pragma: no cover - the whole text parsed, so each key does
            continue
        lines.setdefault(key, line)
    checker = _Checker(shown, lines, now.astimezone(UTC))
    out: Ledger = {}
    for event_id, item in events.items():
        revision = checker.revision(event_id, item)
        if revision is not None:
            out[event_id] = revision
    return out, checker.problems


_HEAD = f'{{\n  "version": {VERSION},\n'
_AS_OF = re.compile(r'  "as_of": "(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)",\n')
_EVENTS = '  "events": {\n'
_TAIL = "\n  }\n}\n"


def read_written(text: str) -> tuple[Ledger, datetime | None] | None:
    """The ledger in ``text`` and its ``as_of``, for the very bytes a build of this code wrote
    (:func:`timeline.ledger.dumps`; the build cache knows their hash), else None.

    Such a text was checked when it was made, so it is only parsed, an entry a line; each
    revision remembers its line (:func:`timeline.ledger.line`), so that the next ledger's text
    and the build cache's keys reuse it for every revision that did not change.
    """
    if not text.startswith(_HEAD) or not text.endswith(_TAIL):
        return None
    at = len(_HEAD)
    moment = None
    if (found := _AS_OF.match(text, at)) is not None:
        moment = datetime.strptime(found.group(1), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        at = found.end()
    if not text.startswith(_EVENTS, at):
        return None
    body = text[at + len(_EVENTS) : -len(_TAIL)]
    out: Ledger = {}
    decode = json.JSONDecoder().raw_decode
    stamps: dict[str, datetime] = {}
    for entry in body.split(",\n") if body else ():
        if not entry.startswith("    "):
            return None
        try:
            event_id, end = decode(entry, 4)
            if not isinstance(event_id, str) or entry[end : end + 2] != ": " or event_id in out:
                return None
            value = entry[end + 2 :]
            out[event_id] = revision(json.loads(value), stamps)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        remember_line(out[event_id], value)
    return out, moment
