"""Validated events are reused per file; checks across files are made again on every build, and
a problem that involves a reused event is reported exactly as without the cache."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.golden import FIXTURE, NOW
from tests.test_buildcache import EVENT, build, edit, run
from timeline import normalise

NOW_ARG = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
EVENTS = "events/2025"


def check(data: Path, cache: Path) -> tuple[int, str]:
    return run("check", "--data", str(data), "--cache", str(cache), "--now", NOW_ARG)


def spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    validated: list[str] = []
    real = normalise.read_event

    def read_event(r: normalise.Reader, ds: normalise.Tables) -> object:
        validated.append(str(r.mapping.get("id")))
        return real(r, ds)

    monkeypatch.setattr(normalise, "read_event", read_event)
    return validated


def test_only_the_changed_file_is_validated_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out, cache = tmp_path / "data", tmp_path / "feeds", tmp_path / "cache"
    shutil.copytree(FIXTURE, data)
    build(data, out, cache)
    validated = spy(monkeypatch)
    edit(data)
    build(data, out, cache, "2026-02-01T00:00:00Z")
    assert validated == ["2025-11-admm-plus-12"]


def test_a_changed_place_validates_the_events_there_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out, cache = tmp_path / "data", tmp_path / "feeds", tmp_path / "cache"
    shutil.copytree(FIXTURE, data)
    build(data, out, cache)
    validated = spy(monkeypatch)
    places = data / "places.yaml"
    places.write_text(places.read_text("utf-8").replace("en: Kuala Lumpur", "en: KL", 1), "utf-8")
    build(data, out, cache, "2026-02-01T00:00:00Z")
    at_kl = sorted(p.stem for p in (data / EVENTS).glob("*.yaml") if "place: kuala-lumpur" in p.read_text("utf-8"))
    assert at_kl
    assert sorted(validated) == at_kl


def _copy_as_duplicate(data: Path) -> None:
    text = (data / EVENT).read_text("utf-8").replace("id: 2025-11-admm-plus-12", "id: 2025-11-admm-plus-12b")
    (data / EVENTS / "2025-11-admm-plus-12b.yaml").write_text(text, "utf-8")


def _cycle(data: Path) -> None:
    path = data / EVENTS / "2025-11-19-adsom-plus.yaml"
    path.write_text(
        path.read_text("utf-8").replace("related:", "part_of: 2025-11-20-bilateral-vn-my\nrelated:"), "utf-8"
    )


def _dangling(data: Path) -> None:
    (data / EVENTS / "2025-11-19-adsom-plus.yaml").unlink()  # the bilateral meeting is part_of it


def _same_id(data: Path) -> None:
    (data / "events/2024").mkdir()
    shutil.copy(data / EVENT, data / "events/2024/2025-11-admm-plus-12.yaml")


@pytest.mark.parametrize("damage", [_copy_as_duplicate, _cycle, _dangling, _same_id])
def test_problems_across_files_are_reported_as_without_the_cache(
    tmp_path: Path, damage: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    for side in (warm, cold):
        shutil.copytree(FIXTURE, side / "data")
    build(warm / "data", warm / "feeds", warm / "cache")
    assert check(warm / "data", warm / "cache")[0] == 0
    damage(warm / "data")
    damage(cold / "data")
    passes: list[bool] = []
    real = normalise._normalise
    monkeypatch.setattr(normalise, "_normalise", lambda n: passes.append(n.memo is not None) or real(n))
    found = check(warm / "data", warm / "cache")
    assert passes == [True, False]  # the cached events were involved: validated again from the files
    assert found[0] == 1
    assert found[1].replace(str(warm), "") == check(cold / "data", cold / "cache")[1].replace(str(cold), "")


def test_every_fixture_event_round_trips() -> None:
    from timeline import normalise_cache  # noqa: PLC0415

    ds = normalise.normalise(FIXTURE)
    tables = {"series": ds.series, "place": ds.places, "country": ds.countries, "source": ds.sources}
    for event in ds.events:
        back = normalise_cache._decode(normalise_cache._encode(event), tables)  # type: ignore[arg-type]
        assert back == event
        assert back.series is ds.series[event.series.key]  # the tables' own objects, not copies


def _sources_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = normalise.read_source

    def read_source(r: normalise.Reader, path: Path, *args: object) -> object:
        read.append(path.stem)
        return real(r, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(normalise, "read_source", read_source)
    return read


def test_an_unchanged_source_is_not_validated_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out, cache = tmp_path / "data", tmp_path / "feeds", tmp_path / "cache"
    shutil.copytree(FIXTURE, data)
    build(data, out, cache)
    read = _sources_read(monkeypatch)
    edit(data)
    build(data, out, cache, "2026-02-01T00:00:00Z")
    assert read == []
    sources = {k: (v, v.text, v.origin) for k, v in normalise.normalise(data).sources.items()}
    assert sources
    assert all(text for _, text, _ in sources.values())
    read.clear()  # (that was without the cache)
    from timeline import buildcache  # noqa: PLC0415

    store = buildcache.BuildCache(cache / buildcache.FOLDER)
    found = buildcache.Inputs(data, cache, store).found
    memo = normalise.EventMemo(store, found, data, buildcache.code_version())
    warm = normalise.normalise(data, str(data), cache, buildcache.Loads(store, normalise.load), memo)
    store.close()
    assert read == []
    assert {k: (v, v.text, v.origin) for k, v in warm.sources.items()} == sources


def _quote_gone(data: Path) -> None:
    text = data / "sources/fixture-article.txt"
    text.write_text(text.read_text("utf-8").replace("lần thứ 12", "lần thứ mười hai"), "utf-8")


def _cached_text(data: Path) -> None:
    """A source known by its URL only, then its text fetched into the cache: its quotes are checked."""
    (data / "sources/by-url.yaml").write_text(
        "id: by-url\ntitle: By URL\npublisher: Elsewhere\nlanguage: en\nurl: https://elsewhere.example.org/a\n", "utf-8"
    )
    event = data / EVENT
    event.write_text(
        event.read_text("utf-8") + '  - source: by-url\n    quote: "The 12th ADMM-Plus will meet in November."\n',
        "utf-8",
    )


@pytest.mark.parametrize("change", [_quote_gone, _cached_text])
def test_a_source_whose_text_changed_says_what_it_says_without_the_cache(
    tmp_path: Path, change: Callable[[Path], None]
) -> None:
    from timeline.cache import article_paths  # noqa: PLC0415

    warm, cold = tmp_path / "warm", tmp_path / "cold"
    for side in (warm, cold):
        shutil.copytree(FIXTURE, side / "data")
        if change is _cached_text:
            change(side / "data")
    build(warm / "data", warm / "feeds", warm / "cache")
    assert check(warm / "data", warm / "cache")[0] == 0
    if change is _cached_text:
        for side in (warm, cold):
            cached = article_paths(side / "cache", "https://elsewhere.example.org/a")[0]
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text("An article that says nothing of the kind.", "utf-8")
    else:
        change(warm / "data")
        change(cold / "data")
    found = check(warm / "data", warm / "cache")
    assert found[0] == 1
    assert found[1].replace(str(warm), "") == check(cold / "data", cold / "cache")[1].replace(str(cold), "")


def test_events_are_kept_a_batch_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build writes its validated events as it goes (not all held until the cache closes),
    and the next build reuses every one of them."""
    from timeline import buildcache, normalise_cache  # noqa: PLC0415

    data, out, cache = tmp_path / "data", tmp_path / "feeds", tmp_path / "cache"
    shutil.copytree(FIXTURE, data)
    monkeypatch.setattr(normalise_cache, "BATCH", 2)
    batches: list[int] = []
    real = buildcache.BuildCache.add_events

    def add_events(self: buildcache.BuildCache, items: dict[str, bytes]) -> None:
        batches.append(len(items))
        real(self, items)

    monkeypatch.setattr(buildcache.BuildCache, "add_events", add_events)
    build(data, out, cache)
    assert len(batches) >= 2
    assert set(batches) == {2}
    validated = spy(monkeypatch)
    edit(data)
    build(data, out, cache, "2026-02-01T00:00:00Z")
    assert validated == ["2025-11-admm-plus-12"]
