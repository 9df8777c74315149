"""The inbox, `timeline review` and `timeline update`, end to end against a local server."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner, Result

from tests.golden import FIXTURE
from tests.webserver import WEB, Route, Site, serve
from timeline.cli import main
from timeline.normalise import normalise

FAST = ["--timeout", "0.5", "--retries", "1", "--backoff", "0", "--delay", "0"]
NOW = ["--now", "2026-01-15T00:00:00Z"]


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve()


def _watch(data: Path, site: Site, entries: list[tuple[str, str]]) -> None:
    lines = ["watch:\n"]
    for path, kind in entries:
        lines += [
            f"  - url: {site.url(path)}\n",
            f"    kind: {kind}\n",
            "    lang: en\n",
            "    publisher: Fixture Wire\n",
        ]
    (data / "watch.yaml").write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def world(tmp_path: Path, site: Site) -> tuple[Path, Path, Site]:
    """A copy of the fixture data watching a local feed, a sitemap and one page."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    site.page("/feed.xml", "feed.xml", content_type="application/rss+xml", etag='"feed-1"')
    site.page(
        "/sitemap.xml", "sitemap.xml", content_type="application/xml", last_modified="Sat, 10 Jan 2026 00:00:00 GMT"
    )
    for name in ("admm-plus-12-bernama.html", "admm-plus-12-daily.html", "adsom-plus-2026.html"):
        site.page(f"/news/{name}", name, etag=f'"{name}"')
    _watch(data, site, [("/feed.xml", "feed"), ("/sitemap.xml", "sitemap")])
    return data, tmp_path / "cache", site


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def fetch(data: Path, cache: Path) -> Result:
    return run("fetch", "--data", str(data), "--cache", str(cache), *FAST)


def listed(data: Path, cache: Path) -> list[dict[str, object]]:
    result = run("review", "--list", "--format", "json", "--data", str(data), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert isinstance(out, list)
    return out


def test_fetch_twice_review_accept_check_build(world: tuple[Path, Path, Site], tmp_path: Path) -> None:
    data, cache, site = world
    first = fetch(data, cache)
    assert first.exit_code == 0, first.output
    assert "3 new articles" in first.output
    assert "0 errors" in first.output
    second = fetch(data, cache)
    assert second.exit_code == 0, second.output
    assert "0 new articles" in second.output
    assert "0 downloaded" in second.output
    assert site.served("/feed.xml") == [200, 304]
    assert site.served("/sitemap.xml") == [200, 304]
    assert site.served("/news/admm-plus-12-daily.html") == [200]  # listed by both, fetched once, never again

    found = listed(data, cache)
    for p in found:
        assert {"id", "action", "target", "series", "start", "end", "city", "country", "status", "sources"} <= p.keys()
    by_series = {p["series"]: p for p in found}
    admm = by_series["admm-plus"]
    assert (admm["action"], admm["target"], admm["start"], admm["status"], admm["city"]) == (
        "update", "2025-11-admm-plus-12", "2025-11-01", "held", "Kuala Lumpur",
    )  # fmt: skip
    assert len(admm["sources"]) == 2  # two outlets, one candidate
    assert admm["changes"]["date"] == {"from": "2025-11", "to": "2025-11-01"}
    assert admm["changes"]["status"] == {"from": "planned", "to": "held"}
    adsom = by_series["adsom-plus"]
    assert (adsom["action"], adsom["target"], adsom["start"], adsom["city"]) == ("create", None, "2026-03-15", "Hanoi")

    accepted = run("review", "--accept", str(adsom["id"]), "--data", str(data), "--cache", str(cache))
    assert accepted.exit_code == 0, accepted.output
    assert run("check", "--data", str(data)).exit_code == 0
    out = tmp_path / "feeds"
    built = run("build", "--data", str(data), "--out", str(out), *NOW)
    assert built.exit_code == 0, built.output
    calendar = vobject.readOne((out / "all.ics").read_text("utf-8"))
    starts = {str(v.dtstart.value) for v in calendar.vevent_list if "adsom-plus" in v.uid.value}
    assert "2026-03-15" in starts
    assert [p["id"] for p in listed(data, cache)] == [admm["id"]]  # accepted: no longer proposed


def test_accept_update_keeps_other_lines_byte_identical(world: tuple[Path, Path, Site]) -> None:
    data, cache, _site = world
    path = data / "events" / "2025" / "2025-11-admm-plus-12.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            "host: MY\n", "host: MY\nnote:\n  en: >-\n    Planned for November; no day\n    is given yet.\n"
        ),
        encoding="utf-8",
    )
    before = path.read_text("utf-8").splitlines()
    assert fetch(data, cache).exit_code == 0
    admm = next(p for p in listed(data, cache) if p["series"] == "admm-plus")
    assert any("note" in flag for flag in admm["flags"])  # the note says "no day": the reviewer must see it
    result = run("review", "--accept", str(admm["id"]), "--data", str(data), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    assert "may contradict" in result.output
    after = path.read_text("utf-8").splitlines()
    changed = {b for b in before if b not in after}
    assert changed == {'when: "2025-11"', "status: planned"}
    assert after[: len(before)][:3] == before[:3]
    assert [line for line in after if line in before] == [line for line in before if line not in changed]
    ds = normalise(data)
    event = next(e for e in ds.events if e.id == "2025-11-admm-plus-12")
    assert (event.when.edtf, event.status.value, len(event.sources)) == ("2025-11-01", "held", 3)
    assert {c.source.publisher for c in event.sources} >= {"Bernama", "The Fixture Daily"}
    assert all(not c.source.title.endswith("…") for c in event.sources)
    assert "review:" in path.read_text("utf-8")
    assert "note" in path.read_text("utf-8")


def test_review_text_never_reaches_the_output(world: tuple[Path, Path, Site], tmp_path: Path) -> None:
    data, cache, _site = world
    assert fetch(data, cache).exit_code == 0
    ids = [str(p["id"]) for p in listed(data, cache)]
    assert run("review", "--accept", *ids, "--data", str(data), "--cache", str(cache)).exit_code == 0
    out = tmp_path / "feeds"
    assert run("build", "--data", str(data), "--out", str(out), *NOW).exit_code == 0
    for published in out.rglob("*"):
        if published.is_file():
            text = published.read_text("utf-8")
            assert "confidence" not in text, published
            assert "timeline review" not in text, published


def test_rejected_is_never_proposed_again(world: tuple[Path, Path, Site]) -> None:
    data, cache, _site = world
    assert fetch(data, cache).exit_code == 0
    found = listed(data, cache)
    target = str(found[0]["id"])
    before = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    result = run("review", "--reject", target, "--data", str(data), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    assert target not in [p["id"] for p in listed(data, cache)]
    assert fetch(data, cache).exit_code == 0
    assert target not in [p["id"] for p in listed(data, cache)]
    assert {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_unknown_id_and_bad_usage(world: tuple[Path, Path, Site]) -> None:
    data, cache, _site = world
    result = run("review", "--accept", "nope", "--data", str(data), "--cache", str(cache))
    assert result.exit_code == 1
    assert "no candidate 'nope' in the inbox" in result.output
    assert run("review", "--accept", "--data", str(data)).exit_code == 2
    assert run("review", "abc", "--data", str(data)).exit_code == 2


def test_errors_name_the_url_and_do_not_stop_the_others(world: tuple[Path, Path, Site]) -> None:
    data, cache, site = world
    site.routes["/gone"] = Route(status=410)
    site.routes["/broken"] = Route(statuses=[500, 500, 500])
    _watch(data, site, [("/gone", "page"), ("/missing.xml", "feed"), ("/broken", "page"), ("/feed.xml", "feed")])
    result = fetch(data, cache)
    assert result.exit_code == 0
    assert f"error: {site.url('/gone')}: HTTP 410 Gone" in result.output
    assert f"error: {site.url('/missing.xml')}: HTTP 404 Not Found" in result.output
    assert f"error: {site.url('/broken')}: HTTP 500 Internal Server Error (2 attempts)" in result.output
    assert "2 new articles" in result.output
    assert "3 errors" in result.output


def test_watch_list_is_checked(data_copy: Path) -> None:
    (data_copy / "watch.yaml").write_text(
        'watch:\n  - url: "https://x.example/feed\\r\\nX: y"\n    kind: rss\n    lang: English\n  - kind: page\n',
        encoding="utf-8",
    )
    result = run("check", "--data", str(data_copy))
    assert result.exit_code == 1
    shown = f"{data_copy.as_posix()}/watch.yaml"
    assert f"{shown}:2: watch.0.url: 'https://x.example/feed\\r\\nX: y' contains white space" in result.output
    assert f"{shown}:3: watch.0.kind: 'rss' is not one of feed, sitemap, page" in result.output
    assert f"{shown}:4: watch.0.lang: 'English' is not a language code" in result.output
    assert f"{shown}:5: watch.1.url: required field is missing" in result.output


def test_update_auto_accepts_only_agreed_upgrades(world: tuple[Path, Path, Site], tmp_path: Path) -> None:
    data, cache, _site = world
    out = tmp_path / "feeds"
    args = [
        "update",
        "--data",
        str(data),
        "--cache",
        str(cache),
        "--out",
        str(out),
        "--auto-accept",
        "upgrades",
        *FAST,
        *NOW,
    ]
    result = run(*args)
    assert result.exit_code == 0, result.output
    ds = normalise(data)
    event = next(e for e in ds.events if e.id == "2025-11-admm-plus-12")
    assert (event.when.edtf, event.status.value) == ("2025-11-01", "held")  # two outlets agree: upgraded
    assert not [e for e in ds.events if e.series.key == "adsom-plus" and e.when.first_day.year == 2026]  # new: waits
    assert "inbox: 1 proposal for `timeline review`" in result.output
    assert (out / "all.ics").is_file()


def test_interactive_review_shows_evidence_rejects_and_edits(world: tuple[Path, Path, Site]) -> None:
    data, cache, _site = world
    assert fetch(data, cache).exit_code == 0
    editor = "sed -i -e 's/^status: .*/status: confirmed/'"  # the reviewer's edit, in $EDITOR
    result = CliRunner().invoke(
        main,
        ["review", "--data", str(data), "--cache", str(cache)],
        input="r\ne\n",
        env={"EDITOR": editor, "VISUAL": editor},
    )
    assert result.exit_code == 0, result.output
    assert "“KUALA LUMPUR (Bernama) - The 12th ADMM-Plus was held on 1 November 2025" in result.output
    assert "date: 2025-11 → 2025-11-01" in result.output
    assert "inbox: 0 proposals left" in result.output
    ds = normalise(data)
    created = [e for e in ds.events if e.series.key == "adsom-plus" and e.when.edtf == "2026-03-15"]
    assert [e.status.value for e in created] == ["confirmed"]  # as edited
    admm = next(e for e in ds.events if e.id == "2025-11-admm-plus-12")
    assert admm.status.value == "planned"  # rejected: unchanged
    assert listed(data, cache) == []


def test_one_agency_story_in_two_papers_is_one_source(world: tuple[Path, Path, Site], tmp_path: Path) -> None:
    data, cache, site = world
    story = (WEB / "admm-plus-12-bernama.html").read_text("utf-8")
    reprint = story.replace("<head>", '<head>\n<meta property="og:site_name" content="Fixture Mail">')
    site.routes["/mail/admm.html"] = Route(reprint.encode())
    site.page("/news/admm-plus-12-bernama.html", "admm-plus-12-bernama.html")
    _watch(data, site, [("/news/admm-plus-12-bernama.html", "page"), ("/mail/admm.html", "page")])
    out = tmp_path / "feeds"
    args = ["update", "--data", str(data), "--cache", str(cache), "--out", str(out), "--auto-accept", "upgrades"]
    result = run(*args, *FAST, *NOW)
    assert result.exit_code == 0, result.output
    [admm] = listed(data, cache)
    assert len(admm["sources"]) == 2
    assert {e["publisher"] for e in admm["evidence"]} == {"Bernama", "Fixture Mail"}
    event = next(e for e in normalise(data).events if e.id == "2025-11-admm-plus-12")
    assert event.status.value == "planned"  # both print Bernama's story: one reporter, not two; left for review


def test_a_failing_sitemap_of_an_index_does_not_hide_the_others(world: tuple[Path, Path, Site]) -> None:
    data, cache, site = world
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>/gone.xml</loc></sitemap><sitemap><loc>/sitemap.xml</loc></sitemap></sitemapindex>"
    )
    site.routes["/index.xml"] = Route(index.encode(), content_type="application/xml")
    _watch(data, site, [("/index.xml", "sitemap")])
    result = fetch(data, cache)
    assert result.exit_code == 0
    assert f"error: {site.url('/gone.xml')}: HTTP 404 Not Found" in result.output
    assert "2 new articles" in result.output
