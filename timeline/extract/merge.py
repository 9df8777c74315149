"""Merge candidates into ``data/``: cite the article on an event it matches, or add a new event.

A candidate matches an existing event when the series is the same, the ordinals do not
differ, the date windows overlap, the places agree (an unknown place agrees with any) and, for
bilateral meetings, the counterpart country takes part. A match gains the article as a further
source (once: a second run changes nothing) and, when the candidate is more precise inside the
event's window, the more precise date; a planned event reported held, postponed or cancelled
takes that status; an event known only to its country gains the city. Everything else becomes
a new event file. Candidates whose year the text does not give are never written.

Every change goes through a :class:`timeline.stage.Stage` (validated, then written atomically)
and edits event files line by line (:mod:`timeline.roundtrip`): lines it does not change stay
byte-identical. What only the maintainer should read (confidence, review flags) goes in the
event's ``review:`` mapping, which nothing renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline import edtf
from timeline.cache import article_paths
from timeline.errors import DataError, Problem
from timeline.extract import Candidate, Extraction
from timeline.extract.create import (
    followed,
    ledger_ids,
    new_id,
    place_of,
    slug,
    stage_new_event,
    stage_series,
)
from timeline.model import Dataset, Event
from timeline.roundtrip import Document, EditError, Value, block
from timeline.stage import Stage

_UPGRADE = {"planned": {"confirmed", "held", "postponed", "cancelled"}, "confirmed": {"held", "postponed", "cancelled"}}
_PRECISION = {edtf.Precision.YEAR: "year", edtf.Precision.MONTH: "month", edtf.Precision.DAY: "day"}


@dataclass
class Report:
    added: list[str] = field(default_factory=list)  # new event files
    cited: list[str] = field(default_factory=list)  # events that gained this source
    updated: list[str] = field(default_factory=list)  # events whose date, status or place became more precise
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # candidates not written, with why
    sources: list[str] = field(default_factory=list)  # new source files
    flags: list[str] = field(default_factory=list)  # for the reviewer: notes the new facts may contradict
    series: list[str] = field(default_factory=list)  # series proposed in series.yaml (marked for review)


@dataclass(frozen=True)
class SourceInfo:
    """What a new source file records about an article."""

    stem: str  # the base of its id
    title: str
    language: str
    url: str | None = None
    publisher: str | None = None
    published: str | None = None  # EDTF
    text: str | None = None  # committed beside it where full_text allows, else kept in the cache; None: already cached


def headline(text: str, limit: int = 160) -> str:
    """A title for an article known only by its text: its first line when short, else cut at a word."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return f"{cut}…"


def _squash(text: str) -> str:
    return " ".join(text.split())


def find_source(ds: Dataset, url: str | None, text: str | None) -> str | None:
    """The id of the source already in the data that is this article (same URL, or the same text)."""
    squashed = _squash(text) if text else None
    for source in sorted(ds.sources.values(), key=lambda s: s.id):
        if url and source.url == url:
            return source.id
        if squashed and source.text and _squash(source.text) == squashed:
            return source.id
    return None


def stage_source(stage: Stage, ds: Dataset, info: SourceInfo, report: Report) -> str:
    existing = find_source(ds, info.url, info.text)
    if existing is not None:
        return existing
    staged = {Path(p).stem for p in (str(k) for k in stage.files) if p.startswith("sources/")}
    source_id, n = slug(info.stem), 2
    while stage.exists(Path("sources") / f"{source_id}.yaml") or source_id in ds.sources or source_id in staged:
        source_id = f"{slug(info.stem)}-{n}"
        n += 1
    meta: dict[str, Value] = {
        "id": source_id,
        "title": info.title,
        "publisher": info.publisher,
        "language": info.language,
    }
    if info.published:
        meta["published"] = info.published
    if info.url:
        meta["url"] = info.url
    if info.text is not None and ds.config.full_text.allows(source_id, info.publisher, None):
        meta["file"] = f"{source_id}.txt"
        stage.write(Path("sources") / f"{source_id}.txt", info.text)
    elif info.text is not None:  # copyrighted: the text stays in the local cache, quotes are checked against it
        if info.url is None or stage.cache is None:
            raise DataError(
                [
                    Problem(
                        f"{stage.root.as_posix()}/sources/{source_id}.yaml",
                        0,
                        "url",
                        "full_text in timeline.yaml does not clear this article's text for committing, so its "
                        "source needs the article's URL to keep the text in the local cache by: give --url",
                    )
                ]
            )
        cached = article_paths(stage.cache, info.url)[0]
        if not cached.is_file() or cached.read_text(encoding="utf-8") != info.text:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(info.text, encoding="utf-8")
    stage.write(Path("sources") / f"{source_id}.yaml", "".join(line for k, v in meta.items() for line in block(k, v)))
    report.sources.append(f"sources/{source_id}.yaml")
    return source_id


def when_of(c: Candidate) -> edtf.When:
    """The candidate's dates as the timeline stores them (EDTFError: a year the text did not give)."""
    if not c.year_known or (c.end is not None and not c.end.year_known):
        raise edtf.EDTFError(f"{c.edtf!r}: the text gives no year; add it by hand")
    return c.when


def matches_event(event: Event, c: Candidate, when: edtf.When) -> bool:
    if event.series.key != c.series:
        return False
    if event.ordinal is not None and c.ordinal is not None and event.ordinal != c.ordinal:
        return False
    if when.last_day < event.when.first_day or event.when.last_day < when.first_day:
        return False
    if event.place is not None and c.country is not None and event.place.country.code != c.country:
        return False
    if event.place is not None and c.place is not None and event.place.kind == "city" and event.place.key != c.place:
        return False
    if c.countries:
        taking_part = {x.code for x in event.countries} | {d.country.code for d in event.delegations if d.country}
        return set(c.countries) <= taking_part
    return True


def find_matches(ds: Dataset, c: Candidate, when: edtf.When) -> list[Event]:
    """The events ``c`` would update: one, none, or several (then the one with the same date, if unique)."""
    found = [e for e in ds.events if matches_event(e, c, when)]
    if len(found) > 1:
        exact = [e for e in found if e.when.edtf == when.edtf]
        found = exact if len(exact) == 1 else found
    return found


def changes(ds: Dataset, event: Event, c: Candidate, when: edtf.When) -> dict[str, dict[str, Any]]:
    """What accepting ``c`` would change on ``event``: date, precision, status, place (sources apart)."""
    out: dict[str, dict[str, Any]] = {}
    if (
        when.precision > event.when.precision
        and event.when.first_day <= when.first_day
        and when.last_day <= event.when.last_day
    ):
        out["date"] = {"from": event.when.edtf, "to": when.edtf}
        out["precision"] = {"from": _PRECISION[event.when.precision], "to": _PRECISION[when.precision]}
    if c.status in _UPGRADE.get(event.status.value, set()):
        out["status"] = {"from": event.status.value, "to": c.status.value}
    place = place_of(ds, c)
    target = ds.places.get(place) if place else None
    if target is not None and (
        event.place is None
        or (event.place.kind == "country" and target.kind == "city" and target.country.code == event.place.country.code)
    ):
        out["place"] = {"from": event.place.key if event.place else None, "to": target.key}
    return out


def event_path(stage: Stage, event: Event) -> Path | None:
    found = sorted(p for p in (stage.root / "events").rglob(f"{event.id}.*") if p.suffix in {".yaml", ".yml", ".toml"})
    return found[0].relative_to(stage.root) if found else None


def stage_update(
    stage: Stage,
    event: Event,
    change: dict[str, dict[str, Any]],
    citations: list[tuple[str, str]],
    review: dict[str, Value],
    report: Report,
) -> None:
    """Apply ``change`` and add ``citations`` (source id, quote) to ``event``'s file, line by line."""
    path = event_path(stage, event)
    if path is None:
        report.skipped.append(f"{event.id}: no file for this event")
        return
    shown = path.as_posix()
    if path.suffix == ".toml":
        report.skipped.append(f"{shown}: TOML events are not rewritten; make the change by hand")
        return
    try:
        doc = Document(stage.read_text(path))
        data = doc.data()
        listed = data.get("sources") if isinstance(data, dict) else None
        cited = {cit.source.id for cit in event.sources} | {
            str(s.get("source")) for s in (listed if isinstance(listed, list) else []) if isinstance(s, dict)
        }
        new = [(s, q) for s, q in citations if s not in cited]
        if not new and not change:
            report.unchanged.append(shown)
            return
        if "date" in change:
            doc.set("when", change["date"]["to"])
            doc.delete("mod")
        if "place" in change:
            doc.set("place", change["place"]["to"], after=("mod", "when"))
        if "status" in change:
            doc.set("status", change["status"]["to"], after=("venue", "place", "when"))
        for source_id, quote in new:
            doc.append("sources", {"source": source_id, "quote": quote})
        flags = note_flags(event, change)
        report.flags += [f"{shown}: {flag}" for flag in flags]
        if change or flags:
            doc.replace_block("review", {**review, **({"flags": flags} if flags else {})})
    except EditError as exc:
        report.skipped.append(f"{shown}: {exc}")
        return
    stage.write(path, doc.text)
    if new:
        report.cited.append(shown)
    if change:
        report.updated.append(shown)


def note_flags(event: Event, change: dict[str, dict[str, Any]]) -> list[str]:
    """A note written before the new facts may now contradict them: ask the reviewer to re-read it."""
    facts = [f"{k} {v['from']} → {v['to']}" for k, v in change.items() if k in {"date", "status", "place"}]
    if not event.note or not facts:
        return []
    return [
        f"note ({lang}) may contradict the new facts ({'; '.join(facts)}); re-read it" for lang in sorted(event.note)
    ]


def merge(stage: Stage, ds: Dataset, ex: Extraction, info: SourceInfo) -> Report:
    """Stage ``ex``'s candidates into ``stage`` (whose data folder, staged changes applied, is ``ds``)."""
    report = Report()
    writable = [c for c in ex.candidates if c.year_known]
    report.skipped += [
        f"{c.title} {c.start!s}: the text gives no year; add it by hand" for c in ex.candidates if not c.year_known
    ]
    if not writable:
        return report
    source_id = stage_source(stage, ds, info, report)
    taken = {e.id for e in ds.events} | ledger_ids(stage.root)
    for c in writable:
        try:
            when = when_of(c)
        except edtf.EDTFError as exc:
            report.skipped.append(f"{c.title} {c.start!s}: {exc}")
            continue
        found = find_matches(ds, c, when)
        if len(found) > 1:
            report.skipped.append(f"{c.title} {c.start!s}: matches {', '.join(e.id for e in found)}; merge by hand")
            continue
        review: dict[str, Value] = {"proposed_by": "timeline extract --write", "confidence": c.confidence}
        if found:
            stage_update(stage, found[0], changes(ds, found[0], c, when), [(source_id, c.evidence)], review, report)
        elif c.series not in ds.series and not stage_series(stage, ds, c, review):
            report.skipped.append(f"{c.title} {c.start!s}: series {c.series!r} is not in series.yaml; add it first")
        else:
            if c.series not in ds.series:
                report.series.append(c.series)
                ds = stage.validate()  # the new series, for the event that names it
            event_id = new_id(c, taken, followed(ds))
            taken.add(event_id)
            review["status"] = "proposed: not reviewed yet"
            report.added.append(stage_new_event(stage, ds, event_id, c, [(source_id, c.evidence)], review))
    return report
