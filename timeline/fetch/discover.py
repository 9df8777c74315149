"""From a watched feed, sitemap or page to the article URLs it lists (absolute, each once).

Feeds (RSS, Atom) are read with feedparser; sitemaps (``urlset`` and ``sitemapindex``, the
Google News extension included) with the standard XML parser, which expands no external
entities. Relative links are resolved against the URL the document came from.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

from timeline.fetch.http import FetchError, Response
from timeline.watch import Watch, url_problem

MAX_SITEMAP_DEPTH = 2
MAX_LINKS = 1000  # per watched source and run
MAX_SITEMAP_BYTES = 50_000_000  # the sitemap protocol's own limit, uncompressed


@dataclass(frozen=True)
class Link:
    url: str
    watch: Watch
    published: str | None = None  # as the listing gives it (ISO 8601), a hint only


def links(watch: Watch, get: Callable[[str], Response], errors: list[FetchError] | None = None) -> list[Link]:
    """The article links of ``watch``; raises FetchError for the listing itself. A sitemap of an
    index that fails is added to ``errors`` (the others are still read)."""
    if watch.kind == "page":
        return [Link(watch.url, watch)]
    response = get(watch.url)
    failed = errors if errors is not None else []
    found = feed_links(response) if watch.kind == "feed" else sitemap_links(response, get, 0, failed)
    out: list[Link] = []
    seen: set[str] = set()
    for url, published in found:
        absolute = urldefrag(urljoin(response.final_url, url.strip())).url
        if absolute in seen or url_problem(absolute) is not None:
            continue
        seen.add(absolute)
        out.append(Link(absolute, watch, published))
        if len(out) >= MAX_LINKS:
            break
    return out


def feed_links(response: Response) -> list[tuple[str, str | None]]:
    import feedparser  # noqa: PLC0415 - heavy; only `fetch` needs it

    parsed = feedparser.parse(
        response.body, response_headers={"content-location": response.final_url, "content-type": response.content_type}
    )
    if parsed.bozo and not parsed.entries:
        raise FetchError(response.url, f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
    out: list[tuple[str, str | None]] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}" if stamp else None
        out.append((str(link), published))
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sitemap_links(
    response: Response, get: Callable[[str], Response], depth: int, errors: list[FetchError]
) -> list[tuple[str, str | None]]:
    body = response.body
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz, served as a file rather than with Content-Encoding
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            body = inflate.decompress(body, MAX_SITEMAP_BYTES)
        except zlib.error as exc:
            raise FetchError(response.url, f"not a readable gzip file ({exc})") from None
        if inflate.unconsumed_tail:
            raise FetchError(response.url, f"the sitemap is over {MAX_SITEMAP_BYTES} bytes once decompressed")
    try:
        root = ET.fromstring(body)  # noqa: S314 - expat expands no external entities; size is capped
    except ET.ParseError as exc:
        raise FetchError(response.url, f"not a readable sitemap ({exc})") from None
    kind = _local(root.tag)
    if kind not in {"urlset", "sitemapindex"}:
        raise FetchError(response.url, f"not a sitemap: the root element is <{kind}>, not <urlset> or <sitemapindex>")
    out: list[tuple[str, str | None]] = []
    for item in root:
        loc = next((c.text for c in item if _local(c.tag) == "loc" and c.text), None)
        if loc is None:
            continue
        dates = [c.text for c in item.iter() if _local(c.tag) in {"publication_date", "lastmod"} and c.text]
        if kind == "sitemapindex":
            if depth >= MAX_SITEMAP_DEPTH:
                continue
            try:
                child = get(urljoin(response.final_url, loc.strip()))
                out.extend(sitemap_links(child, get, depth + 1, errors))
            except FetchError as exc:
                errors.append(exc)
        else:
            out.append((loc, dates[0][:10] if dates else None))
    return out
