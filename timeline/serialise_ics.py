"""iCalendar content lines, serialised and folded in one place (RFC 5545 3.1).

icalendar builds a property object per value, a Contentline per property and folds every line
character by character; over a large timeline that is most of the time spent rendering ICS.
:class:`Component` has the part of icalendar's ``Component`` API that :mod:`timeline.render_ics`
uses (``add(name, value, parameters=...)`` and ``to_ical()``) and gives the same bytes: the value
types a calendar here is made of (text, URI, integers, UTC and zoned date-times, dates, GEO,
CATEGORIES) are written directly; anything else, and any property with parameters, goes through
icalendar's own encoder, so a new property type is never written wrongly, only more slowly.
Every line is folded once, by :func:`fold`, as icalendar folds it (tests compare them byte for
byte, and unfold with vobject and ical.js).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

# A line is folded before it would reach 75 octets (icalendar counts the break's space apart).
LIMIT = 74
_CONTINUATION = 0x80
_ESCAPES = (0x5C, 0x5E)  # "\" and "^" start an escape: icalendar never ends a folded line with one

_TOKEN = re.compile(r"[A-Za-z0-9-]+")  # a parameter name or value icalendar neither quotes nor escapes
# Properties whose plain-string value icalendar types as TEXT (vText) or as a URI (vUri).
_URI = frozenset({"URL", "SOURCE", "TZURL", "ATTACH"})
_TEXT = frozenset(
    {
        "UID", "STATUS", "TRANSP", "PRODID", "VERSION", "CALSCALE", "METHOD", "COLOR", "SUMMARY",
        "LOCATION", "DESCRIPTION", "NAME", "X-WR-CALNAME", "X-WR-CALDESC", "CLASS", "COMMENT",
        "CONTACT", "RELATED-TO", "TZID", "TZNAME", "X-WR-TIMEZONE",
    }
)  # fmt: skip
# icalendar writes a component's properties grouped by name: these first, in this order, then
# the others alphabetically (``canonical_order`` of its Calendar and Event classes).
CANONICAL_ORDER = {
    "VCALENDAR": ("VERSION", "PRODID", "CALSCALE", "METHOD", "DESCRIPTION", "X-WR-CALDESC", "NAME", "X-WR-CALNAME"),
    "VEVENT": ("SUMMARY", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "UID", "RECURRENCE-ID", "SEQUENCE", "RRULE",
               "RDATE", "EXDATE"),
}  # fmt: skip
# The three date-times icalendar always writes in UTC.
_UTC_ONLY = frozenset({"DTSTAMP", "CREATED", "LAST-MODIFIED"})


def fold(line: str) -> bytes:
    """``line`` as UTF-8 with CRLF, folded exactly as icalendar 7 folds it.

    Each physical line holds at most 74 octets (a continuation line's leading space apart),
    never splits a UTF-8 sequence, and never ends in a backslash or caret that starts an escape.
    """
    data = line.encode("utf-8")
    if len(data) <= LIMIT:
        return data + b"\r\n"
    out = []
    pos, size = 0, len(data)
    while size - pos > LIMIT:
        end = pos + LIMIT
        while data[end] & 0xC0 == _CONTINUATION:  # the character at ``end`` starts the next line
            end -= 1
        if data[end - 1] in _ESCAPES and end - 1 > pos:  # keep an escape whole
            end -= 1
        out.append(data[pos:end])
        pos = end
    out.append(data[pos:])
    return b"\r\n ".join(out) + b"\r\n"


def escape_text(value: str) -> str:
    """icalendar's TEXT escaping (``parser.escape_char``), step for step."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _stamp(moment: datetime) -> str:
    return (
        f"{moment.year:04d}{moment.month:02d}{moment.day:02d}T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}"
    )


def _fast(name: str, value: Any) -> str | None:
    """The content line of a value of a common type, or None to let icalendar encode it."""
    if hasattr(value, "to_ical"):  # an icalendar value (timeline's own Text, a vDuration)
        if getattr(value, "params", None):
            return None
        raw = value.to_ical()
        return f"{name}:{raw.decode('utf-8') if isinstance(raw, bytes) else raw}"
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return f"{name}:{value}"
    if isinstance(value, str):
        if name in _URI:
            return f"{name}:{value}"
        if name in _TEXT:
            return f"{name}:{escape_text(value)}"
        return None
    if isinstance(value, datetime):
        zone = value.tzinfo
        if zone is None:
            return None
        if name in _UTC_ONLY or zone is UTC or (value.utcoffset() == timedelta(0) and zone.tzname(value) == "UTC"):
            return f"{name}:{_stamp(value.astimezone(UTC))}Z"
        if isinstance(zone, ZoneInfo) and zone.key and all(c not in zone.key for c in ",;:'\""):
            return f"{name};TZID={zone.key}:{_stamp(value)}"
        return None
    if isinstance(value, date):
        return f"{name};VALUE=DATE:{value.year:04d}{value.month:02d}{value.day:02d}"
    if name == "GEO" and isinstance(value, tuple) and len(value) == 2:  # noqa: PLR2004 - latitude, longitude
        return f"{name}:{float(value[0])};{float(value[1])}"
    if name == "CATEGORIES" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return f"{name}:{','.join(escape_text(v) for v in value)}"
    return None


def _generic(name: str, value: Any, parameters: Mapping[str, Any] | None) -> str:
    """The content line icalendar itself makes of the property (unfolded)."""
    from icalendar.cal.component import Component as IcalComponent  # noqa: PLC0415 - rarely needed
    from icalendar.parser import Contentline  # noqa: PLC0415

    scratch = IcalComponent()
    scratch.add(name, value, parameters=dict(parameters or {}))
    prop = scratch[name]
    return str(Contentline.from_parts(name, prop.params, prop, sorted=True))


def _with(line: str | None, name: str, parameters: Mapping[str, Any]) -> str | None:
    """``line`` with plain-token parameters (RELTYPE=PARENT), sorted as icalendar sorts them."""
    if line is None or not line.startswith(f"{name}:"):
        return None  # the value brings parameters of its own (VALUE=DATE, TZID): let icalendar merge
    if not all(isinstance(v, str) and _TOKEN.fullmatch(v) and _TOKEN.fullmatch(k) for k, v in parameters.items()):
        return None
    params = ";".join(f"{k.upper()}={v}" for k, v in sorted((k.upper(), v) for k, v in parameters.items()))
    return f"{name};{params}{line[len(name) :]}"


def content_line(name: str, value: Any, parameters: Mapping[str, Any] | None = None) -> str:
    """One property as an unfolded content line, as icalendar writes it."""
    name = name.upper()
    line = _fast(name, value)
    if parameters:
        line = _with(line, name, parameters)
    return line if line is not None else _generic(name, value, parameters)


class Component:
    """A calendar component (VCALENDAR, VEVENT, ...) built property by property, folded once."""

    def __init__(self, name: str) -> None:
        self.name = name.upper()
        self.properties: dict[str, list[str]] = {}

    def add(self, name: str, value: Any, parameters: Mapping[str, Any] | None = None) -> None:
        """Add a property; a list value other than CATEGORIES adds one property per item."""
        key = name.upper()
        if isinstance(value, list) and key != "CATEGORIES":
            for item in value:
                self.add(key, item, parameters)
            return
        self.properties.setdefault(key, []).append(content_line(key, value, parameters))

    def sorted_names(self) -> list[str]:
        first = CANONICAL_ORDER.get(self.name, ())
        head = [name for name in first if name in self.properties]
        return head + sorted(name for name in self.properties if name not in first)

    def to_ical(self) -> bytes:
        lines = [line for name in self.sorted_names() for line in self.properties[name]]
        return b"".join(fold(line) for line in (f"BEGIN:{self.name}", *lines, f"END:{self.name}"))


def lines_of(data: bytes) -> Sequence[str]:
    """Unfold serialised iCalendar bytes into content lines (RFC 5545 3.1), for tests and checks."""
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]
