"""The pipeline in one place: normalise → ledger → select → render → write."""

from __future__ import annotations

import functools
import gc
import hashlib
import operator
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import ParamSpec, TypeVar

from icalendar import vDuration

from timeline import buildcache, entries, fragments, lockfile, render_atom, render_ics, render_page, render_rss, text
from timeline import ledger as ledger_mod
from timeline.buildcache import BuildCache, Run
from timeline.errors import DataError, FileFault, Problem
from timeline.load import MAX_BYTES, load, load_bytes
from timeline.model import Dataset, pick
from timeline.noop import LEDGER_FILE, PENDING_FILE, Session, check_key
from timeline.normalise import normalise
from timeline.normalise_cache import EventMemo
from timeline.render_page.layout import index_path
from timeline.select import Selection, keys, selections
from timeline.writer import MANIFEST, Output, Report, compare, guard, write, write_atomic


@dataclass
class Plan:
    dataset: Dataset
    ledger: ledger_mod.Ledger
    ledger_bytes: bytes
    """The ledger's text in UTF-8 (held once: at 100,000 events it is a hundred megabytes)."""
    outputs: dict[str, Output]
    scope: str = ""
    """The :func:`shown_scope` of the ledger's ``shown`` records."""

    @property
    def ledger_text(self) -> str:
        return self.ledger_bytes.decode("utf-8")

    @functools.cached_property
    def files(self) -> dict[str, bytes]:
        """Every published file's bytes (all in memory: for tests and small timelines)."""
        return {name: output.make() for name, output in self.outputs.items()}

    def verify(self, cache: BuildCache | None) -> None:
        """Render every file whose inputs no earlier build or check rendered (``check`` runs the
        whole build in memory, so data that passes it also builds), keeping nothing; a file with a
        ``check`` (see :class:`timeline.writer.Output`) has that done instead."""
        known = cache.verified() if cache is not None else set()
        done = []
        for output in self.outputs.values():
            if not output.key or output.key not in known:
                (output.check or output.make)()
                done.append(output.key)
        if cache is not None:
            cache.keep_verified(done, [output.key for output in self.outputs.values()])


def read_ledger(
    data_dir: Path,
    shown_root: str,
    now: datetime,
    events: int = 0,
    name: str = LEDGER_FILE,
    store: BuildCache | None = None,
) -> ledger_mod.Ledger:
    """The ledger, every value checked (raises DataError); ``events`` is how many the data holds.

    With ``store``: the very bytes of a ledger checked before, or written by a build of this
    code, as of a moment not after ``now`` (no stamp after the build moment is the only rule
    that depends on anything but the bytes), are only parsed, not checked again.
    """
    return _read_ledger(data_dir, shown_root, now, events, name, store)[0]


@dataclass(frozen=True)
class Written:
    """The ledger a build of this code wrote (the build cache knows its bytes): its ``as_of``, and
    the :func:`shown_scope` its ``shown`` records were made in."""

    moment: datetime | None
    scope: str


def _read_ledger(
    data_dir: Path, shown_root: str, now: datetime, events: int, name: str, store: BuildCache | None
) -> tuple[ledger_mod.Ledger, Written | None]:
    path = data_dir / name
    shown_path = f"{shown_root}/{name}"
    if not path.exists() and not path.is_symlink():
        return {}, None
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
    sha = hashlib.sha256(raw).hexdigest()
    written, known = store.ledger_written(sha) if store is not None else None, None
    if written is not None and written[0] <= now and (parsed := lockfile.read_written(text)) is not None:
        ledger, problems, known = parsed[0], list[Problem](), Written(parsed[1], written[1])
    elif (checked := store.ledger_checked(sha) if store is not None else None) is not None and checked <= now:
        ledger, problems = ledger_mod.parse(text), list[Problem]()
    else:
        ledger, problems = lockfile.read(text, shown_path, now)
        if not problems and store is not None:
            store.keep_ledger_checked(sha, now)
    if not problems and not ledger and events:
        problems.append(Problem(shown_path, 1, "events", f"the ledger lists no events, but the data holds {events}: "
                                "every SEQUENCE would start again at 0 and subscribers would keep stale copies; "
                                f"restore it with git checkout {shown_path}, or delete the file to start a new ledger"))  # fmt: skip
    if problems:
        raise DataError(problems)
    return ledger, known


def read_moment(data_dir: Path, shown_root: str, now: datetime, name: str = LEDGER_FILE) -> datetime | None:
    """The build moment the ledger records (``as_of``), if any; read after :func:`read_ledger` checked the file."""
    path = data_dir / name
    if not path.is_file():
        return None
    try:
        moment = ledger_mod.as_of(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError([Problem(f"{shown_root}/{name}", 1, "as_of", f"{exc}; restore the ledger from git")]) from exc
    if moment is not None and moment > now:
        message = (
            f"{moment:%Y-%m-%dT%H:%M:%SZ} is after the build moment {now:%Y-%m-%dT%H:%M:%SZ}; fix the clock (or --now)"
        )
        raise DataError([Problem(f"{shown_root}/{name}", 2, "as_of", message)])
    return moment


_ID = operator.attrgetter("id")
P = ParamSpec("P")
R = TypeVar("R")
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


def shown_scope(ds: Dataset, today: date) -> str:
    """All that :func:`shown` takes besides each event's facts (its fingerprint): code, config, day."""
    return buildcache.digest(buildcache.code_version(), repr(ds.config), today.isoformat())


def shown(ds: Dataset, today: date | None = None, same: ledger_mod.Ledger | None = None) -> dict[str, ledger_mod.Shown]:
    """How each event is published, for the ledger to keep in case it is removed.

    ``same``: a ledger whose ``shown`` records were made in this :func:`shown_scope`; an event
    whose fingerprint it holds (live) keeps its record there, not worked out again.
    """
    out = {}
    for e in ds.events:
        old = same.get(e.id) if same is not None else None
        if (
            old is not None
            and old.removed is None
            and old.shown is not None
            and old.fingerprint == ledger_mod.printed(e)[0]
        ):
            out[e.id] = old.shown
            continue
        out[e.id] = ledger_mod.Shown(
            summary={lang: text.summary(e, lang, today) for lang in ds.config.languages},
            headline={lang: text.headline(e, lang, today) for lang in ds.config.languages},
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


def horizon(ds: Dataset, ledger: ledger_mod.Ledger, moment: datetime) -> tuple[frozenset[str], frozenset[str]]:
    """All that the output takes from the build moment: which events are over, which tombstones live.

    Two moments with the same horizon give the same bytes, so a build keeps the recorded moment
    while the horizon stays (and the ledger stays byte-identical from one day to the next).
    """
    today = moment.date()
    return frozenset(e.id for e in ds.events if e.when.window[1] < today), frozenset(tombstones(ds, ledger, moment))


def published_keys(ledger: ledger_mod.Ledger) -> set[str]:
    """Every calendar any event, live or removed, was ever shown in: they all stay published."""
    return {key for r in ledger.values() if r.shown is not None for key in r.shown.calendars}


class Renderer:
    """What :func:`outputs` does for one calendar, for ``timeline serve``'s filtered calendars: the
    same VEVENT, tombstone and calendar functions on the same inputs (as of the build moment
    ``now``), each event serialised once per language."""

    def __init__(self, ds: Dataset, ledger: ledger_mod.Ledger, now: datetime) -> None:
        config = ds.config
        self.ds, self.ledger, self.now, self.today = ds, ledger, now, now.date()
        self.by_id = {e.id: e for e in ds.events}
        self.removed = tombstones(ds, ledger, now)
        self.in_calendars = {e.id for e in ds.events if render_ics.included(e, config)}
        self.dropped = {k for k, v in self.removed.items() if not render_ics.tombstone_included(v, config)}
        self.zones = {e.id: render_ics.zone_of(e) for e in ds.events} | {
            k: r.shown.timezone for k, r in ledger.items() if r.removed is not None and r.shown is not None
        }
        self.vevent: Callable[[str, str, tuple[str, ...]], bytes] = functools.cache(self._vevent)

    def _vevent(self, event_id: str, lang: str, also: tuple[str, ...] = ()) -> bytes:
        config = self.ds.config
        if event_id in self.by_id:
            event, revision = self.by_id[event_id], self.ledger[event_id]
            return render_ics.vevent(event, revision, config, lang, self.by_id, self.today, also)
        return render_ics.tombstone(event_id, self.ledger[event_id], config, lang)

    def ics(
        self, url: str, name: str, desc: str, lang: str, ids: list[str], color: str | None, also: tuple[str, ...] = ()
    ) -> bytes:
        used = [z for i in ids if (z := self.zones.get(i)) is not None]
        vevents = [self.vevent(i, lang, also) for i in ids]
        return render_ics.calendar(name, desc, self.ds.config, url, used, vevents, color)

    def calendar_ids(self, sel: Selection) -> list[str]:
        """The VEVENTs of a selection's calendar: its events that calendars show, then its tombstones."""
        return [e.id for e in sel.events if e.id in self.in_calendars] + [
            i for i in sel.removed if i not in self.dropped
        ]


def _event_keys(ds: Dataset, ledger: ledger_mod.Ledger, scope: str) -> dict[str, str]:
    """Per event id (tombstones included), the key of everything its VEVENT and entry show."""
    out = {}
    for e in ds.events:
        refs = (e.part_of, *e.related) if e.part_of else tuple(e.related)
        prints = [ledger[r].fingerprint for r in refs if r in ledger]
        out[e.id] = _event_key(scope, e.id, "live", ledger_mod.line_bytes(ledger[e.id]), prints)
    for event_id, revision in ledger.items():
        if event_id not in out:
            out[event_id] = _event_key(scope, event_id, "removed", ledger_mod.line_bytes(revision), [])
    return out


def _event_key(scope: str, event_id: str, kind: str, line: bytes, prints: list[str]) -> str:
    """The digest of an event's key parts, each told from the next by its length (the ledger line
    hashed as the bytes it is: the repr of a kilobyte of bytes was most of what a key cost)."""
    head = "".join(f"{len(part)}:{part}" for part in (scope, event_id, kind, *prints))
    digest = hashlib.sha256(f"{len(prints)}:{head}{len(line)}:".encode())
    digest.update(line)
    return digest.hexdigest()


def outputs(
    ds: Dataset,
    ledger: ledger_mod.Ledger,
    now: datetime,
    cache: BuildCache | None = None,
    dataset_key: str = "",
    fresh: bool = False,
) -> dict[str, Output]:
    """Every published file, by path relative to the output folder, rendered on demand, as of
    the build moment ``now``. ``fresh``: the ledger's ``shown`` records were made from ``ds``
    just now (see :func:`plan`), so the calendars each holds are those of its event."""
    config = ds.config
    today = now.date()
    # The same calendar composition as `timeline serve`'s, with VEVENTs from the build cache.
    renderer = Renderer(ds, ledger, now)
    by_id, removed, in_calendars, dropped = renderer.by_id, renderer.removed, renderer.in_calendars, renderer.dropped
    zones = renderer.zones
    scope = buildcache.digest(buildcache.code_version(), repr(config))
    # The ledger's record of each event holds how it is shown as of ``today`` ("date TBC", "day
    # not reported", "no report since"), so these keys change when that does.
    ekey = _event_keys(ds, ledger, scope) if cache is not None else {}
    kept: dict[str, bytes] = {}
    made: dict[str, bytes] = {}
    fetched: list[bool] = []
    variants = [(lang, ()) for lang in config.languages] + [(config.language, config.languages[1:])]

    vkeys: dict[tuple[str, str, tuple[str, ...]], str] = {}
    suffixes = ["\0" + "\0".join((lang, *also)) for lang, also in variants]

    def every_vkey() -> list[str]:
        """:func:`vkey` of every event and tombstone in every variant (with a cache), without a call per key."""
        return [k + suffix for k in ekey.values() for suffix in suffixes]

    def vkey(event_id: str, lang: str, also: tuple[str, ...]) -> str:
        found = vkeys.get((event_id, lang, also))
        if found is None:
            if cache is not None:
                found = "\0".join((ekey[event_id], lang, *also))  # (the event key is a digest already)
            else:
                found = f"{event_id}\0{lang}\0{also}"
            vkeys[event_id, lang, also] = found
        return found

    def vevent(event_id: str, lang: str, also: tuple[str, ...] = ()) -> bytes:
        """Each event is serialised once per language; every calendar that holds it reuses the bytes."""
        key = vkey(event_id, lang, also)
        if cache is not None and not fetched:  # the first VEVENT needed: fetch the cached ones at once
            fetched.append(True)
            kept.update(cache.vevents(every_vkey()))
        if key in kept:
            return kept[key]
        return make_vevent(event_id, lang, also, key)

    def make_vevent(event_id: str, lang: str, also: tuple[str, ...], key: str) -> bytes:
        if key not in made:
            if event_id in by_id:
                made[key] = render_ics.vevent(by_id[event_id], ledger[event_id], config, lang, by_id, today, also)
            else:
                made[key] = render_ics.tombstone(event_id, ledger[event_id], config, lang)
        return made[key]

    renderer.vevent = vevent

    def ics(
        stem: str, name: str, desc: str, lang: str, ids: list[str], color: str | None, also: tuple[str, ...] = ()
    ) -> bytes:
        return renderer.ics(config.base_url + stem + ".ics", name, desc, lang, ids, color, also)

    @functools.cache
    def cached_vkeys() -> set[str]:
        return cache.vevent_keys() if cache is not None else set()

    def ics_check(
        stem: str, name: str, desc: str, lang: str, ids: list[str], color: str | None, also: tuple[str, ...] = ()
    ) -> None:
        """All that making the calendar could fail on, without the calendar: its head with its time
        zones, and each VEVENT the build cache does not hold (those it holds were made from the same
        inputs); the join of bytes that is left cannot fail."""
        used = [z for i in ids if (z := zones.get(i)) is not None]
        render_ics.calendar(name, desc, config, config.base_url + stem + ".ics", used, (), color)
        known, suffix = cached_vkeys(), "\0" + "\0".join((lang, *also))  # (what vkey gives, without a call per event)
        for i in ids:
            key = ekey[i] + suffix
            if key not in kept and key not in known:
                make_vevent(i, lang, also, key)

    def key(*parts: object) -> str:
        return buildcache.digest(scope, *parts) if cache is not None else ""

    # A selection's three feeds are made one after the other (their names sort together), so only
    # the last selection's entries are kept: not every feed's entries until the build ends.
    @functools.cache
    def newest_first() -> list[str]:
        return entries.newest_first(ledger)

    contents: entries.Contents = {}  # (an event in several feeds: its HTML made once per language)

    @functools.lru_cache(maxsize=1)
    def feed_items(index: int) -> tuple[list[entries.Entry], entries.FeedInfo]:
        sel = sels[index]
        if sel.key.startswith("changes-"):
            items = entries.change_entries(sel.lang, config, ledger, by_id, today)
        else:
            items = entries.entries(sel, config, ledger, by_id, today, newest_first(), contents)
        return items, entries.info(sel, config, items, now)

    def feed(index: int, kind: str) -> bytes:
        items, meta = feed_items(index)
        if kind == "atom":
            return render_atom.feed(meta, items)
        return render_rss.rss(meta, items) if kind == "rss" else render_rss.json_feed(meta, items)

    @functools.lru_cache(maxsize=1)
    def entry_digests(index: int) -> list[str]:
        """A digest of each entry of a selection's feeds, made once for its three kinds."""
        return [
            hashlib.sha256(repr(item).encode("utf-8", "surrogatepass")).hexdigest() for item in feed_items(index)[0]
        ]

    def feed_check(index: int, kind: str) -> None:
        """All that making the feed could fail on, without the feed: its entries, its head, and the
        serialisation of each entry no earlier check serialised (an entry's bytes in a feed of a kind
        are those of its values alone: one made without error before, in any feed, is made again so)."""
        assert cache is not None  # (only given with a cache)
        items, meta = feed_items(index)
        known = cache.verified()
        fresh = {key("entry", kind, made): item for made, item in zip(entry_digests(index), items, strict=True)}
        new = [item for k, item in fresh.items() if k not in known]
        if kind == "atom":
            render_atom.feed(meta, new)
        else:
            (render_rss.rss if kind == "rss" else render_rss.json_feed)(meta, new)
        cache.also_verified(k for k in fresh if k not in known)

    def event_names(event_id: str) -> tuple[str, str]:
        lang = config.language
        event = by_id.get(event_id)
        name = (
            text.summary(event, lang, today)
            if event
            else text.removed_summary(pick(removed[event_id].summary, lang), lang)
        )
        desc = text.headline(event, lang, today) if event else pick(removed[event_id].headline, lang)
        return name, desc

    def event_ics(event_id: str) -> bytes:
        return ics(f"events/{event_id}", *event_names(event_id), config.language, [event_id], config.color)

    def event_ics_check(event_id: str) -> None:
        ics_check(f"events/{event_id}", *event_names(event_id), config.language, [event_id], config.color)

    files: dict[str, Output] = {}
    held = None
    if fresh:  # (every live event's record holds select.keys() of it: not worked out again)
        held = {e.id: r.shown.calendars for e in ds.events if (r := ledger[e.id]).shown is not None}
    sels = selections(ds, today, removed, published_keys(ledger), held)
    pages = list(sels)
    if "changes" in config.calendars:
        for lang in config.languages:
            name = f"{pick(config.title, lang)}: {text.label(lang, 'changes')}"
            sels.append(Selection(f"changes-{lang}", lang, name, text.label(lang, "changes_about"), ()))
    ledger_key = buildcache.digest(*(f"{k}={v}" for k, v in sorted(ekey.items())))  # (every event's key)
    for index, sel in enumerate(sels):
        head = (sel.key, sel.lang, sel.name, sel.description, sel.color, *sel.also, now.isoformat())
        if not sel.key.startswith("changes-"):
            ids = renderer.calendar_ids(sel) or keeper(sel.key, ds, ledger, in_calendars)
            if ids:  # never an empty calendar (see keeper); nothing a calendar can show: no calendar
                args = (sel.key, sel.name, sel.description, sel.lang, ids, sel.color, sel.also)
                files[f"{sel.key}.ics"] = Output(
                    key("ics", *head, *map(ekey.get, ids)),
                    functools.partial(ics, *args),
                    check=functools.partial(ics_check, *args) if cache is not None else None,
                )
        if sel.key.startswith("changes-"):
            feed_key = key("changes", *head, ledger_key)
        else:
            feed_key = key("feed", *head, *map(ekey.get, map(_ID, sel.events)), *map(ekey.get, sel.removed))
        # A feed with no entries is still published, so that its URL keeps answering.
        for kind, suffix in (("atom", "atom.xml"), ("rss", "rss"), ("json", "json")):
            files[f"{sel.key}.{suffix}"] = Output(
                f"{feed_key}.{kind}",
                functools.partial(feed, index, kind),
                check=functools.partial(feed_check, index, kind) if cache is not None else None,
            )
    stamp = now.isoformat()
    if "event" in config.calendars:
        for event_id in sorted(in_calendars | (removed.keys() - dropped)):
            files[f"events/{event_id}.ics"] = Output(
                f"event\0{ekey[event_id]}\0{stamp}" if cache is not None else "",
                functools.partial(event_ics, event_id),
                check=functools.partial(event_ics_check, event_id) if cache is not None else None,
            )
    page_paths = render_page.paths(ds)
    names = set(files) | set(page_paths)
    page_key = key("page", dataset_key, ledger_key, now.date(), *sorted(names), *(sel.key for sel in pages))
    # Each page is made on demand, when the writer gets to it, and not kept. An event's own page
    # shows what its VEVENT does (its ledger record, the events it names, the config: its event
    # key), as of the day, with a link to its .ics: one event changed, its pages alone are made again.
    page_makers = render_page.makers(ds, pages, names, ledger, now)
    page_checks: dict[str, Callable[[], object]] = {}
    if cache is not None:  # the pages that list every event, joined from the pieces kept for each
        for lang in config.languages:
            home, slides = index_path(lang, config), f"timelinejs/{lang}.json"
            page = functools.partial(fragments.page, cache, ds, lang, pages, names, ledger, now, ekey)
            export = functools.partial(fragments.export, cache, ds, lang, today, ekey)
            page_makers[home], page_makers[slides] = page, export
            # (what `timeline check` makes of them: every piece not kept, nothing joined)
            page_checks[home] = functools.partial(page, check=True)
            page_checks[slides] = functools.partial(export, check=True)
    event_pages = render_page.event_paths(ds)
    for path in page_paths:
        if path in event_pages:
            event, lang = event_pages[path]
            # (a file's key is only compared with its own: the event key, a digest, and what else it shows)
            linked = f"events/{event.id}.ics" in names
            shown_key = f"page\0{ekey[event.id]}\0{today}\0{linked}" if cache is not None else ""
            make = functools.partial(render_page.event, ds, event, lang, ledger, names, today)
            files[path] = Output(shown_key, make)
        else:  # (the pages that keep pieces in the build cache are made by this process)
            files[path] = Output(
                key(page_key, path), page_makers[path], parallel=cache is None, check=page_checks.get(path)
            )

    if cache is not None:
        tz_keys = {buildcache.digest(scope, "vtimezone", z): z for z in sorted({z for z in zones.values() if z})}
        known = cache.vevents(tz_keys)
        render_ics.VTIMEZONES.update({tz_keys[k]: v for k, v in known.items()})
        live = set(every_vkey()) | tz_keys.keys()

        def keep() -> None:
            zones_made = {
                k: render_ics.VTIMEZONES[z] for k, z in tz_keys.items() if k not in known and z in render_ics.VTIMEZONES
            }
            cache.keep_vevents({**{k: v for k, v in made.items() if k not in kept}, **zones_made}, live)

        cache.on_close(keep)
    return files


def keeper(key: str, ds: Dataset, ledger: ledger_mod.Ledger, in_calendars: set[str]) -> list[str]:
    """What a calendar with nothing left in it holds, so that it is never empty and never goes.

    RFC 5545 wants a component, and every client feedcheck runs warns on a calendar without a
    VEVENT, so: ``upcoming`` keeps the event that ended last, until a new one lies ahead; any
    other calendar keeps the tombstone (CANCELLED) of the last event removed from it, even once
    ``keep_removed`` is over. A calendar that never held an event a calendar can show (only
    year-long ones, say) is not published; its feeds are.
    """
    if key == "upcoming":
        ended = sorted((e.when.window_end, e.id) for e in ds.events if e.id in in_calendars)
        return [ended[-1][1]] if ended else []
    gone = sorted(
        (r.removed, event_id)
        for event_id, r in ledger.items()
        if r.removed is not None
        and r.shown is not None
        and key in r.shown.calendars
        and render_ics.tombstone_included(r.shown, ds.config)
    )
    return [gone[-1][1]] if gone else []


def moment(ds: Dataset, ledger: ledger_mod.Ledger, recorded: datetime | None, now: datetime, move: bool) -> datetime:
    """The build moment to render as of: the recorded one, unless ``move`` and ``now`` has a new horizon."""
    if recorded is None:
        return now
    if not move or horizon(ds, ledger, recorded) == horizon(ds, ledger, now):
        return recorded
    return now


def render(ds: Dataset, ledger: ledger_mod.Ledger, now: datetime) -> dict[str, bytes]:
    """Every published file's bytes, by path relative to the output folder."""
    return {name: output.make() for name, output in outputs(ds, ledger, now).items()}


def _collector_paused(make: Callable[P, R]) -> Callable[P, R]:
    """``make`` with the cyclic garbage collector paused while it runs.

    Loading, validating and advancing the ledger make no reference cycles (``gc.collect()``
    after them finds none at 10,000 events), while the collector's full passes over the
    growing dataset cost about a second and a half there; plan() freezes what it loaded
    before it returns (see there), so the collector has little to walk afterwards either.
    """

    @functools.wraps(make)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        collecting = gc.isenabled()
        gc.disable()
        try:
            return make(*args, **kwargs)
        finally:
            if collecting:
                gc.enable()

    return paused


@_collector_paused
def plan(
    data_dir: Path,
    now: datetime,
    shown_root: str | None = None,
    imprecise_dates: str | None = None,
    *,
    allow_mass_removal: bool = True,
    resume: bool = False,
    cache: Path | None = None,
    build_cache: BuildCache | None = None,
    move: bool = True,
    scanned: buildcache.Inputs | None = None,
) -> Plan:
    """Validate ``data_dir`` and render everything; raises DataError. Touches no file.

    ``now`` stamps new and changed events; the output is rendered as of the build moment the
    ledger records, moved on to ``now`` when ``move`` (a real build, or an explicit ``--now``)
    and the move changes anything (see :func:`horizon`).

    ``imprecise_dates`` overrides the config's policy for events whose day is not known;
    ``cache`` is where quotes of sources without a committed text are checked (never rendered).
    With ``resume``, a pending ledger left by an interrupted build is the starting point (its
    stamps may already be in published files). ``build_cache`` skips what an earlier build did
    with the same inputs (see :mod:`timeline.buildcache`); ``scanned``: its scan of the inputs,
    taken before anything read them (else one is taken now).
    """
    shown_root = shown_root if shown_root is not None else data_dir.as_posix()
    dataset_key, memo = "", None
    if build_cache is not None:
        scanned = scanned if scanned is not None else buildcache.Inputs(data_dir, cache, build_cache, LEDGER_FILE)
        dataset_key = scanned.key(shown_root)
        memo = EventMemo(build_cache, scanned.found, data_dir, buildcache.code_version())
        memo.scan = scanned.scan
    loads = buildcache.Loads(build_cache, load, load_bytes, MAX_BYTES) if build_cache is not None else None
    if memo is not None:
        memo.loads = loads
    loader = loads if loads is not None else load
    ds = normalise(data_dir, shown_root, cache, loader, memo)
    if imprecise_dates is not None:
        ds = replace(ds, config=replace(ds.config, imprecise_dates=imprecise_dates))
    pending = resume and (data_dir / PENDING_FILE).is_file()
    name = PENDING_FILE if pending else LEDGER_FILE
    old, written = _read_ledger(data_dir, shown_root, now, len(ds.events), name, build_cache)
    if not allow_mass_removal and (problem := mass_removal(old, ds, shown_root)) is not None:
        raise DataError([problem])
    recorded = written.moment if written is not None else read_moment(data_dir, shown_root, now, name)
    now = now.astimezone(UTC).replace(microsecond=0)
    # The draft only tells the build moment (which events are over, which tombstones live: those
    # keep the `shown` they had), so it needs no `shown` of its own; a first build (no recorded
    # moment) renders as of now whatever it would say, so it needs no draft at all.
    as_of = now if recorded is None else recorded
    if recorded is not None and move and recorded != now:  # (a check keeps the recorded moment: no draft)
        # the draft keeps the old `shown` (unchanged revisions stay the same objects: nothing made again)
        draft = ledger_mod.advance(old, ds.events, now, {k: r.shown for k, r in old.items() if r.shown is not None})
        as_of = moment(ds, draft, recorded, now, move)
    scope = shown_scope(ds, as_of.date())
    new = ledger_mod.advance(
        old, ds.events, now, shown(ds, as_of.date(), old if written and written.scope == scope else None)
    )
    # What is loaded now lives until the files are written: the cyclic collector need not scan it
    # again and again while they are made (about a third of the output work at 10,000 events).
    # build() gives it back to the collector (gc.unfreeze) when it is done.
    gc.freeze()
    files = outputs(ds, new, as_of, build_cache, dataset_key, fresh=True)
    if build_cache is not None and build_cache.warnings:
        ds = replace(ds, warnings=(*ds.warnings, *build_cache.warnings))
    return Plan(ds, new, ledger_mod.dump_bytes(new, as_of), files, scope)


@dataclass
class Outcome:
    plan: Plan | None  # None when the build cache showed that nothing changed
    report: Report
    ledger_changed: bool
    events: int = 0
    warnings: tuple[Problem, ...] = ()


def _outcome(p: Plan, report: Report, changed: bool) -> Outcome:
    return Outcome(p, report, changed, len(p.dataset.events), p.dataset.warnings)


def _late_warnings(outcome: Outcome, store: BuildCache) -> Outcome:
    """The outcome with what the cache found damaged while the files were made (after the plan)."""
    late = tuple(w for w in store.warnings if w not in outcome.warnings)
    return replace(outcome, warnings=(*outcome.warnings, *late)) if late else outcome


def valid_until(p: Plan, now: datetime) -> datetime:
    """Until when the same inputs give the same output: the next tombstone expiry, else the next day
    (the run key holds the day, for "upcoming" calendars)."""
    keep = vDuration.from_ical(p.dataset.config.keep_removed)  # type: ignore[no-untyped-call]
    ends = [r.removed + keep for r in p.ledger.values() if r.removed is not None and r.removed + keep > now]
    tomorrow = datetime.combine(now.date(), datetime.min.time(), now.tzinfo) + timedelta(days=1)
    return min([*(end for end in ends if isinstance(end, datetime)), tomorrow])


def _unchecked(ds: Dataset) -> str | None:
    """A note on the sources whose quotes could not be checked (no committed or cached text)."""
    missing = sorted(s.id for s in ds.sources.values() if not s.text)
    if not missing:
        return None
    shown = 3
    listed = ", ".join(missing[:shown]) + (f" and {len(missing) - shown} more" if len(missing) > shown else "")
    return (
        f"note: the quotes of {len(missing)} source{'s' if len(missing) != 1 else ''} ({listed}) were not checked: "
        "their texts are neither committed nor in the local cache (see data/README.md, 'Sources')"
    )


def check_run(ds: Dataset, data_dir: Path) -> Run:
    """What ``timeline check`` of ``data_dir`` prints for data that passed: its warnings and notes
    (to stderr), then its verdict."""
    note = _unchecked(ds)
    lines = (*(str(p) for p in ds.warnings), *((note,) if note else ()))
    verdict = (
        f"ok: {len(ds.events)} events, {len(ds.series)} series, {len(ds.places)} places, "
        f"{len(ds.sources)} sources in {data_dir.as_posix()}/"
    )
    return Run(len(ds.events), (), (verdict,), lines)


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
    move: bool | None = None,
    jobs: int = 1,
    session: Session | None = None,
) -> Outcome:
    """Validate, render and publish into ``out_dir``, holding a lock on both folders.

    Order: the pending ledger, the output (linked-to files before the page), then the pending
    ledger renamed over the committed one. A crash at any moment leaves either the old state
    or one the next build completes to exactly the same bytes. ``move``: whether ``now`` may move
    the build moment on; by default a real build may and a check may not (so that a check
    answers the same whichever day it runs). ``jobs``: how many processes write the pages.
    ``session``: the no-op check's (:class:`timeline.noop.Session`: its locks, cache and scan of
    the inputs), which the build takes over and closes.
    """
    move = not check if move is None else move
    ledger_path, pending_path = data_dir / LEDGER_FILE, data_dir / PENDING_FILE
    if check:
        guard(out_dir, data_dir, adopt=adopt)
        store = BuildCache(cache / buildcache.FOLDER if cache is not None else None)
        try:
            p = plan(
                data_dir, now, shown_root, imprecise_dates,
                allow_mass_removal=allow_mass_removal, cache=cache, build_cache=store, move=move,
            )  # fmt: skip
            changed = _read(ledger_path) != p.ledger_bytes or pending_path.exists()
            report = compare(out_dir, p.outputs, data_dir, adopt=adopt, cache=store)
            return _late_warnings(_outcome(p, report, changed), store)
        finally:
            store.close()
            gc.unfreeze()
    if session is None:
        session = Session(
            data_dir, out_dir, now, cache, shown_root, imprecise_dates, adopt, allow_mass_removal, adopt=adopt
        )
    with session:
        if session.last is not None:
            last = session.last
            report = Report(unchanged=list(last.names))  # nothing changed: nothing rendered, nothing read
            return Outcome(None, report, False, last.events, last.warnings)
        guard(out_dir, data_dir, adopt=adopt)  # refuse a folder that is not ours before writing anything
        store = session.going_on()
        try:
            outcome = _publish(
                data_dir, out_dir, now, shown_root, imprecise_dates, adopt, allow_mass_removal, cache, store, move,
                jobs, session.inputs,
            )  # fmt: skip
        finally:
            gc.unfreeze()  # (plan() froze what it loaded: see there)
        outcome = _late_warnings(outcome, store)
        if cache is not None and outcome.plan is not None and not store.warnings:
            # keyed by the inputs as scanned before the build read them, and the ledger it wrote:
            # the next identical build is a no-op, and one after an edit made meanwhile is not
            names = tuple(outcome.report.written + outcome.report.unchanged)
            stats = store.as_seen(out_dir, (*names, MANIFEST))
            ledger_sha, until = hashlib.sha256(outcome.plan.ledger_bytes).hexdigest(), valid_until(outcome.plan, now)
            if stats is not None:
                run = Run(outcome.events, outcome.warnings, names, stats=stats)
                store.keep_run(session.key_after(ledger_sha), now, until, run)
            if shown_root in (None, data_dir.as_posix()) and imprecise_dates is None:
                # the build validated and rendered all that `timeline check` would, on the very inputs and
                # ledger it leaves: a check of them (at this moment or later the same day) answers from here
                key = check_key(session.inputs, ledger_sha, False, data_dir, now, False)
                store.keep_run(key, now, until, check_run(outcome.plan.dataset, data_dir))
        return outcome


def _publish(
    data_dir: Path, out_dir: Path, now: datetime, shown_root: str | None, imprecise_dates: str | None, adopt: bool,
    allow_mass_removal: bool, cache: Path | None, store: BuildCache, move: bool = True, jobs: int = 1,
    scanned: buildcache.Inputs | None = None,
) -> Outcome:  # fmt: skip
    """The build proper, under the locks."""
    ledger_path, pending_path = data_dir / LEDGER_FILE, data_dir / PENDING_FILE
    p = plan(
        data_dir, now, shown_root, imprecise_dates,
        allow_mass_removal=allow_mass_removal, resume=True, cache=cache, build_cache=store, move=move,
        scanned=scanned,
    )  # fmt: skip
    text = p.ledger_bytes
    changed = _read(ledger_path) != text
    if changed:
        write_atomic(pending_path, text)
    report = write(out_dir, p.outputs, data_dir, adopt=adopt, cache=store, jobs=jobs)
    try:
        if changed:
            os.replace(pending_path, ledger_path)
        else:
            pending_path.unlink(missing_ok=True)
    except OSError as exc:
        raise FileFault(ledger_path.as_posix(), exc) from exc
    # the next build or check only parses these bytes (see read_ledger), and keeps their `shown`
    store.keep_ledger_checked(hashlib.sha256(text).hexdigest(), now.astimezone(UTC).replace(microsecond=0), p.scope)
    return _outcome(p, report, changed)


def _read(path: Path) -> bytes | None:
    """The bytes of a file, or None if there is none."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileFault(path.as_posix(), exc) from exc
