"""Every generated ICS and Atom file, read back by parsers that did not write it.

vobject reads the calendars (icalendar wrote them), feedparser and xml.etree read the Atom
feeds (feedgen wrote them). Both the fixture build and the committed feeds/ are checked.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
import vobject

from tests.conftest import REPO
from tests.golden import NOW, moment_after, render_fixture
from tests.ics_expect import LONGEST_BLOCK, in_calendars, window
from timeline.build import plan, read_ledger
from timeline.model import Dataset
from timeline.normalise import normalise

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = REPO / "feeds"


def calendars(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.ics")) + sorted(folder.glob("events/*.ics"))


def expected_members(stem: str, ds: Dataset) -> set[str] | None:
    """Which live events calendar ``stem`` holds, worked out here rather than by timeline.select."""
    kind, _, rest = stem.partition("-")
    events = [e for e in ds.events if in_calendars(e, ds.config.imprecise_dates)]
    if stem.startswith("events/"):
        return {stem.removeprefix("events/")} & {e.id for e in events}
    if kind in {"all", "lang"}:
        return {e.id for e in events}
    if kind == "series":
        return {e.id for e in events if e.series.key == rest}
    if kind == "host":
        return {e.id for e in events if (e.host or (e.place and e.place.country)) and
                (e.host or e.place.country).code.lower() == rest}  # fmt: skip
    if kind == "participant":
        return {
            e.id
            for e in events
            if rest.upper()
            in {c.code for c in (*e.countries, *(d.country for d in e.delegations), e.host, e.chair) if c}
        }
    return None  # upcoming: depends on the build date


def read_ics(path: Path) -> vobject.base.Component:
    data = path.read_bytes()
    assert data.endswith(b"\r\n")
    assert all(line.endswith(b"\r") for line in data.split(b"\n")[:-1]), f"{path.name}: every line ends with CRLF"
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, f"{path.name}: line longer than 75 octets: {line[:40]!r}"
    return vobject.readOne(data.decode("utf-8"))


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("build")
    render_fixture(work)
    return work


def check_calendar_against_data(ics: Path, data: Path, feeds: Path) -> None:
    ds = normalise(data)
    ledger = read_ledger(data, str(data), moment_after(data))
    by_uid = {f"{e.id}@{ds.config.uid_domain}": e for e in ds.events}
    stem = ics.relative_to(feeds).as_posix().removesuffix(".ics")
    lang = stem[5:] if stem.startswith("lang-") else ds.config.language
    cal = read_ics(ics)
    assert cal.method.value == "PUBLISH"
    assert cal.contents["x-wr-calname"][0].value == cal.contents["name"][0].value
    assert cal.contents["url"][0].value == ds.config.base_url + stem + ".ics"
    assert cal.contents["x-published-ttl"][0].value == ds.config.refresh_interval
    seen = set()
    for vevent in cal.vevent_list:
        uid = vevent.uid.value
        seen.add(uid)
        if uid not in by_uid:  # a removed event, kept for a while as cancelled
            event_id = uid.removesuffix(f"@{ds.config.uid_domain}")
            assert ledger[event_id].removed is not None, f"{ics.name}: {uid} is neither an event nor a tombstone"
            assert vevent.status.value == "CANCELLED"
            assert int(vevent.sequence.value) == ledger[event_id].sequence
            continue
        event = by_uid[uid]
        start, end = vevent.dtstart.value, vevent.dtend.value
        if event.start_time is None:
            assert type(start) is date
            assert type(end) is date
            assert (start, end - timedelta(days=1)) == window(event.when)
            assert (end - start).days <= LONGEST_BLOCK
        else:
            assert isinstance(start, datetime)
            assert start.tzinfo is not None
            local = datetime.combine(event.when.first_day, event.start_time, tzinfo=ZoneInfo(event.place.timezone))
            assert (start.date(), start.time(), start.utcoffset()) == (local.date(), local.time(), local.utcoffset())
        expected_status = (
            "TENTATIVE"
            if not event.when.exact
            else {"held": "CONFIRMED", "confirmed": "CONFIRMED"}.get(event.status.value, "TENTATIVE")
        )
        assert vevent.status.value == expected_status
        assert int(vevent.sequence.value) == ledger[event.id].sequence
        assert vevent.transp.value == "TRANSPARENT"
        if not event.when.exact:
            marks = {"en": ("(date TBC)", "(day not reported)"), "vi": ("(chưa rõ ngày)", "(không rõ ngày)")}[lang]
            since = {"en": "(no report since ", "vi": "(không có tin mới kể từ "}[lang]
            assert vevent.summary.value.endswith(marks) or since in vevent.summary.value, vevent.summary.value
    assert seen, f"{ics.name} has no events"
    members = expected_members(stem, ds)
    if members is not None:
        live = {uid.removesuffix(f"@{ds.config.uid_domain}") for uid in seen if uid in by_uid}
        assert live == members, f"{stem}: holds the wrong events"


def test_fixture_calendars_parse_back(fixture_build: Path) -> None:
    paths = calendars(fixture_build / "feeds")
    assert len(paths) == 14
    assert not (fixture_build / "feeds" / "host-vn.ics").exists()
    for path in paths:
        check_calendar_against_data(path, fixture_build / "data", fixture_build / "feeds")


def test_committed_calendars_parse_back() -> None:
    paths = calendars(FEEDS)
    assert any(p.name == "all.ics" for p in paths)
    for path in paths:
        check_calendar_against_data(path, REPO / "data", FEEDS)


def test_timed_event_has_its_vtimezone(fixture_build: Path) -> None:
    cal = read_ics(fixture_build / "feeds" / "series-bilateral.ics")
    assert [tz.tzid.value for tz in cal.vtimezone_list] == ["Asia/Kuala_Lumpur"]
    timed = next(v for v in cal.vevent_list if v.uid.value.startswith("2025-11-20"))
    assert timed.dtstart.value.utcoffset().total_seconds() == 8 * 3600
    assert timed.contents["related-to"][0].value == "2025-11-19-adsom-plus@fixture.example.org"


def test_hostile_text_survives_the_ics(fixture_build: Path, data_copy: Path) -> None:
    cal = read_ics(fixture_build / "feeds" / "all.ics")
    adsom = next(v for v in cal.vevent_list if v.uid.value.startswith("2025-11-19"))
    assert (
        adsom.summary.value
        == 'ADSOM-Plus, "Kuala Lumpur"; part 1, with a \\ backslash (no report since 1 October 2025)'
    )
    # "late 2025" is four months, in no calendar; "late December 2025" (21–31 December) is.
    path = data_copy / "events/2025/2025-bilateral-dialogue.yaml"
    path.write_text(path.read_text("utf-8").replace('when: "2025"', 'when: "2025-12"'), "utf-8")
    (tmp := data_copy.parent / "ics").mkdir()
    (tmp / "all.ics").write_bytes(plan(data_copy, NOW).files["all.ics"])
    cal = read_ics(tmp / "all.ics")
    dialogue = next(v for v in cal.vevent_list if v.uid.value.startswith("2025-bilateral"))
    assert (dialogue.dtstart.value, dialogue.dtend.value) == (date(2025, 12, 21), date(2026, 1, 1))
    assert '"dấu; phẩy, gạch \\ ngược" & <thẻ>.' in dialogue.description.value
    assert "Supercalifragilisticexpialidocious-Supercalifragilisticexpialidocious" in dialogue.description.value


def check_feed(path: Path, data: Path) -> None:
    ds = normalise(data)
    ledger = read_ledger(data, str(data), moment_after(data))
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, f"{path.name}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10"
    root = ET.fromstring(path.read_bytes())  # noqa: S314 - our own output, under test
    lang = path.name.split(".")[0].split("-")[1] if path.name.startswith(("lang-", "changes-")) else ds.config.language
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    self_link = next(link for link in root.iter(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == ds.config.base_url + path.name
    entries = parsed.entries
    if path.name.startswith("changes-"):
        return  # one entry per revision: see tests/test_feeds.py
    assert entries or path.name.startswith("upcoming."), f"{path.name} is empty"
    ids = [e.id for e in entries]
    assert len(set(ids)) == len(ids)
    suffix = "" if lang == ds.config.language else f"/{lang}"
    assert all(i.startswith(f"tag:{ds.config.tag_authority}:event/") and i.endswith(suffix) for i in ids)
    ids = [i.removesuffix(suffix) for i in ids]
    updated = [e.updated_parsed for e in entries]
    assert updated == sorted(updated, reverse=True), "entries newest first"
    if updated:
        assert parsed.feed.updated_parsed == updated[0]
    for entry, entry_id in zip(entries, ids, strict=True):
        event_id = entry_id.rsplit("/", 1)[1]
        revision = ledger[event_id]
        assert datetime(*entry.updated_parsed[:6], tzinfo=UTC) == revision.modified
        assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == revision.created
        rels = sorted(link.rel for link in entry.links)
        assert rels.count("alternate") == 1


def test_fixture_feeds_parse_back(fixture_build: Path) -> None:
    paths = sorted((fixture_build / "feeds").glob("*.atom.xml"))
    assert len(paths) == 13
    for path in paths:
        check_feed(path, fixture_build / "data")


def test_committed_feeds_parse_back() -> None:
    paths = sorted(FEEDS.glob("*.atom.xml"))
    assert any(p.name == "all.atom.xml" for p in paths)
    for path in paths:
        check_feed(path, REPO / "data")


def test_feed_content_is_escaped_html(fixture_build: Path) -> None:
    parsed = feedparser.parse((fixture_build / "feeds" / "all.atom.xml").read_bytes())
    dialogue = next(e for e in parsed.entries if e.id.endswith("2025-bilateral-dialogue"))
    html = dialogue.content[0].value
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; ]]&gt;" in html  # the note's markup is text, not markup
    assert dialogue.title == "Defence dialogue — late 2025 (no report since 1 October 2025), Viet Nam"
