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
    readers = {id(event): r for r, event in pending}
    for event, first, why in duplicates([event for _, event in pending]):
        first_r = readers[id(first)]
        where = f"{first_r.record.shown}:{first_r.record.line('id')}"
        readers[id(event)].report(
            "ordinal" if why == "ordinal" else "when",
            f"the same meeting as {quote(first.id)} ({where}): {_what(event, why)}; "
            "merge the two files into one event that cites both sources",
        )


def duplicates(events: list[Event]) -> list[tuple[Event, Event, str]]:
    """Each event that is the same meeting as an earlier one: (event, the earlier one, why).

    Per series, in order of first day: the earlier events that can still overlap an event are
    the ones whose last day is not before its first day (kept in a shrinking list, since first
    days only grow), plus those with its ordinal (an index): linear in the events, not quadratic.
    """
    by_series: dict[str, list[Event]] = defaultdict(list)
    for event in sorted(events, key=lambda e: e.id):
        by_series[event.series.key].append(event)
    found = []
    for items in by_series.values():
        items.sort(key=lambda e: (e.when.first_day, e.id))
        lasts: list[date] = [e.when.last_day for e in items]
        open_: list[int] = []  # indices of earlier events whose last day may still overlap
        by_ordinal: dict[int, list[int]] = defaultdict(list)
        for i, event in enumerate(items):
            first = event.when.first_day
            open_ = [j for j in open_ if lasts[j] >= first]
            candidates = set(open_)
            if event.ordinal is not None:
                candidates.update(by_ordinal[event.ordinal])
            for j in sorted(candidates):
                why = _same(items[j], event)
                if why is not None:
                    found.append((event, items[j], why))
                    break
            open_.append(i)
            if event.ordinal is not None:
                by_ordinal[event.ordinal].append(i)
    return found


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
