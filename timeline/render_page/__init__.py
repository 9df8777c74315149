"""The published pages: one timeline page per language, one page per event and language, the
script that adds filtering, the favicon and the TimelineJS export. Pure: data in, bytes out.

=================================  ============================================================
path (in the output folder)        what
=================================  ============================================================
``index.html``                     the timeline in the default language
``<lang>/index.html``              the timeline in each other language (``vi/index.html``)
``events/<id>.html``               an event's permanent page (``<lang>/events/<id>.html``)
``assets/timeline.js``             filtering, search, copy buttons, live "in 12 days"
``assets/favicon.svg``             the icon
``timelinejs/<lang>.json``         the timeline in TimelineJS's JSON format
=================================  ============================================================

Nothing here reads the clock: "how far away" is counted from ``now``, the build moment the
caller passes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime
from importlib.resources import files as resources

from timeline.ledger import Ledger
from timeline.model import Dataset, Event, pick
from timeline.render_page.event_page import event_page
from timeline.render_page.index import Cards, body, discovery
from timeline.render_page.layout import FAVICON, SCRIPT, document, event_path, index_path, language_switch
from timeline.render_page.style import CSS
from timeline.render_page.style import FAVICON as FAVICON_SVG
from timeline.render_page.timelinejs import export, slide_text
from timeline.select import Selection

__all__ = [
    "Cards",
    "event",
    "event_paths",
    "export",
    "makers",
    "page",
    "pages",
    "paths",
    "script",
    "slide_text",
]


def script() -> bytes:
    """The page script (``timeline/render_page/timeline.js``): plain JavaScript, no library."""
    return resources("timeline.render_page").joinpath("timeline.js").read_bytes()


def page(
    ds: Dataset,
    lang: str,
    selections: Sequence[Selection],
    files: Collection[str],
    ledger: Ledger,
    now: datetime,
    runs: Cards | None = None,
) -> bytes:
    """The timeline page of ``lang``, linking the calendars and feeds of ``selections`` that are in ``files``.

    ``files`` holds every generated path relative to the output folder ("all.ics", "events/<id>.ics");
    ``runs`` makes (or finds kept) the cards of a list of events (see :data:`timeline.render_page.index.Cards`).
    """
    config = ds.config
    here = index_path(lang, config)
    page_of = {code: index_path(code, config) for code in config.languages}
    switch = language_switch(page_of, here, lang)
    parts = body(ds, lang, here, selections, files, ledger, now, switch, runs)
    return document(
        config,
        lang,
        here,
        pick(config.title, lang),
        pick(config.description, lang),
        parts,
        head_extra=discovery(ds, lang, selections, files),
        page_of=page_of,
        style=CSS,
    )


def paths(ds: Dataset) -> list[str]:
    """Every path :func:`pages` makes, known before anything is rendered."""
    config = ds.config
    out = [SCRIPT, FAVICON]
    for lang in config.languages:
        out += [index_path(lang, config), f"timelinejs/{lang}.json"]
        out += [event_path(event.id, lang, config) for event in sorted(ds.events, key=lambda e: e.id)]
    return out


def event_paths(ds: Dataset) -> dict[str, tuple[Event, str]]:
    """The path of every event's page, with its event and language."""
    config = ds.config
    return {event_path(e.id, lang, config): (e, lang) for lang in config.languages for e in ds.events}


def event(ds: Dataset, item: Event, lang: str, ledger: Ledger, files: Collection[str], today: date) -> bytes:
    """One event's page in ``lang`` (what :func:`pages` makes for it)."""
    return event_page(item, lang, ds, ledger.get(item.id), files, today, CSS)


def pages(
    ds: Dataset,
    selections: Sequence[Selection],
    files: Collection[str],
    ledger: Ledger,
    now: datetime,
    *,
    events: bool = True,
) -> dict[str, bytes]:
    """Every page and asset, by path relative to the output folder (the paths :func:`paths` lists;
    without ``events``, all but the events' own pages: see :func:`event`)."""
    config = ds.config
    out = {path: make() for path, make in makers(ds, selections, files, ledger, now).items()}
    today = now.date()
    for lang in config.languages:
        for item in ds.events if events else ():
            out[event_path(item.id, lang, config)] = event(ds, item, lang, ledger, files, today)
    return out


def makers(
    ds: Dataset, selections: Sequence[Selection], files: Collection[str], ledger: Ledger, now: datetime
) -> dict[str, Callable[[], bytes]]:
    """How to make each page and asset but the events' own pages, one at a time: a build renders and
    writes each before the next, so they are never all in memory at once (at 100,000 events a
    timeline page or TimelineJS file is tens of megabytes)."""
    config = ds.config
    out: dict[str, Callable[[], bytes]] = {SCRIPT: script, FAVICON: FAVICON_SVG.encode}
    for lang in config.languages:
        out[index_path(lang, config)] = functools.partial(page, ds, lang, selections, files, ledger, now)
        out[f"timelinejs/{lang}.json"] = functools.partial(export, ds.events, config, lang, now.date())
    return out
