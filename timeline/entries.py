"""Feed entries: what Atom, RSS 2.0 and JSON Feed say of each event, worked out once.

Every timestamp comes from the ledger: ``published`` is when the event first appeared,
``updated`` its last real change, and a feed's ``updated`` is its newest entry's (never the
build time). Entries are ordered newest ``updated`` first, ties by event id, and a feed holds at
most the config's ``feed_entries`` of them. An entry's ``summary`` says what changed at its last
revision ("date confirmed: 1 November 2025; status: held (was planned)"), so that a reader sees
why it came back. Removed events keep an entry ("removed from the timeline") for as long as
the calendars keep their tombstones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape

from timeline import text
from timeline.ledger import Ledger
from timeline.model import Config, Event, pick
from timeline.select import Selection

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    id: str
    """An RFC 4151 ``tag:`` URI from the event id; it never changes."""
    event_id: str
    title: str
    published: datetime
    updated: datetime
    summary: str
    content: str
    """HTML."""
    link: str
    """The event on the page."""
    related: tuple[str, ...]
    """The sources' URLs."""
    categories: tuple[tuple[str, str], ...]
    """(term, label): the series key, then country codes."""


@dataclass(frozen=True)
class FeedInfo:
    """What every format says of the feed itself."""

    key: str
    id: str
    lang: str
    title: str
    subtitle: str
    updated: datetime
    page: str
    config: Config

    def url(self, suffix: str) -> str:
        return f"{self.config.base_url}{self.key}{suffix}"


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


def categories(event: Event, lang: str) -> tuple[tuple[str, str], ...]:
    out = [(event.series.key, pick(event.series.short, lang))]
    countries = {c.code: c for c in event.countries}
    for country in (event.host, event.chair):
        if country is not None:
            countries.setdefault(country.code, country)
    out += [(code, pick(countries[code].name, lang)) for code in sorted(countries)]
    return tuple(out)


def entries(sel: Selection, config: Config, ledger: Ledger, events: dict[str, Event]) -> list[Entry]:
    """The entries of one feed, newest ``updated`` first, at most ``config.feed_entries``."""
    lang = sel.lang
    out = []
    for event in sel.events:
        revision = ledger[event.id]
        out.append(
            Entry(
                id=tag(config, f"event/{event.id}"),
                event_id=event.id,
                title=text.headline(event, lang),
                published=revision.created,
                updated=revision.modified,
                summary=text.changes(revision.changes, event, lang),
                content=content(event, lang, events),
                link=f"{config.base_url}#{event.id}",
                related=tuple(sorted({c.source.url for c in event.sources if c.source.url})),
                categories=categories(event, lang),
            )
        )
    for event_id in sel.removed:
        revision = ledger[event_id]
        assert revision.shown is not None
        out.append(
            Entry(
                id=tag(config, f"event/{event_id}"),
                event_id=event_id,
                title=text.removed_summary(pick(revision.shown.headline, lang), lang),
                published=revision.created,
                updated=revision.modified,
                summary=text.changes(revision.changes, None, lang),
                content=f"<p>{escape(text.label(lang, 'removed_about'))}</p>",
                link=config.base_url,
                related=(),
                categories=(),
            )
        )
    out.sort(key=lambda e: e.event_id)
    out.sort(key=lambda e: e.updated, reverse=True)
    return out[: config.feed_entries]


def info(sel: Selection, config: Config, items: list[Entry]) -> FeedInfo:
    return FeedInfo(
        key=sel.key,
        id=tag(config, f"feed/{sel.key}"),
        lang=sel.lang,
        title=sel.name,
        subtitle=sel.description,
        updated=items[0].updated if items else EPOCH,
        page=config.base_url,
        config=config,
    )
