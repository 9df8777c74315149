"""The pipeline in one place: normalise → ledger → select → render → write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from timeline import ledger as ledger_mod
from timeline import render_atom, render_ics
from timeline.errors import DataError, Problem
from timeline.model import Dataset, pick
from timeline.normalise import normalise
from timeline.select import selections
from timeline.writer import Report, compare, write, write_atomic

LEDGER_FILE = "timeline.lock"


@dataclass
class Plan:
    dataset: Dataset
    ledger: ledger_mod.Ledger
    ledger_text: str
    files: dict[str, bytes]


def read_ledger(data_dir: Path, shown_root: str) -> ledger_mod.Ledger:
    path = data_dir / LEDGER_FILE
    if not path.is_file():
        return {}
    try:
        return ledger_mod.parse(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError) as exc:
        problem = Problem(f"{shown_root}/{LEDGER_FILE}", 1, "", f"damaged ledger ({exc}); restore it from git")
        raise DataError([problem]) from exc


def render(ds: Dataset, ledger: ledger_mod.Ledger) -> dict[str, bytes]:
    """Every published file, by path relative to the output folder."""
    config = ds.config
    lang = config.language
    by_id = {e.id: e for e in ds.events}
    shown = [e for e in ds.events if render_ics.included(e, config)]
    vevents = {e.id: render_ics.vevent(e, ledger[e.id], config, lang, by_id) for e in shown}
    files: dict[str, bytes] = {}
    for sel in selections(ds):
        name, desc = pick(sel.name, lang), pick(sel.description, lang)
        ics_name, atom_name = f"{sel.key}.ics", f"{sel.key}.atom.xml"
        in_calendar = [e for e in sel.events if e.id in vevents]
        files[ics_name] = render_ics.calendar(
            name, desc, config, lang, config.base_url + ics_name, in_calendar, vevents
        )
        files[atom_name] = render_atom.feed(
            sel.key, name, desc, config, lang, config.base_url + atom_name, list(sel.events), ledger, by_id
        )
    return files


def plan(data_dir: Path, now: datetime, shown_root: str | None = None) -> Plan:
    """Validate ``data_dir`` and render everything; raises DataError. Touches no file."""
    shown_root = shown_root if shown_root is not None else data_dir.as_posix()
    ds = normalise(data_dir, shown_root)
    old = read_ledger(data_dir, shown_root)
    new = ledger_mod.advance(old, ds.events, now)
    return Plan(ds, new, ledger_mod.dumps(new), render(ds, new))


@dataclass
class Outcome:
    plan: Plan
    report: Report
    ledger_changed: bool


def build(
    data_dir: Path, out_dir: Path, now: datetime, *, check: bool = False, shown_root: str | None = None
) -> Outcome:
    p = plan(data_dir, now, shown_root)
    ledger_path = data_dir / LEDGER_FILE
    current = ledger_path.read_text(encoding="utf-8") if ledger_path.is_file() else None
    ledger_changed = current != p.ledger_text
    if check:
        return Outcome(p, compare(out_dir, p.files), ledger_changed)
    # The ledger first: if writing the feeds fails half-way, the next build re-renders the
    # same bytes from it instead of stamping the events with a new time.
    write_atomic(ledger_path, p.ledger_text.encode("utf-8"))
    return Outcome(p, write(out_dir, p.files), ledger_changed)
