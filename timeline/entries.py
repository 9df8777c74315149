"""Feed entries: what Atom, RSS 2.0 and JSON Feed say of each event, worked out once.

Every timestamp comes from the ledger: ``published`` is when the event first appeared,
``updated`` its last real change, and a feed's ``updated`` is its newest entry's (never the
build time). Entries are ordered newest ``updated`` first, ties by event id, and a feed holds at
most the config's ``feed_entries`` of them. An entry's ``summary`` says what changed at its last
revision ("date confirmed: 1 November 2025; status: held (was planned)"), so that a reader sees
why it came back. Removed events keep an entry ("removed from the timeline") for as long as
the calendars keep their tombstones.

An entry's id is the event's ``tag:`` URI in feeds in the first configured language and that
URI with ``/<language>`` appended in the others, so that a reader following both languages
keeps both. The change feeds (``changes-<language>``) hold one entry per meaningful revision
(new event, date, status, place, title, removed, restored), each with an id of its own
(``change/<event id>/<sequence>/<language>``), newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape

from timeline import text
from timeline.ledger import Ledger, Step
from timeline.model import Config, Event, pick
from timeline.render_page.layout import event_path
from timeline.select import Selection

# What a change feed reports; a revision that only touched sources or details is left out.
MEANINGFUL = frozenset({"when", "status", "place", "title", "removed", "restored"})

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


def entry_id(config: Config, specific: str, lang: str) -> str:
    """The entry's ``tag:`` id: as it always was in the first language, else with ``/<lang>``."""
    return tag(config, specific if lang == config.language else f"{specific}/{lang}")


def content(event: Event, lang: str, events: dict[str, Event], today: date | None = None) -> str:
    rows = "".join(
        f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in text.details(event, lang, events, today)
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


def _content(
    event: Event, sel: Selection, events: dict[str, Event], today: date | None, memo: Contents | None = None
) -> str:
    """The entry's HTML in the selection's language, then in each of its further languages.

    ``memo``: the HTML made so far for these ``events`` and ``today``, by (event id, languages): an
    event in the feeds of its series, its countries and of every event is made once per language."""
    if memo is not None:
        found = memo.get((event.id, sel.lang, sel.also))
        if found is None:
            found = memo[event.id, sel.lang, sel.also] = _content(event, sel, events, today)
        return found
    html = content(event, sel.lang, events, today)
    for other in sel.also:
        heading = f"{text.label(other, 'language_name')}: {text.headline(event, other, today)}"
        html += f'<div lang="{escape(other)}"><h3>{escape(heading)}</h3>{content(event, other, events, today)}</div>'
    return html


Contents = dict[tuple[str, str, tuple[str, ...]], str]
"""Entry HTML by (event id, language, further languages): see :func:`_content`."""


def newest_first(ledger: Ledger) -> list[str]:
    """Every id of ``ledger``, newest ``modified`` first, then by id: the order in which :func:`entries`
    takes a feed's entries (worked out once for every feed of a build)."""
    order = sorted(ledger)
    order.sort(key=lambda event_id: ledger[event_id].modified, reverse=True)  # (stable: ids in order)
    return order


def entries(
    sel: Selection,
    config: Config,
    ledger: Ledger,
    events: dict[str, Event],
    today: date | None = None,
    order: list[str] | None = None,
    memo: Contents | None = None,
) -> list[Entry]:
    """The entries of one feed, newest ``updated`` first, at most ``config.feed_entries``.

    ``order``: :func:`newest_first` of ``ledger``, if the caller has it (else it is worked out);
    ``memo``: the entries' HTML made for the other feeds of the same ``events`` and ``today``."""
    lang = sel.lang
    # Which entries make the cut, from the ledger alone: only those are worked out. The first
    # members of the selection in the ledger's newest-first order: after one edit a feed of every
    # event looks at a hundred ids, not ten thousand.
    members = {e.id for e in sel.events}
    members.update(sel.removed)
    kept: set[str] = set()
    if members:
        for event_id in order if order is not None else newest_first(ledger):
            if event_id in members:
                kept.add(event_id)
                if len(kept) >= config.feed_entries:
                    break
    out = []
    for event in sel.events:
        if event.id not in kept:
            continue
        revision = ledger[event.id]
        out.append(
            Entry(
                id=entry_id(config, f"event/{event.id}", lang),
                event_id=event.id,
                title=text.headline(event, lang, today),
                published=revision.created,
                updated=revision.modified,
                summary=text.changes(revision.changes, event, lang),
                content=_content(event, sel, events, today, memo),
                link=config.base_url + event_path(event.id, lang, config),
                related=tuple(sorted({c.source.url for c in event.sources if c.source.url})),
                categories=categories(event, lang),
            )
        )
    for event_id in sel.removed:
        if event_id not in kept:
            continue
        revision = ledger[event_id]
        assert revision.shown is not None
        out.append(
            Entry(
                id=entry_id(config, f"event/{event_id}", lang),
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


def meaningful(step: Step) -> bool:
    """A first revision (new event) or one that changed something a follower cares about."""
    if not step.changes:
        return step.sequence == 0
    return any(c.what in MEANINGFUL for c in step.changes)


def change_entries(
    lang: str, config: Config, ledger: Ledger, events: dict[str, Event], today: date | None = None
) -> list[Entry]:
    """The change feed in ``lang``: one entry per meaningful revision of every event, newest first."""
    out = []
    for event_id in sorted(ledger):
        revision = ledger[event_id]
        event = events.get(event_id)
        shown = revision.shown
        if event is None and shown is None:
            continue  # removed before the ledger kept how events were shown: nothing to name it by
        name = text.title(event, lang) if event else pick(shown.headline, lang) if shown else event_id
        steps = revision.steps()
        for step in steps:
            if not meaningful(step):
                continue
            last = step is steps[-1]
            # Older revisions are told from what the ledger kept of them (date and status
            # values); only the latest one can be described with the event as it is now.
            summary = text.changes(step.changes, event if last else None, lang)
            if not step.changes:
                title = f"{text.label(lang, 'new_title')}: {text.headline(event, lang, today) if event else name}"
            elif event is None and any(c.what == "removed" for c in step.changes):
                title = text.removed_summary(name, lang)
            else:
                title = f"{name} — {summary}"
            body = f"<p>{escape(summary)}</p>"
            if event is not None and last:
                body += _content(event, Selection("", lang, "", "", ()), events, today)
            out.append(
                Entry(
                    id=tag(config, f"change/{event_id}/{step.sequence}/{lang}"),
                    event_id=event_id,
                    title=title,
                    published=step.at,
                    updated=step.at,
                    summary=summary,
                    content=body,
                    link=config.base_url + event_path(event_id, lang, config) if event else config.base_url,
                    related=tuple(sorted({c.source.url for c in event.sources if c.source.url})) if event else (),
                    categories=categories(event, lang) if event else (),
                )
            )
    out.sort(key=lambda e: (e.updated, e.id), reverse=True)
    return out[: config.feed_entries]


def info(sel: Selection, config: Config, items: list[Entry], empty: datetime | None = None) -> FeedInfo:
    """The feed's own data; ``updated`` is its newest entry's, else ``empty`` (the build moment)."""
    return FeedInfo(
        key=sel.key,
        id=tag(config, f"feed/{sel.key}"),
        lang=sel.lang,
        title=sel.name,
        subtitle=sel.description,
        updated=max(e.updated for e in items) if items else (empty or EPOCH),
        page=config.base_url,
        config=config,
    )
