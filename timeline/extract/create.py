"""New events and new series for ``extract --write`` and ``review --accept``.

A new event file is written in block style from the candidate (titles per configured language,
the date exactly as precise as the text, the venue's place, the followed country of
``countries.yaml`` beside a bilateral's counterpart, ``part_of`` its main meeting when the data
holds exactly one), with the maintainer's ``review:`` mapping instead of any published note. A
candidate of a meeting ``series.yaml`` lacks adds the series it proposes, marked for review.
"""

from __future__ import annotations

import re
from pathlib import Path

from timeline import edtf
from timeline.extract import Candidate
from timeline.extract.rules import load as load_rules
from timeline.languages import languages
from timeline.model import Dataset
from timeline.roundtrip import Document, EditError, Value, block
from timeline.stage import Stage


def slug(text: str, limit: int = 60) -> str:
    """A lowercase slug of at most ``limit`` characters, cut between words."""
    full = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(full) > limit:
        cut = full[: limit + 1]
        full = cut.rsplit("-", 1)[0] if "-" in cut else full[:limit]
    return full or "article"


def place_of(ds: Dataset, c: Candidate) -> str | None:
    """The places.yaml key of ``c``'s venue: its city, else its country as a place."""
    if c.place:
        return c.place
    if c.country is None:
        return None
    return next(
        (
            p.key
            for p in sorted(ds.places.values(), key=lambda p: p.key)
            if p.kind == "country" and p.country.code == c.country
        ),
        None,
    )


def followed(ds: Dataset) -> str | None:
    """The code of the country whose delegations the beat follows (``role: followed``), if any."""
    return next((c.code for c in sorted(ds.countries.values(), key=lambda c: c.code) if c.role == "followed"), None)


def new_id(c: Candidate, taken: set[str], side: str | None = None) -> str:
    """``<start>-<series>[-<followed>-<counterpart>][-<ordinal>]``, never one already taken."""
    pair = [x.lower() for x in (side, c.countries[0] if c.countries else None) if x]
    parts = [
        str(c.start),
        c.series,
        *(["-".join(pair)] if c.countries else []),
        *([str(c.ordinal)] if c.ordinal else []),
    ]
    base = slug("-".join(parts))
    event_id, n = base, 2
    while event_id in taken:
        event_id = f"{base}-{n}"
        n += 1
    return event_id


def ledger_ids(root: Path) -> set[str]:
    """Ids in the revision ledger, removed ones included: an id is never reused."""
    lock = root / "timeline.lock"
    if not lock.is_file():
        return set()
    return set(re.findall(r'^\s{4}"([a-z0-9-]+)":', lock.read_text(encoding="utf-8"), re.M))


def stage_new_event(
    stage: Stage, ds: Dataset, event_id: str, c: Candidate, citations: list[tuple[str, str]], review: dict[str, Value]
) -> str:
    """Write a new event file for ``c``; its path relative to the data folder."""
    series = ds.series[c.series]
    title: dict[str, Value] = {}
    for lang in ds.config.languages:
        short = series.short.get(lang) or series.short.get("en") or c.series
        if c.ordinal:
            short = load_rules(lang if lang in languages() else "en").numbered(short, c.ordinal)
        title[lang] = short
    data: dict[str, Value] = {"id": event_id, "series": c.series}
    if c.ordinal:
        data["ordinal"] = c.ordinal
    data["title"] = title
    data["when"] = c.edtf
    if c.mod:
        data["mod"] = c.mod.value
    place = place_of(ds, c)
    if place:
        data["place"] = place
    if c.city and not c.place:
        data["venue"] = c.city
    data["status"] = c.status.value
    if c.countries:
        side = followed(ds)
        data["participants"] = {"countries": sorted({*c.countries, *([side] if side else [])})}
    main = main_event(ds, c)
    if main is not None:
        data["part_of"] = main
    data["sources"] = [{"source": s, "quote": q} for s, q in citations]
    data["review"] = review
    path = Path("events") / f"{c.start.year:04d}" / f"{event_id}.yaml"
    stage.write(path, "".join(line for k, v in data.items() for line in block(k, v)))
    return path.as_posix()


def main_event(ds: Dataset, c: Candidate) -> str | None:
    """The id of the main meeting a sideline candidate names (``part_of``), when the data has exactly one."""
    main = getattr(c, "part_of", None)
    if not isinstance(main, dict) or not isinstance(main.get("start"), str):
        return None
    try:
        window = edtf.parse(str(main["start"]))
    except edtf.EDTFError:
        return None
    found = [
        e
        for e in ds.events
        if e.series.key == main.get("series")
        and (main.get("ordinal") is None or e.ordinal in {None, main.get("ordinal")})
        and not (window.last_day < e.when.first_day or e.when.last_day < window.first_day)
    ]
    return found[0].id if len(found) == 1 else None


def stage_series(stage: Stage, ds: Dataset, c: Candidate, review: dict[str, Value]) -> bool:
    """Add the series an unknown-series candidate proposes (``known_series: false``) to series.yaml,
    marked for review; False when the candidate proposes none."""
    proposed = getattr(c, "proposed", None)
    if getattr(c, "known_series", True) or not isinstance(proposed, dict) or c.series in ds.series:
        return False
    names = {str(k): str(v) for k, v in dict(proposed.get("names") or {}).items() if v}
    short = {str(k): str(v) for k, v in dict(proposed.get("short") or {}).items() if v}
    if not names:
        return False
    fallback = names.get("en") or next(iter(names.values()))
    entry: dict[str, Value] = {"name": {lang: names.get(lang, fallback) for lang in ds.config.languages}}
    if short:
        entry["short"] = {lang: short.get(lang) or next(iter(short.values())) for lang in ds.config.languages}
    parent = proposed.get("parent")
    if isinstance(parent, str) and parent in ds.series:
        entry["parent"] = parent
    entry["review"] = {
        **review,
        "status": "proposed series: check the names (languages the text did not give copy another)",
    }
    path = Path("series.yaml")
    try:
        doc = Document(stage.read_text(path))
        doc.replace_block(c.series, entry)
    except EditError:
        return False
    stage.write(path, doc.text)
    return True
