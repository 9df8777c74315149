"""Pieces of aggregate files kept between builds, so that a file listing every event is a join.

A TimelineJS export or a timeline page holds one piece per event (its slide, its card) whose text
depends on that event alone (and on the day and the config, which its key holds too). A build
keeps each piece in the build cache under the event's name with the key of what it shows; the
next build takes the kept text for every event whose key did not change and makes the others
again, so one edit costs one piece and a join, not a render of every event.

The pieces of one list (a section of a page, the export's slides) are also kept joined, a run of
:data:`RUN` at a time, keyed by the names and keys of the pieces in it: a run none of whose events
changed is taken whole, and only a run that holds an edited event is joined again from its pieces
(read by name, those of that run alone). After one edit a file is then a join of a hundred runs,
one of them made again, not of ten thousand pieces.

Each kept piece (and run) carries a checksum of its kind, name, key and text: a piece that does not match
it (damage, a hand edit of the cache) is damage, reported as such, and never used. The pieces
of one file are read when that file is made and let go once it is: they are never all in
memory at once. A build without a cache makes every piece, with the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from timeline import render_page
from timeline.ledger import Ledger
from timeline.model import Dataset, Event
from timeline.render_page import cards
from timeline.render_page.layout import index_path
from timeline.select import Selection

if TYPE_CHECKING:
    from timeline.buildcache import BuildCache


def checksum(kind: str, name: str, key: str, text: str) -> str:
    # Lengths first, so that no two (kind, name, key, text) run together to the same string.
    head = f"{len(kind)}:{kind}{len(name)}:{name}{len(key)}:{key}"
    return hashlib.sha256((head + text).encode("utf-8", "surrogatepass")).hexdigest()


RUN = 100
"""Events of one list (a section of a page, the export's slides) whose pieces are also kept joined,
as one run: after one edit, one run is joined again from its pieces, and every other run is
taken whole (a hundred rows read, not ten thousand)."""


class Pieces:
    """The pieces of one kind (say, the cards of one timeline page), for the making of one file.

    ``piece(name, key, make)`` is the kept text of ``name`` when it was kept under ``key``, else
    ``make()`` (kept under ``key`` when :meth:`close` is called). ``close`` also forgets every
    kept piece of this kind that was not asked for (an event removed, say). ``whole``: every kept
    piece of the kind is read at the first ask (else only those asked, see :meth:`fetch`).
    """

    def __init__(self, store: BuildCache | None, kind: str, *, whole: bool = True) -> None:
        self.store, self.kind, self.whole = store, kind, whole
        self.known: dict[str, tuple[str, str, str]] | None = None
        self.looked: set[str] = set()  # (not whole) the names read, found or not
        self.made: dict[str, tuple[str, str, str]] = {}
        self.asked: set[str] = set()
        self.reused = 0

    def _usable(self) -> bool:
        return self.store is not None and self.store.db is not None

    def fetch(self, names: Collection[str]) -> None:
        """Read the kept pieces of ``names`` (those not read yet), in one query."""
        if self.store is None or not self._usable() or self.whole:
            return
        if self.known is None:
            self.known = {}
        missing = [name for name in names if name not in self.looked]
        self.looked.update(missing)
        if missing:
            self.known.update(self.store.fragments_named(self.kind, missing))

    def hold(self, names: Collection[str]) -> None:
        """Keep the pieces of ``names`` as they are, unread (a run kept whole holds them)."""
        if self._usable():
            if self.known is None and not self.whole:
                self.known = {}
            self.asked.update(names)

    def piece(self, name: str, key: str, make: Callable[[], str]) -> str:
        store = self.store
        if store is None or store.db is None:
            return make()
        if self.known is None:
            self.known = store.fragments(self.kind) if self.whole else {}
        if not self.whole and name not in self.looked:
            self.fetch((name,))
        self.asked.add(name)
        found = self.known.get(name)
        if found is not None and found[0] == key:
            text, check = found[1], found[2]
            if isinstance(text, str) and check == checksum(self.kind, name, key, text):
                self.reused += 1
                return text
            store.damaged(ValueError(f"a kept piece ({self.kind} {name}) does not match its checksum"))
            return make()
        text = make()
        self.made[name] = (key, text, checksum(self.kind, name, key, text))
        return text

    def close(self) -> None:
        store = self.store
        if store is not None and store.db is not None and self.known is not None:
            kept = self.known.keys() if self.whole else store.fragment_names(self.kind)
            store.keep_fragments(self.kind, self.made, [name for name in kept if name not in self.asked])
        self.known, self.made, self.asked, self.looked = None, {}, set(), set()


class Runs:
    """The pieces of one kind, one per event, and the same pieces joined a run at a time (see RUN)."""

    def __init__(self, store: BuildCache | None, kind: str) -> None:
        self.each = Pieces(store, kind, whole=False)
        self.runs = Pieces(store, f"{kind} runs")

    def join(
        self, events: Sequence[Event], sep: str, tag: str, key: Callable[[Event], str], make: Callable[[Event], str]
    ) -> str:
        """``sep.join`` of the piece of each of ``events`` (kept under ``key(event)``, else ``make(event)``);
        ``tag`` tells this list's runs from another's in the same file."""
        out = []
        for start in range(0, len(events), RUN):
            run = events[start : start + RUN]
            keys = [key(e) for e in run]
            names = [e.id for e in run]

            def joined(run: Sequence[Event] = run, keys: list[str] = keys, names: list[str] = names) -> str:
                self.each.fetch(names)
                return sep.join(
                    self.each.piece(name, k, functools.partial(make, e))
                    for e, k, name in zip(run, keys, names, strict=True)
                )

            run_key = hashlib.sha256("\0".join((*names, *keys)).encode("utf-8", "surrogatepass")).hexdigest()
            out.append(self.runs.piece(f"run {tag}{names[0]}", run_key, joined))
            self.each.hold(names)
        return sep.join(out)

    def close(self) -> None:
        self.runs.close()
        self.each.close()


class Checks(Runs):
    """:class:`Runs` for ``timeline check``, which keeps no file: each run none of whose pieces changed
    is passed over (its key alone read), and of the others only the pieces not kept under their key are
    made (their keys alone read), all that joining them could fail on; nothing is joined, nothing kept."""

    def __init__(self, store: BuildCache, kind: str) -> None:
        self.store, self.kind = store, kind
        self.run_keys: dict[str, str] | None = None

    def join(
        self, events: Sequence[Event], sep: str, tag: str, key: Callable[[Event], str], make: Callable[[Event], str]
    ) -> str:
        if self.run_keys is None:
            self.run_keys = self.store.fragment_keys(f"{self.kind} runs")
        for start in range(0, len(events), RUN):
            run = events[start : start + RUN]
            keys = [key(e) for e in run]
            names = [e.id for e in run]
            run_key = hashlib.sha256("\0".join((*names, *keys)).encode("utf-8", "surrogatepass")).hexdigest()
            if self.run_keys.get(f"run {tag}{names[0]}") == run_key:
                continue
            kept = self.store.fragment_keys(self.kind, names)
            for event, k, name in zip(run, keys, names, strict=True):
                if kept.get(name) != k:
                    make(event)
        return ""

    def close(self) -> None:
        self.run_keys = None


def joined(store: BuildCache | None, kind: str, make: Callable[[Runs], bytes], *, check: bool = False) -> bytes:
    """``make(runs)``, the pieces of ``kind`` read for it and kept after it (``check``, with a cache:
    see :class:`Checks`)."""
    runs = Checks(store, kind) if check and store is not None and store.db is not None else Runs(store, kind)
    try:
        return make(runs)
    finally:
        runs.close()


def _context(*parts: object) -> str:
    """What a piece's key adds to its event's key (a digest of all the event shows): kind, day, ..."""
    return "\0" + repr(parts)


def export(
    store: BuildCache | None, ds: Dataset, lang: str, today: date, keys: Mapping[str, str], *, check: bool = False
) -> bytes:
    """:func:`timeline.render_page.timelinejs.export` of ``lang``, from kept slides where their
    event's key (``keys``: what its VEVENT and entry show, see :mod:`timeline.build`) did not change.
    ``check``: all that making it could fail on, nothing joined (see :class:`Checks`)."""
    config, by_id, kind = ds.config, {e.id: e for e in ds.events}, f"slide {lang}"
    context = _context(kind, today)

    def make(runs: Runs) -> bytes:
        def slides(events: Sequence[Event]) -> str:
            return runs.join(
                events,
                ",\n  ",
                "",
                lambda event: keys[event.id] + context,
                lambda event: render_page.slide_text(event, lang, config, by_id, today),
            )

        return render_page.export(ds.events, config, lang, today, pieces=slides)

    return joined(store, kind, make, check=check)


def page(
    store: BuildCache | None,
    ds: Dataset,
    lang: str,
    selections: Sequence[Selection],
    files: Collection[str],
    ledger: Ledger,
    now: datetime,
    keys: Mapping[str, str],
    *,
    check: bool = False,
) -> bytes:
    """:func:`timeline.render_page.page` of ``lang``, from kept cards (as :func:`export` does)."""
    config, today = ds.config, now.date()
    here = index_path(lang, config)
    kind = f"card {here}"
    contexts = {heading: _context(kind, today, heading) for heading in ("h3", "h4")}

    def make(runs: Runs) -> bytes:
        def cards_of(events: Sequence[Event], heading: str) -> str:
            context = contexts.get(heading) or _context(kind, today, heading)
            return runs.join(
                events,
                "\n",
                f"{heading} ",
                lambda event: keys[event.id] + context,
                lambda event: cards.card(event, lang, config, here, today, heading=heading),
            )

        return render_page.page(ds, lang, selections, files, ledger, now, runs=cards_of)

    return joined(store, kind, make, check=check)
