"""The pipeline in one place: normalise → ledger → select → render → write."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from icalendar import vDuration

from timeline import entries, lockfile, render_atom, render_html, render_ics, render_rss, text
from timeline import ledger as ledger_mod
from timeline.errors import DataError, FileFault, Problem
from timeline.model import Dataset, pick
from timeline.normalise import normalise
from timeline.select import keys, selections
from timeline.writer import Report, clean_temporary, compare, guard, locked, write, write_atomic

LEDGER_FILE = "timeline.lock"
# The ledger a build is publishing, written before the output and renamed over LEDGER_FILE once
# every file is in place: the committed ledger never runs ahead of the published files, and a
# build killed half-way is finished by the next one with the same stamps.
PENDING_FILE = ".timeline.lock.pending"


@dataclass
class Plan:
    dataset: Dataset
    ledger: ledger_mod.Ledger
    ledger_text: str
    files: dict[str, bytes]


def read_ledger(
    data_dir: Path, shown_root: str, now: datetime, events: int = 0, name: str = LEDGER_FILE
) -> ledger_mod.Ledger:
    """The ledger, every value checked (raises DataError); ``events`` is how many the data holds."""
    path = data_dir / name
    shown_path = f"{shown_root}/{name}"
    if not path.exists() and not path.is_symlink():
        return {}
    if not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file"
        raise DataError([Problem(shown_path, 0, "", f"is {what}; the ledger must be a file: remove it, then restore "
                                 f"it with git checkout {shown_path} (or let the next build start a new one)")])  # fmt: skip
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileFault(shown_path, exc) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problem = Problem(shown_path, line, "", f"damaged ledger: not UTF-8 ({exc.reason}); restore it from git")
        raise DataError([problem]) from exc
    ledger, problems = lockfile.read(text, shown_path, now)
    if not problems and not ledger and events:
        problems.append(Problem(shown_path, 1, "events", f"the ledger lists no events, but the data holds {events}: "
                                "every SEQUENCE would start again at 0 and subscribers would keep stale copies; "
                                f"restore it with git checkout {shown_path}, or delete the file to start a new ledger"))  # fmt: skip
    if problems:
        raise DataError(problems)
    return ledger


_NAMED = 3  # removed events named in the refusal


def mass_removal(old: ledger_mod.Ledger, ds: Dataset, shown_root: str) -> Problem | None:
    """A problem if the data drops more than half of the published events (a deleted or
    mistyped events folder, say): that needs ``--allow-mass-removal``."""
    published = {event_id for event_id, revision in old.items() if revision.removed is None}
    gone = sorted(published - {e.id for e in ds.events})
    if not published or 2 * len(gone) <= len(published):
        return None
    some = ", ".join(gone[:_NAMED]) + (", …" if len(gone) > _NAMED else "")
    return Problem(
        f"{shown_root}/events", 0, "",
        f"this build would remove {len(gone)} of the {len(published)} published events ({some}); "
        "if that is intended, build again with --allow-mass-removal",
    )  # fmt: skip


def shown(ds: Dataset) -> dict[str, ledger_mod.Shown]:
    """How each event is published, for the ledger to keep in case it is removed."""
    out = {}
    for e in ds.events:
        out[e.id] = ledger_mod.Shown(
            summary={lang: text.summary(e, lang) for lang in ds.config.languages},
            headline={lang: text.headline(e, lang) for lang in ds.config.languages},
            when=e.when.edtf,
            mod=e.when.mod.value if e.when.mod else None,
            times=(e.start_time.isoformat() if e.start_time else None, e.end_time.isoformat() if e.end_time else None),
            timezone=render_ics.zone_of(e),
            status=e.status.value,
            calendars=keys(e, ds),
        )
    return out


def tombstones(ds: Dataset, ledger: ledger_mod.Ledger, now: datetime) -> dict[str, ledger_mod.Shown]:
    """Removed events still within the config's ``keep_removed`` period, by id."""
    keep = vDuration.from_ical(ds.config.keep_removed)  # type: ignore[no-untyped-call]
    return {
        event_id: revision.shown
        for event_id, revision in sorted(ledger.items())
        if revision.removed is not None
        and revision.shown is not None
        and revision.removed <= now < revision.removed + keep
    }


def render(ds: Dataset, ledger: ledger_mod.Ledger, now: datetime) -> dict[str, bytes]:
    """Every published file, by path relative to the output folder."""
    config = ds.config
    by_id = {e.id: e for e in ds.events}
    removed = tombstones(ds, ledger, now)
    in_calendars = {e.id for e in ds.events if render_ics.included(e, config)}
    zones = {e.id: render_ics.zone_of(e) for e in ds.events} | {k: v.timezone for k, v in removed.items()}

    @functools.cache
    def vevent(event_id: str, lang: str) -> bytes:
        """Each event is serialised once per language; every calendar that holds it reuses the bytes."""
        if event_id in removed:
            return render_ics.tombstone(event_id, ledger[event_id], config, lang)
        return render_ics.vevent(by_id[event_id], ledger[event_id], config, lang, by_id)

    def ics(stem: str, name: str, desc: str, lang: str, ids: list[str], color: str | None) -> bytes:
        used = [z for i in ids if (z := zones[i]) is not None]
        vevents = [vevent(i, lang) for i in ids]
        return render_ics.calendar(name, desc, config, config.base_url + stem + ".ics", used, vevents, color)

    files: dict[str, bytes] = {}
    sels = selections(ds, now.date(), removed)
    for sel in sels:
        ids = [e.id for e in sel.events if e.id in in_calendars] + list(sel.removed)
        # RFC 5545 wants at least one component, and clients warn on an empty calendar; a
        # calendar (an "upcoming" one with nothing ahead, say) is published again once it has events.
        if ids:
            files[f"{sel.key}.ics"] = ics(sel.key, sel.name, sel.description, sel.lang, ids, sel.color)
        items = entries.entries(sel, config, ledger, by_id)
        if not items:
            continue
        meta = entries.info(sel, config, items)
        files[f"{sel.key}.atom.xml"] = render_atom.feed(meta, items)
        files[f"{sel.key}.rss"] = render_rss.rss(meta, items)
        files[f"{sel.key}.json"] = render_rss.json_feed(meta, items)
    if "event" in config.calendars:
        lang = config.language
        for event_id in sorted(in_calendars | removed.keys()):
            event = by_id.get(event_id)
            name = (
                text.summary(event, lang)
                if event
                else text.removed_summary(pick(removed[event_id].summary, lang), lang)
            )
            desc = text.headline(event, lang) if event else pick(removed[event_id].headline, lang)
            files[f"events/{event_id}.ics"] = ics(f"events/{event_id}", name, desc, lang, [event_id], config.color)
    files["index.html"] = render_html.page(ds, sels, set(files))
    return files


def plan(
    data_dir: Path,
    now: datetime,
    shown_root: str | None = None,
    imprecise_dates: str | None = None,
    *,
    allow_mass_removal: bool = True,
    resume: bool = False,
    cache: Path | None = None,
) -> Plan:
    """Validate ``data_dir`` and render everything; raises DataError. Touches no file.

    ``imprecise_dates`` overrides the config's policy for events whose day is not known;
    ``cache`` is where quotes of sources without a committed text are checked (never rendered).
    With ``resume``, a pending ledger left by an interrupted build is the starting point (its
    stamps may already be in published files).
    """
    shown_root = shown_root if shown_root is not None else data_dir.as_posix()
    ds = normalise(data_dir, shown_root, cache)
    if imprecise_dates is not None:
        ds = replace(ds, config=replace(ds.config, imprecise_dates=imprecise_dates))
    pending = resume and (data_dir / PENDING_FILE).is_file()
    old = read_ledger(data_dir, shown_root, now, len(ds.events), PENDING_FILE if pending else LEDGER_FILE)
    if not allow_mass_removal and (problem := mass_removal(old, ds, shown_root)) is not None:
        raise DataError([problem])
    new = ledger_mod.advance(old, ds.events, now, shown(ds))
    return Plan(ds, new, ledger_mod.dumps(new), render(ds, new, now))


@dataclass
class Outcome:
    plan: Plan
    report: Report
    ledger_changed: bool


def build(
    data_dir: Path,
    out_dir: Path,
    now: datetime,
    *,
    check: bool = False,
    shown_root: str | None = None,
    imprecise_dates: str | None = None,
    adopt: bool = False,
    allow_mass_removal: bool = False,
    cache: Path | None = None,
) -> Outcome:
    """Validate, render and publish into ``out_dir``, holding a lock on both folders.

    Order: the pending ledger, the output (linked-to files before the page), then the pending
    ledger renamed over the committed one. A crash at any moment leaves either the old state
    or one the next build completes to exactly the same bytes.
    """
    ledger_path, pending_path = data_dir / LEDGER_FILE, data_dir / PENDING_FILE
    if check:
        p = plan(data_dir, now, shown_root, imprecise_dates, allow_mass_removal=allow_mass_removal, cache=cache)
        changed = _read(ledger_path) != p.ledger_text.encode("utf-8") or pending_path.exists()
        return Outcome(p, compare(out_dir, p.files, data_dir, adopt=adopt), changed)
    guard(out_dir, data_dir, adopt=adopt)  # refuse a folder that is not ours before creating anything
    with locked(data_dir, create=False), locked(out_dir):
        clean_temporary(data_dir, LEDGER_FILE)
        clean_temporary(data_dir, PENDING_FILE)
        p = plan(
            data_dir, now, shown_root, imprecise_dates, allow_mass_removal=allow_mass_removal, resume=True, cache=cache
        )
        text = p.ledger_text.encode("utf-8")
        changed = _read(ledger_path) != text
        if changed:
            write_atomic(pending_path, text)
        report = write(out_dir, p.files, data_dir, adopt=adopt)
        try:
            if changed:
                os.replace(pending_path, ledger_path)
            else:
                pending_path.unlink(missing_ok=True)
        except OSError as exc:
            raise FileFault(ledger_path.as_posix(), exc) from exc
    return Outcome(p, report, changed)


def _read(path: Path) -> bytes | None:
    """The bytes of a file, or None if there is none."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileFault(path.as_posix(), exc) from exc
