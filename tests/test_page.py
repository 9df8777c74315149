"""The static pages (timeline per language, event pages), read back with xml.etree and a strict html.parser checker."""

from __future__ import annotations

import json
import posixpath
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.golden import FIXTURE, NOW
from timeline.build import Plan, build, plan, tombstones
from timeline.edtf import parse as parse_edtf
from timeline.model import Dataset
from timeline.render_page import page, pages, paths
from timeline.render_page.cards import relative
from timeline.render_page.strip import strip
from timeline.select import selections

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BASE = "https://feeds.example.org/fixture/"


class Balance(HTMLParser):
    """Fails on any unclosed, stray or misnested tag, and on a self-closed HTML element that is not void."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value for name, value in attrs if name == "id" and value is not None]
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Self-closing is void elements only, except in SVG (foreign content), where it is the norm.
        assert tag in VOID or "svg" in self.open, f"<{tag} /> is not a void element"
        self.ids += [value for name, value in attrs if name == "id" and value is not None]

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"</{tag}> closes a void element"
        assert self.open, f"</{tag}> closes nothing"
        assert self.open[-1] == tag, f"</{tag}> closes <{self.open[-1]}>"
        self.open.pop()


def balanced(html: str) -> list[str]:
    """Check the tag balance; the ids in document order."""
    checker = Balance()
    checker.feed(html)
    checker.close()
    assert checker.open == [], f"unclosed: {checker.open}"
    return checker.ids


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data.decode("utf-8"))  # noqa: S314 - our own output, under test


def text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def by_id(root: ET.Element, element_id: str) -> ET.Element:
    found = [el for el in root.iter() if el.get("id") == element_id]
    assert len(found) == 1, f"{len(found)} elements with id {element_id!r}"
    return found[0]


def hrefs(element: ET.Element) -> list[str]:
    return [href for el in element.iter() if (href := el.get("href")) is not None]


@pytest.fixture(scope="module")
def built() -> Plan:
    return plan(FIXTURE, NOW)  # touches no file


def render(p: Plan, files: set[str] | None = None, ds: Dataset | None = None, lang: str = "en") -> bytes:
    ds = ds or p.dataset
    return page(ds, lang, selections(ds, NOW.date(), {}), set(p.files) if files is None else files, p.ledger, NOW)


@pytest.fixture(scope="module")
def html(built: Plan) -> bytes:
    return render(built)


@pytest.fixture(scope="module")
def root(html: bytes) -> ET.Element:
    return parse(html)


def event_page(p: Plan, event_id: str, lang: str = "en") -> ET.Element:
    path = f"events/{event_id}.html" if lang == "en" else f"{lang}/events/{event_id}.html"
    data = p.files[path]
    balanced(data.decode("utf-8"))
    return parse(data)


def test_well_formed_and_balanced(html: bytes, root: ET.Element) -> None:
    assert html.startswith(b"<!DOCTYPE html>\n")
    assert root.tag == "html"
    assert root.get("lang") == "en"
    ids = balanced(html.decode("utf-8"))
    assert len(ids) == len(set(ids)), "ids are unique"
    head = root.find("head")
    assert head is not None
    assert head.find("meta[@charset='utf-8']") is not None
    assert head.find("meta[@name='viewport']") is not None
    assert head.findtext("title") == "Fixture timeline"
    description = head.find("meta[@name='description']")
    assert description is not None
    assert description.get("content") == 'Test events: commas, semicolons; backslash \\ and quotes " included.'
    icon = head.find("link[@rel='icon']")
    assert icon is not None
    assert icon.get("href") == "assets/favicon.svg"


def test_every_page_is_generated(built: Plan) -> None:
    ids = sorted(e.id for e in built.dataset.events)
    expected = {"index.html", "vi/index.html", "assets/timeline.js", "assets/favicon.svg"}
    expected |= {"timelinejs/en.json", "timelinejs/vi.json"}
    expected |= {f"events/{i}.html" for i in ids} | {f"vi/events/{i}.html" for i in ids}
    assert expected <= set(built.files)
    for path in expected:
        if path.endswith(".html"):
            balanced(built.files[path].decode("utf-8"))
    ET.fromstring(built.files["assets/favicon.svg"])  # noqa: S314 - our own output
    made = pages(built.dataset, selections(built.dataset, NOW.date(), {}), set(built.files), built.ledger, NOW)
    assert sorted(made) == sorted(paths(built.dataset))


def sections(root: ET.Element) -> dict[str, list[str]]:
    """The event ids listed in each part of the timeline page, in order."""
    return {
        key: [el.get("id") or "" for el in by_id(root, f"_{key}").iter("article")]
        for key in ("next", "recent", "archive")
        if [el for el in root.iter() if el.get("id") == f"_{key}"]
    }


def test_next_recent_archive_as_of_the_build(built: Plan, root: ET.Element) -> None:
    # On NOW (2 January 2026) every fixture event is over and ended within the year: all recent, latest first.
    ds = built.dataset
    assert sections(root) == {
        "next": [],
        "recent": [e.id for e in sorted(ds.events, key=lambda e: (e.when.last_day, e.id), reverse=True)],
    }
    assert "Nothing announced ahead of 2 January 2026." in text_of(by_id(root, "_next"))
    # Ten days before the ADSOM-Plus, the same data answers "what's next", soonest first, with how far away.
    early = datetime(2025, 11, 9, 12, tzinfo=UTC)
    html = page(ds, "en", selections(ds, early.date(), {}), set(built.files), built.ledger, early)
    found = sections(parse(html))
    assert found["next"] == ["2025-bilateral-dialogue", "2025-11-admm-plus-12", "2025-11-19-adsom-plus",
                             "2025-11-20-bilateral-vn-my"]  # fmt: skip
    assert found["recent"] == []
    cards = parse(html)
    assert "in 10 days · 19–22 November 2025" in text_of(by_id(cards, "2025-11-19-adsom-plus"))
    assert "due now · November 2025 (date TBC)" in text_of(by_id(cards, "2025-11-admm-plus-12"))
    # Two years on, the old events go to the archive, by year.
    later = datetime(2028, 1, 1, tzinfo=UTC)
    html = page(ds, "en", selections(ds, later.date(), {}), set(built.files), built.ledger, later)
    root_later = parse(html)
    assert len(sections(root_later)["recent"]) == 3  # at least the last three
    assert len(sections(root_later)["archive"]) == 1
    assert by_id(root_later, "_y2025").tag == "h3"


@pytest.mark.parametrize(
    ("when", "today", "en", "vi"),
    [
        ("2025-11-19/2025-11-22", "2025-11-09", "in 10 days", "10 ngày nữa"),
        ("2025-11-19/2025-11-22", "2025-11-20", "under way", "đang diễn ra"),
        ("2025-11-20", "2025-11-20", "today", "hôm nay"),
        ("2025-11-20", "2025-10-01", "in 7 weeks", "7 tuần nữa"),
        ("2025-11-20", "2025-12-21", "4 weeks ago", "4 tuần trước"),
        ("2025-11-20", "2026-02-21", "3 months ago", "3 tháng trước"),
        ("2025-11", "2025-08-15", "in about 3 months", "khoảng 3 tháng nữa"),
        ("2025-11", "2025-11-15", "due now", "dự kiến trong thời gian này"),
        ("2024", "2026-12-01", "about 2 years ago", "khoảng 2 năm trước"),
    ],
)
def test_relative_times_are_no_finer_than_the_date(when: str, today: str, en: str, vi: str) -> None:
    day = datetime.fromisoformat(today).date()
    assert relative(parse_edtf(when), day, "en") == en
    assert relative(parse_edtf(when), day, "vi") == vi


def test_last_updated_is_the_newest_revision_not_the_clock(built: Plan, root: ET.Element) -> None:
    updated = by_id(root, "_as-of").get("datetime")
    assert updated == NOW.date().isoformat()
    newest = max(built.ledger[e.id].modified for e in built.dataset.events)
    stamps = [t.get("datetime") for t in root.iter("time") if t.get("datetime")]
    assert newest.date().isoformat() in stamps
    assert "Last updated" in text_of(root.find("body/header"))  # type: ignore[arg-type]


def test_month_precision_is_never_a_day(built: Plan, root: ET.Element, html: bytes) -> None:
    shown = text_of(by_id(root, "2025-11-admm-plus-12"))
    # As of NOW the window is over and no source is newer: the page says so (never a made-up day).
    assert "November 2025 (no report since 1 October 2025)" in shown
    assert "planned for November 2025; no report since 1 October 2025" in shown
    assert "1 November 2025" not in html.decode("utf-8")
    page_root = event_page(built, "2025-11-admm-plus-12")
    time = page_root.find(".//dd/time")
    assert time is not None
    assert time.get("datetime") == "2025-11"
    add = text_of(by_id(page_root, "_add"))
    assert "Google" not in add  # a template link would claim a day
    assert "the window the event falls in" in add


def test_year_with_mod_and_exact_days(root: ET.Element) -> None:
    assert "late 2025 (no report since 1 October 2025)" in text_of(by_id(root, "2025-bilateral-dialogue"))
    ranged = text_of(by_id(root, "2025-11-19-adsom-plus"))
    assert "19–22 November 2025" in ranged
    assert "TBC" not in ranged
    timed = text_of(by_id(root, "2025-11-20-bilateral-vn-my"))
    assert "20 November 2025, 09:00–10:30 (local time, Asia/Kuala_Lumpur)" in timed
    assert "TBC" not in timed


def test_event_page_details_sources_history_and_add(built: Plan) -> None:
    root = event_page(built, "2025-11-20-bilateral-vn-my")
    article = by_id(root, "2025-11-20-bilateral-vn-my")
    rows = dict(
        zip((text_of(dt) for dt in article.iter("dt")), (text_of(dd) for dd in article.iter("dd")), strict=True)
    )
    assert rows["Where"] == "Kuala Lumpur, Malaysia"
    assert rows["Status"] == "held"
    assert rows["Participants"] == "Viet Nam, Malaysia"
    assert "2025-11-19-adsom-plus.html" in hrefs(article)  # part of: a link to the main event's page
    sources = by_id(root, "_sources")
    quote = sources.find(".//blockquote")
    assert quote is not None
    assert quote.get("lang") == "vi"
    assert text_of(quote) == "hai đoàn Việt Nam và Malaysia đã gặp song phương lúc 9 giờ sáng 20/11"
    url = "https://news.example.org/articles/fixture?id=1&lang=vi"
    assert url in hrefs(sources)
    assert url in text_of(sources)  # the address itself is shown
    assert "quoted in Vietnamese" in text_of(sources)
    history = text_of(by_id(root, "_history"))
    revision = built.ledger["2025-11-20-bilateral-vn-my"]
    assert f"First published: {revision.created.day} " in history
    add = hrefs(by_id(root, "_add"))
    assert "2025-11-20-bilateral-vn-my.ics" in add
    google = next(h for h in add if h.startswith("https://calendar.google.com/"))
    query = parse_qs(urlsplit(google).query)
    assert query["dates"] == ["20251120T090000/20251120T103000"]
    assert query["ctz"] == ["Asia/Kuala_Lumpur"]
    assert article.get("class") == "held"


def test_language_switch_and_vietnamese_pages(built: Plan, root: ET.Element) -> None:
    switch = [el for el in root.iter("a") if el.get("hreflang") == "vi"]
    assert [(el.get("href"), el.get("lang"), el.text) for el in switch] == [("vi/index.html", "vi", "Tiếng Việt")]
    vi = parse(built.files["vi/index.html"])
    assert vi.get("lang") == "vi"
    back = [el for el in vi.iter("a") if el.get("hreflang") == "en"]
    assert [el.get("href") for el in back] == ["../index.html"]
    assert "tháng 11/2025 (không có tin mới kể từ ngày 1/10/2025)" in text_of(by_id(vi, "2025-11-admm-plus-12"))
    card_link = by_id(vi, "2025-11-admm-plus-12").find(".//a")
    assert card_link is not None
    assert card_link.get("href") == "events/2025-11-admm-plus-12.html"
    event_vi = event_page(built, "2025-11-admm-plus-12", "vi")
    assert [el.get("href") for el in event_vi.iter("a") if el.get("hreflang") == "en"] == [
        "../../events/2025-11-admm-plus-12.html"
    ]
    alternates = {el.get("hreflang"): el.get("href") for el in event_vi.iter("link") if el.get("hreflang")}
    assert alternates == {
        "en": f"{BASE}events/2025-11-admm-plus-12.html",
        "vi": f"{BASE}vi/events/2025-11-admm-plus-12.html",
    }


def test_hostile_text_is_escaped(built: Plan) -> None:
    root = event_page(built, "2025-bilateral-dialogue")
    raw = built.files["events/2025-bilateral-dialogue.html"].decode("utf-8")
    note = "Text with specials: <b>bold</b> & ]]> and a long word"
    assert note in text_of(root)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; ]]&gt;" in raw
    assert "<b>" not in raw
    adsom = text_of(event_page(built, "2025-11-19-adsom-plus"))
    assert 'ADSOM-Plus, "Kuala Lumpur"; part 1, with a \\ backslash' in adsom


def test_hostile_title_and_quote(built: Plan) -> None:
    ds = built.dataset
    hostile = "<script>alert('x')</script> & \"quotes\" ]]> Hội nghị 🎉"
    events = []
    for event in ds.events:
        if event.id == "2025-11-admm-plus-12":
            citation = replace(event.sources[0], quote=hostile)
            event = replace(event, title={"en": hostile}, sources=(citation,), note={"en": hostile})  # noqa: PLW2901
        events.append(event)
    hostile_ds = replace(ds, events=tuple(events))
    out = pages(hostile_ds, selections(hostile_ds, NOW.date(), {}), set(built.files), built.ledger, NOW)
    for path in ("index.html", "events/2025-11-admm-plus-12.html"):
        raw = out[path].decode("utf-8")
        root = parse(out[path])
        assert [el.get("src") for el in root.iter("script")] == [
            posixpath.relpath("assets/timeline.js", posixpath.dirname(path) or ".")
        ]
        assert "<script>" not in raw
        assert " ".join(hostile.split()) in text_of(root)
        balanced(raw)
    export = json.loads(out["timelinejs/en.json"])
    slide = next(s for s in export["events"] if s["unique_id"] == "2025-11-admm-plus-12")
    assert "<script>" not in slide["text"]["headline"]


def test_autodiscovery_is_absolute_typed_and_main_only(built: Plan, root: ET.Element) -> None:
    head = root.find("head")
    assert head is not None
    found = {
        link.get("type"): link.get("href")
        for link in head.iter("link")
        if link.get("rel") == "alternate" and link.get("type")
    }
    assert found == {
        "application/atom+xml": f"{BASE}all.atom.xml",
        "application/rss+xml": f"{BASE}all.rss",
        "application/feed+json": f"{BASE}all.json",
    }
    vi_head = parse(built.files["vi/index.html"]).find("head")
    assert vi_head is not None
    vi_found = {link.get("href") for link in vi_head.iter("link") if link.get("type") == "application/atom+xml"}
    assert vi_found == {f"{BASE}lang-vi.atom.xml"}


def test_subscribe_links_for_all(root: ET.Element) -> None:
    box = by_id(root, "_subscribe")
    address = by_id(root, "_address-all")
    https = f"{BASE}all.ics"
    assert address.get("value") == https
    assert address.get("readonly") == "readonly"
    copy = [b for b in box.iter("button") if b.get("data-copy") == "_address-all"]
    assert len(copy) == 1
    links = hrefs(by_id(root, "_cal-all"))
    webcal = "webcal://feeds.example.org/fixture/all.ics"
    assert webcal in links
    assert "all.ics" in links
    google = [h for h in links if h.startswith("https://calendar.google.com/")]
    assert google == [
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ffeeds.example.org%2Ffixture%2Fall.ics"
    ]
    assert parse_qs(urlsplit(google[0]).query) == {"cid": [webcal]}
    assert "https://calendar.google.com/calendar/u/0/r/settings/addbyurl" in hrefs(box)
    for host in ("https://outlook.live.com/", "https://outlook.office.com/"):
        found = [h for h in links if h.startswith(host)]
        assert len(found) == 1
        assert found[0].startswith(f"{host}calendar/0/addfromweb?")
        assert parse_qs(urlsplit(found[0]).query) == {"url": [https], "name": ["Fixture timeline"]}
    assert {"all.atom.xml", "all.rss", "all.json"} <= set(links)
    claims = text_of(box)
    assert "Apple Calendar" in claims
    assert "Thunderbird" in claims
    assert "Outlook for desktop" not in claims


def test_outlook_name_is_encoded(root: ET.Element) -> None:
    links = hrefs(by_id(root, "_cal-lang-vi"))
    outlook = next(h for h in links if h.startswith("https://outlook.live.com/"))
    assert "name=D%C3%B2ng%20th%E1%BB%9Di%20gian%20m%E1%BA%ABu" in outlook
    assert parse_qs(urlsplit(outlook).query)["name"] == ["Dòng thời gian mẫu"]


def linked_files(root: ET.Element, here: str = "index.html") -> set[str]:
    """Every generated file the page links to, by path relative to feeds/."""
    out = set()
    for href in hrefs(root):
        if href.startswith("https://calendar.google.com/calendar/render?cid="):
            href = parse_qs(urlsplit(href).query)["cid"][0]  # noqa: PLW2901
        elif href.startswith(
            ("https://outlook.live.com/calendar/0/addfromweb", "https://outlook.office.com/calendar/0/addfromweb")
        ):
            href = parse_qs(urlsplit(href).query)["url"][0]  # noqa: PLW2901
        href = href.replace("webcal://", "https://", 1)  # noqa: PLW2901
        if href.startswith(BASE) and href != BASE:
            path = href.removeprefix(BASE)
            out.add(path + "index.html" if path.endswith("/") else path)
        elif href.startswith(("https://", "#")) or href == BASE:
            external = ("https://news.example.org/", "https://calendar.google.com/", "https://outlook.")
            assert href.startswith(("#", *external)) or href == BASE, href
        else:
            out.add(posixpath.normpath(posixpath.join(posixpath.dirname(here), href.split("#")[0])))
    return out


def test_only_generated_files_are_linked(built: Plan) -> None:
    for path in sorted(p for p in built.files if p.endswith(".html")):
        linked = linked_files(parse(built.files[path]), path)
        assert linked <= set(built.files), (path, linked - set(built.files))
    linked = linked_files(parse(built.files["index.html"]))
    assert {"all.ics", "series-bilateral.json", "vi/index.html", "assets/favicon.svg", "timelinejs/en.json"} <= linked
    assert "events/2025-11-admm-plus-12.html" in linked
    assert "events/2025-11-admm-plus-12.ics" in linked_files(event_page(built, "2025-11-admm-plus-12"), "events/x.html")
    # Nothing is ahead of NOW, yet upcoming is published (holding the event that ended last).
    assert {"upcoming.ics", "upcoming.atom.xml", "upcoming.rss", "upcoming.json"} <= set(built.files)
    assert "_cal-upcoming" in balanced(built.files["index.html"].decode("utf-8"))


def test_missing_files_are_not_linked(built: Plan) -> None:
    files = set(built.files) - {"all.rss", "events/2025-11-admm-plus-12.ics"}
    files -= {p for p in built.files if p.startswith("series-bilateral.")}
    files -= {"host-vn.ics"}
    root = parse(render(built, files))
    head = root.find("head")
    assert head is not None
    assert f"{BASE}all.rss" not in hrefs(head)
    assert "all.rss" not in hrefs(root)
    assert not [el for el in root.iter() if el.get("id") == "_cal-series-bilateral"]
    host_vn = hrefs(by_id(root, "_cal-host-vn"))
    assert host_vn == ["host-vn.atom.xml", "host-vn.rss", "host-vn.json"]
    assert by_id(root, "2025-11-admm-plus-12").tag == "article"  # the event itself stays


def test_grouped_subscriptions(root: ET.Element) -> None:
    section = by_id(root, "_subscribe")
    summaries = [text_of(s) for s in section.iter("summary")]
    assert summaries == [
        "The whole timeline",
        "By series (3)",
        "By host country (2)",
        "By participating country (2)",
    ]
    main = section.find("details/ul")
    assert main is not None
    assert [li.get("id") for li in main.findall("li")] == ["_cal-all", "_cal-lang-en", "_cal-lang-vi", "_cal-upcoming"]


def test_filters_cover_every_series_country_and_year(built: Plan, root: ET.Element) -> None:
    form = by_id(root, "_filter")
    assert form.get("hidden") == "hidden"  # revealed by the script, which makes it work
    options = {
        sel.get("name"): [o.get("value") for o in sel.iter("option") if o.get("value")] for sel in form.iter("select")
    }
    events = built.dataset.events
    assert sorted(options["series"]) == sorted({e.series.key for e in events})
    assert set(options["year"]) == {"2025"}
    assert set(options["country"]) == {"my", "vn"}
    card = by_id(root, "2025-11-20-bilateral-vn-my")
    assert card.get("data-series") == "bilateral"
    assert card.get("data-countries") == "my vn"
    assert card.get("data-years") == "2025"


def test_year_strip(built: Plan, root: ET.Element) -> None:
    svg = next(el for el in root.iter() if el.tag.endswith("svg"))
    assert svg.get("role") == "img"
    title = next(el for el in svg.iter() if el.tag.endswith("title"))
    assert "2025–2025" in "".join(title.itertext())
    ticks = [el for el in svg.iter() if el.tag.endswith("line") and el.get("class") == "tick"]
    single_days = [e for e in built.dataset.events if e.when.exact and e.when.first_day == e.when.last_day]
    assert len(ticks) == len(single_days)
    windows = [el for el in svg.iter() if el.tag.endswith("rect")]
    assert len(windows) == len(built.dataset.events) - len(single_days)


def test_year_strip_marks_are_the_events_own(built: Plan) -> None:
    """The marks drawn once for every language's page are those of the events at hand: a page of
    fewer events (another tuple) never shows the marks of the last one drawn."""
    events = built.dataset.events
    fewer = tuple(events[1:])
    first = strip(events, "en")
    assert strip(events, "vi").count('class="tick"') == first.count('class="tick"')
    alone = strip(fewer, "en")
    assert alone.count('class="tick"') + alone.count('class="window"') == len(fewer)
    assert strip(events, "en") == first


def test_timelinejs_export_keeps_precision(built: Plan) -> None:
    export = json.loads(built.files["timelinejs/en.json"])
    assert export["title"]["text"]["headline"] == "Fixture timeline"
    slides = {s["unique_id"]: s for s in export["events"]}
    assert set(slides) == {e.id for e in built.dataset.events}
    assert slides["2025-11-admm-plus-12"]["start_date"] == {"year": 2025, "month": 11}
    assert slides["2025-11-admm-plus-12"]["display_date"] == "November 2025 (no report since 1 October 2025)"
    assert slides["2025-bilateral-dialogue"]["start_date"] == {"year": 2025}
    assert slides["2025-11-19-adsom-plus"]["start_date"] == {"year": 2025, "month": 11, "day": 19}
    assert slides["2025-11-19-adsom-plus"]["end_date"] == {"year": 2025, "month": 11, "day": 22}
    timed = slides["2025-11-20-bilateral-vn-my"]
    assert timed["start_date"] == {"year": 2025, "month": 11, "day": 20, "hour": 9, "minute": 0}
    assert timed["end_date"] == {"year": 2025, "month": 11, "day": 20, "hour": 10, "minute": 30}
    assert (
        "https://news.example.org/articles/fixture?id=1&amp;lang=vi"
        in slides["2025-11-20-bilateral-vn-my"]["text"]["text"]
    )
    vi = json.loads(built.files["timelinejs/vi.json"])
    assert next(s for s in vi["events"] if s["unique_id"] == "2025-11-admm-plus-12")["display_date"] == (
        "tháng 11/2025 (không có tin mới kể từ ngày 1/10/2025)"
    )


def test_deterministic(built: Plan, html: bytes) -> None:
    assert render(built) == html
    ds = built.dataset
    again = page(ds, "en", selections(ds, NOW.date(), {}), sorted(built.files, reverse=True), built.ledger, NOW)
    assert again == html
    shuffled = replace(ds, events=tuple(reversed(ds.events)))
    assert render(built, ds=shuffled) == html
    assert pages(shuffled, selections(shuffled, NOW.date(), {}), set(built.files), built.ledger, NOW) == pages(
        ds, selections(ds, NOW.date(), {}), set(built.files), built.ledger, NOW
    )


def test_self_contained(built: Plan, root: ET.Element) -> None:
    assert [el.get("src") for el in root.iter("script")] == ["assets/timeline.js"]
    assert not [el for el in root.iter() if el.get("src") is not None and el.tag != "script"]
    assert not [link for link in root.iter("link") if link.get("rel") == "stylesheet"]
    style = root.find("head/style")
    assert style is not None
    assert "url(" not in (style.text or "")
    assert "@import" not in (style.text or "")
    assert "prefers-color-scheme:dark" in (style.text or "")
    script = built.files["assets/timeline.js"].decode("utf-8")
    assert "http" not in script  # no CDN, no request anywhere


def test_default_language_vietnamese(built: Plan) -> None:
    ds = built.dataset
    vi = replace(ds, config=replace(ds.config, languages=("vi", "en")))
    out = pages(vi, selections(vi, NOW.date(), {}), set(built.files), built.ledger, NOW)
    root = parse(out["index.html"])
    assert root.get("lang") == "vi"
    assert "en/index.html" in out
    shown = text_of(by_id(root, "2025-11-admm-plus-12"))
    assert "tháng 11/2025 (không có tin mới kể từ ngày 1/10/2025)" in shown
    assert "ngày 1/11/2025" not in shown
    head = root.find("head")
    assert head is not None
    assert head.findtext("title") == "Dòng thời gian mẫu"


def test_removed_events_are_not_on_the_page(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "feeds"
    shutil.copytree(FIXTURE, data)
    build(data, out, NOW)
    (data / "events" / "2025" / "2025-bilateral-dialogue.yaml").unlink()
    later = NOW + timedelta(days=1)
    p = plan(data, later)
    removed = tombstones(p.dataset, p.ledger, later)
    assert "2025-bilateral-dialogue" in removed
    assert "2025-bilateral-dialogue.atom.xml" not in p.files
    assert "events/2025-bilateral-dialogue.ics" not in p.files  # late 2025 is in no calendar, nor its tombstone
    assert "events/2025-bilateral-dialogue.html" not in p.files
    html = page(p.dataset, "en", selections(p.dataset, later.date(), removed), set(p.files), p.ledger, later)
    ids = balanced(html.decode("utf-8"))
    assert "2025-bilateral-dialogue" not in ids
    assert "events/2025-bilateral-dialogue.ics" not in linked_files(parse(html))
    assert "Defence dialogue" not in html.decode("utf-8")


def test_empty_timeline(built: Plan) -> None:
    """An empty timeline is still a valid page."""
    ds: Dataset = replace(built.dataset, events=())
    out = pages(ds, [], set(), {}, NOW)
    root = parse(out["index.html"])
    assert not list(root.iter("article"))
    assert not [link for link in root.iter("link") if link.get("rel") == "alternate" and link.get("type")]
    assert json.loads(out["timelinejs/en.json"])["events"] == []


def test_the_page_says_what_the_build_moment_knows(built: Plan) -> None:
    """The published page is rendered as of the build moment: November 2025 is over by NOW."""
    root = parse(built.files["index.html"])
    shown = text_of(by_id(root, "2025-11-admm-plus-12"))
    assert "November 2025 (no report since 1 October 2025)" in shown
    assert "planned for November 2025; no report since 1 October 2025" in shown
    assert "(date TBC)" not in shown
    earlier = datetime(2025, 10, 15, tzinfo=UTC)
    ds = built.dataset
    before = parse(page(ds, "en", selections(ds, earlier.date(), {}), set(built.files), built.ledger, earlier))
    assert "November 2025 (date TBC)" in text_of(by_id(before, "2025-11-admm-plus-12"))
