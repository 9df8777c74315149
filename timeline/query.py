"""A filtered selection from a query, for ``timeline serve``: ``?series=admm,adsom&participant=vn&host=my&lang=vi``.

Values are the keys used in the published file names (``series-<key>``, ``participant-<code>``,
``host-<code>``, ``lang-<language>``), several separated by commas (or the parameter repeated).
An event matches when it matches every parameter given, and a parameter when it matches any of
its values. A value that is not allowed is a :class:`QueryError` naming it and what is allowed.
Removed events (tombstones) that the matching published calendars still hold are kept, cancelled.
Without ``lang`` the output is in every language, as ``all.ics`` is; with it, in that one only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from timeline import text
from timeline.ledger import Shown
from timeline.model import Dataset, Event, pick
from timeline.select import Selection, host_country, participants

PARAMS = ("series", "participant", "host", "lang")


class QueryError(ValueError):
    """A query parameter or value that is not allowed, with what is."""

    def __init__(self, param: str, value: str, allowed: Sequence[str]) -> None:
        self.param, self.value, self.allowed = param, value, tuple(allowed)
        if param not in PARAMS:
            message = f"unknown parameter {param!r}; use {', '.join(PARAMS)}"
        elif not value:
            message = f"{param}: empty value; give one or more of {', '.join(allowed)}, separated by commas"
        elif param == "lang" and value in allowed:
            message = f"lang: give one language, not several; one of {', '.join(allowed)}"
        else:
            message = f"{param}: unknown value {value!r}; allowed: {', '.join(allowed)}"
        super().__init__(message)


@dataclass(frozen=True)
class Filter:
    series: tuple[str, ...] = ()
    participant: tuple[str, ...] = ()
    host: tuple[str, ...] = ()
    lang: str | None = None

    def query(self) -> str:
        """The canonical query string (sorted values, fixed parameter order), "" for no filter."""
        pairs = [(name, ",".join(values)) for name, values in
                 (("series", self.series), ("participant", self.participant), ("host", self.host)) if values]  # fmt: skip
        if self.lang:
            pairs.append(("lang", self.lang))
        return urlencode(pairs, safe=",")


def allowed(ds: Dataset) -> dict[str, list[str]]:
    """The values each parameter takes: series keys, lower-case country codes, languages."""
    countries = sorted(code.lower() for code in ds.countries)
    return {"series": sorted(ds.series), "participant": countries, "host": countries, "lang": list(ds.config.languages)}


def parse(params: Mapping[str, Sequence[str]], ds: Dataset) -> Filter:
    """A :class:`Filter` from query parameters (each name with all its values); raises QueryError."""
    ok = allowed(ds)
    found: dict[str, tuple[str, ...]] = {}
    for name in sorted(params):
        if name not in PARAMS:
            raise QueryError(name, ",".join(params[name]), ())
        values = [v.strip() for raw in params[name] for v in raw.split(",")]
        for value in values:
            if value not in ok[name]:
                raise QueryError(name, value, ok[name])
        found[name] = tuple(sorted(set(values)))
    lang = found.get("lang", ())
    if len(lang) > 1:
        raise QueryError("lang", lang[0], ok["lang"])
    return Filter(
        found.get("series", ()), found.get("participant", ()), found.get("host", ()), lang[0] if lang else None
    )


def matches(event: Event, f: Filter) -> bool:
    host = host_country(event)
    return (
        (not f.series or event.series.key in f.series)
        and (not f.participant or any(c.code.lower() in f.participant for c in participants(event)))
        and (not f.host or (host is not None and host.code.lower() in f.host))
    )


def _shown_matches(shown: Shown, f: Filter) -> bool:
    calendars = set(shown.calendars)
    return all(
        not values or any(f"{kind}-{v}" in calendars for v in values)
        for kind, values in (("series", f.series), ("participant", f.participant), ("host", f.host))
    )


def name(ds: Dataset, f: Filter, lang: str) -> tuple[str, str]:
    """The filtered calendar's name and description: "Title: ADMM, ADSOM · with Viet Nam"."""
    bits = []
    if f.series:
        bits.append(", ".join(pick(ds.series[k].short, lang) for k in f.series))
    for kind, codes in (("attended_by", f.participant), ("hosted_by", f.host)):
        if codes:
            names = ", ".join(pick(ds.countries[c.upper()].name, lang) for c in codes)
            bits.append(f"{text.label(lang, kind)} {names}")
    title = pick(ds.config.title, lang)
    return (f"{title}: {' · '.join(bits)}" if bits else title), pick(ds.config.description, lang)


def selection(ds: Dataset, f: Filter, tombstones: Mapping[str, Shown]) -> Selection:
    """The events (and still-shown removed events) that ``f`` matches, as one selection."""
    lang = f.lang or ds.config.language
    title, about = name(ds, f, lang)
    events = tuple(e for e in ds.events if matches(e, f))
    removed = tuple(event_id for event_id, shown in sorted(tombstones.items()) if _shown_matches(shown, f))
    color = ds.series[f.series[0]].color if len(f.series) == 1 else None
    # Without lang, like all.ics: titles in the first language, descriptions in every language.
    also = () if f.lang else ds.config.languages[1:]
    return Selection("filtered", lang, title, about, events, removed, color or ds.config.color, also)
