"""No duplicates in ``data/``: two event files for one meeting.

Two events are the same meeting when they have the same series and the same ordinal ("the 12th
ADMM-Plus" twice), or the same series, dates whose windows overlap and the same place (and, for
a series of bilateral meetings, the same counterparts, which must be given), with no ordinals
that differ. Events
that name each other (``part_of``, ``related``) are distinct by the data's own word. Each pair is
reported once, on the later file, naming the other: merge them into one event citing both
sources (``timeline extract --write`` does so itself).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from timeline.errors import quote
from timeline.fields import Reader
from timeline.model import Event


def report_duplicates(pending: list[tuple[Reader, Event]]) -> None:
    by_series: dict[str, list[tuple[Reader, Event]]] = defaultdict(list)
    for item in sorted(pending, key=lambda p: p[1].id):
        by_series[item[1].series.key].append(item)
    for items in by_series.values():
        items.sort(key=lambda p: (p[1].when.first_day, p[1].id))
        lasts: list[date] = [e.when.last_day for _, e in items]
        for i, (r, event) in enumerate(items):
            for first_r, first in _earlier(items, i, lasts):
                why = _same(first, event)
                if why is None:
                    continue
                where = f"{first_r.record.shown}:{first_r.record.line('id')}"
                r.report(
                    "ordinal" if why == "ordinal" else "when",
                    f"the same meeting as {quote(first.id)} ({where}): {_what(event, why)}; "
                    "merge the two files into one event that cites both sources",
                )
                break


def _earlier(items: list[tuple[Reader, Event]], i: int, lasts: list[date] | None = None) -> list[tuple[Reader, Event]]:
    """The events before ``items[i]`` (sorted by first day) that can still overlap it or share its ordinal.

    ``lasts`` holds each item's last day, worked out once per series (it is asked of every pair).
    """
    event = items[i][1]
    first = event.when.first_day
    lasts = lasts if lasts is not None else [other.when.last_day for _, other in items]
    out = []
    for j in range(i):
        other = items[j][1]
        if lasts[j] >= first or (event.ordinal is not None and other.ordinal == event.ordinal):
            out.append(items[j])
    return out


def _same(a: Event, b: Event) -> str | None:
    if a.id in {b.part_of, *b.related} or b.id in {a.part_of, *a.related}:
        return None
    if a.ordinal is not None and a.ordinal == b.ordinal:
        return "ordinal"
    if a.ordinal is not None and b.ordinal is not None:
        return None
    overlap = a.when.first_day <= b.when.last_day and b.when.first_day <= a.when.last_day
    same_place = a.place is not None and b.place is not None and a.place.key == b.place.key
    sides = {c.code for c in a.countries}
    if a.series.relation == "bilateral" and not sides:
        return None  # a bilateral meeting whose counterpart is not given cannot be told from another
    same_side = sides == {c.code for c in b.countries}
    return "dates" if overlap and same_place and same_side else None


def _what(event: Event, why: str) -> str:
    if why == "ordinal":
        return f"series {event.series.key!r}, ordinal {event.ordinal}"
    place = event.place.key if event.place is not None else "?"
    return f"series {event.series.key!r} at {place!r} with overlapping dates ({event.when.edtf})"
