"""Pieces of aggregate files kept between builds, so that a file listing every event is a join.

A TimelineJS export or a timeline page holds one piece per event (its slide, its card) whose text
depends on that event alone (and on the day and the config, which its key holds too). A build
keeps each piece in the build cache under the event's name with the key of what it shows; the
next build takes the kept text for every event whose key did not change and makes the others
again, so one edit costs one piece and a join, not a render of every event.

Each kept piece carries a checksum of its kind, name, key and text: a piece that does not match
it (damage, a hand edit of the cache) is damage, reported as such, and never used. The pieces
of one file are read when that file is made and let go once it is: they are never all in
memory at once. A build without a cache makes every piece, with the same bytes.
"""

from __future__ import annotations

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


class Pieces:
    """The pieces of one kind (say, the cards of one timeline page), for the making of one file.

    ``piece(name, key, make)`` is the kept text of ``name`` when it was kept under ``key``, else
    ``make()`` (kept under ``key`` when :meth:`close` is called). ``close`` also forgets every
    kept piece of this kind that was not asked for (an event removed, say).
    """

    def __init__(self, store: BuildCache | None, kind: str) -> None:
        self.store, self.kind = store, kind
        self.known: dict[str, tuple[str, str, str]] | None = None
        self.made: dict[str, tuple[str, str, str]] = {}
        self.asked: set[str] = set()
        self.reused = 0

    def piece(self, name: str, key: str, make: Callable[[], str]) -> str:
        store = self.store
        if store is None or store.db is None:
            return make()
        if self.known is None:
            self.known = store.fragments(self.kind)
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
            store.keep_fragments(self.kind, self.made, [name for name in self.known if name not in self.asked])
        self.known, self.made, self.asked = None, {}, set()


def joined(store: BuildCache | None, kind: str, make: Callable[[Pieces], bytes]) -> bytes:
    """``make(pieces)``, the pieces of ``kind`` read for it and kept after it."""
    pieces = Pieces(store, kind)
    try:
        return make(pieces)
    finally:
        pieces.close()


def _context(*parts: object) -> str:
    """What a piece's key adds to its event's key (a digest of all the event shows): kind, day, ..."""
    return "\0" + repr(parts)


def export(store: BuildCache | None, ds: Dataset, lang: str, today: date, keys: Mapping[str, str]) -> bytes:
    """:func:`timeline.render_page.timelinejs.export` of ``lang``, from kept slides where their
    event's key (``keys``: what its VEVENT and entry show, see :mod:`timeline.build`) did not change."""
    config, by_id, kind = ds.config, {e.id: e for e in ds.events}, f"slide {lang}"
    context = _context(kind, today)

    def make(pieces: Pieces) -> bytes:
        def slide(event: Event) -> str:
            return pieces.piece(
                event.id,
                keys[event.id] + context,
                lambda: render_page.slide_text(event, lang, config, by_id, today),
            )

        return render_page.export(ds.events, config, lang, today, slide)

    return joined(store, kind, make)


def page(
    store: BuildCache | None,
    ds: Dataset,
    lang: str,
    selections: Sequence[Selection],
    files: Collection[str],
    ledger: Ledger,
    now: datetime,
    keys: Mapping[str, str],
) -> bytes:
    """:func:`timeline.render_page.page` of ``lang``, from kept cards (as :func:`export` does)."""
    config, today = ds.config, now.date()
    here = index_path(lang, config)
    kind = f"card {here}"
    contexts = {heading: _context(kind, today, heading) for heading in ("h3", "h4")}

    def make(pieces: Pieces) -> bytes:
        def card(event: Event, heading: str) -> str:
            return pieces.piece(
                event.id,
                keys[event.id] + (contexts.get(heading) or _context(kind, today, heading)),
                lambda: cards.card(event, lang, config, here, today, heading=heading),
            )

        return render_page.page(ds, lang, selections, files, ledger, now, card)

    return joined(store, kind, make)
