"""Property tests: any valid event, however hostile its text, round-trips through the ICS.

Hypothesis writes data folders (the fixture's config and gazetteers, plus generated events and
a source that holds their quotes) with a YAML emitter, runs ``plan``, and reads the calendars
back with vobject, and, for a fixed batch of such folders, with ical.js in one node run. Titles,
notes, venues and quotes mix commas, semicolons, backslashes, line breaks, emoji, Vietnamese
(precomposed and combining), 200-character words and YAML look-alikes.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from tests import icaljs
from tests.golden import FIXTURE, NOW
from tests.ics_expect import Truth, check_icaljs_calendar, check_vobject_calendar, read_vobject, texts_vobject, window
from timeline import edtf
from timeline.build import plan
from timeline.model import Status

# Places of the generated events (the fixture's; none has DST today: see test_dst_zone), with
# their labels in each language a calendar can be in.
PLACES = {
    "kuala-lumpur": ("Kuala Lumpur, Malaysia",),
    "hanoi": ("Hanoi, Viet Nam", "Hà Nội, Việt Nam"),
    "vietnam": ("Viet Nam", "Việt Nam"),
}
TBC = ("date TBC", "chưa rõ ngày")  # "(date TBC)" in each language
NOT_REPORTED = ("day not reported", "không rõ ngày")
NO_REPORT = ("no later report", "không có tin mới")
EXTRA_PLACES = """
sydney:
  kind: city
  name: {en: Sydney, vi: Sydney}
  country: AU
  timezone: Australia/Sydney
  coordinates: [-33.8688, 151.2093]
"""
EXTRA_COUNTRIES = """
AU:
  name: {en: Australia, vi: Úc}
"""
SOURCE = "hostile-article"

PIECES = [
    ",", ";", ":", "\\", "\\n", "\\,", "\\;", "\n", "\r", "\r\n", "\t", " ", "  ", '"', "'", "#", "- ",
    "&", "<b>", "]]>", "{a: b}", "[1, 2]", "*x", "!tag", "%", "@", "`", "|", ">", "~", "null", "yes", "NO",
    "2025-01-01", "12:30", "😀", "👩‍👩‍👧", "🇻🇳", "Hội nghị Bộ trưởng Quốc phòng", "Nguyễn Tân Cương",
    "Vie\u0302\u0323t Nam",  # combining marks: the fold may fall between base and mark, never inside a byte
    "x" * 200, "ệ" * 200, "😀" * 60,
]  # fmt: skip
# Any other printable character, a few at a time; control characters other than TAB, LF and CR
# are removed by normalise with a warning: see test_control_characters_are_removed_with_a_warning.
OTHER = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=6)
hostile = (
    st.lists(st.sampled_from([*PIECES, "\\N", "C:\\New"]) | OTHER, min_size=1, max_size=10)
    .map("".join)
    .filter(str.strip)
)


def in_ics(text: str) -> str:
    """``text`` as any calendar can give it back: RFC 5545 TEXT has no escape for a CR."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Spec:
    """One generated event: what is written to its file."""

    id: str
    title: str
    when: str
    mod: str | None
    time: tuple[str, str | None] | None
    place: str | None
    venue: str | None
    status: str
    note: str | None
    quote: str

    def record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "series": "bilateral", "title": {"en": self.title}, "when": self.when}
        if self.mod:
            out["mod"] = self.mod
        if self.time:
            start, end = self.time
            out["time"] = {"start": start} if end is None else {"start": start, "end": end}
        if self.place:
            out["place"] = self.place
        if self.venue:
            out["venue"] = self.venue
        out["status"] = self.status
        if self.note:
            out["note"] = {"en": self.note}
        out["sources"] = [{"source": SOURCE, "quote": self.quote}]
        return out


@st.composite
def whens(draw: st.DrawFn) -> tuple[str, str | None, bool]:
    """(EDTF, mod, whether the day is exactly known). Years inside the VTIMEZONE window."""
    day = draw(st.dates(date(1971, 1, 1), date(2037, 12, 1)))
    kind = draw(st.sampled_from(["day", "day", "range", "month", "year", "approximate"]))
    if kind == "day":
        return day.isoformat(), None, True
    if kind == "range":
        last = day + timedelta(days=draw(st.integers(1, 40)))
        return f"{day.isoformat()}/{last.isoformat()}", None, True
    if kind == "month":
        return f"{day:%Y-%m}", None, False
    if kind == "year":
        return f"{day:%Y}", draw(st.sampled_from([None, "early", "mid", "late"])), False
    return f"{day.isoformat()}~", None, False


# 02:00-03:59 is left out: on a DST change day that wall time does not exist or happens twice.
clock = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.sampled_from([*range(2), *range(4, 24)]), st.integers(0, 59))


@st.composite
def specs(draw: st.DrawFn, number: int) -> Spec:
    when, mod, exact = draw(whens())
    place = draw(st.none() | st.sampled_from(sorted(PLACES)))
    time = None
    if exact and place is not None and draw(st.booleans()):
        start, end = draw(clock), draw(st.none() | clock)
        if end is not None and "/" not in when and end <= start:
            start, end = end, start
        time = (start, None if end == start else end)
    return Spec(
        id=f"hostile-{number}",
        title=draw(hostile),
        when=when,
        mod=mod,
        time=time,
        place=place,
        venue=draw(st.none() | hostile) if place else None,
        status=draw(st.sampled_from([s.value for s in Status])),
        note=draw(st.none() | hostile),
        quote=draw(hostile),
    )


@st.composite
def datasets(draw: st.DrawFn) -> list[Spec]:
    return [draw(specs(i)) for i in range(1, draw(st.integers(1, 3)) + 1)]


def dump(value: Any) -> str:
    yaml = YAML()
    yaml.width = 4096  # no folding of long scalars; the emitter quotes and escapes the rest
    out = io.StringIO()
    yaml.dump(value, out)
    return out.getvalue()


def write_data(folder: Path, events: list[Spec]) -> Path:
    data = folder / "data"
    shutil.copytree(FIXTURE, data, ignore=shutil.ignore_patterns("events", "sources", "timeline.lock"))
    with (data / "places.yaml").open("a", encoding="utf-8") as f:
        f.write(EXTRA_PLACES)
    with (data / "countries.yaml").open("a", encoding="utf-8") as f:
        f.write(EXTRA_COUNTRIES)
    sources = data / "sources"
    sources.mkdir()
    source = {
        "id": SOURCE,
        "title": "Hostile article",
        "publisher": "Test",
        "licence": "CC0-1.0",  # cleared by the fixture's full_text: its text may be committed
        "language": "vi",
        "file": f"{SOURCE}.txt",
    }
    (sources / f"{SOURCE}.yaml").write_text(dump(source), encoding="utf-8")
    (sources / f"{SOURCE}.txt").write_text("\n\n".join(e.quote for e in events), encoding="utf-8", newline="")
    for event in events:
        target = data / "events" / event.when[:4] / f"{event.id}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(event.record()), encoding="utf-8")
    return data


@dataclass(frozen=True)
class Texts:
    """What SUMMARY and LOCATION may be (one per calendar language) and what DESCRIPTION holds."""

    summary: frozenset[str]
    location: frozenset[str | None]
    note: str | None
    quote: str


def expected_texts(spec: Spec, exact: bool) -> Texts:
    """The text as written, less the surrounding white space that normalise strips."""
    title = in_ics(spec.title.strip())
    where: tuple[str | None, ...] = PLACES[spec.place] if spec.place else (None,)
    if spec.place and spec.venue:
        where = tuple(f"{in_ics(spec.venue.strip())}, {label}" for label in where)
    _, last = window(edtf.parse(spec.when, spec.mod))
    over = last < NOW.date()
    # README: a planned or confirmed event whose window is over with no newer source (these
    # sources have no date) says so; a past one whose day was never reported, "day not reported".
    if over and spec.status in ("planned", "confirmed"):
        marks: tuple[str, ...] | None = NO_REPORT
    elif exact:
        marks = None
    else:
        marks = NOT_REPORTED if over else TBC
    return Texts(
        summary=frozenset([title] if marks is None else [f"{title} ({mark})" for mark in marks]),
        location=frozenset(where),
        note=in_ics(spec.note.strip()) if spec.note else None,
        quote=in_ics(spec.quote.strip()),
    )


def check_texts(name: str, got: dict[str, Any], want: Texts) -> None:
    assert got["summary"] in want.summary, (
        f"{name}: SUMMARY {got['summary']!r}, expected one of {sorted(want.summary)!r}"
    )
    assert got["location"] in want.location, f"{name}: LOCATION {got['location']!r}"
    description = got["description"]
    assert f"“{want.quote}” — Test" in description, f"{name}: the quote in DESCRIPTION"
    if want.note is not None:
        assert f": {want.note}\n" in description, f"{name}: the note in DESCRIPTION"


def build(folder: Path, events: list[Spec]) -> tuple[Truth, dict[str, bytes], dict[str, Texts]]:
    p = plan(write_data(folder, events), NOW)
    by_id = {e.id: e for e in p.dataset.events}
    texts = {}
    for spec in events:
        event = by_id[spec.id]
        # The YAML layer kept the text (less the surrounding white space normalise strips).
        assert event.title["en"] == spec.title.strip()
        assert (event.note.get("en") if event.note else None) == (spec.note.strip() if spec.note else None)
        assert event.venue == (spec.venue.strip() if spec.venue else None)
        assert event.sources[0].quote == spec.quote.strip()
        texts[f"{spec.id}@{p.dataset.config.uid_domain}"] = expected_texts(spec, event.when.exact)
    return Truth.of(p), p.files, texts


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_hostile_text_round_trips_through_the_ics(events: list[Spec]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        truth, files, texts = build(Path(tmp), events)
    for name, data in files.items():
        if not name.endswith(".ics"):
            continue
        cal = read_vobject(name, data)  # checks CRLF, 75-octet folds, whole UTF-8 sequences
        check_vobject_calendar(name, cal, truth)
        for vevent in cal.contents.get("vevent", []):
            check_texts(f"{name}: {vevent.uid.value}", texts_vobject(vevent), texts[vevent.uid.value])


BATCH = 30


def test_hostile_calendars_read_by_icaljs(tmp_path: Path) -> None:
    """The same kind of data, 30 folders from a fixed seed, read by ical.js in one node run."""
    batch: list[list[Spec]] = []

    @settings(max_examples=BATCH, derandomize=True, database=None, phases=[Phase.generate])
    @given(datasets())
    def collect(events: list[Spec]) -> None:
        batch.append(events)

    collect()
    assert len(batch) == BATCH
    every_text = "".join(f"{e.title}{e.note}{e.venue}{e.quote}" for events in batch for e in events)
    for needle in (",", ";", "\\", "\n", "\r", "\r\n", "😀", "ệ", "x" * 200):
        assert needle in every_text, f"the fixed batch no longer exercises {needle!r}"
    built = {}
    for i, events in enumerate(batch):
        truth, files, texts = build(tmp_path / f"set-{i:02d}", events)
        if "all.ics" not in files:  # nothing a calendar can hold (year-long windows only): no calendar
            assert not truth.events, f"set {i}: all.ics is missing"
            continue
        path = tmp_path / f"set-{i:02d}.ics"
        path.write_bytes(files["all.ics"])
        built[path] = (truth, texts)
    parsed = icaljs.parse(sorted(built))
    for path, (truth, texts) in built.items():
        check_icaljs_calendar(path.name, parsed[path], truth)
        for ev in parsed[path]["events"]:
            check_texts(f"{path.name}: {ev['uid']}", ev, texts[ev["uid"]])


@pytest.mark.parametrize("text", ["\\N is not a line break", "C:\\New folder"])
def test_backslash_capital_n(tmp_path: Path, text: str) -> None:
    """A literal backslash before N stays two characters (icalendar's own escaping breaks it)."""
    spec = Spec("hostile-1", text, "2025-11-19", None, None, None, None, "held", text, "quote")
    _, files, texts = build(tmp_path, [spec])
    cal = read_vobject("all.ics", files["all.ics"])
    check_texts("all.ics", texts_vobject(cal.vevent), texts[cal.vevent.uid.value])
    assert cal.vevent.summary.value == text


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x9f"])  # NEL (U+0085): YAML reads a space
def test_control_characters_are_removed_with_a_warning(tmp_path: Path, char: str) -> None:
    """A control character (not TAB, LF or CR) cannot be carried by XML or ICS: removed, with a warning."""
    spec = Spec("hostile-1", f"a{char}b", "2025-11-19", None, None, None, None, "held", None, "quote")
    data = write_data(tmp_path, [spec])
    result = plan(data, NOW)
    [warning] = result.dataset.warnings
    assert warning.path.endswith("events/2025/hostile-1.yaml")
    assert warning.field == "title.en"
    assert f"U+{ord(char):04X}" in warning.message
    assert result.dataset.events[0].title == {"en": "ab"}
    cal = read_vobject("all.ics", result.files["all.ics"])
    assert cal.vevent.summary.value == "ab"


@pytest.mark.parametrize("reader", ["icaljs", "vobject"])
def test_dst_zone(tmp_path: Path, reader: str) -> None:
    """A timed event in a zone with DST (Sydney, summer and winter) at its right UTC offset."""
    PLACES["sydney"] = ("Sydney, Australia",)
    try:
        events = [
            Spec("hostile-1", "summer", "2025-11-19", None, ("09:00", "10:00"), "sydney", None, "held", None, "q"),
            Spec("hostile-2", "winter", "2025-07-01", None, ("09:00", None), "sydney", None, "held", None, "q"),
        ]
        truth, files, _ = build(tmp_path / "data", events)
    finally:
        del PLACES["sydney"]
    if reader == "vobject":
        check_vobject_calendar("all.ics", read_vobject("all.ics", files["all.ics"]), truth)
    else:
        path = tmp_path / "all.ics"
        path.write_bytes(files["all.ics"])
        check_icaljs_calendar("all.ics", icaljs.parse([path])[path], truth)
