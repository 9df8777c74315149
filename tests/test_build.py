"""`timeline build`: golden output, determinism, atomic and minimal writes, --check."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO
from tests.golden import NOW, golden_files, render_fixture
from timeline.cli import main
from timeline.errors import OutputError
from timeline.writer import MANIFEST, write

NOW_ARG = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_fixture_builds_to_the_golden_files(tmp_path: Path) -> None:
    """If this fails after an intended change, run `python3 dev.py golden` and review the diff."""
    built = render_fixture(tmp_path)
    golden = golden_files()
    assert sorted(built) == sorted(golden)
    for name, data in built.items():
        assert data == golden[name], f"{name} differs from tests/golden/{name}; regenerate with `python3 dev.py golden`"


def _build(data: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out), *extra])
    return result.exit_code, result.output + result.stderr


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


def test_second_build_writes_nothing(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    code, output = _build(data_copy, out, "--now", NOW_ARG)
    assert code == 0, output
    assert "67 written, 0 unchanged, 0 removed" in output
    before = snapshot(out)
    ledger = (data_copy / "timeline.lock").stat().st_mtime_ns
    code, output = _build(data_copy, out, "--now", "2026-01-09T00:00:00Z")  # a later clock changes nothing
    assert code == 0, output
    assert "0 written" in output
    assert snapshot(out) == before
    assert (data_copy / "timeline.lock").stat().st_mtime_ns == ledger


def test_check_flags_stale_output(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    assert _build(data_copy, out, "--now", NOW_ARG)[0] == 0
    code, output = _build(data_copy, out, "--check", "--now", NOW_ARG)
    assert code == 0, output
    assert output.startswith("up to date: 67 files from 4 events")
    event = data_copy / "events/2025/2025-11-admm-plus-12.yaml"
    event.write_text(event.read_text("utf-8").replace("place: kuala-lumpur", "place: hanoi"), "utf-8")
    before = snapshot(out)
    code, output = _build(data_copy, out, "--check", "--now", "2026-03-01T00:00:00Z")
    assert code == 1
    assert f"stale: {data_copy.as_posix()}/timeline.lock" in output
    assert f"stale: {out.as_posix()}/all.ics" in output
    assert "run `timeline build`" in output
    assert snapshot(out) == before, "--check must not write"
    (out / "all.ics").unlink()
    (out / "old.ics").write_bytes(b"x")  # not the build's: never reported, never removed
    manifest = out / MANIFEST
    manifest.write_text(manifest.read_text("utf-8") + "series-gone.ics\n", "utf-8")
    (out / "series-gone.ics").write_bytes(b"x")  # recorded by an earlier build
    code, output = _build(data_copy, out, "--check", "--now", "2026-03-01T00:00:00Z")
    assert code == 1
    assert "series-gone.ics (no longer generated)" in output
    assert "old.ics" not in output


def test_only_files_the_build_recorded_are_removed(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    assert _build(data_copy, out, "--now", NOW_ARG)[0] == 0
    manifest = out / MANIFEST
    assert "all.ics\n" in manifest.read_text("utf-8")
    manifest.write_text(manifest.read_text("utf-8") + "series-gone.ics\n../outside.ics\n", "utf-8")
    (out / "series-gone.ics").write_bytes(b"old")
    decoys = [out / "README.md", out / "notes.ics", out / "sub" / "mine.html", tmp_path / "outside.ics"]
    for decoy in decoys:
        decoy.parent.mkdir(parents=True, exist_ok=True)
        decoy.write_text("kept")
    code, output = _build(data_copy, out, "--now", NOW_ARG)
    assert code == 0, output
    assert not (out / "series-gone.ics").exists()
    assert "removed" in output
    for decoy in decoys:
        assert decoy.read_text() == "kept", decoy
    assert "series-gone.ics" not in manifest.read_text("utf-8")


def test_a_foreign_folder_is_refused_and_untouched(data_copy: Path, tmp_path: Path) -> None:
    """`--out` at a folder timeline did not write: refused, unless adopted; decoys survive either way."""
    out = tmp_path / "site"
    (out / "deep").mkdir(parents=True)
    decoys = {out / "index.html": "theirs", out / "deep" / "x.ics": "theirs", out / "a.json": "theirs"}
    for path, body in decoys.items():
        path.write_text(body)
    code, output = _build(data_copy, out, "--now", NOW_ARG)
    assert code == 2
    assert "no .timeline-manifest" in output
    assert "--adopt" in output
    assert sorted(p.name for p in out.rglob("*")) == ["a.json", "deep", "index.html", "x.ics"]
    code, output = _build(data_copy, out, "--now", NOW_ARG, "--adopt")
    assert code == 0, output
    assert (out / "deep" / "x.ics").read_text() == "theirs"
    assert (out / "a.json").read_text() == "theirs"
    assert (out / "all.ics").is_file()
    # index.html is a file the build generates, so adopting the folder overwrote it
    assert (out / "index.html").read_text() != "theirs"
    code, output = _build(data_copy, out, "--now", NOW_ARG)
    assert code == 0, output
    assert (out / "deep" / "x.ics").read_text() == "theirs"


@pytest.mark.parametrize("where", ["root", "home", "parent-of-data", "project", "data-inside"])
def test_folders_that_cannot_be_output_are_refused(
    data_copy: Path, tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[project]\n")
    out = {
        "root": Path("/"),
        "home": tmp_path / "home",
        "parent-of-data": tmp_path,
        "project": project,
        "data-inside": data_copy / "events",
    }[where]
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    for extra in ((), ("--check",), ("--adopt",)):
        code, output = _build(data_copy, out, "--now", NOW_ARG, *extra)
        assert code == 2, output
        assert "refusing to publish into" in output
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    "env",
    [
        {"TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"},
        {"TZ": "America/Los_Angeles", "LC_ALL": "vi_VN.UTF-8", "LANG": "vi_VN.UTF-8", "PYTHONHASHSEED": "4242"},
    ],
    ids=["kiritimati-hash1", "los-angeles-vi-hash4242"],
)
def test_output_does_not_depend_on_tz_locale_or_hash_seed(tmp_path: Path, env: dict[str, str]) -> None:
    expected = render_fixture(tmp_path / "reference")
    work = tmp_path / "other"
    work.mkdir()
    script = "import sys; from pathlib import Path; from tests.golden import render_fixture; " \
             "files = render_fixture(Path(sys.argv[1])); " \
             "[Path(sys.argv[2], n.replace('/', '__')).write_bytes(d) for n, d in files.items()]"  # fmt: skip
    dump = tmp_path / "dump"
    dump.mkdir()
    subprocess.run(
        [sys.executable, "-c", script, str(work), str(dump)], cwd=REPO, env={**os.environ, **env}, check=True
    )
    got = {p.name.replace("__", "/"): p.read_bytes() for p in dump.iterdir()}
    assert got == expected


def test_writer_refuses_paths_outside_its_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="outside"):
        write(tmp_path / "feeds", {"../escape.ics": b"x"})
    assert not (tmp_path / "escape.ics").exists()


def test_bad_now_is_a_usage_error(data_copy: Path, tmp_path: Path) -> None:
    code, output = _build(data_copy, tmp_path / "feeds", "--now", "yesterday")
    assert code == 2
    assert "'yesterday' is not an ISO 8601 time" in output
    code, output = _build(data_copy, tmp_path / "feeds", "--now", "2026-01-01T00:00:00")
    assert code == 2
    assert "no time zone" in output


def test_source_date_epoch_fixes_the_clock(data_copy: Path, tmp_path: Path) -> None:
    result = CliRunner(env={"SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))}).invoke(
        main, ["build", "-q", "--data", str(data_copy), "--out", str(tmp_path / "feeds")]
    )
    assert result.exit_code == 0, result.output
    golden = golden_files()
    built = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (tmp_path / "feeds").rglob("*.*")}
    assert built == {name: data for name, data in golden.items() if name.startswith("feeds/")}


def test_every_command_has_help() -> None:
    runner = CliRunner()
    top = runner.invoke(main, ["--help"])
    assert top.exit_code == 0
    for name, command in main.commands.items():
        assert name in top.output
        assert command.help, f"{name} has no help"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert "--data" in result.output


def test_python_dash_m_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "--version"], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("timeline, version ")


def test_check_gives_the_same_answer_years_later(data_copy: Path, tmp_path: Path) -> None:
    """--check renders as of the build moment the ledger records, whatever the clock says."""
    out = tmp_path / "feeds"
    assert _build(data_copy, out, "--now", NOW_ARG)[0] == 0
    assert '"as_of": "2026-01-02T03:04:05Z"' in (data_copy / "timeline.lock").read_text("utf-8")
    years_later = str(int(NOW.timestamp()) + 5 * 365 * 86400)
    for env in ({"SOURCE_DATE_EPOCH": years_later}, {}):  # a moved clock, and the real one
        result = CliRunner(env=env).invoke(main, ["build", "--check", "--data", str(data_copy), "--out", str(out)])
        assert result.exit_code == 0, result.output + result.stderr
    # An explicit --now moves the moment on: a tombstone expires, the output is stale.
    code, output = _build(data_copy, out, "--check", "--now", "2031-01-01T00:00:00Z")
    assert code == 1
    assert "stale: " in output


def test_a_year_after_the_last_event_every_url_still_answers(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    assert _build(data_copy, out, "--now", NOW_ARG)[0] == 0
    before = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    code, output = _build(data_copy, out, "--now", "2027-01-02T00:00:00Z")
    assert code == 0, output
    after = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    # Only the per-event calendars of events removed long ago go (an "add to calendar" file).
    assert {name for name in before - after if not name.startswith("events/")} == set()
    assert {"upcoming.ics", "upcoming.atom.xml", "upcoming.rss", "upcoming.json"} <= after
    assert b"BEGIN:VEVENT" in (out / "upcoming.ics").read_bytes()
    lock = (data_copy / "timeline.lock").read_text("utf-8")
    assert '"as_of": "2027-01-02T00:00:00Z"' in lock
    later = CliRunner(env={"SOURCE_DATE_EPOCH": "1900000000"})  # 2030
    result = later.invoke(main, ["build", "--check", "--data", str(data_copy), "--out", str(out)])
    assert result.exit_code == 0, result.output + result.stderr


def test_plan_pauses_the_cyclic_collector_and_gives_it_back(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading makes no reference cycles: the collector's passes over it are paused, not lost."""
    from timeline import build  # noqa: PLC0415

    seen: list[bool] = []
    real = build.normalise

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "normalise", watched)
    assert gc.isenabled()
    try:
        build.plan(data_copy, NOW)
        assert seen == [False]
        assert gc.isenabled()
        gc.disable()  # a caller that paused it itself keeps it paused
        build.plan(data_copy, NOW)
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
