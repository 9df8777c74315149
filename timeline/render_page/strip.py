"""The visual timeline: a strip of years in SVG, a tick for each known day and a translucent bar
over the window of each event whose day is not known (so the picture claims no false day either).

Each year is a link to its part of the archive below the picture; the picture itself is an image
with a text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from timeline.model import Event
from timeline.render_page.layout import esc
from timeline.render_page.words import words

WIDTH = 800
"""The strip's width in SVG units (about its width on screen): years share it, 40 to 200 each."""
HEIGHT = 64
AXIS_Y = 40
LEFT = 8


def _position(year0: int, day: date, year_width: int) -> float:
    """Where ``day`` falls on the strip that starts with ``year0``."""
    year = day.year
    found = _YEARS.get(year)
    if found is None:
        found = _YEARS[year] = date(year, 1, 1).toordinal(), (date(year, 12, 31) - date(year, 1, 1)).days + 1
    first, days = found
    return LEFT + (year - year0) * year_width + year_width * (day.toordinal() - first) / days


_YEARS: dict[int, tuple[int, int]] = {}
"""Per year, the ordinal of its first day and how many days it has (a day's place in its year is
its ordinal less the first's, which is what ``timetuple().tm_yday - 1`` says, without a struct per day)."""


def strip(events: Sequence[Event], lang: str) -> str:
    """``<figure>`` with the SVG strip, or "" for an empty timeline."""
    if not events:
        return ""
    w = words(lang)
    first, last = _years(events)
    year_width = max(min(200, WIDTH // (last - first + 1)), 40)
    width = LEFT * 2 + (last - first + 1) * year_width
    label = w["strip"].format(first=first, last=last)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}" role="img" aria-labelledby="_strip-t">',
        f'<title id="_strip-t">{esc(label)}</title>',
        f'<line class="axis" x1="{LEFT}" y1="{AXIS_Y}" x2="{width - LEFT}" y2="{AXIS_Y}" />',
    ]
    for year in range(first, last + 1):
        left = LEFT + (year - first) * year_width
        parts.append(f'<line class="axis" x1="{left}" y1="{AXIS_Y - 4}" x2="{left}" y2="{AXIS_Y + 4}" />')
        parts.append(f'<text x="{left + 4}" y="{HEIGHT - 6}">{year}</text>')
    parts.append(_marks(events, first, year_width))
    parts.append("</svg>")
    return '<figure class="strip">' + "".join(parts) + "</figure>"


_SPAN: list[tuple[Sequence[Event], tuple[int, int]]] = []
"""The first and last year of the events last drawn (the same for the pages of every language)."""


def _years(events: Sequence[Event]) -> tuple[int, int]:
    if _SPAN and _SPAN[0][0] is events and isinstance(events, tuple):
        return _SPAN[0][1]
    span = min(e.when.window[0].year for e in events), max(e.when.window[1].year for e in events)
    _SPAN[:] = [(events, span)]
    return span


_LAST: list[tuple[Sequence[Event], int, int, str]] = []
"""The marks last drawn, with what they were drawn from: the pages of every language draw the same."""


def _marks(events: Sequence[Event], first: int, year_width: int) -> str:
    """The ticks and bars of ``events``, in no language: drawn once for the pages of all languages
    (the same ``events`` object, a tuple of frozen events: the very same marks)."""
    if _LAST and _LAST[0][0] is events and _LAST[0][1:3] == (first, year_width) and isinstance(events, tuple):
        return _LAST[0][3]
    parts = []
    for event in sorted(events, key=lambda e: (e.when.window[0], e.id)):
        when = event.when
        start, end = when.window  # "late 2025" is September to December, as in the calendars
        x = _position(first, start, year_width)
        if when.exact and start == end:
            parts.append(f'<line class="tick" x1="{x:.1f}" y1="8" x2="{x:.1f}" y2="{AXIS_Y}" />')
            continue
        span = max(_position(first, end, year_width) + year_width / 365 - x, 2)
        # A known range of days stands as tall as a tick; a window whose day is unknown lies low and pale.
        top, height = (8, AXIS_Y - 8) if when.exact else (AXIS_Y - 12, 10)
        parts.append(f'<rect class="window" x="{x:.1f}" y="{top}" width="{span:.1f}" height="{height}" />')
    marks = "".join(parts)
    _LAST[:] = [(events, first, year_width, marks)]
    return marks
