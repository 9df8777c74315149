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


def text(value: str) -> str:
    """A TEXT value escaped exactly as RFC 5545 3.3.11 says (what :class:`timeline.render_ics.Text` writes).

    Unlike :func:`escape_text`, a literal backslash-N stays one; CR and CRLF become line breaks
    (TEXT has no escape for a lone CR).
    """
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _stamp(moment: datetime) -> str:
    """YYYYMMDDTHHMMSS, cut from isoformat's YYYY-MM-DDTHH:MM:SS (C, and four-digit years too)."""
    iso = moment.isoformat()
    return iso[:4] + iso[5:7] + iso[8:13] + iso[14:16] + iso[17:19]


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
    if isinstance(value, date):
        return _moment(name, value)
    if name == "GEO" and isinstance(value, tuple) and len(value) == 2:  # noqa: PLR2004 - latitude, longitude
        return f"{name}:{float(value[0])};{float(value[1])}"
    if name == "CATEGORIES" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return f"{name}:{','.join(escape_text(v) for v in value)}"
    return None


def _moment(name: str, value: date) -> str | None:
    """The content line of a date or an aware date-time, or None to let icalendar encode it."""
    if isinstance(value, datetime):
        zone = value.tzinfo
        if zone is None:
            return None
        if name in _UTC_ONLY or zone is UTC or (value.utcoffset() == timedelta(0) and zone.tzname(value) == "UTC"):
            return f"{name}:{_stamp(value.astimezone(UTC))}Z"
        if isinstance(zone, ZoneInfo) and zone.key and all(c not in zone.key for c in ",;:'\""):
            return f"{name};TZID={zone.key}:{_stamp(value)}"
        return None
    return f"{name};VALUE=DATE:{value.year:04d}{value.month:02d}{value.day:02d}"


def moment_line(name: str, value: date) -> str:
    """The content line of a DATE or DATE-TIME property (DTSTART, DTSTAMP, ...), as icalendar writes it."""
    name = name.upper()
    line = _moment(name, value)
    return line if line is not None else _generic(name, value, None)


def text_line(name: str, value: str) -> str:
    """The content line of a TEXT property (SUMMARY, DESCRIPTION, ...) written with :func:`text`."""
    return f"{name.upper()}:{text(value)}"


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

    def sorted_names(self) -> tuple[str, ...]:
        return _order(self.name, tuple(self.properties))

    def to_ical(self) -> bytes:
        lines = [line for name in self.sorted_names() for line in self.properties[name]]
        return b"".join(fold(line) for line in (f"BEGIN:{self.name}", *lines, f"END:{self.name}"))


_ORDERS: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
_ORDERS_KEPT = 1024  # (a calendar here has a handful of property sets; a long `timeline serve` sees no more)


def _order(kind: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """``names`` in the order icalendar writes a ``kind`` component's properties (see :data:`CANONICAL_ORDER`)."""
    found = _ORDERS.get((kind, names))
    if found is None:
        first = CANONICAL_ORDER.get(kind, ())
        found = (*(n for n in first if n in names), *sorted(n for n in names if n not in first))
        if len(_ORDERS) >= _ORDERS_KEPT:
            _ORDERS.clear()
        _ORDERS[kind, names] = found
    return found


def component(kind: str, lines: Mapping[str, str]) -> bytes:
    """A component of one content line per property (by upper-case name, as :func:`content_line` and
    the other ``*_line`` functions make them), in icalendar's order, each line folded once: the
    bytes :class:`Component` gives for the same properties, without a property object per value."""
    order = _order(kind, tuple(lines))
    return b"".join((fold(f"BEGIN:{kind}"), *(fold(lines[name]) for name in order), fold(f"END:{kind}")))


def lines_of(data: bytes) -> Sequence[str]:
    """Unfold serialised iCalendar bytes into content lines (RFC 5545 3.1), for tests and checks."""
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]
