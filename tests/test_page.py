"""The static page feeds/index.html, read back with xml.etree and a strict html.parser checker."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.golden import FIXTURE, NOW
from timeline.build import Plan, build, plan, tombstones
from timeline.model import Dataset
from timeline.render_html import page
from timeline.select import selections

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BASE = "https://feeds.example.org/fixture/"


class Balance(HTMLParser):
    """Fails on any unclosed, stray or misnested tag, and on a self-closed element that is not void."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value for name, value in attrs if name == "id" and value is not None]
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in VOID, f"<{tag} /> is not a void element"
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


def render(p: Plan, files: set[str] | None = None, ds: Dataset | None = None) -> bytes:
    ds = ds or p.dataset
    return page(ds, selections(ds, NOW.date(), {}), set(p.files) if files is None else files)


@pytest.fixture(scope="module")
def html(built: Plan) -> bytes:
    return render(built)


@pytest.fixture(scope="module")
def root(html: bytes) -> ET.Element:
    return parse(html)


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


def test_every_event_has_its_element_in_chronological_order(built: Plan, root: ET.Element) -> None:
    events = built.dataset.events
    articles = [el.get("id") for el in root.iter("article")]
    expected = [e.id for e in sorted(events, key=lambda e: (e.when.first_day, e.id))]
    assert articles == expected
    assert len(articles) == 4
    for event in events:
        assert by_id(root, event.id).tag == "article"


def event_text(root: ET.Element, event_id: str) -> str:
    return text_of(by_id(root, event_id))


def test_month_precision_is_never_a_day(root: ET.Element, html: bytes) -> None:
    shown = event_text(root, "2025-11-admm-plus-12")
    assert "November 2025" in shown
    assert "(date TBC)" in shown
    assert "1 November 2025" not in html.decode("utf-8")
    time = by_id(root, "2025-11-admm-plus-12").find(".//time")
    assert time is not None
    assert time.get("datetime") == "2025-11"


def test_year_with_mod_and_exact_days(root: ET.Element) -> None:
    assert "late 2025 (date TBC)" in event_text(root, "2025-bilateral-dialogue")
    ranged = event_text(root, "2025-11-19-adsom-plus")
    assert "19–22 November 2025" in ranged
    assert "TBC" not in ranged
    timed = event_text(root, "2025-11-20-bilateral-vn-my")
    assert "20 November 2025, 09:00–10:30 (local time, Asia/Kuala_Lumpur)" in timed
    assert "TBC" not in timed


def test_details_sources_and_links(root: ET.Element) -> None:
    article = by_id(root, "2025-11-20-bilateral-vn-my")
    rows = dict(
        zip((text_of(dt) for dt in article.iter("dt")), (text_of(dd) for dd in article.iter("dd")), strict=True)
    )
    assert rows["Where"] == "Kuala Lumpur, Malaysia"
    assert rows["Status"] == "held"
    assert rows["Participants"] == "Viet Nam, Malaysia"
    assert "#2025-11-19-adsom-plus" in hrefs(article)  # part of: a link to the main event
    quote = article.find(".//blockquote")
    assert quote is not None
    assert quote.get("lang") == "vi"
    assert text_of(quote) == "hai đoàn Việt Nam và Malaysia đã gặp song phương lúc 9 giờ sáng 20/11"
    assert "https://news.example.org/articles/fixture?id=1&lang=vi" in hrefs(article)
    assert f"{BASE}events/2025-11-20-bilateral-vn-my.ics" in hrefs(article)
    assert by_id(root, "2025-11-20-bilateral-vn-my").get("class") == "held"


def test_hostile_text_is_escaped(root: ET.Element, html: bytes) -> None:
    raw = html.decode("utf-8")
    note = "Text with specials: <b>bold</b> & ]]> and a long word"
    assert note in event_text(root, "2025-bilateral-dialogue")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; ]]&gt;" in raw
    assert "<b>" not in raw
    assert 'ADSOM-Plus, "Kuala Lumpur"; part 1, with a \\ backslash' in event_text(root, "2025-11-19-adsom-plus")


def test_hostile_title_and_quote(built: Plan) -> None:
    ds = built.dataset
    hostile = "<script>alert('x')</script> & \"quotes\" ]]> Hội nghị 🎉"
    events = []
    for event in ds.events:
        if event.id == "2025-11-admm-plus-12":
            citation = replace(event.sources[0], quote=hostile)
            event = replace(event, title={"en": hostile}, sources=(citation,), note={"en": hostile})  # noqa: PLW2901
        events.append(event)
    html = render(built, ds=replace(ds, events=tuple(events)))
    root = parse(html)
    assert not list(root.iter("script"))
    article = by_id(root, "2025-11-admm-plus-12")
    h4 = article.find("h4")
    assert h4 is not None
    assert text_of(h4) == " ".join(hostile.split())
    quote = article.find(".//blockquote")
    assert quote is not None
    assert text_of(quote) == " ".join(hostile.split())
    assert "<script>" not in html.decode("utf-8")
    balanced(html.decode("utf-8"))


def test_autodiscovery_is_absolute_typed_and_all_only(root: ET.Element) -> None:
    head = root.find("head")
    assert head is not None
    found = {link.get("type"): link.get("href") for link in head.iter("link") if link.get("rel") == "alternate"}
    assert found == {
        "application/atom+xml": f"{BASE}all.atom.xml",
        "application/rss+xml": f"{BASE}all.rss",
        "application/feed+json": f"{BASE}all.json",
    }
    for link in head.iter("link"):
        if link.get("rel") == "alternate":
            assert link.get("title")


def test_subscribe_links_for_all(root: ET.Element) -> None:
    links = hrefs(by_id(root, "_cal-all"))
    https = f"{BASE}all.ics"
    webcal = "webcal://feeds.example.org/fixture/all.ics"
    assert webcal in links
    assert https in links
    google = [h for h in links if h.startswith("https://calendar.google.com/")]
    assert google == [
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ffeeds.example.org%2Ffixture%2Fall.ics"
    ]
    assert parse_qs(urlsplit(google[0]).query) == {"cid": [webcal]}
    outlook = [h for h in links if h.startswith("https://outlook.live.com/")]
    assert len(outlook) == 1
    assert outlook[0].startswith("https://outlook.live.com/calendar/0/addfromweb?")
    assert parse_qs(urlsplit(outlook[0]).query) == {"url": [https], "name": ["Fixture timeline"]}
    assert {f"{BASE}all.atom.xml", f"{BASE}all.rss", f"{BASE}all.json"} <= set(links)


def test_outlook_name_is_encoded(root: ET.Element) -> None:
    links = hrefs(by_id(root, "_cal-lang-vi"))
    outlook = next(h for h in links if h.startswith("https://outlook.live.com/"))
    assert "name=D%C3%B2ng%20th%E1%BB%9Di%20gian%20m%E1%BA%ABu" in outlook
    assert parse_qs(urlsplit(outlook).query)["name"] == ["Dòng thời gian mẫu"]


def linked_files(root: ET.Element) -> set[str]:
    """Every generated file the page links to, by path relative to feeds/."""
    out = set()
    for href in hrefs(root):
        if href.startswith("https://calendar.google.com/"):
            href = parse_qs(urlsplit(href).query)["cid"][0]  # noqa: PLW2901
        elif href.startswith("https://outlook.live.com/"):
            href = parse_qs(urlsplit(href).query)["url"][0]  # noqa: PLW2901
        href = href.replace("webcal://", "https://", 1)  # noqa: PLW2901
        if href.startswith(BASE) and href != BASE:
            out.add(href.removeprefix(BASE))
        else:
            assert href.startswith(("#", "https://news.example.org/")) or href == BASE, href
    return out


def test_only_generated_files_are_linked(built: Plan, root: ET.Element) -> None:
    linked = linked_files(root)
    assert linked <= set(built.files)
    assert {"all.ics", "series-bilateral.json", "events/2025-11-admm-plus-12.ics"} <= linked
    # Nothing is ahead of NOW, yet upcoming is published (holding the event that ended last).
    assert {"upcoming.ics", "upcoming.atom.xml", "upcoming.rss", "upcoming.json"} <= set(built.files)
    assert "_cal-upcoming" in balanced(render(built).decode("utf-8"))


def test_missing_files_are_not_linked(built: Plan) -> None:
    files = set(built.files) - {"all.rss", "events/2025-11-admm-plus-12.ics"}
    files -= {p for p in built.files if p.startswith("series-bilateral.")}
    files -= {"host-vn.ics"}
    root = parse(render(built, files))
    linked = linked_files(root)
    assert linked <= files
    head = root.find("head")
    assert head is not None
    assert f"{BASE}all.rss" not in hrefs(head)
    assert not [el for el in root.iter() if el.get("id") == "_cal-series-bilateral"]
    assert "Add to calendar" not in event_text(root, "2025-11-admm-plus-12")
    host_vn = hrefs(by_id(root, "_cal-host-vn"))
    assert host_vn == [f"{BASE}host-vn.atom.xml", f"{BASE}host-vn.rss", f"{BASE}host-vn.json"]
    assert by_id(root, "2025-11-admm-plus-12").tag == "article"  # the event itself stays


def test_grouped_subscriptions(root: ET.Element) -> None:
    section = by_id(root, "_subscribe")
    summaries = [text_of(s) for s in section.iter("summary")]
    assert summaries == ["By series (3)", "By host country (2)", "By participating country (2)"]
    outside = [li.get("id") for li in section.findall("ul/li")]
    assert outside == ["_cal-all", "_cal-lang-en", "_cal-lang-vi", "_cal-upcoming"]


def test_deterministic(built: Plan, html: bytes) -> None:
    assert render(built) == html
    ds = built.dataset
    again = page(ds, selections(ds, NOW.date(), {}), sorted(built.files, reverse=True))
    assert again == html
    shuffled = replace(ds, events=tuple(reversed(ds.events)))
    assert render(built, ds=shuffled) == html


def test_self_contained(html: bytes, root: ET.Element) -> None:
    raw = html.decode("utf-8")
    assert not list(root.iter("script"))
    assert not [el for el in root.iter() if el.get("src") is not None]
    assert not [link for link in root.iter("link") if link.get("rel") == "stylesheet"]
    style = root.find("head/style")
    assert style is not None
    assert "url(" not in (style.text or "")
    assert "@import" not in (style.text or "")
    assert "<script" not in raw


def test_default_language_vietnamese(built: Plan) -> None:
    ds = built.dataset
    vi = replace(ds, config=replace(ds.config, languages=("vi", "en")))
    root = parse(render(built, ds=vi))
    assert root.get("lang") == "vi"
    shown = event_text(root, "2025-11-admm-plus-12")
    assert "tháng 11/2025 (chưa rõ ngày)" in shown
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
    html = page(p.dataset, selections(p.dataset, later.date(), removed), set(p.files))
    ids = balanced(html.decode("utf-8"))
    assert "2025-bilateral-dialogue" not in ids
    assert "events/2025-bilateral-dialogue.ics" not in linked_files(parse(html))
    assert "Defence dialogue" not in html.decode("utf-8")


def test_empty_timeline(built: Plan) -> None:
    """An empty timeline is still a valid page."""
    ds: Dataset = replace(built.dataset, events=())
    root = parse(page(ds, [], set()))
    assert not list(root.iter("article"))
    assert not [link for link in root.iter("link") if link.get("rel") == "alternate"]


def test_the_page_says_what_the_build_moment_knows(built: Plan) -> None:
    """The published page is rendered as of the build moment: November 2025 is over by NOW."""
    root = parse(built.files["index.html"])
    shown = event_text(root, "2025-11-admm-plus-12")
    assert "November 2025 (no report since 1 October 2025)" in shown
    assert "planned for November 2025; no report since 1 October 2025" in shown
    assert "(date TBC)" not in shown
    before = parse(page(built.dataset, selections(built.dataset, NOW.date(), {}), set(built.files), date(2025, 10, 15)))
    assert "November 2025 (date TBC)" in event_text(before, "2025-11-admm-plus-12")
