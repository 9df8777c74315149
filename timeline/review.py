"""`timeline review`: list, accept (merging into ``data/``), edit or reject the inbox's proposals.

Accepting goes through the merge logic (:mod:`timeline.extract.merge`) inside one
transaction: new sources (metadata only: the article's text stays in the local cache), the new
event or the line-by-line update of the existing one, validated as ``timeline check`` would,
then written atomically. What only the maintainer should read goes in ``review:``.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ruamel.yaml import YAML

from timeline import edtf, inbox
from timeline.edtf import Mod
from timeline.errors import DataError, Problem, TimelineError, quote
from timeline.extract.candidate import parse_point
from timeline.extract.create import followed, ledger_ids, new_id, slug, stage_new_event, stage_series
from timeline.extract.merge import Report, SourceInfo, changes, headline, stage_source, stage_update, when_of
from timeline.fetch import article as articles
from timeline.inbox import Proposal
from timeline.model import Dataset, Status
from timeline.normalise import normalise
from timeline.roundtrip import Value
from timeline.stage import Stage

EDITABLE = ("series", "ordinal", "start", "end", "mod", "city", "country", "place", "status")


@dataclass
class Outcome:
    accepted: list[str] = field(default_factory=list)  # proposal ids
    rejected: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # files, relative to the data folder
    report: Report = field(default_factory=Report)


def pending(data_dir: Path, cache: Path) -> tuple[Dataset, list[Proposal]]:
    ds = normalise(data_dir, data_dir.as_posix(), cache)
    return ds, inbox.proposals(ds, inbox.mentions(cache))


def select(found: list[Proposal], ids: Iterable[str]) -> list[Proposal]:
    by_id = {p.id: p for p in found}
    wanted = list(dict.fromkeys(ids))
    unknown = [i for i in wanted if i not in by_id]
    if unknown:
        raise TimelineError(
            f"no candidate {', '.join(map(repr, unknown))} in the inbox; `timeline review --list` shows their ids"
        )
    return [by_id[i] for i in wanted]


def source_for(cache: Path, url: str, fallback_lang: str) -> SourceInfo:
    """A source's metadata from the fetched article (its text stays in the cache)."""
    found = articles.load(cache, url)
    if found is None:
        return SourceInfo(stem=slug(url.split("//", 1)[-1]), title=url, language=fallback_lang, url=url)
    title = found.title or headline(found.text) or url
    prefix = found.published[:7] if found.published else "undated"
    host = url.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.").split(".")[0]
    return SourceInfo(
        stem=f"{prefix}-{host}-{slug(title, 40)}",
        title=title,
        language=found.language,
        url=url,
        publisher=found.publisher,
        published=found.published,
        text=found.text,  # committed only where full_text allows; it is in the cache already
    )


def accept(data_dir: Path, cache: Path, ids: Iterable[str], chosen: list[Proposal] | None = None) -> Outcome:
    """Merge the proposals ``ids`` into the data folder as one transaction."""
    ds, found = pending(data_dir, cache)
    picked = chosen if chosen is not None else select(found, ids)
    shown = data_dir.as_posix()
    stage = Stage(data_dir, cache)
    out = Outcome()
    taken = {e.id for e in ds.events} | ledger_ids(data_dir)
    keys: list[str] = []
    source_ids: dict[str, str] = {}
    for p in picked:
        if any(f.startswith("matches several events") for f in p.flags):
            raise TimelineError(f"candidate {p.id}: {p.flags[0]}")
        c = p.candidate
        review: dict[str, Value] = {"accepted": f"timeline review, candidate {p.id}", "confidence": c.confidence}
        if c.series not in ds.series:
            if not stage_series(stage, ds, c, review):
                raise TimelineError(f"candidate {p.id}: series {c.series!r} is not in series.yaml; add it there first")
            out.report.series.append(c.series)
            ds = stage.validate(shown)
        citations = []
        for m in p.mentions:
            if m.url not in source_ids:
                info = source_for(cache, m.url, ds.config.language)
                source_ids[m.url] = stage_source(stage, ds, info, out.report)
            citations.append((source_ids[m.url], m.candidate.evidence))
        citations = list(dict.fromkeys(citations))
        if p.action == "update" and p.target is not None:
            event = next(e for e in ds.events if e.id == p.target)
            stage_update(stage, event, changes(ds, event, c, p.when), citations, review, out.report)
        else:
            event_id = new_id(c, taken, followed(ds))
            taken.add(event_id)
            out.report.added.append(stage_new_event(stage, ds, event_id, c, citations, review))
        ds = stage.validate(shown)  # bad data raises here: nothing is written
        out.accepted.append(p.id)
        keys += [m.key for m in p.mentions]
    if out.report.skipped:
        raise TimelineError("; ".join(out.report.skipped) + "; nothing was written")
    stage.validate(shown, build_at=datetime.now(UTC))  # as `timeline check`: the whole build, in memory
    out.written = stage.commit()
    inbox.decide(cache, keys, "accepted")
    return out


def reject(data_dir: Path, cache: Path, ids: Iterable[str]) -> Outcome:
    """Never propose these again."""
    _ds, found = pending(data_dir, cache)
    picked = select(found, ids)
    inbox.decide(cache, [m.key for p in picked for m in p.mentions], "rejected")
    return Outcome(rejected=[p.id for p in picked])


def edit_text(p: Proposal) -> str:
    """The proposal's facts as YAML, for the reviewer's $EDITOR; evidence as comments."""
    lines = [f"# candidate {p.id}: {p.action} {p.target or ''}".rstrip() + "\n"]
    lines += [f"# {m.url}\n#   {m.candidate.evidence}\n" for m in p.mentions]
    y = YAML(typ="safe", pure=True)
    y.default_flow_style = False
    y.allow_unicode = True
    buffer = io.StringIO()
    shown = p.candidate.as_dict()  # the dates, mod and status as text
    y.dump({k: shown[k] for k in EDITABLE}, buffer)
    return "".join(lines) + buffer.getvalue()


def _typed(name: str, value: object) -> object:
    """An edited field as the candidate holds it (a date a Point, the status a Status, the mod a Mod)."""
    try:
        if name in {"start", "end"}:
            return parse_point(str(value)) if value is not None else None
        if name == "status":
            return Status(str(value))
        if name == "mod":
            return Mod(str(value)) if value else None
    except ValueError as exc:  # EDTFError is a ValueError
        allowed = {"status": ", ".join(Status), "mod": ", ".join(Mod)}.get(name)
        raise DataError(
            [
                Problem(
                    "(edited candidate)", 0, name, f"{quote(str(value))}: use one of {allowed}" if allowed else str(exc)
                )
            ]
        ) from None
    return value


def apply_edit(ds: Dataset, p: Proposal, text: str) -> Proposal:
    """The proposal with the reviewer's edits (the same fields as :func:`edit_text`)."""
    y = YAML(typ="safe", pure=True)
    try:
        data = y.load(text)
    except Exception as exc:  # any YAML error is the reviewer's to fix
        raise DataError([Problem("(edited candidate)", 0, "", f"not valid YAML: {exc}")]) from None
    if not isinstance(data, dict):
        raise DataError([Problem("(edited candidate)", 0, "", "must be a mapping of the fields shown")])
    unknown = sorted(set(data) - set(EDITABLE))
    if unknown:
        raise DataError(
            [Problem("(edited candidate)", 0, unknown[0], f"unknown field; allowed: {', '.join(EDITABLE)}")]
        )
    fields = {k: _typed(k, v) for k, v in data.items()}
    c = dataclasses.replace(p.candidate, **fields)  # type: ignore[arg-type]
    try:
        when = when_of(c)
    except edtf.EDTFError as exc:
        raise DataError([Problem("(edited candidate)", 0, "start", str(exc))]) from None
    if c.place is not None and c.place not in ds.places:
        raise DataError(
            [Problem("(edited candidate)", 0, "place", f"unknown place {quote(c.place)}; use a key of places.yaml")]
        )
    edited = dataclasses.replace(p, candidate=c, when=when, flags=[], change={}, new_sources=[])
    inbox.plan(ds, edited)
    return edited


def agreed_upgrade(p: Proposal, min_sources: int = 2) -> bool:
    """The auto-accept policy: an update of an existing event that makes it more precise (date,
    status or place, never anything else) and that ``min_sources`` independent outlets agree on."""
    upgraded = tuple(k for k in ("date", "status", "place") if k in p.change)
    if p.action != "update" or not upgraded or any(f.startswith("matches several") for f in p.flags):
        return False
    return p.independent(agreeing_on=upgraded) >= min_sources
