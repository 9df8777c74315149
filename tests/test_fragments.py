"""Pieces kept between builds (timeline/fragments.py): files listing every event are joins of
kept pieces, the same bytes as a render, and only what an edit touches is made again."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import pytest

from tests.golden import FIXTURE
from tests.test_buildcache import NOW_ARG, build, tree
from timeline import buildcache, render_page
from timeline.model import pick
from timeline.normalise import normalise
from timeline.render_page import cards, timelinejs

EVENT = "events/2025/2025-bilateral-dialogue.yaml"
EVENT_ID = "2025-bilateral-dialogue"
LATER = "2026-01-02T05:00:00Z"


def retitle(data: Path) -> None:
    path = data / EVENT
    path.write_text(path.read_text("utf-8").replace("en: Defence dialogue", "en: Defence policy dialogue"), "utf-8")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path


def spy(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[str]:
    """The ids of the events ``module.name`` is called for."""
    made: list[str] = []
    real = getattr(module, name)

    def wrapper(event: Any, *args: Any, **kwargs: Any) -> Any:
        made.append(event.id)
        return real(event, *args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return made


def test_the_export_is_the_json_of_the_whole_document() -> None:
    ds = normalise(FIXTURE, "data")
    day = date.fromisoformat(NOW_ARG[:10])
    by_id = {e.id: e for e in ds.events}
    for lang in ds.config.languages:
        slides = [
            timelinejs.slide(e, lang, ds.config, by_id, day)
            for e in sorted(ds.events, key=lambda e: (e.when.first_day, e.id))
        ]
        title = {"headline": escape(pick(ds.config.title, lang)), "text": escape(pick(ds.config.description, lang))}
        document = {"title": {"text": title}, "events": slides}
        plain = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        assert timelinejs.export(ds.events, ds.config, lang, day) == plain.encode("utf-8")
        empty = json.dumps({"title": {"text": title}, "events": []}, ensure_ascii=False, indent=1, sort_keys=True)
        assert timelinejs.export([], ds.config, lang, day) == (empty + "\n").encode("utf-8")


def test_an_edited_title_remakes_its_pieces_only_and_rewrites_exactly_what_a_cold_build_changes(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    before = tree(out)
    slides = spy(monkeypatch, render_page, "slide_text")
    cards_made = spy(monkeypatch, cards, "card")
    retitle(data)
    output = build(data, out, cache, LATER)
    # the edited event's slide and card in each language; every other piece was kept
    assert sorted(slides) == [EVENT_ID, EVENT_ID]
    assert sorted(cards_made) == [EVENT_ID, EVENT_ID]
    after = tree(out)
    changed = {name.removeprefix("0/") for name in after if before.get(name) != after[name]}
    prefix = f"wrote {out.as_posix()}/"
    written = {line.removeprefix(prefix) for line in output.splitlines() if line.startswith(prefix)}
    assert {"index.html", "timelinejs/en.json", f"events/{EVENT_ID}.html"} <= changed
    assert "timelinejs/vi.json" not in changed  # its Vietnamese title did not change
    assert written == changed
    # and the bytes are a cold build's, without any cache
    plain = work / "plain"
    shutil.copytree(FIXTURE, plain / "data")
    build(plain / "data", plain / "feeds", plain / "cache")
    retitle(plain / "data")
    shutil.rmtree(plain / "cache")
    build(plain / "data", plain / "feeds", plain / "cache", LATER)
    assert tree(out, data) == tree(plain / "feeds", plain / "data")


def _db(cache: Path) -> sqlite3.Connection:
    return sqlite3.connect(cache / buildcache.FOLDER / buildcache.FILE, isolation_level=None)


OTHER = "2025-11-20-bilateral-vn-my"


def test_a_tampered_piece_is_detected_and_not_used(work: Path) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    db = _db(cache)
    kinds = {kind for (kind,) in db.execute("SELECT kind FROM fragment")}
    assert {"slide en", "slide vi", "card index.html", "card vi/index.html"} <= kinds
    # an event the edit below does not touch: its kept pieces are joined as they are
    assert db.execute("UPDATE fragment SET value = value || ' TAMPERED' WHERE name = ?", (OTHER,)).rowcount == 4
    db.close()
    retitle(data)
    output = build(data, out, cache, LATER)
    assert "damaged build cache ignored" in output
    assert all(b"TAMPERED" not in content for content in tree(out).values())
    shutil.rmtree(cache)
    assert "0 written" in build(data, out, cache, LATER)  # what a build without any cache makes


def test_a_piece_kept_under_another_key_is_made_again(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    db = _db(cache)
    db.execute("UPDATE fragment SET key = 'another' WHERE name = ?", (OTHER,))
    db.close()
    made = spy(monkeypatch, render_page, "slide_text")
    retitle(data)
    build(data, out, cache, LATER)
    assert sorted(made) == sorted([EVENT_ID, OTHER] * 2)
    before = tree(out)
    shutil.rmtree(cache)
    assert "0 written" in build(data, out, cache, LATER)
    assert tree(out) == before


class _Item:
    def __init__(self, event_id: str) -> None:
        self.id = event_id


def test_runs_join_what_each_piece_gives_and_remake_only_the_run_that_changed(tmp_path: Path) -> None:
    from timeline import fragments  # noqa: PLC0415

    items: Any = [_Item(f"e{i:04d}") for i in range(fragments.RUN * 2 + 30)]
    version = {item.id: "1" for item in items}
    made: list[str] = []

    def make(item: Any) -> str:
        made.append(item.id)
        return f"<{item.id} v{version[item.id]}>"

    def joined() -> str:
        runs = fragments.Runs(buildcache.BuildCache(tmp_path / "build"), "test")
        try:
            return runs.join(items, "\n", "h3 ", lambda item: version[item.id], make)
        finally:
            runs.close()
            assert runs.each.store is not None
            runs.each.store.close()

    expected = "\n".join(f"<{item.id} v1>" for item in items)
    assert joined() == expected
    assert len(made) == len(items)
    made.clear()
    assert joined() == expected  # every run kept whole: nothing made
    assert made == []
    changed = items[fragments.RUN + 5].id
    version[changed] = "2"
    assert joined() == expected.replace(f"<{changed} v1>", f"<{changed} v2>")
    assert made == [changed]  # its run joined again from the pieces kept, its own made again
    made.clear()
    del items[3]  # every later run shifts: joined again, from pieces kept each
    assert joined() == "\n".join(f"<{item.id} v{version[item.id]}>" for item in items)
    assert made == []
