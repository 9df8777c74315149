"""The build cache is only an accelerator: same bytes with, without, damaged or foreign."""

from __future__ import annotations

import itertools
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.golden import FIXTURE, NOW
from timeline import build as build_module
from timeline import buildcache, fragments, render_atom, render_ics, render_page, render_rss
from timeline.cli import main
from timeline.render_page import cards

NOW_ARG = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
EVENT = "events/2025/2025-11-admm-plus-12.yaml"
SOON = (NOW + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def build(data: Path, out: Path, cache: Path, now: str = NOW_ARG) -> str:
    code, output = run("build", "--data", str(data), "--out", str(out), "--cache", str(cache), "--now", now)
    assert code == 0, output
    return output


def tree(*folders: Path) -> dict[str, bytes]:
    return {
        f"{i}/{p.relative_to(folder).as_posix()}": p.read_bytes()
        for i, folder in enumerate(folders)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def edit(data: Path) -> None:
    event = data / EVENT
    event.write_text(event.read_text("utf-8").replace("status: planned", "status: cancelled"), "utf-8")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path


def test_the_same_bytes_with_a_warm_cache_and_without_any(work: Path) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    plain = work / "plain"
    shutil.copytree(FIXTURE, plain / "data")
    build(plain / "data", plain / "feeds", plain / "cache", NOW_ARG)
    edit(data)
    edit(plain / "data")
    later = "2026-02-01T00:00:00Z"
    build(data, out, cache, later)  # warm: most VEVENTs and files come from the cache
    shutil.rmtree(plain / "cache")
    build(plain / "data", plain / "feeds", plain / "cache", later)
    assert tree(out, data) == tree(plain / "feeds", plain / "data")
    shutil.rmtree(cache)  # deleting the cache changes nothing
    before = tree(out, data)
    assert "0 written" in build(data, out, cache, later)
    assert tree(out, data) == before


def test_an_unchanged_build_renders_and_loads_nothing(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)

    def boom(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("rendered again")

    monkeypatch.setattr(render_ics, "vevent", boom)
    monkeypatch.setattr(render_page, "pages", boom)
    before = tree(out)
    assert "0 written" in build(data, out, cache, "2026-01-02T09:00:00Z")
    assert tree(out) == before
    code, output = run("check", "--data", str(data), "--cache", str(cache), "--now", NOW_ARG)
    assert code == 0, output  # check uses the same cache: what was rendered is not rendered again


def test_one_changed_event_renders_only_what_holds_it(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    rendered: list[str] = []
    real = render_ics.vevent

    def spy(event: object, *args: object) -> bytes:
        rendered.append(getattr(event, "id", "?"))
        return real(event, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(render_ics, "vevent", spy)
    edit(data)
    output = build(data, out, cache, "2026-02-01T00:00:00Z")
    # the changed event, and the one that refers to it (related:); the others come from the cache
    assert sorted(set(rendered)) == ["2025-11-19-adsom-plus", "2025-11-admm-plus-12"]
    assert f"wrote {out.as_posix()}/events/2025-11-admm-plus-12.ics" in output
    assert f"wrote {out.as_posix()}/events/2025-bilateral-dialogue.ics" not in output


def test_a_check_after_an_edit_makes_the_new_vevents_but_joins_no_calendar(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    edit(data)
    rendered: list[str] = []
    joined: list[int] = []
    real_vevent, real_calendar = render_ics.vevent, render_ics.calendar

    def spy(event: object, *args: object) -> bytes:
        rendered.append(getattr(event, "id", "?"))
        return real_vevent(event, *args)  # type: ignore[arg-type]

    def calendar(*args: Any, **kwargs: Any) -> bytes:
        joined.append(len(list(args[5])))  # the VEVENTs given to join
        return real_calendar(*args, **kwargs)

    monkeypatch.setattr(render_ics, "vevent", spy)
    monkeypatch.setattr(render_ics, "calendar", calendar)
    code, output = run("check", "--data", str(data), "--cache", str(cache), "--now", SOON)
    assert code == 0, output
    # what holds the edited event is checked: its VEVENTs made, every calendar's head, nothing joined
    assert sorted(set(rendered)) == ["2025-11-19-adsom-plus", "2025-11-admm-plus-12"]
    assert joined
    assert set(joined) == {0}

    def refuse(event: object, *args: object) -> bytes:
        raise ValueError("cannot be serialised")

    shutil.rmtree(cache)  # a cache that holds only the cancelled revision's VEVENTs
    build(data, out, cache, SOON)
    event = data / EVENT
    event.write_text(event.read_text("utf-8").replace("status: cancelled", "status: planned"), "utf-8")
    monkeypatch.setattr(render_ics, "vevent", refuse)
    result = CliRunner().invoke(main, ["check", "--data", str(data), "--cache", str(cache), "--now", SOON])
    assert isinstance(result.exception, ValueError)  # a VEVENT the cache does not hold is still made


def test_a_check_serialises_only_the_feed_entries_no_check_serialised_before(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    edit(data)
    code, output = run("check", "--data", str(data), "--cache", str(cache), "--now", SOON)
    assert code == 0, output  # every entry of a changed feed serialised once, in a feed of its kind
    event = data / EVENT
    event.write_text(event.read_text("utf-8").replace("status: cancelled", "status: postponed"), "utf-8")
    serialised: dict[str, list[str]] = {"atom": [], "rss": [], "json": []}
    reals = {"atom": render_atom.feed, "rss": render_rss.rss, "json": render_rss.json_feed}

    def spy(kind: str) -> Any:
        def made(meta: Any, items: list[Any]) -> bytes:
            serialised[kind] += [item.event_id for item in items]
            return reals[kind](meta, items)

        return made

    monkeypatch.setattr(render_atom, "feed", spy("atom"))
    monkeypatch.setattr(render_rss, "rss", spy("rss"))
    monkeypatch.setattr(render_rss, "json_feed", spy("json"))
    code, output = run("check", "--data", str(data), "--cache", str(cache), "--now", SOON)
    assert code == 0, output
    # the feeds that show the edited event are checked: only its new entries serialised, in each kind
    for kind, ids in serialised.items():
        assert ids, kind
        assert set(ids) == {"2025-11-admm-plus-12"}, kind

    def refuse(meta: Any, items: list[Any]) -> bytes:
        if items:
            raise ValueError("cannot be serialised")
        return b""

    event.write_text(event.read_text("utf-8").replace("status: postponed", "status: confirmed"), "utf-8")
    monkeypatch.setattr(render_rss, "rss", refuse)
    result = CliRunner().invoke(main, ["check", "--data", str(data), "--cache", str(cache), "--now", SOON])
    assert isinstance(result.exception, ValueError)  # an entry no check serialised is serialised


def test_a_check_makes_the_cards_and_slides_not_kept_but_joins_no_page(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    edit(data)
    made: list[str] = []
    real_card, real_slide = cards.card, render_page.slide_text

    def card(event: Any, *args: Any, **kwargs: Any) -> str:
        made.append(event.id)
        return real_card(event, *args, **kwargs)

    def slide(event: Any, *args: Any) -> str:
        made.append(event.id)
        return real_slide(event, *args)

    def no_join(*args: Any) -> str:
        raise AssertionError("a page joined")

    monkeypatch.setattr(cards, "card", card)
    monkeypatch.setattr(render_page, "slide_text", slide)
    monkeypatch.setattr(fragments.Runs, "join", no_join)
    code, output = run("check", "--data", str(data), "--cache", str(cache), "--now", SOON)
    assert code == 0, output
    # the edited event and the one that refers to it: their cards (each page, each heading) and slides
    assert set(made) == {"2025-11-19-adsom-plus", "2025-11-admm-plus-12"}

    def refuse(event: Any, *args: Any, **kwargs: Any) -> str:
        raise ValueError("cannot be made")

    event = data / EVENT
    event.write_text(event.read_text("utf-8").replace("status: cancelled", "status: postponed"), "utf-8")
    monkeypatch.setattr(cards, "card", refuse)
    result = CliRunner().invoke(main, ["check", "--data", str(data), "--cache", str(cache), "--now", SOON])
    assert isinstance(result.exception, ValueError)  # a card the cache does not hold is still made


def test_a_hand_edited_output_file_is_put_back(work: Path) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    golden = (out / "all.ics").read_bytes()
    (out / "all.ics").write_bytes(b"edited by hand")
    output = build(data, out, cache)
    assert f"wrote {out.as_posix()}/all.ics" in output
    assert (out / "all.ics").read_bytes() == golden


@pytest.mark.parametrize("damage", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_a_damaged_cache_is_ignored_with_a_warning(work: Path, damage: bytes) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    before = tree(out, data)
    (cache / buildcache.FOLDER / buildcache.FILE).write_bytes(damage)
    for suffix in ("-wal", "-shm"):
        (cache / buildcache.FOLDER / (buildcache.FILE + suffix)).unlink(missing_ok=True)
    shutil.rmtree(out)
    out.mkdir()
    output = build(data, out, cache)
    if damage:
        assert "damaged build cache ignored" in output
    assert tree(out, data) == before
    assert "damaged build cache" not in build(data, out, cache)  # started again


def test_a_cache_from_another_version_is_a_cache_of_misses(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    before = tree(out, data)
    buildcache.code_version.cache_clear()
    monkeypatch.setattr(buildcache, "code_version", lambda: "another version")
    rendered: list[str] = []
    real = render_ics.vevent
    monkeypatch.setattr(render_ics, "vevent", lambda e, *a: rendered.append(e.id) or real(e, *a))
    assert "0 written" in build(data, out, cache)
    assert rendered, "a foreign cache was trusted"
    assert tree(out, data) == before


def test_only_the_changed_data_file_is_parsed_again(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline import build as build_module  # noqa: PLC0415

    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    parsed: list[str] = []
    real, real_bytes = build_module.load, build_module.load_bytes

    def spy(path: Path, shown: str) -> object:
        parsed.append(path.relative_to(data).as_posix())
        return real(path, shown)

    def spy_bytes(raw: bytes, path: Path, shown: str) -> object:  # the loader parses the bytes it read
        parsed.append(path.relative_to(data).as_posix())
        return real_bytes(raw, path, shown)

    monkeypatch.setattr(build_module, "load", spy)
    monkeypatch.setattr(build_module, "load_bytes", spy_bytes)
    edit(data)
    build(data, out, cache, "2026-02-01T00:00:00Z")
    assert parsed == [EVENT]


def test_one_changed_event_makes_only_its_own_pages_again(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    made: list[tuple[str, str]] = []
    real = render_page.event

    def spy(ds: object, event: Any, lang: str, *args: Any) -> bytes:
        made.append((event.id, lang))
        return real(ds, event, lang, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(render_page, "event", spy)
    edit(data)
    build(data, out, cache, SOON)
    # the changed event's page in each language, and the page of the one that names it (related:);
    # an hour later the build moment stays where the ledger has it, so no page's day moves
    ids = ["2025-11-19-adsom-plus", "2025-11-admm-plus-12"]
    assert sorted(made) == [(i, lang) for i in ids for lang in ("en", "vi")]
    shutil.rmtree(cache)
    before = tree(out)
    assert "0 written" in build(data, out, cache, SOON)  # and they are what a cold build makes
    assert tree(out) == before


def test_a_ledger_checked_before_is_checked_again_for_an_earlier_moment(work: Path) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache, "2026-03-01T00:00:00Z")  # its ledger checked, and written, as of March
    edit(data)
    build(data, out, cache, "2026-03-02T00:00:00Z")
    code, output = run("check", "--data", str(data), "--cache", str(cache), "--now", "2026-02-01T00:00:00Z")
    assert code == 1
    assert "is after the build moment 2026-02-01T00:00:00Z" in output


def test_a_ledger_the_build_wrote_is_checked_in_full_once_edited(work: Path) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    edit(data)
    build(data, out, cache, SOON)  # its ledger is trusted as written: only parsed by the next check
    lock = data / "timeline.lock"
    lock.write_text(lock.read_text("utf-8").replace('"sequence": 1,', '"sequence": -1,', 1), "utf-8")
    code, output = run("check", "--data", str(data), "--cache", str(cache), "--now", SOON)
    cold = run("check", "--data", str(data), "--cache", str(work / "none"), "--now", SOON)
    assert code == 1
    assert "must be a whole number from 0 to" in output
    assert (code, output) == cold


def test_a_check_after_builds_says_what_a_cold_check_says(work: Path) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    edit(data)
    build(data, out, cache, SOON)
    event = data / EVENT
    event.write_text(event.read_text("utf-8").replace("status: cancelled", "status: held"), "utf-8")
    for now in (SOON, "2026-06-01T00:00:00Z"):
        warm = run("check", "--data", str(data), "--cache", str(cache), "--now", now)
        cold = run("check", "--data", str(data), "--cache", str(work / f"none-{now[:7]}"), "--now", now)
        assert warm == cold


def _no_plan(*_args: Any, **_kwargs: Any) -> None:
    raise AssertionError("plan() ran: the check did not answer from the build's verdict")


def test_a_check_right_after_a_build_answers_from_it_as_a_cold_check_would(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    edit(data)
    build(data, out, cache, SOON)
    cold = run("check", "--data", str(data), "--cache", str(work / "none"), "--now", SOON)
    later = run("check", "--data", str(data), "--cache", str(work / "none2"), "--now", "2026-06-01T00:00:00Z")
    with monkeypatch.context() as patch:
        patch.setattr("timeline.build.plan", _no_plan)
        warm = run("check", "--data", str(data), "--cache", str(cache), "--now", SOON)
    assert warm == cold
    assert cold[0] == 0
    assert "ok: " in cold[1]
    # another day is another check: the build's verdict holds for its day only
    assert run("check", "--data", str(data), "--cache", str(cache), "--now", "2026-06-01T00:00:00Z") == later


def test_a_build_leaves_no_check_verdict_for_a_moment_before_it_nor_for_other_options(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache, SOON)
    calls: list[int] = []
    real = build_module.plan

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("timeline.build.plan", counting)
    run("check", "--data", str(data), "--cache", str(cache), "--now", NOW_ARG)  # an hour before the build
    assert calls == [1]
    other = work / "other"
    shutil.copytree(FIXTURE, other / "data")
    code, output = run("build", "--data", str(other / "data"), "--out", str(other / "feeds"), "--cache",
                       str(other / "cache"), "--now", NOW_ARG, "--imprecise-dates", "span")  # fmt: skip
    assert code == 0, output
    run("check", "--data", str(other / "data"), "--cache", str(other / "cache"), "--now", NOW_ARG)
    assert len(calls) == 3  # the build under another policy rendered other bytes: the check renders its own


@pytest.mark.parametrize("asked", [3, buildcache._SCAN_FROM + 7])
def test_vevents_found_the_same_by_lookup_and_by_reading_the_table_through(tmp_path: Path, asked: int) -> None:
    store = buildcache.BuildCache(tmp_path / "build")
    kept = {f"k{i}": f"BEGIN:VEVENT {i}\r\n".encode() for i in range(0, 2 * asked, 2)}
    store.keep_vevents(kept, set(kept))
    wanted = [f"k{i}" for i in range(asked)]  # every other one kept
    assert store.vevents(wanted) == {k: kept[k] for k in wanted if k in kept}
    store.close()


def test_the_cache_remembers_only_the_newest_runs(tmp_path: Path) -> None:
    """Each build keeps what it found (every published file's name): the table keeps the newest few,
    so that a maintainer's hundreds of builds do not grow the cache by a file list each."""
    store = buildcache.BuildCache(tmp_path / "build")
    until = NOW + timedelta(days=1)
    made = buildcache.RUNS_KEPT + 5
    for i in range(made):
        store.keep_run(f"run{i}", NOW, until, buildcache.Run(i, (), (f"file{i}.ics",)))
    store.keep_run("run3", NOW, until, buildcache.Run(3, (), ("again.ics",)))  # an old key found again is new
    kept = [i for i in range(made) if store.run(f"run{i}", NOW) is not None]
    assert kept == [3, *range(made - buildcache.RUNS_KEPT + 1, made)]
    again = store.run("run3", NOW)
    assert again is not None
    assert again.names == ("again.ics",)
    store.close()


def test_a_check_forgets_the_outputs_it_vouched_for_that_it_no_longer_makes(tmp_path: Path) -> None:
    """What a check rendered is kept by key; keys of outputs that no longer exist (an edit since, or
    another version of the code) are never asked again, so the next check does not read them."""
    store = buildcache.BuildCache(tmp_path / "build")
    store.verified()
    store.also_verified(["entry-a"])
    store.keep_verified(["out-a", "out-b"], ["out-a", "out-b"])
    store.close()
    store = buildcache.BuildCache(tmp_path / "build")
    assert store.verified() == {"out-a", "out-b", "entry-a"}
    store.keep_verified(["out-c"], ["out-a", "out-c"])  # out-b is no longer made
    store.close()
    store = buildcache.BuildCache(tmp_path / "build")
    assert store.verified() == {"out-a", "out-c", "entry-a"}  # (entries stay: the newest are kept)
    store.close()


def test_the_entries_a_check_serialised_are_kept_up_to_a_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buildcache, "ENTRIES_KEPT", 3)
    store = buildcache.BuildCache(tmp_path / "build")
    for i in range(5):
        store.verified()
        store.also_verified([f"entry-{i}"])
        store.keep_verified([], [])
    store.close()
    store = buildcache.BuildCache(tmp_path / "build")
    assert store.verified() == {"entry-2", "entry-3", "entry-4"}
    store.close()


def _vouched(cache: Path) -> set[str]:
    """The outputs (not feed entries) the cache holds as rendered by a check."""
    store = buildcache.BuildCache(cache / "build")
    rows = store._query("SELECT name FROM output WHERE root = ?", (buildcache._CHECKED,))
    store.close()
    return {name for (name,) in rows if not name.startswith(buildcache._ENTRY)}


def test_checks_after_edits_keep_only_what_the_last_made_and_say_what_a_cold_check_says(work: Path) -> None:
    data, out, cache = work / "data", work / "feeds", work / "cache"
    build(data, out, cache)
    event = data / EVENT
    statuses = ["planned", "cancelled", "postponed", "confirmed", "held"]
    for old, new in itertools.pairwise(statuses):
        event.write_text(event.read_text("utf-8").replace(f"status: {old}", f"status: {new}"), "utf-8")
        warm = run("check", "--data", str(data), "--cache", str(cache), "--now", SOON)
        assert warm[0] == 0, warm[1]
        assert warm == run("check", "--data", str(data), "--cache", str(work / f"cold-{new}"), "--now", SOON)
    after = _vouched(cache)
    build(data, out, cache, SOON)
    plain = work / "plain"
    shutil.copytree(data, plain / "data")
    build(plain / "data", plain / "feeds", plain / "cache", SOON)
    assert tree(out) == tree(plain / "feeds")
    # what the checks in between vouched for and the last no longer makes is gone: the cache holds
    # what one check right after the first build holds (the same paths), not a set of keys per edit
    last = event.read_bytes()
    for folder in (data, out, cache):
        shutil.rmtree(folder)
    shutil.copytree(FIXTURE, data)
    build(data, out, cache)
    event.write_bytes(last)
    assert run("check", "--data", str(data), "--cache", str(cache), "--now", SOON)[0] == 0
    assert after
    assert after == _vouched(cache)
