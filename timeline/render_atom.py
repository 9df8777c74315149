"""Atom feeds (RFC 4287) through feedgen. Pure: events in, bytes out.

Every timestamp comes from the ledger: entry ``published`` is when the event first appeared,
``updated`` its last real change, and the feed's ``updated`` the newest entry's. Entries are
ordered newest ``updated`` first (ties by id), and added with ``order="append"`` because
feedgen's default prepends and would reverse that order.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from timeline import __version__, text
from timeline.ledger import Revision
from timeline.model import Config, Event, pick

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class EntryLinks(BaseEntryExtension):  # type: ignore[misc]
    """Entry links written with all their attributes.

    feedgen 1.0's ``FeedEntry.link`` drops ``rel`` and ``type`` when writing Atom (its loop
    variable shadows the link data), which would turn every source link into a second
    ``rel="alternate"``; this extension writes the links itself.
    """

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry: object) -> object:
        for attributes in self.links:
            xml_elem("link", entry, **attributes)
        return entry


def tag(config: Config, specific: str) -> str:
    """An RFC 4151 ``tag:`` URI; stable as long as the configured authority is."""
    return f"tag:{config.tag_authority}:{specific}"


def content(event: Event, lang: str, events: dict[str, Event]) -> str:
    rows = "".join(
        f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in text.details(event, lang, events)
    )
    quotes = []
    for c in event.sources:
        src = c.source
        who = escape(src.publisher or src.title)
        if src.url:
            who = f'<a href="{escape(src.url)}">{who}</a>'
        when = f", {escape(text.describe(src.published, lang))}" if src.published else ""
        quotes.append(f'<li><blockquote lang="{escape(src.language)}">{escape(c.quote)}</blockquote>{who}{when}</li>')
    return f"<dl>{rows}</dl><p>{escape(text.label(lang, 'sources'))}:</p><ul>{''.join(quotes)}</ul>"


def order(events: list[Event], ledger: dict[str, Revision]) -> list[Event]:
    """Newest ``updated`` first; ties broken by id so the order never depends on input order."""
    by_id = sorted(events, key=lambda e: e.id)
    return sorted(by_id, key=lambda e: ledger[e.id].modified, reverse=True)


def feed(key: str, name: str, subtitle: str, config: Config, lang: str, self_url: str, events: list[Event],
         ledger: dict[str, Revision], all_events: dict[str, Event]) -> bytes:  # fmt: skip
    fg = FeedGenerator()
    fg.id(tag(config, f"feed/{key}"))
    fg.title(name)
    if subtitle:
        fg.subtitle(subtitle)
    author = {"name": config.author.name}
    if config.author.email:
        author["email"] = config.author.email
    if config.author.uri:
        author["uri"] = config.author.uri
    fg.author(author)
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.link(href=config.base_url, rel="alternate", type="text/html")
    fg.language(lang)
    fg.generator("timeline", version=__version__)
    fg.register_extension("links", BaseExtension, EntryLinks, atom=True, rss=False)
    entries = order(events, ledger)
    fg.updated(ledger[entries[0].id].modified if entries else EPOCH)
    for event in entries:
        revision = ledger[event.id]
        fe = fg.add_entry(order="append")
        fe.id(tag(config, f"event/{event.id}"))
        fe.title(text.headline(event, lang))
        fe.published(revision.created)
        fe.updated(revision.modified)
        fe.content(content(event, lang, all_events), type="html")
        fe.links.links.append({"rel": "alternate", "type": "text/html", "href": f"{config.base_url}#{event.id}"})
        for url in sorted({c.source.url for c in event.sources if c.source.url}):
            fe.links.links.append({"rel": "related", "type": "text/html", "href": url})
        fe.category(term=event.series.key, label=pick(event.series.short, lang))
        for country in sorted({c.code: c for c in event.countries}.values(), key=lambda c: c.code):
            fe.category(term=country.code, label=pick(country.name, lang))
    return bytes(fg.atom_str(pretty=True))
