"""Which events go into which calendar and feed, as the config declares.

Calendar kinds (``calendars:`` in the config) and the file stem of each calendar they make:

============  ==========================  ==================================================
kind          file stem                   events
============  ==========================  ==================================================
all           ``all``                     every event
series        ``series-<series key>``     one calendar per series that has events
host          ``host-<country code>``     per host country (the ``host``, else the place's)
participant   ``participant-<code>``      per country taking part (countries, delegations,
                                          host and chair): "meetings Viet Nam attends"
upcoming      ``upcoming``                events not yet over on the build date
language      ``lang-<language>``         every event, in each configured language
event         ``events/<event id>``       one calendar per event, for "add to calendar"
changes       ``changes-<language>``      feeds only: one entry per meaningful revision
============  ==========================  ==================================================

Removed events (tombstones) stay, cancelled, in the calendars that held them while the
config's ``keep_removed`` period lasts; the ledger remembers which calendars those were.

A calendar, once published, stays published: every calendar the ledger says an event (live or
removed) was ever in is a selection, even when it holds nothing any more, so that a subscribed
URL keeps answering. ``all`` holds every event with its text in every configured language
(its summaries in the first), so that it is not ``lang-<first language>`` under another name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from timeline import text
from timeline.edtf import parse as parse_edtf
from timeline.ledger import Shown
from timeline.model import Country, Dataset, Event, pick

KINDS = ("all", "series", "host", "participant", "upcoming", "language", "event", "changes")
ORDER = {kind: i for i, kind in enumerate(("all", "lang", "upcoming", "series", "host", "participant"))}


@dataclass(frozen=True)
class Selection:
    """One published calendar/feed: its file stem, language, names, events and tombstones."""

    key: str
    lang: str
    name: str
    description: str
    events: tuple[Event, ...]
    removed: tuple[str, ...] = ()
    color: str | None = None
    also: tuple[str, ...] = ()
    """Further languages whose text the calendar and feed carry after ``lang``'s (``all``)."""


def host_country(event: Event) -> Country | None:
    """The country an event is held in or hosted by."""
    if event.host is not None:
        return event.host
    return event.place.country if event.place is not None else None


def participants(event: Event) -> list[Country]:
    """Every country taking part, by code: listed countries, delegations, host and chair."""
    found: dict[str, Country] = {}
    candidates = [*event.countries, *(d.country for d in event.delegations), event.host, event.chair]
    for country in candidates:
        if country is not None:
            found.setdefault(country.code, country)
    return [found[code] for code in sorted(found)]


def keys(event: Event, ds: Dataset) -> tuple[str, ...]:
    """The calendars that hold ``event``, except ``upcoming`` (which depends on the date)."""
    kinds = ds.config.calendars
    out = []
    if "all" in kinds:
        out.append("all")
    if "language" in kinds:
        out += [f"lang-{lang}" for lang in ds.config.languages]
    if "series" in kinds:
        out.append(f"series-{event.series.key}")
    host = host_country(event)
    if "host" in kinds and host is not None:
        out.append(f"host-{host.code.lower()}")
    if "participant" in kinds:
        out += [f"participant-{c.code.lower()}" for c in participants(event)]
    return tuple(out)


def _declared(key: str, ds: Dataset) -> bool:
    kind = key.split("-", 1)[0]
    return {"lang": "language"}.get(kind, kind) in ds.config.calendars


def upcoming(when: str, mod: str | None, today: date) -> bool:
    """Whether an event with this date is not over on ``today``."""
    return parse_edtf(when, mod).window_end > today


def _names(key: str, ds: Dataset) -> tuple[str, dict[str, str], dict[str, str]]:
    """The language of calendar ``key``, and its name and description in each language."""
    config = ds.config
    kind, _, rest = key.partition("-")
    langs = config.languages
    title = {lang: pick(config.title, lang) for lang in langs}
    if kind == "all":
        return config.language, title, {lang: pick(config.description, lang) for lang in langs}
    if kind == "lang":
        return rest, title, {lang: pick(config.description, lang) for lang in langs}
    if kind == "upcoming":
        name = {lang: f"{title[lang]}: {text.label(lang, 'upcoming')}" for lang in langs}
        return config.language, name, {lang: text.label(lang, "upcoming_about") for lang in langs}
    if kind == "series":
        series = ds.series.get(rest)
        short = {lang: pick(series.short, lang) if series else rest for lang in langs}
        long = {lang: pick(series.name, lang) if series else rest for lang in langs}
        return config.language, {lang: f"{title[lang]}: {short[lang]}" for lang in langs}, long
    country = ds.countries.get(rest.upper())
    cname = {lang: pick(country.name, lang) if country else rest.upper() for lang in langs}
    label = "hosted_by" if kind == "host" else "attended_by"
    name = {lang: f"{title[lang]}: {text.label(lang, label)} {cname[lang]}" for lang in langs}
    about = {lang: text.label(lang, f"{label}_about").format(country=cname[lang]) for lang in langs}
    return config.language, name, about


def selections(
    ds: Dataset,
    today: date,
    tombstones: dict[str, Shown],
    published: Iterable[str] = (),
    calendars: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Selection]:
    """The calendars and feeds the config declares (per-event calendars aside), in a fixed order.

    ``tombstones`` are the removed events still to be shown as cancelled, by id; ``published``
    the keys of calendars published before (from the ledger), which stay even when empty;
    ``calendars``: :func:`keys` of each event, when the caller has them (the ledger's fresh
    ``shown`` records hold them), so that they are not worked out again.
    """
    members: dict[str, list[Event]] = {key: [] for key in published if _declared(key, ds)}
    removed: dict[str, list[str]] = {}
    if "upcoming" in ds.config.calendars:
        members["upcoming"], removed["upcoming"] = [], []
    for event in ds.events:
        held = calendars.get(event.id) if calendars is not None else None
        for key in held if held is not None else keys(event, ds):
            members.setdefault(key, []).append(event)
        if "upcoming" in members and event.when.window_end > today:
            members["upcoming"].append(event)
    for event_id in sorted(tombstones):
        shown = tombstones[event_id]
        for key in shown.calendars:
            if _declared(key, ds):
                removed.setdefault(key, []).append(event_id)
        if "upcoming" in removed and upcoming(shown.when, shown.mod, today):
            removed["upcoming"].append(event_id)
    out = []
    for key in sorted(members.keys() | removed.keys(), key=lambda k: (ORDER[k.split("-", 1)[0]], k)):
        lang, name, about = _names(key, ds)
        color = None
        if key.startswith("series-") and key[7:] in ds.series:
            color = ds.series[key[7:]].color
        out.append(
            Selection(
                key,
                lang,
                name[lang],
                about[lang],
                tuple(members.get(key, ())),
                tuple(removed.get(key, ())),
                color or ds.config.color,
                ds.config.languages[1:] if key == "all" else (),
            )
        )
    return out
