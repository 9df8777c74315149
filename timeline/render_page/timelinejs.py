"""The timeline in TimelineJS's JSON format (timeline.knightlab.com/docs/json-format.html), so that
anyone can embed it with TimelineJS or read it elsewhere.

Dates keep their precision: a month-only event has ``{"year", "month"}`` and no day, a year-only
one only ``{"year"}``; ``display_date`` says it in words, "(date TBC)" included. Each slide's
``text.text`` is HTML (facts and source links), ``group`` the series, ``unique_id`` the event id.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from html import escape

from timeline import text
from timeline.edtf import Point
from timeline.model import Config, Event, pick
from timeline.render_page.layout import event_path
from timeline.render_page.memo import shared


def _date(point: Point) -> dict[str, int]:
    out = {"year": point.year}
    if point.month is not None:
        out["month"] = point.month
    if point.day is not None:
        out["day"] = point.day
    return out


def display_date(event: Event, lang: str, today: date) -> str:
    shown = text.describe(event.when, lang)
    marker = text.marker(event, lang, today)
    return f"{shown} ({marker})" if marker else shown


def slide(event: Event, lang: str, config: Config, events: dict[str, Event], today: date) -> dict[str, object]:
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in text.details(event, lang, events, today))
    links = [
        f'<li><a href="{escape(c.source.url)}">{escape(c.source.publisher or c.source.title)}</a></li>'
        for c in event.sources
        if c.source.url
    ]
    page = config.base_url + event_path(event.id, lang, config)
    body = f'<dl>{rows}</dl><ul>{"".join(links)}</ul><p><a href="{escape(page)}">{escape(page)}</a></p>'
    out: dict[str, object] = {
        "unique_id": event.id,
        "start_date": _date(event.when.start),
        "text": {"headline": escape(text.title(event, lang)), "text": body},
        "group": pick(event.series.short, lang),
        "display_date": display_date(event, lang, today),
    }
    if event.when.end is not None:
        out["end_date"] = _date(event.when.end)
    if event.start_time is not None:  # local time at the venue, as the page shows it
        start = _date(event.when.start) | {"hour": event.start_time.hour, "minute": event.start_time.minute}
        out["start_date"] = start
        if event.end_time is not None:
            end_day = event.when.end or event.when.start
            out["end_date"] = _date(end_day) | {"hour": event.end_time.hour, "minute": event.end_time.minute}
    return out


def slide_text(event: Event, lang: str, config: Config, events: dict[str, Event], today: date) -> str:
    """One slide as the export writes it (indented for its place in the ``events`` list): the piece
    of the document that depends on this event alone, so that a build can keep it and join."""
    text = json.dumps(slide(event, lang, config, events, today), ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("\n", "\n  ")


def export(
    events: Sequence[Event],
    config: Config,
    lang: str,
    today: date,
    pieces: Callable[[Sequence[Event]], str] | None = None,
) -> bytes:
    """The TimelineJS document of ``events`` in ``lang``, marked as of the build moment's day ``today``.

    Exactly ``json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)``, put together
    from each event's :func:`slide_text` (or ``pieces(events)``, the same slides of all of them in
    order joined by ``",\\n  "``, as a build keeps them)."""
    title = {"text": {"headline": escape(pick(config.title, lang)), "text": escape(pick(config.description, lang))}}
    head = json.dumps(title, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n ").encode()
    # (the exports of every language list the same events in the same order: sorted once)
    ordered = shared("export order", events, None, lambda: sorted(events, key=lambda e: (e.when.first_day, e.id)))
    if not ordered:
        return b'{\n "events": [],\n "title": ' + head + b"\n}\n"
    # One join of bytes, each slide encoded on its own: one copy of the document, not the three of
    # joining, formatting and encoding a text (at 10,000 events, some 20 MB each).
    if pieces is not None:
        return b"".join((b'{\n "events": [\n  ', pieces(ordered).encode(), b'\n ],\n "title": ', head, b"\n}\n"))
    by_id = {e.id: e for e in events}
    parts = [b'{\n "events": [\n  ']
    for event in ordered:
        parts += (slide_text(event, lang, config, by_id, today).encode(), b",\n  ")
    parts[-1] = b'\n ],\n "title": ' + head + b"\n}\n"
    return b"".join(parts)
