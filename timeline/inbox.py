"""The review inbox: candidates from fetched articles, merged across articles, waiting for a person.

``timeline fetch`` adds one file per article to ``<cache>/inbox/articles/`` (the extract
engine's candidates, with the article's URL, publisher and date). A *proposal* is what the
reviewer sees: the candidates of every article that report the same meeting (same series,
ordinals that do not differ, overlapping dates, agreeing places) merged into one, with every
article as a source, and said against the data as it is now: create an event, or update which
one and exactly what would change. Decisions (accepted, rejected) are kept in
``<cache>/inbox/decisions.json`` by candidate key, so a rejected candidate is never proposed
again, and an accepted one is then cited by the data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from timeline import edtf
from timeline.cache import url_key
from timeline.extract import Candidate, Extraction
from timeline.extract.merge import changes, find_matches, when_of
from timeline.model import Dataset


def _record(c: Candidate) -> dict[str, Any]:
    """A candidate as the inbox keeps it (every field; dates, mod and status as text)."""
    return {
        **dataclasses.asdict(c),
        "start": str(c.start),
        "end": str(c.end) if c.end is not None else None,
        "mod": c.mod.value if c.mod is not None else None,
        "status": c.status.value,
        "year_known": c.year_known,
    }


@dataclass(frozen=True)
class Mention:
    """One candidate of one article."""

    key: str
    url: str
    publisher: str | None
    published: str | None
    candidate: Candidate
    when: edtf.When
    agency: str | None = None  # the dateline's agency, when the article has one

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or self.url).removeprefix("www.")

    @property
    def reporter(self) -> str:
        """Whose reporting this is: the dateline's agency, else the publisher, else the site."""
        return (self.agency or self.publisher or self.host).casefold()


@dataclass
class Proposal:
    """Candidates of several articles about one meeting, and what accepting them would do."""

    id: str
    mentions: list[Mention]
    candidate: Candidate  # the merged facts
    when: edtf.When
    action: str = "create"  # or "update"
    target: str | None = None
    change: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_sources: list[str] = field(default_factory=list)  # URLs the target does not cite yet
    flags: list[str] = field(default_factory=list)

    @property
    def urls(self) -> list[str]:
        return sorted({m.url for m in self.mentions})

    def independent(self, *, agreeing_on: tuple[str, ...] = ()) -> int:
        """How many independent reporters (agency, else publisher, else site) give the facts in ``agreeing_on``."""
        hosts = set()
        for m in self.mentions:
            c = m.candidate
            if "date" in agreeing_on and m.when.edtf != self.when.edtf:
                continue
            if "status" in agreeing_on and c.status != self.candidate.status:
                continue
            if "place" in agreeing_on and (c.place or c.country) != (self.candidate.place or self.candidate.country):
                continue
            hosts.add(m.reporter)
        return len(hosts)

    def as_dict(self) -> dict[str, Any]:
        c = self.candidate
        changes = dict(self.change)
        changes["sources"] = {"add": self.new_sources if self.action == "update" else self.urls}
        return {
            "id": self.id,
            "action": self.action,
            "target": self.target,
            "series": c.series,
            "ordinal": c.ordinal,
            "title": c.title,
            "start": str(c.start),
            "end": str(c.end) if c.end is not None else None,
            "mod": c.mod.value if c.mod is not None else None,
            "city": c.city,
            "country": c.country,
            "status": c.status.value,
            "confidence": c.confidence,
            "changes": changes,
            "flags": self.flags,
            "sources": self.urls,
            "evidence": [
                {"url": m.url, "publisher": m.publisher, "published": m.published, "quote": m.candidate.evidence}
                for m in self.mentions
            ],
        }


def folder(cache: Path) -> Path:
    return cache / "inbox"


def mention_key(url: str, c: Candidate) -> str:
    text = "\n".join([url, c.series, str(c.start), str(c.end or ""), c.evidence])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def add(
    cache: Path, url: str, publisher: str | None, published: str | None, ex: Extraction, agency: str | None = None
) -> int:
    """Put one article's candidates in the inbox; the number of candidates it has."""
    target = folder(cache) / "articles" / f"{url_key(url)}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "url": url,
        "publisher": publisher,
        "agency": agency,  # the dateline's news agency: whose reporting it is
        "published": published,
        "lang": ex.lang,
        "candidates": [_record(c) for c in ex.candidates],
    }
    _atomic(target, json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True))
    return len(ex.candidates)


def decisions(cache: Path) -> dict[str, str]:
    path = folder(cache) / "decisions.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def decide(cache: Path, keys: list[str], verdict: str) -> None:
    known = decisions(cache)
    known.update(dict.fromkeys(keys, verdict))
    path = folder(cache) / "decisions.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic(path, json.dumps(known, indent=1, sort_keys=True))


def mentions(cache: Path) -> list[Mention]:
    """Every undecided candidate with a known year, in a fixed order."""
    decided = decisions(cache)
    out: list[Mention] = []
    base = folder(cache) / "articles"
    for path in sorted(base.glob("*.json")) if base.is_dir() else []:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for raw in record.get("candidates", []):
            try:
                c = Candidate.from_dict(raw)
                when = when_of(c)
            except (KeyError, TypeError, ValueError, IndexError):  # EDTFError is a ValueError
                continue
            key = mention_key(record["url"], c)
            if c.year_known and key not in decided:
                out.append(
                    Mention(
                        key,
                        record["url"],
                        record.get("publisher"),
                        record.get("published"),
                        c,
                        when,
                        record.get("agency"),
                    )
                )
    return sorted(out, key=lambda m: (m.published or "", m.url, m.candidate.span))


def _agree(a: Mention, b: Mention) -> bool:
    x, y = a.candidate, b.candidate
    if x.series != y.series or (x.ordinal and y.ordinal and x.ordinal != y.ordinal):
        return False
    if a.when.last_day < b.when.first_day or b.when.last_day < a.when.first_day:
        return False
    if x.country and y.country and x.country != y.country:
        return False
    if x.place and y.place and x.place != y.place:
        return False
    return tuple(x.countries) == tuple(y.countries)


def _merged(group: list[Mention]) -> tuple[Candidate, edtf.When]:
    """One candidate from several reports: the most precise date, the latest report's status, the most specific place."""
    precise = max(group, key=lambda m: (m.when.precision, sum(o.when.edtf == m.when.edtf for o in group)))
    latest = max(group, key=lambda m: (m.published or "", m.candidate.confidence))
    placed = max(
        group,
        key=lambda m: (m.candidate.place is not None, m.candidate.city is not None, m.candidate.country is not None),
    )
    ordinal = next((m.candidate.ordinal for m in group if m.candidate.ordinal), None)
    base = precise.candidate
    merged = dataclasses.replace(
        base,
        ordinal=ordinal,
        status=latest.candidate.status,
        city=placed.candidate.city,
        country=placed.candidate.country,
        place=placed.candidate.place,
        confidence=max(m.candidate.confidence for m in group),
    )
    return merged, precise.when


def proposals(ds: Dataset, found: list[Mention]) -> list[Proposal]:
    """The mentions grouped into proposals, each said against ``ds``; those that change nothing are left out."""
    groups: list[list[Mention]] = []
    for m in found:
        home = next((g for g in groups if all(_agree(m, o) for o in g)), None)
        if home is None:
            groups.append([m])
        else:
            home.append(m)
    out = []
    for group in groups:
        c, when = _merged(group)
        pid = hashlib.sha256("\n".join(sorted(m.key for m in group)).encode()).hexdigest()[:8]
        p = Proposal(pid, group, c, when)
        if plan(ds, p):
            out.append(p)
    return sorted(out, key=lambda p: (p.when.first_day, p.candidate.series, p.id))


def plan(ds: Dataset, p: Proposal) -> bool:
    """Say ``p`` against ``ds``: create, or update which event with what; False if it changes nothing."""
    c, when = p.candidate, p.when
    p.action, p.target = "create", None
    targets = find_matches(ds, c, when)
    if targets:
        event = targets[0]
        p.action, p.target = "update", event.id
        if len(targets) > 1:
            p.flags.append(f"matches several events ({', '.join(e.id for e in targets)}); merge by hand")
        p.change = changes(ds, event, c, when)
        cited = {cit.source.url for cit in event.sources if cit.source.url}
        p.new_sources = [u for u in p.urls if u not in cited]
        if event.note and any(k in p.change for k in ("date", "status", "place")):
            p.flags.append(f"the note of {event.id} may contradict the new facts; re-read it")
        return bool(p.change or p.new_sources)
    if c.series not in ds.series:
        p.flags.append(f"series {c.series!r} is not in series.yaml; accepting adds it there, marked for review")
    return True


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
