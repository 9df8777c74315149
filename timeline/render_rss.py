"""RSS 2.0 and JSON Feed 1.1, from the same entries as the Atom feeds. Pure: entries in, bytes out.

RSS items carry the Atom entry's ``tag:`` id as ``<guid isPermaLink="false">``, and
``pubDate`` is the entry's last real change (RSS has a single date; readers sort by it).
``lastBuildDate`` is the newest entry's change, never the build time (feedgen's default).
JSON Feed items carry the same id, ``date_published`` and ``date_modified``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import escape

from feedgen.feed import FeedGenerator
from icalendar import vDuration

from timeline import __version__
from timeline.entries import Entry, FeedInfo

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def _ttl_minutes(refresh_interval: str) -> int:
    seconds = vDuration.from_ical(refresh_interval).total_seconds()  # type: ignore[no-untyped-call]
    return max(1, int(seconds // 60))


def _with_summary(item: Entry) -> str:
    """RSS has no summary element: the change note goes first in the description."""
    return f"<p><em>{escape(item.summary)}</em></p>{item.content}"


def rss(meta: FeedInfo, items: list[Entry]) -> bytes:
    config = meta.config
    fg = FeedGenerator()
    fg.title(meta.title)
    # feedgen writes the last link given as the channel's <link>: the page must come last.
    fg.link(href=meta.url(".rss"), rel="self", type="application/rss+xml")
    fg.link(href=meta.page, rel="alternate")
    fg.description(meta.subtitle or meta.title)
    fg.language(meta.lang)
    fg.generator("timeline", version=__version__)
    fg.lastBuildDate(meta.updated)
    fg.ttl(_ttl_minutes(config.refresh_interval))
    if config.logo:
        fg.image(url=config.logo, title=meta.title, link=meta.page)
    for item in items:
        fe = fg.add_entry(order="append")
        fe.guid(item.id, permalink=False)
        # Readers decode an RSS title as HTML (feedparser does, as the RSS Best Practices Profile
        # expects), so a literal "&amp;" or "<b>" in a title is escaped once more to survive.
        fe.title(escape(item.title, quote=False))
        fe.link(href=item.link)
        fe.description(_with_summary(item))
        fe.pubDate(item.updated)
        for _, label in item.categories:
            fe.category(term=label)
    return bytes(fg.rss_str(pretty=True))


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_feed(meta: FeedInfo, items: list[Entry]) -> bytes:
    config = meta.config
    author: dict[str, str] = {"name": config.author.name}
    if config.author.uri:
        author["url"] = config.author.uri
    feed: dict[str, object] = {
        "version": JSON_FEED_VERSION,
        "title": meta.title,
        "home_page_url": meta.page,
        "feed_url": meta.url(".json"),
    }
    if meta.subtitle:
        feed["description"] = meta.subtitle
    if config.logo:
        feed["icon"] = config.logo
    if config.icon:
        feed["favicon"] = config.icon
    feed["authors"] = [author]
    feed["language"] = meta.lang
    feed["items"] = [
        {
            "id": item.id,
            "url": item.link,
            **({"external_url": item.related[0]} if item.related else {}),
            "title": item.title,
            "content_html": item.content,
            "summary": item.summary,
            "date_published": _stamp(item.published),
            "date_modified": _stamp(item.updated),
            **({"tags": [label for _, label in item.categories]} if item.categories else {}),
        }
        for item in items
    ]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
