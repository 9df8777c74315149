"""The timeline page of one language: what is next (with how far away), what happened recently,
then the archive by year; the year strip; filters the script reveals; subscribe and export.

Without JavaScript every event is listed and every link works; the script adds filtering by
series, country and year and a search, and keeps "in 12 days" current.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime, timedelta

from timeline import text
from timeline.edtf import Point, When
from timeline.ledger import Ledger
from timeline.model import Dataset, Event, Series, pick
from timeline.render_page import cards
from timeline.render_page.layout import a, esc, rel
from timeline.render_page.memo import shared
from timeline.render_page.strip import strip
from timeline.render_page.subscribe import FEEDS, subscribe
from timeline.render_page.words import words
from timeline.select import Selection

RECENT_DAYS = 365
RECENT_AT_LEAST = 3
EMBED = """<div id="timeline-embed" style="width:100%;height:600px"></div>
<link rel="stylesheet" href="https://cdn.knightlab.com/libs/timeline3/latest/css/timeline.css">
<script src="https://cdn.knightlab.com/libs/timeline3/latest/js/timeline.js"></script>
<script>new TL.Timeline("timeline-embed", "{url}");</script>"""


def day_text(day: date, lang: str) -> str:
    return text.describe(When(Point(day.year, day.month, day.day)), lang)


def split(events: Sequence[Event], today: date) -> tuple[list[Event], list[Event], list[Event]]:
    """(next, recent, archive): events not over yet, soonest first; those that ended in the last
    twelve months (at least the last three), latest first; the rest, latest first. An event is over
    when its window (:attr:`timeline.edtf.When.window`) is, as calendars and feeds count it."""
    return shared("split", events, today, lambda: _split(events, today))


def _split(events: Sequence[Event], today: date) -> tuple[list[Event], list[Event], list[Event]]:
    ahead = sorted((e for e in events if e.when.window[1] >= today), key=lambda e: (e.when.window[0], e.id))
    past = sorted((e for e in events if e.when.window[1] < today), key=lambda e: (e.when.window[1], e.id), reverse=True)
    cutoff = today - timedelta(days=RECENT_DAYS)
    count = max(sum(e.when.window[1] >= cutoff for e in past), min(RECENT_AT_LEAST, len(past)))
    return ahead, past[:count], past[count:]


def last_updated(events: Sequence[Event], ledger: Ledger) -> datetime | None:
    """When the timeline's data last changed: its newest event revision (never the build's clock)."""
    return shared("updated", events, ledger, lambda: _last_updated(events, ledger))


def _last_updated(events: Sequence[Event], ledger: Ledger) -> datetime | None:
    stamps = [ledger[e.id].modified for e in events if e.id in ledger]
    return max(stamps) if stamps else None


Cards = Callable[[Sequence[Event], str], str]
"""The cards of a list of events under a heading level ("h3", "h4"), one a line: what
:func:`timeline.render_page.cards.card` gives for each, joined by newlines, or the same text kept
by a build (a join of runs of them kept whole)."""


def _cards(events: Sequence[Event], heading: str, cards: Cards) -> str:
    return f'<ul class="cards">\n{cards(events, heading)}\n</ul>'


def filters(events: Sequence[Event], ds: Dataset, lang: str) -> str:
    """The filter form; hidden until the script, which makes it work, reveals it."""
    w = words(lang)
    every, codes, years = shared("filters", events, None, lambda: _filter_values(events))
    series = sorted(every, key=lambda s: pick(s.short, lang))
    names = {
        code: pick(ds.countries[code.upper()].name, lang) if code.upper() in ds.countries else code for code in codes
    }

    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        items = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
        return (
            f'<label>{esc(label)}<select name="{name}" id="_f-{name}">'
            f'<option value="">{esc(w["any"])}</option>{items}</select></label>'
        )

    return "\n".join(
        [
            f'<form class="filter" id="_filter" role="search" aria-label="{esc(w["filter"])}" hidden="hidden"'
            f' data-shown="{esc(w["shown"])}" data-none="{esc(w["no_match"])}">',
            select("series", w["f_series"], [(s.key, pick(s.short, lang)) for s in series]),
            select("country", w["f_country"], sorted(((c, names[c]) for c in codes), key=lambda o: o[1])),
            select("year", w["f_year"], [(y, y) for y in years]),
            f'<label>{esc(w["f_search"])}<input type="search" name="q" id="_f-q" /></label>',
            f'<button type="reset">{esc(w["reset"])}</button>',
            '<output id="_f-count" aria-live="polite"></output>',
            "</form>",
        ]
    )


def _filter_values(events: Sequence[Event]) -> tuple[list[Series], list[str], list[str]]:
    """What the filter form offers in every language: the series (in order of first use), the
    country codes and the years, sorted."""
    every = list({e.series.key: e.series for e in events}.values())
    return every, sorted(cards.all_countries(events)), sorted({y for e in events for y in cards.years(e.when)})


def section(key: str, heading: str, body: str) -> str:
    return (
        f'<section id="_{key}" aria-labelledby="_{key}-h">\n<h2 id="_{key}-h">{esc(heading)}</h2>\n{body}\n</section>'
    )


def _groups(events: Sequence[Event]) -> dict[int, list[Event]]:
    """The archive's events by year."""
    groups: dict[int, list[Event]] = {}
    for e in events:
        groups.setdefault(e.when.first_day.year, []).append(e)
    return groups


def archive(events: Sequence[Event], card: Cards, groups: dict[int, list[Event]] | None = None) -> str:
    """The archive by year (``groups``: :func:`_groups` of ``events``, if known)."""
    groups = groups if groups is not None else _groups(events)
    out = []
    for year in sorted(groups, reverse=True):
        out.append(f'<h3 id="_y{year}">{year}</h3>')
        out.append(_cards(groups[year], "h4", card))
    return "\n".join(out)


def body(
    ds: Dataset,
    lang: str,
    here: str,
    selections: Sequence[Selection],
    files: Collection[str],
    ledger: Ledger,
    now: datetime,
    switch: str,
    runs: Cards | None = None,
) -> list[str]:
    config = ds.config
    w = words(lang)
    today = now.date()
    events = ds.events

    def plain(chosen: Sequence[Event], heading: str) -> str:
        return "\n".join(cards.card(e, lang, config, here, today, heading=heading) for e in chosen)

    show = runs or plain
    ahead, recent, older = split(events, today)
    updated = last_updated(events, ledger)
    stamp = (
        f'{esc(w["updated"])}: <time datetime="{updated.date().isoformat()}">{esc(day_text(updated.date(), lang))}</time> · '
        if updated
        else ""
    )
    as_of = f'{esc(w["as_of"])} <time datetime="{today.isoformat()}" id="_as-of">{esc(day_text(today, lang))}</time>'

    def listing(key: str, chosen: list[Event]) -> str:
        """The section ``key`` ("next", "recent"): its events' cards, else the sentence that says there are none."""
        none = f'<p class="none">{esc(w[key + "_none"].format(date=day_text(today, lang)))}</p>'
        return section(key, w[key], _cards(chosen, "h3", show) if chosen else none)

    nav = [("next", w["next"]), ("recent", w["recent"]), ("archive", w["archive"]), ("subscribe", w["subscribe"]),
           ("export", w["export"])]  # fmt: skip
    groups = shared("archive", events, today, lambda: _groups(older))
    years = sorted(groups)
    year_links = "".join(f"<li>{a(f'#_y{y}', str(y))}</li>" for y in years)
    description = pick(config.description, lang)
    export_path = f"timelinejs/{lang}.json"
    export_url = config.base_url + export_path
    return [
        "<header>",
        switch,
        f"<h1>{esc(pick(config.title, lang))}</h1>",
        f"<p>{esc(description)}</p>" if description else "",
        f'<p class="updated">{stamp}{as_of}</p>',
        f'<nav aria-label="{esc(w["contents"])}"><ul>'
        + "".join(f'<li><a href="#_{k}">{esc(label)}</a></li>' for k, label in nav)
        + "</ul></nav>",
        "</header>",
        "<main>",
        strip(events, lang),
        f'<nav aria-label="{esc(w["years"])}"><ul class="links">{year_links}</ul></nav>' if year_links else "",
        f'<p class="muted">{esc(w["honest"])}</p>',
        filters(events, ds, lang) if events else "",
        listing("next", ahead),
        listing("recent", recent),
        section("archive", w["archive"], archive(older, show, groups)) if older else "",
        subscribe(config, lang, here, selections, files),
        section(
            "export",
            w["export"],
            f"<p>{esc(w['export_about'])} {a(rel(here, export_path), w['export_file'], type='application/json')}</p>\n"
            f"<pre><code>{esc(EMBED.format(url=export_url))}</code></pre>",
        ),
        "</main>",
    ]


def discovery(ds: Dataset, lang: str, selections: Sequence[Selection], files: Collection[str]) -> list[str]:
    """Feed autodiscovery: the feeds of this language's main calendar only (a reader offered forty
    feeds picks the wrong one; the others are linked from the subscribe section)."""
    w = words(lang)
    wanted = ("all",) if lang == ds.config.language else (f"lang-{lang}", "all")
    main = next((s for key in wanted for s in selections if s.key == key), selections[0] if selections else None)
    out = []
    if main is not None:
        for suffix, mime, kind in FEEDS:
            path = main.key + suffix
            if path in files:
                label = f"{main.name} ({w[f'{kind}_title']})"
                href = ds.config.base_url + path
                out.append(f'<link rel="alternate" type="{mime}" title="{esc(label)}" href="{esc(href)}" />')
    return out
