"""Which events go into which calendar and feed, as the config declares."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.model import Dataset, Event, Text, pick


@dataclass(frozen=True)
class Selection:
    """One published calendar/feed: a file stem, names per language and its events."""

    key: str
    name: Text
    description: Text
    events: tuple[Event, ...]


def selections(ds: Dataset) -> list[Selection]:
    config = ds.config
    out = []
    for kind in config.calendars:
        if kind == "all":
            out.append(Selection("all", config.title, config.description, ds.events))
        elif kind == "series":
            for key in sorted(ds.series):
                series = ds.series[key]
                events = tuple(e for e in ds.events if e.series.key == key)
                if not events:
                    continue
                name = {lang: f"{pick(config.title, lang)}: {pick(series.short, lang)}" for lang in config.languages}
                desc = {lang: pick(series.name, lang) for lang in config.languages}
                out.append(Selection(f"series-{key}", name, desc, events))
    return out
