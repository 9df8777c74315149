"""Validate one event record against the config and the gazetteers."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import time

from timeline import edtf
from timeline.errors import quote
from timeline.fields import MAX_SLUG, SLUG, Reader
from timeline.model import Citation, Config, Country, Delegation, Event, Place, Series, Source, Status

CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
FIELDS = {
    "id", "series", "ordinal", "title", "when", "mod", "time", "place", "venue", "status", "host",
    "chair", "participants", "part_of", "related", "note", "sources", "review",
}  # fmt: skip
# `review:` is the maintainer's (confidence, flags, who proposed it): validated as a mapping, never rendered.
REQUIRED = ("id", "series", "when", "status", "sources")
MAX_ORDINAL = 100_000


@dataclass
class Tables:
    """What events are validated against: the config and the gazetteers."""

    config: Config | None
    series: dict[str, Series]
    places: dict[str, Place | None]
    countries: dict[str, Country]
    sources: dict[str, Source | None]


def read_event(r: Reader, ds: Tables) -> Event | None:
    """The event in ``r``, or None if it has problems (all of them reported)."""
    m = r.mapping
    r.unknown(FIELDS)
    r.required(*REQUIRED)
    if "review" in m:
        r.sub("review", "review")
    langs = ds.config.languages if ds.config else ("en",)
    series = r.keyed("series", ds.series, "series", "series.yaml")
    ordinal = m.get("ordinal")
    if ordinal is not None and (
        isinstance(ordinal, bool) or not isinstance(ordinal, int) or not 1 <= ordinal <= MAX_ORDINAL
    ):
        r.report("ordinal", f"{quote(ordinal)} must be a whole number from 1 to {MAX_ORDINAL:,} (the 12th meeting: 12)")
        ordinal = None
    title = r.lang_text("title", langs)
    mod = r.text("mod")
    when = r.edtf("when")
    if mod is not None:
        try:
            when = edtf.parse(when.edtf, mod) if when else None
        except edtf.EDTFError as exc:
            r.report("mod", str(exc))
    place = r.keyed("place", ds.places, "place", "places.yaml")
    start_time, end_time = times(r, when)
    if start_time is not None and "place" not in r.mapping:
        r.report("time", "a time needs a place, whose time zone says what the time means; add place or remove time")
    status_text = r.text("status")
    status = None
    if status_text is not None:
        try:
            status = Status(status_text)
        except ValueError:
            r.report("status", f"{quote(status_text)} is not a status; use one of {', '.join(s.value for s in Status)}")
    host = r.keyed("host", ds.countries, "country", "countries.yaml")
    chair = r.keyed("chair", ds.countries, "country", "countries.yaml")
    countries, organisations, delegations = participants(r, ds)
    part_of = r.text("part_of")
    related = r.texts("related")
    note = r.lang_text("note", langs)
    citations = cited(r, ds)
    event_id = r.text("id")
    valid_id = event_id is not None and SLUG.fullmatch(event_id) is not None and len(event_id) <= MAX_SLUG
    if not (event_id and valid_id and series and when and status and citations):
        return None
    return Event(
        id=event_id, series=series, title=title, when=when, status=status, sources=citations,
        ordinal=ordinal, start_time=start_time, end_time=end_time, place=place, venue=r.text("venue"),
        host=host, chair=chair, countries=countries, organisations=organisations, delegations=delegations,
        part_of=part_of, related=related, note=note,
    )  # fmt: skip


def times(r: Reader, when: edtf.When | None) -> tuple[time | None, time | None]:
    if "time" not in r.mapping:
        return None, None
    t = r.sub("time", "time")
    if t is None:
        return None, None
    t.unknown({"start", "end"})
    t.required("start")
    found: list[time | None] = []
    for key in ("start", "end"):
        value = t.text(key)
        match = CLOCK.fullmatch(value) if value is not None else None
        if value is not None and match is None:
            t.report(key, f'{quote(value)} is not a 24-hour time such as "09:30"')
        found.append(time(int(match[1]), int(match[2])) if match else None)
    start, end = found
    if start is not None and when is not None and not when.exact:
        t.report("start", f"a time needs an exact day, but when is {when.edtf!r}; remove time or give the day")
        return None, None
    if start is not None and end is not None and when is not None and when.end is None and end <= start:
        t.report("end", f"{end:%H:%M} is not after the start {start:%H:%M}")
        return None, None
    return start, end


def participants(r: Reader, ds: Tables) -> tuple[tuple[Country, ...], tuple[str, ...], tuple[Delegation, ...]]:
    if "participants" not in r.mapping:
        return (), (), ()
    p = r.sub("participants", "participants")
    if p is None:
        return (), (), ()
    p.unknown({"countries", "organisations", "delegations"})
    countries = []
    for i, code in enumerate(p.texts("countries")):
        country = ds.countries.get(code)
        if code not in ds.countries:
            p.item_problem(
                "countries", i, f"unknown country {quote(code)}; use a key of countries.yaml or add it there"
            )
        elif country is not None:
            countries.append(country)
    delegations = []
    raw = p.mapping.get("delegations") or []
    if not isinstance(raw, list):
        p.report("delegations", f"must be a list, not {quote(raw)}")
        raw = []
    langs = ds.config.languages if ds.config else ("en",)
    for i, item in enumerate(raw):
        d = Reader.of(p.record, p.problems, (*p.prefix, "delegations", i), item, "a delegation")
        if d is None:
            continue
        d.unknown({"country", "head", "role"})
        head = d.text("head", required=True)
        country = d.keyed("country", ds.countries, "country", "countries.yaml")
        if head:
            delegations.append(Delegation(head, country, d.lang_text("role", langs)))
    return tuple(countries), p.texts("organisations"), tuple(delegations)


def cited(r: Reader, ds: Tables) -> tuple[Citation, ...]:
    raw = r.mapping.get("sources")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        r.report("sources", f"must be a non-empty list of {{source, quote}}, not {quote(raw)}")
        return ()
    out = []
    for i, item in enumerate(raw):
        s = Reader.of(r.record, r.problems, ("sources", i), item, "a source reference")
        if s is None:
            continue
        s.unknown({"source", "quote"})
        source = s.keyed("source", ds.sources, "source", "the files in sources/")
        text = s.text("quote", required=True)
        if source is not None and text is not None and source.text and _squash(text) not in _squash(source.text):
            s.report(
                "quote", f"{quote(text, 60)} does not occur in {source.origin}; copy the exact words of the article"
            )
        elif source is not None and text is not None:
            out.append(Citation(source, text))
    return tuple(out)


@functools.lru_cache(maxsize=256)
def _squash(text: str) -> str:
    """White space folded, so a quote matches across the article's line breaks, and Unicode in
    its composed form (NFC), so "ệ" typed as e + two combining marks matches the article's
    "ệ" (cached: an article is cited by many events)."""
    return " ".join(unicodedata.normalize("NFC", text).split())
