"""`timeline fetch` against a local server: statuses, validators, retries, robots.txt, caps, charsets, feeds."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.webserver import WEB, Route, Site, serve
from timeline.fetch.article import dateline_agency, read_article
from timeline.fetch.discover import links
from timeline.fetch.http import Fetcher, FetchError, Policy, decode, retry_after
from timeline.watch import Watch

FAST = Policy(timeout=0.5, retries=2, backoff=0.0, delay=0.0, max_bytes=50_000, max_redirects=3)


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve()


@pytest.fixture
def fetcher(tmp_path: Path) -> Iterator[Fetcher]:
    waits: list[float] = []
    with Fetcher(tmp_path / "cache", FAST, sleep=waits.append) as f:
        f.waits = waits  # type: ignore[attr-defined]
        yield f


def test_200_then_304_from_the_cache(site: Site, fetcher: Fetcher) -> None:
    site.routes["/a"] = Route(b"<p>hello</p>", etag='"v1"', last_modified="Sat, 01 Nov 2025 10:00:00 GMT")
    first = fetcher.get(site.url("/a"))
    second = fetcher.get(site.url("/a"))
    assert (first.status, second.status) == (200, 304)
    assert second.body == first.body == b"<p>hello</p>"
    request = [h for p, _s, h in site.log if p == "/a"][1]
    assert request["If-None-Match"] == '"v1"'
    assert request["If-Modified-Since"] == "Sat, 01 Nov 2025 10:00:00 GMT"
    assert site.served("/a") == [200, 304]
    assert (fetcher.stats.downloaded, fetcher.stats.not_modified) == (1, 1)


def test_user_agent_says_who_asks(site: Site, fetcher: Fetcher) -> None:
    site.routes["/a"] = Route(b"x")
    fetcher.get(site.url("/a"))
    agent = next(h for p, _s, h in site.log if p == "/a")["User-Agent"]
    assert agent.startswith("timeline/")
    assert "(news timeline fetcher; +" in agent


def test_redirect_chain_is_followed(site: Site, fetcher: Fetcher) -> None:
    site.routes["/old"] = Route(status=301, headers={"Location": "/older"})
    site.routes["/older"] = Route(status=302, headers={"Location": site.url("/new")})
    site.routes["/new"] = Route(b"here")
    response = fetcher.get(site.url("/old"))
    assert (response.status, response.final_url, response.body) == (200, site.url("/new"), b"here")


def test_redirect_loop_and_limit(site: Site, fetcher: Fetcher) -> None:
    site.routes["/loop1"] = Route(status=302, headers={"Location": "/loop2"})
    site.routes["/loop2"] = Route(status=302, headers={"Location": "/loop1"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.get(site.url("/loop1"))
    for i in range(6):
        site.routes[f"/r{i}"] = Route(status=301, headers={"Location": f"/r{i + 1}"})
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetcher.get(site.url("/r0"))


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone (gone")])
def test_client_errors_are_not_retried(site: Site, fetcher: Fetcher, status: int, reason: str) -> None:
    site.routes["/x"] = Route(b"", status=status)
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/x"))
    assert caught.value.url == site.url("/x")
    assert caught.value.reason.startswith(reason)
    assert site.served("/x") == [status]


def test_500_is_retried_with_backoff_then_reported(site: Site, tmp_path: Path) -> None:
    waits: list[float] = []
    policy = Policy(timeout=0.5, retries=2, backoff=0.25, delay=0.0)
    site.routes["/down"] = Route(statuses=[500, 500, 500, 500])
    with Fetcher(tmp_path, policy, sleep=waits.append) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/down"))
    assert caught.value.reason == "HTTP 500 Internal Server Error (3 attempts)"
    assert waits == [0.25, 0.5]  # exponential backoff


def test_429_honours_retry_after(site: Site, fetcher: Fetcher) -> None:
    site.routes["/busy"] = Route(b"ok now", statuses=[429], headers={"Retry-After": "7"})
    assert fetcher.get(site.url("/busy")).body == b"ok now"
    assert fetcher.waits == [7.0]  # type: ignore[attr-defined]
    assert site.served("/busy") == [429, 200]


def test_429_with_a_too_long_retry_after_gives_up(site: Site, fetcher: Fetcher) -> None:
    site.routes["/busy"] = Route(b"", statuses=[429], headers={"Retry-After": "86400"})
    with pytest.raises(FetchError, match="Retry-After 86400 s is longer than 120 s"):
        fetcher.get(site.url("/busy"))


def test_retry_after_as_an_http_date() -> None:
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: retry at once
    assert retry_after("soon") is None


def test_slow_response_times_out_and_is_retried(site: Site, tmp_path: Path) -> None:
    site.routes["/slow"] = Route(b"late", delay=0.8)
    waits: list[float] = []
    policy = Policy(timeout=0.2, retries=1, backoff=0.0, delay=0.0)
    with Fetcher(tmp_path, policy, sleep=waits.append) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/slow"))
    assert caught.value.reason == "timed out after 0.2 s (2 attempts)"


def test_body_over_the_cap(site: Site, fetcher: Fetcher) -> None:
    site.routes["/big"] = Route(b"x" * 60_000)
    with pytest.raises(FetchError, match="over the 50000-byte limit"):
        fetcher.get(site.url("/big"))


def test_gzip_is_decoded_and_the_cap_applies_after_it(site: Site, fetcher: Fetcher) -> None:
    site.routes["/z"] = Route(b"<p>compressed</p>" * 100, gzip=True)
    assert fetcher.get(site.url("/z")).body == b"<p>compressed</p>" * 100
    assert next(h for p, _s, h in site.log if p == "/z")["Accept-Encoding"].startswith("gzip")
    site.routes["/bomb"] = Route(b"0" * 200_000, gzip=True)  # 200 KB that compress to a few hundred bytes
    with pytest.raises(FetchError, match="over the 50000-byte limit"):
        fetcher.get(site.url("/bomb"))


def test_robots_txt_is_obeyed(site: Site, fetcher: Fetcher) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/a"] = Route(b"secret")
    with pytest.raises(FetchError, match=r"robots.txt of .* disallows"):
        fetcher.get(site.url("/private/a"))
    assert site.served("/private/a") == []


def test_unreadable_robots_txt_disallows(site: Site, fetcher: Fetcher) -> None:
    site.routes["/robots.txt"] = Route(statuses=[503, 503, 503])
    site.routes["/a"] = Route(b"x")
    with pytest.raises(FetchError, match=r"robots\.txt could not be read"):
        fetcher.get(site.url("/a"))


def test_per_host_delay(site: Site, tmp_path: Path) -> None:
    waits: list[float] = []
    now = [100.0]
    site.routes["/a"] = Route(b"a")
    site.routes["/b"] = Route(b"b")
    with Fetcher(tmp_path, Policy(delay=2.0), sleep=waits.append, clock=lambda: now[0]) as fetcher:
        fetcher.get(site.url("/a"))
        fetcher.get(site.url("/b"))
    assert waits
    assert all(w == pytest.approx(2.0) for w in waits)  # robots.txt, /a, /b: 2 s apart


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("<p>Hội nghị ADMM+ lần thứ 12</p>".encode(), "text/html; charset=iso-8859-1", "Hội nghị"),  # wrong charset
        ("<p>Hội nghị ADMM+ lần thứ 12</p>".encode(), "text/html", "Hội nghị"),  # missing charset
        ('<meta charset="windows-1252"><p>Café déjà vu</p>'.encode("cp1252"), "text/html", "Café déjà"),  # in the page
        ("<p>Café déjà vu</p>".encode("latin-1"), "text/html; charset=ISO-8859-1", "Café déjà"),  # right charset
    ],
)
def test_wrong_or_missing_charset(site: Site, fetcher: Fetcher, body: bytes, content_type: str, expected: str) -> None:
    site.routes["/vi"] = Route(body, content_type=content_type)
    assert expected in fetcher.get(site.url("/vi")).text()


def test_decode_falls_back_to_a_guess() -> None:
    assert decode("Điện Biên Phủ — tháng 11".encode("utf-16"), None).startswith("Điện")


def test_bad_urls_are_refused_before_any_request(fetcher: Fetcher) -> None:
    for url in ("http://x.example/a\r\nb", "javascript:alert(1)", "ftp://x.example/"):
        with pytest.raises(FetchError):
            fetcher.get(url)


def test_feed_relative_links_and_repeated_items(site: Site, fetcher: Fetcher) -> None:
    site.page("/feed.xml", "feed.xml", content_type="application/rss+xml")
    found = links(Watch(site.url("/feed.xml"), "feed", "en"), fetcher.get)
    assert [link.url for link in found] == [
        site.url("/news/admm-plus-12-bernama.html"),
        site.url("/news/admm-plus-12-daily.html"),
    ]
    assert found[0].published == "2025-11-01"


def test_atom_feed_with_xml_base(site: Site, fetcher: Fetcher) -> None:
    site.page("/atom.xml", "atom.xml", content_type="application/atom+xml")
    found = links(Watch(site.url("/atom.xml"), "feed", "en"), fetcher.get)
    assert [link.url for link in found] == [site.url("/news/adsom-plus-2026.html")]


def test_sitemap_index_and_news_dates(site: Site, fetcher: Fetcher) -> None:
    site.page("/sitemap-index.xml", "sitemap-index.xml", content_type="application/xml")
    site.page("/sitemap.xml", "sitemap.xml", content_type="application/xml")
    found = links(Watch(site.url("/sitemap-index.xml"), "sitemap", "en"), fetcher.get)
    assert [(link.url, link.published) for link in found] == [
        (site.url("/news/adsom-plus-2026.html"), "2026-01-10"),
        (site.url("/news/admm-plus-12-daily.html"), "2025-11-02"),
    ]


def test_not_a_feed(site: Site, fetcher: Fetcher) -> None:
    site.routes["/feed"] = Route(b"<html><body>oops</body></html>")
    site.routes["/map"] = Route(b"<html/>")
    with pytest.raises(FetchError, match="not a readable RSS or Atom feed"):
        links(Watch(site.url("/feed"), "feed", "en"), fetcher.get)
    with pytest.raises(FetchError, match="not a sitemap"):
        links(Watch(site.url("/map"), "sitemap", "en"), fetcher.get)


def test_article_metadata_from_the_page() -> None:
    html = (WEB / "admm-plus-12-daily.html").read_text("utf-8")
    page = read_article(
        html,
        "https://x.example/a",
        "https://x.example/a",
        lang="vi",
        publisher="Watch list",
        listing=None,
        published=None,
    )
    assert page is not None
    assert (page.title, page.publisher, page.published, page.language) == (
        "Defence ministers gather in Kuala Lumpur for ADMM-Plus",
        "The Fixture Daily",
        "2025-11-02",
        "en",
    )
    assert "Observers said" in page.text
    assert "<p>" not in page.text


def test_publisher_from_the_dateline_when_the_page_names_none() -> None:
    html = (WEB / "admm-plus-12-bernama.html").read_text("utf-8")
    page = read_article(
        html,
        "https://x.example/b",
        "https://x.example/b",
        lang="en",
        publisher="Watch list",
        listing=None,
        published=None,
    )
    assert page is not None
    assert (page.title, page.publisher, page.author) == ("12th ADMM-Plus held in Kuala Lumpur", "Bernama", "Jane Doe")


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("KUALA LUMPUR (Bernama) - The meeting", "Bernama"),
        ("Vientiane (VNA) – Defence ministers", "VNA"),
        ("Hà Nội (TTXVN) - Sáng nay", "TTXVN"),
        ("VIENTIANE, Nov 1 (Reuters) - Ministers", "Reuters"),
        ("The meeting (ADMM) was held - yes", None),
    ],
)
def test_dateline_agency(text: str, agency: str | None) -> None:
    assert dateline_agency(text) == agency


def test_gzipped_sitemap_file(site: Site, fetcher: Fetcher) -> None:
    site.routes["/sitemap.xml.gz"] = Route(
        gzip.compress((WEB / "sitemap.xml").read_bytes()), content_type="application/x-gzip"
    )
    found = links(Watch(site.url("/sitemap.xml.gz"), "sitemap", "en"), fetcher.get)
    assert [link.url for link in found] == [
        site.url("/news/adsom-plus-2026.html"),
        site.url("/news/admm-plus-12-daily.html"),
    ]
