"""timeline.serialise_ics writes the bytes icalendar writes, and real parsers unfold them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import vobject
from hypothesis import given
from hypothesis import strategies as st
from icalendar.parser import Contentline

from tests import icaljs
from timeline.render_ics import Text
from timeline.serialise_ics import Component, component, content_line, fold, lines_of, moment_line, text_line

# Text that stresses folding and escaping: multi-byte characters, escapes at every position.
texts = st.text(
    alphabet=st.sampled_from(list("abN ,;:\\^\"'\n\r\tệ€😀Ωữ")),
    min_size=0,
    max_size=300,
)
zones = st.sampled_from(["Asia/Ho_Chi_Minh", "Australia/Sydney", "America/New_York", "UTC"])
moments = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2037, 12, 31))  # noqa: DTZ001
days = st.dates(min_value=date(1971, 1, 1), max_value=date(2037, 12, 31))
sequences = st.integers(min_value=0, max_value=2**31 - 1)
geos = st.tuples(st.floats(-90, 90), st.floats(-180, 180))
category_lists = st.lists(texts.filter(bool), min_size=1, max_size=4)


@given(st.text(min_size=60, max_size=400))
def test_fold_is_icalendars_fold(line: str) -> None:
    line = line.replace("\n", " ").replace("\r", " ")
    assert fold(line) == Contentline(line).to_ical() + b"\r\n"


@given(st.text(alphabet=st.sampled_from(list("ab\\^ệ😀")), min_size=60, max_size=300))
def test_fold_of_hostile_text_is_icalendars_fold(value: str) -> None:
    line = "DESCRIPTION:" + value.replace("\n", "\\n").replace("\r", "\\n")
    assert fold(line) == Contentline(line).to_ical() + b"\r\n"


def _both(adds: list[tuple[str, Any, dict[str, str] | None]], kind: str = "VEVENT") -> tuple[bytes, bytes]:
    ours = Component(kind)
    theirs = icalendar.Event() if kind == "VEVENT" else icalendar.Calendar()
    for name, value, params in adds:
        ours.add(name, value, parameters=params)
        theirs.add(name, value, parameters=params)
    return ours.to_ical(), bytes(theirs.to_ical())


@given(
    summary=texts,
    uid=texts,
    description=texts,
    location=texts,
    categories=category_lists,
    start=moments,
    zone=zones,
    day=days,
    sequence=sequences,
    geo=geos,
    parent=st.from_regex(r"[a-z0-9-]{1,60}@[a-z.]{1,30}", fullmatch=True),
)
def test_an_event_is_byte_for_byte_icalendars(
    summary: str, uid: str, description: str, location: str, categories: list[str], start: datetime, zone: str,
    day: date, sequence: int, geo: tuple[float, float], parent: str,
) -> None:  # fmt: skip
    stamp = start.replace(tzinfo=UTC, microsecond=0)
    zoned = datetime.combine(day, time(9, 30), tzinfo=ZoneInfo(zone))
    adds: list[tuple[str, Any, dict[str, str] | None]] = [
        ("UID", uid, None),
        ("DTSTAMP", stamp, None),
        ("CREATED", stamp, None),
        ("LAST-MODIFIED", stamp, None),
        ("SEQUENCE", sequence, None),
        ("SUMMARY", Text(summary), None),
        ("DTSTART", zoned, None),
        ("DTEND", day, None),
        ("LOCATION", Text(location), None),
        ("GEO", geo, None),
        ("STATUS", "TENTATIVE", None),
        ("TRANSP", "TRANSPARENT", None),
        ("CATEGORIES", categories, None),
        ("URL", "https://example.org/a?b=c;d,e", None),
        ("DESCRIPTION", Text(description), None),
        ("DESCRIPTION", description, None),
        ("RELATED-TO", parent, {"RELTYPE": "PARENT"}),
        ("COMMENT", location, {"X-ODD": 'needs "quotes"; and ^'}),  # icalendar's own encoder
        ("X-TIME", time(10, 0), None),
    ]
    ours, theirs = _both(adds)
    assert ours == theirs


EVENT_NAMES = ["UID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE", "SUMMARY", "DTSTART", "DTEND", "LOCATION",
               "GEO", "STATUS", "TRANSP", "CATEGORIES", "URL", "DESCRIPTION", "RELATED-TO"]  # fmt: skip


@given(
    summary=texts,
    uid=texts,
    description=texts,
    categories=category_lists,
    start=moments,
    zone=zones,
    day=days,
    timed=st.booleans(),
    sequence=sequences,
    geo=geos,
    order=st.permutations(EVENT_NAMES),
)
def test_an_event_of_content_lines_is_byte_for_byte_icalendars(
    summary: str, uid: str, description: str, categories: list[str], start: datetime, zone: str, day: date,
    timed: bool, sequence: int, geo: tuple[float, float], order: list[str],
) -> None:  # fmt: skip
    """render_ics writes a VEVENT as one content line per property, put in order by component():
    the bytes icalendar writes for the same values, whatever order the lines were made in."""
    stamp = start.replace(tzinfo=UTC, microsecond=0)
    begin: date = datetime.combine(day, time(9, 30), tzinfo=ZoneInfo(zone)) if timed else day
    values: dict[str, tuple[Any, str]] = {
        "UID": (uid, content_line("UID", uid)),
        "DTSTAMP": (stamp, moment_line("DTSTAMP", stamp)),
        "CREATED": (stamp, moment_line("CREATED", stamp)),
        "LAST-MODIFIED": (stamp, moment_line("LAST-MODIFIED", stamp)),
        "SEQUENCE": (sequence, content_line("SEQUENCE", sequence)),
        "SUMMARY": (Text(summary), text_line("SUMMARY", summary)),
        "DTSTART": (begin, moment_line("DTSTART", begin)),
        "DTEND": (day, moment_line("DTEND", day)),
        "LOCATION": (Text(description), text_line("LOCATION", description)),
        "GEO": (geo, content_line("GEO", geo)),
        "STATUS": ("TENTATIVE", content_line("STATUS", "TENTATIVE")),
        "TRANSP": ("TRANSPARENT", content_line("TRANSP", "TRANSPARENT")),
        "CATEGORIES": (categories, content_line("CATEGORIES", categories)),
        "URL": ("https://example.org/a?b=c;d,e", content_line("URL", "https://example.org/a?b=c;d,e")),
        "DESCRIPTION": (Text(description), text_line("DESCRIPTION", description)),
    }
    theirs = icalendar.Event()
    for name, (value, _) in values.items():
        theirs.add(name, value)
    theirs.add("RELATED-TO", "p@example.org", parameters={"RELTYPE": "PARENT"})
    lines = {name: values[name][1] for name in order if name in values}
    lines["RELATED-TO"] = content_line("RELATED-TO", "p@example.org", {"RELTYPE": "PARENT"})
    assert component("VEVENT", lines) == bytes(theirs.to_ical())


@given(name=texts, desc=texts)
def test_a_calendar_header_is_byte_for_byte_icalendars(name: str, desc: str) -> None:
    duration = icalendar.vDuration.from_ical("P1D")  # type: ignore[no-untyped-call]
    adds: list[tuple[str, Any, dict[str, str] | None]] = [
        ("PRODID", "-//timeline//timeline 0.1//EN", None),
        ("VERSION", "2.0", None),
        ("CALSCALE", "GREGORIAN", None),
        ("METHOD", "PUBLISH", None),
        ("NAME", Text(name), None),
        ("X-WR-CALNAME", Text(name), None),
        ("DESCRIPTION", Text(desc), None),
        ("X-WR-CALDESC", Text(desc), None),
        ("REFRESH-INTERVAL", icalendar.vDuration(duration), {"VALUE": "DURATION"}),
        ("X-PUBLISHED-TTL", icalendar.vDuration(duration), None),
        ("SOURCE", "https://example.org/x.ics", {"VALUE": "URI"}),
        ("URL", "https://example.org/x.ics", None),
        ("COLOR", "teal", None),
    ]
    ours, theirs = _both(adds, "VCALENDAR")
    assert ours == theirs


HOSTILE = [
    "Ω" * 37 + "\\" + "😀" * 30,
    "a" * 73 + "\\;" + "b" * 80,
    "x" * 72 + "ệ" + "^" + "y" * 100,
    ("Việt Nam, Hà Nội; \\New folder\\ " * 20).strip(),
]


def _calendar(values: list[str]) -> bytes:
    cal = Component("VCALENDAR")
    cal.add("PRODID", "-//test//EN")
    cal.add("VERSION", "2.0")
    head = cal.to_ical()[: -len(b"END:VCALENDAR\r\n")]
    events = []
    for i, value in enumerate(values):
        ev = Component("VEVENT")
        ev.add("UID", f"e{i}@example.org")
        ev.add("DTSTAMP", datetime(2026, 1, 2, tzinfo=UTC))
        ev.add("DTSTART", date(2026, 1, 2))
        ev.add("SUMMARY", Text(value))
        ev.add("DESCRIPTION", Text(value + "\n" + value))
        events.append(ev.to_ical())
    return head + b"".join(events) + b"END:VCALENDAR\r\n"


def test_every_physical_line_fits_and_unfolds_to_the_content_line() -> None:
    data = _calendar(HOSTILE)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    summaries = [line for line in lines_of(data) if line.startswith("SUMMARY:")]
    assert summaries == [content_line("SUMMARY", Text(v)) for v in HOSTILE]


def test_vobject_reads_folded_text_back() -> None:
    cal = vobject.readOne(_calendar(HOSTILE).decode("utf-8"))
    got = [(ev.summary.value, ev.description.value) for ev in cal.vevent_list]
    assert got == [(v, v + "\n" + v) for v in HOSTILE]


def test_icaljs_reads_folded_text_back(tmp_path: Path) -> None:
    path = tmp_path / "folded.ics"
    path.write_bytes(_calendar(HOSTILE))
    read = icaljs.parse([path])[path]
    assert [(ev["summary"], ev["description"]) for ev in read["events"]] == [(v, v + "\n" + v) for v in HOSTILE]
