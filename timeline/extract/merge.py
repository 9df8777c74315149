"""`timeline extract --write`: add candidates to ``data/``, or cite the article on an event it matches.

A candidate matches an existing event when the series is the same, the ordinals do not
differ, the date windows overlap, the places agree (an unknown place agrees with any) and, for
bilateral meetings, the counterpart country takes part. A match gains the article as a further
source (once: a second run changes nothing) and, when the candidate is more precise inside the
event's window, the more precise date; a planned event reported held, postponed or cancelled
takes that status. Everything else becomes a new event file that ``timeline check`` accepts.
Candidates whose year the text does not give are never written.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from timeline import cache, edtf
from timeline.errors import Problem, TimelineError
from timeline.extract import Extraction
from timeline.extract.events import Candidate
from timeline.model import Dataset, Event, Source
from timeline.sources import store_text

_UPGRADE = {"planned": {"confirmed", "held", "postponed", "cancelled"}, "confirmed": {"held", "postponed", "cancelled"}}


@dataclass
class Report:
    added: list[str] = field(default_factory=list)  # new event files
    cited: list[str] = field(default_factory=list)  # events that gained this source
    updated: list[str] = field(default_factory=list)  # events whose date or status became more precise
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # candidates not written, with why
    sources: list[str] = field(default_factory=list)  # new source files


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.allow_unicode = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _squash(text: str) -> str:
    return " ".join(text.split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "article"


def find_source(ds: Dataset, ex: Extraction, url: str | None) -> Source | None:
    """The source already in the data that is this article (same URL, or the same text)."""
    squashed = _squash(ex.text)
    for source in sorted(ds.sources.values(), key=lambda s: s.id):
        if url and source.url == url:
            return source
        if source.text and _squash(source.text) == squashed:
            return source
    return None


def write_source(root: Path, ds: Dataset, ex: Extraction, url: str | None, report: Report) -> str:
    existing = find_source(ds, ex, url)
    if existing is not None:
        return existing.id
    stem = Path(ex.name).stem if ex.name not in {"-", ""} else "stdin"
    prefix = ex.published.isoformat()[:7] if ex.published else "undated"
    source_id = _slug(f"{prefix}-{stem}")
    folder = root / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    n = 2
    while (folder / f"{source_id}.yaml").exists() or source_id in ds.sources:
        source_id = _slug(f"{prefix}-{stem}-{n}")
        n += 1
    headline = next((line.strip() for line in ex.text.splitlines() if line.strip()), stem)[:200]
    source = Source(source_id, f"[{headline}]", None, ex.lang, None, url, None)
    file = store_text(folder, cache.root(root), ds.config.full_text, source, ex.text)
    meta: dict[str, Any] = {"id": source_id, "title": f"[{headline}]", "publisher": None, "language": ex.lang}
    if ex.published:
        meta["published"] = ex.published.isoformat()
    if url:
        meta["url"] = url
    if file is not None:
        meta["file"] = file
    meta["note"] = "Added by `timeline extract --write`; the title is the text's first line."
    _dump(folder / f"{source_id}.yaml", meta)
    report.sources.append(f"sources/{source_id}.yaml")
    return source_id


def _dump(path: Path, data: Any) -> None:
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _when(c: Candidate) -> edtf.When:
    return edtf.parse(c.start if c.end is None else f"{c.start}/{c.end}", c.mod)


def _matches(event: Event, c: Candidate, when: edtf.When) -> bool:
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


def merge(root: Path, ds: Dataset, ex: Extraction, url: str | None) -> Report:
    """Write ``ex``'s candidates into the data folder ``root`` (already validated as ``ds``)."""
    report = Report()
    writable = [c for c in ex.candidates if c.year_known]
    report.skipped += [
        f"{c.title} {c.start}: the text gives no year; add it by hand" for c in ex.candidates if not c.year_known
    ]
    if not writable:
        return report
    source_id = write_source(root, ds, ex, url, report)
    taken = {e.id for e in ds.events} | _ledger_ids(root)
    for c in writable:
        try:
            when = _when(c)
        except edtf.EDTFError as exc:
            report.skipped.append(f"{c.title} {c.start}: {exc}")
            continue
        matches = [e for e in ds.events if _matches(e, c, when)]
        if len(matches) > 1:
            exact = [e for e in matches if e.when.edtf == when.edtf]
            matches = exact if len(exact) == 1 else matches
        if len(matches) > 1:
            report.skipped.append(f"{c.title} {c.start}: matches {', '.join(e.id for e in matches)}; merge by hand")
            continue
        if matches:
            _update(root, matches[0], c, when, source_id, report)
        else:
            event_id = _new_id(c, taken)
            taken.add(event_id)
            _new_event(root, ds, event_id, c, source_id)
            report.added.append(f"events/{when.first_day.year}/{event_id}.yaml")
    return report


def _ledger_ids(root: Path) -> set[str]:
    """Ids in the revision ledger, removed ones included: an id is never reused."""
    lock = root / "timeline.lock"
    if not lock.is_file():
        return set()
    return set(re.findall(r'^\s{4}"([a-z0-9-]+)":', lock.read_text(encoding="utf-8"), re.M))


def _new_id(c: Candidate, taken: set[str]) -> str:
    parts = [
        c.start.split("/")[0],
        c.series,
        *((c.countries and [f"vn-{c.countries[0].lower()}"]) or []),
        *([str(c.ordinal)] if c.ordinal else []),
    ]
    base = _slug("-".join(parts))
    event_id, n = base, 2
    while event_id in taken:
        event_id = f"{base}-{n}"
        n += 1
    return event_id


def _new_event(root: Path, ds: Dataset, event_id: str, c: Candidate, source_id: str) -> None:
    series = ds.series[c.series]
    title = {}
    for lang in ds.config.languages:
        short = series.short.get(lang) or series.short.get("en") or c.series
        if c.ordinal:
            short = f"{short} lần thứ {c.ordinal}" if lang == "vi" else f"{_ordinal(c.ordinal)} {short}"
        title[lang] = short
    data: dict[str, Any] = {"id": event_id, "series": c.series}
    if c.ordinal:
        data["ordinal"] = c.ordinal
    data["title"] = title
    data["when"] = c.start if c.end is None else f"{c.start}/{c.end}"
    if c.mod:
        data["mod"] = c.mod
    place = c.place or _country_place(ds, c.country)
    if place:
        data["place"] = place
    if c.city and not c.place:
        data["venue"] = c.city
    data["status"] = c.status
    if c.countries:
        data["participants"] = {
            "countries": sorted({*c.countries, "VN"} if c.countries != ("VN",) else set(c.countries))
        }
    data["note"] = {"en": f"Proposed by `timeline extract` (confidence {c.confidence}); review before publishing."}
    data["sources"] = [{"source": source_id, "quote": c.evidence}]
    folder = root / "events" / data["when"][:4]
    folder.mkdir(parents=True, exist_ok=True)
    _dump(folder / f"{event_id}.yaml", data)


def _country_place(ds: Dataset, code: str | None) -> str | None:
    if code is None:
        return None
    return next(
        (
            p.key
            for p in sorted(ds.places.values(), key=lambda p: p.key)
            if p.kind == "country" and p.country.code == code
        ),
        None,
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")  # noqa: PLR2004
    return f"{n}{suffix}"


def _event_path(root: Path, event: Event) -> Path:
    found = sorted(p for p in (root / "events").rglob(f"{event.id}.*") if p.suffix in {".yaml", ".yml", ".toml"})
    if not found:
        raise TimelineError(str(Problem(f"{root.as_posix()}/events", 0, "", f"no file for event {event.id!r}")))
    return found[0]


def _update(root: Path, event: Event, c: Candidate, when: edtf.When, source_id: str, report: Report) -> None:
    path = _event_path(root, event)
    shown = path.relative_to(root).as_posix()
    cited = any(cit.source.id == source_id for cit in event.sources)
    more_precise = (
        when.precision > event.when.precision
        and event.when.first_day <= when.first_day
        and when.last_day <= event.when.last_day
    )
    upgrade = c.status in _UPGRADE.get(event.status.value, set())
    if cited and not more_precise and not upgrade:
        report.unchanged.append(shown)
        return
    if path.suffix == ".toml":
        report.skipped.append(f"{shown}: TOML events are not rewritten; add source {source_id!r} by hand")
        return
    y = _yaml()
    data = y.load(path.read_text(encoding="utf-8"))
    if not cited:
        data["sources"].append({"source": source_id, "quote": c.evidence})
        report.cited.append(shown)
    if more_precise:
        data["when"] = when.edtf
        if "mod" in data:
            del data["mod"]
    if upgrade:
        data["status"] = c.status
    if more_precise or upgrade:
        report.updated.append(shown)
    buffer = io.StringIO()
    y.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
