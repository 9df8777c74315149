"""Atom, RSS 2.0 and JSON Feed, read back by feedparser and jsonfeed, and how they follow changes.

feedgen wrote the Atom and RSS files and the json module the JSON Feed: feedparser and
jsonfeed-util read them here, and the tests compare ids, dates, order and content by meaning.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import jsonfeed
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from tests.golden import NOW
from tests.test_ics_properties import Spec, write_data
from timeline import entries
from timeline.build import plan
from timeline.fields import FORBIDDEN
from timeline.select import Selection

FEEDS = REPO / "feeds"


def stamp(parsed: tuple[int, ...]) -> datetime:
    return datetime(*parsed[:6], tzinfo=UTC)


def atom_entries(data: bytes) -> list[tuple[str, datetime]]:
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return [(e.id, stamp(e.updated_parsed)) for e in parsed.entries]


@pytest.mark.parametrize("folder", ["fixture", "committed"])
def test_rss_and_json_feed_say_what_atom_says(folder: str, data_copy: Path) -> None:
    files = (
        plan(data_copy, NOW).files
        if folder == "fixture"
        else {p.relative_to(FEEDS).as_posix(): p.read_bytes() for p in FEEDS.rglob("*.*")}
    )
    stems = sorted(name.removesuffix(".atom.xml") for name in files if name.endswith(".atom.xml"))
    assert "all" in stems
    for stem in stems:
        atom = feedparser.parse(files[f"{stem}.atom.xml"])
        rss = feedparser.parse(files[f"{stem}.rss"])
        assert (atom.bozo, rss.bozo) == (0, 0), stem
        assert (atom.version, rss.version) == ("atom10", "rss20")
        ids = [e.id for e in atom.entries]
        if not ids:  # a feed with nothing (left) in it is still published, so that its URL answers
            assert stem in ("upcoming", *(k for k in stems if k.startswith(("series-", "host-", "participant-"))))
            assert rss.entries == []
            assert json.loads(files[f"{stem}.json"])["items"] == []
            continue
        assert [e.id for e in rss.entries] == ids, f"{stem}: same entries, same order"
        updated = [stamp(e.updated_parsed) for e in atom.entries]
        assert updated == sorted(updated, reverse=True), "newest updated first"
        assert stamp(atom.feed.updated_parsed) == updated[0], "feed updated = newest entry, not the build time"
        assert [stamp(e.published_parsed) for e in rss.entries] == updated, "RSS pubDate = last real change"
        assert stamp(rss.feed.updated_parsed) == updated[0], "lastBuildDate = newest entry"
        for entry in rss.entries:
            assert entry.guidislink is False
        root = ET.fromstring(files[f"{stem}.rss"])  # noqa: S314 - our own output, under test
        assert {g.get("isPermaLink") for g in root.iter("guid")} == {"false"}
        assert rss.feed.link == atom.feed.link
        self_link = next(link.href for link in rss.feed.links if link.rel == "self")
        assert self_link.endswith(f"/{stem}.rss")

        raw = json.loads(files[f"{stem}.json"])
        assert raw["version"] == "https://jsonfeed.org/version/1.1"
        assert raw["feed_url"].endswith(f"/{stem}.json")
        feed = jsonfeed.Feed.parse_string(files[f"{stem}.json"].decode("utf-8"))
        assert [item.id for item in feed.items] == ids
        assert feed.title == atom.feed.title
        for item, entry in zip(raw["items"], atom.entries, strict=True):
            assert item["title"] == entry.title
            assert datetime.fromisoformat(item["date_modified"]) == stamp(entry.updated_parsed)
            assert datetime.fromisoformat(item["date_published"]) == stamp(entry.published_parsed)
            assert item["summary"] == entry.summary
            assert item["url"] == entry.link


def test_changing_one_event_changes_one_entry(data_copy: Path) -> None:
    before = plan(data_copy, NOW)
    (data_copy / "timeline.lock").write_text(before.ledger_text, "utf-8")
    event = data_copy / "events/2025/2025-11-admm-plus-12.yaml"
    text = event.read_text("utf-8").replace('when: "2025-11"', 'when: "2025-11-01"').replace("planned", "held")
    event.write_text(text, "utf-8")
    later = datetime(2026, 1, 9, 10, 0, tzinfo=UTC)
    after = plan(data_copy, later)
    touched = 0
    for name in sorted(n for n in before.files if n.endswith(".atom.xml") and not n.startswith("changes-")):
        admm = "tag:example.org,2026:event/2025-11-admm-plus-12" + ("/vi" if name.startswith("lang-vi") else "")
        old, new = atom_entries(before.files[name]), atom_entries(after.files[name])
        if admm not in dict(old):
            assert before.files[name] == after.files[name], f"{name} does not hold it: byte-identical"
            continue
        touched += 1
        assert dict(new)[admm] == later
        assert {k: v for k, v in new if k != admm} == {k: v for k, v in old if k != admm}, "no other entry moves"
        assert new[0] == (admm, later), "it comes first"
        parsed = feedparser.parse(after.files[name])
        assert stamp(parsed.feed.updated_parsed) == later
        entry = next(e for e in parsed.entries if e.id == admm)
        if not name.startswith("lang-vi"):
            assert entry.summary == "date confirmed: 1 November 2025; status: held (was planned)"
            assert entry.title == "12th ADMM-Plus — 1 November 2025, Kuala Lumpur, Malaysia"
    assert touched >= 5
    for lang in ("en", "vi"):
        old, new = (
            atom_entries(before.files[f"changes-{lang}.atom.xml"]),
            atom_entries(after.files[f"changes-{lang}.atom.xml"]),
        )
        assert new == [(f"tag:example.org,2026:change/2025-11-admm-plus-12/1/{lang}", later), *old], (
            "the change feed gains one entry of its own; the earlier ones stay as they were"
        )
    entry = feedparser.parse(after.files["changes-en.atom.xml"]).entries[0]
    assert entry.title == "12th ADMM-Plus — date confirmed: 1 November 2025; status: held (was planned)"


def test_entry_ids_differ_per_language(data_copy: Path) -> None:
    files = plan(data_copy, NOW).files
    en = {e.id for e in feedparser.parse(files["lang-en.atom.xml"]).entries}
    vi = {e.id for e in feedparser.parse(files["lang-vi.atom.xml"]).entries}
    assert en
    assert len(en) == len(vi)
    assert not en & vi, "a reader following both languages keeps both entries"
    assert {i + "/vi" for i in en} == vi
    assert en == {e.id for e in feedparser.parse(files["all.atom.xml"]).entries}, "first-language ids as published"


def test_every_revision_has_an_entry_and_moment_of_its_own(data_copy: Path) -> None:
    files = plan(data_copy, NOW).files
    for name in (n for n in files if n.endswith(".atom.xml")):
        updated = [e.updated for e in feedparser.parse(files[name]).entries]
        assert len(updated) == len(set(updated)), f"{name}: two entries with the same atom:updated"
    changes = feedparser.parse(files["changes-en.atom.xml"]).entries
    ids = [e.id for e in changes]
    assert len(ids) == len(set(ids))
    removed = [e for e in changes if "2025-12-10-withdrawn-workshop" in e.id]
    assert [e.title.split(":")[0] for e in removed] == ["Removed", "New event"], "removal, then creation, newest first"


def test_removed_event_keeps_an_entry_saying_so(data_copy: Path) -> None:
    files = plan(data_copy, NOW).files
    parsed = feedparser.parse(files["all.atom.xml"])
    entry = next(e for e in parsed.entries if e.id.endswith("event/2025-12-10-withdrawn-workshop"))
    assert entry.title.startswith("Removed: Withdrawn workshop")
    assert entry.summary == "This event was removed from the timeline."


def test_feed_entries_cap_keeps_the_most_recently_updated(data_copy: Path) -> None:
    full = atom_entries(plan(data_copy, NOW).files["all.atom.xml"])
    config = data_copy / "timeline.yaml"
    config.write_text(config.read_text("utf-8") + "feed_entries: 2\n", "utf-8")
    capped = atom_entries(plan(data_copy, NOW).files["all.atom.xml"])
    assert len(capped) == 2
    assert capped == full[:2]


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    parser = Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")
XML_HOSTILE = [
    "<script>alert(1)</script>", "]]>", "&", "&amp;", "<![CDATA[x]]>", '"', "'", "\u200f", "\u202e", "\u200e",
    "Hội nghị Bộ trưởng Quốc phòng", "Việt Nam", "😀", "\x00", "\x07", "\x1b", "\x7f", "\x9f", "\t", " ",
]  # fmt: skip
xml_hostile = (
    st.lists(st.sampled_from(XML_HOSTILE) | st.text(max_size=4), min_size=1, max_size=8)
    .map("".join)
    # YAML itself reads NEL and the Unicode line and paragraph separators as line breaks.
    .filter(lambda t: FORBIDDEN.sub("", t).strip() and not set(t) & set("\n\r\x85\u2028\u2029"))
    # feedparser repairs what looks like UTF-8 read as Latin-1 ("Â¡" becomes "¡"), as readers
    # do; such text is not a round trip of ours to test.
    .filter(lambda t: not MOJIBAKE.search(t))
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=xml_hostile, note=xml_hostile)
def test_hostile_text_in_feeds(tmp_path_factory: pytest.TempPathFactory, title: str, note: str) -> None:
    """Well-formed XML and JSON whose parsed text is the input (control characters removed, with a warning)."""
    folder = tmp_path_factory.mktemp("hostile")
    spec = Spec("hostile-1", title, "2025-11-19", None, None, None, None, "held", note, "quote")
    result = plan(write_data(folder, [spec]), NOW)
    clean_title, clean_note = (re.sub(r"\s+", " ", FORBIDDEN.sub("", t)).strip() for t in (title, note))
    if FORBIDDEN.search(title + note):
        assert result.dataset.warnings, "removed characters are reported"
    for name in ("all.atom.xml", "all.rss"):
        ET.fromstring(result.files[name])  # noqa: S314 - well-formed, or this raises
        parsed = feedparser.parse(result.files[name])
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        [entry] = parsed.entries
        # feedparser gives an RSS title as HTML (text/html), as readers treat it: show it as text.
        shown = html_text(entry.title) if entry.title_detail.type == "text/html" else entry.title
        assert re.sub(r"\s+", " ", shown).startswith(f"{clean_title} — 19 November 2025")
        body = entry.content[0].value if name.endswith(".xml") else entry.description
        assert clean_note in re.sub(r"\s+", " ", html_text(body))
    [item] = json.loads(result.files["all.json"])["items"]
    assert re.sub(r"\s+", " ", item["title"]).startswith(clean_title)
    assert clean_note in re.sub(r"\s+", " ", html_text(item["content_html"]))


def test_feed_cut_takes_newest_then_by_id(data_copy: Path) -> None:
    """Which entries make a capped feed: the newest ``modified`` first, ties by id, whether the
    caller gives the ledger's newest-first order or not."""
    p = plan(data_copy, NOW)
    events = p.dataset.events
    assert len(events) >= 4
    same, later = NOW.replace(year=2025), NOW.replace(year=2025, month=6)
    ledger = {k: replace(r, modified=same) for k, r in p.ledger.items()}
    newest = max(events, key=lambda e: e.id)
    ledger[newest.id] = replace(ledger[newest.id], modified=later)
    config = replace(p.dataset.config, feed_entries=3)
    sel = Selection("all", config.language, "all", "", events, ())
    by_id = {e.id: e for e in events}
    expected = [newest.id, *sorted(e.id for e in events if e is not newest)[:2]]
    for order in (None, entries.newest_first(ledger)):
        got = entries.entries(sel, config, ledger, by_id, NOW.date(), order)
        assert [e.event_id for e in got] == expected
