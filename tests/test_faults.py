"""Faults never leave a mess: locks, symlinks, temp files, OSErrors, kills, mass removals."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO
from tests.golden import FIXTURE, NOW
from timeline import writer
from timeline.build import LEDGER_FILE, PENDING_FILE
from timeline.cli import main

NOW_ARG = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")


def _build(data: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "-q", "--data", str(data), "--out", str(out), "--now", NOW_ARG, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (links as their target text), by relative path."""
    out = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[name] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            out[name] = path.read_bytes()
    return out


def fresh(data: Path) -> Path:
    """A copy of the fixture without its ledger: every event is new, so a build must advance it."""
    shutil.copytree(FIXTURE, data, ignore=shutil.ignore_patterns(LEDGER_FILE))
    return data


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return fresh(tmp_path / "data")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], bytes]:
    """The output and ledger of one uninterrupted build of the fixture."""
    work = tmp_path_factory.mktemp("reference")
    fresh(work / "data")
    assert _build(work / "data", work / "feeds")[0] == 0
    return tree(work / "feeds"), (work / "data" / LEDGER_FILE).read_bytes()


def temp_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name == PENDING_FILE]


def test_a_symlink_in_the_output_is_replaced_never_written_through(
    data_copy: Path, tmp_path: Path, reference: tuple[dict[str, bytes], bytes]
) -> None:
    out = tmp_path / "feeds"
    assert _build(data_copy, out)[0] == 0
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "keep.ics").write_bytes(b"theirs")
    (out / "index.html").unlink()
    (out / "index.html").symlink_to("all.ics")  # the page would overwrite the calendar
    shutil.rmtree(out / "events")
    (out / "events").symlink_to(outside)  # a folder on the way that leads outside
    (out / "lang-en.ics").unlink()
    (out / "lang-en.ics").symlink_to(outside / "keep.ics")
    code, output = _build(data_copy, out)
    assert code == 0, output
    assert tree(outside) == {"keep.ics": b"theirs"}
    assert not (out / "index.html").is_symlink()
    assert not (out / "events").is_symlink()
    assert tree(out) == reference[0]


def test_stale_temporary_files_are_cleaned_and_nothing_else(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    assert _build(data_copy, out)[0] == 0
    stale = [
        out / ".all.ics.k2_9xq0a.tmp",
        out / "events" / ".x.ics.abcdefgh.tmp",
        data_copy / ".timeline.lock.zz00zz00.tmp",
    ]
    kept = [out / ".notes.tmp", out / "draft.tmp", data_copy / ".mine.abcdefgh.tmp"]
    for path in stale + kept:
        path.write_bytes(b"partial")
    assert _build(data_copy, out)[0] == 0
    assert [p for p in stale if p.exists()] == []
    assert all(p.read_bytes() == b"partial" for p in kept)


def test_a_temporary_name_already_taken_is_stepped_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "_TEMP_NUMBERS", iter(range(7, 100)))
    taken = tmp_path / f".page.html.{(os.getpid() << 20 | 7) % 16**8:08x}.tmp"
    taken.write_bytes(b"left by a killed build")
    assert writer.write_atomic(tmp_path / "page.html", b"new", tmp_path)
    assert (tmp_path / "page.html").read_bytes() == b"new"
    assert taken.read_bytes() == b"left by a killed build"
    assert writer.clean_temporary(tmp_path) == [taken.name]  # and the next build's clean-up removes it
    assert oct((tmp_path / "page.html").stat().st_mode & 0o777) == oct(0o644)


def test_a_folder_in_the_way_is_one_line_and_the_ledger_does_not_advance(
    data_copy: Path, tmp_path: Path, reference: tuple[dict[str, bytes], bytes]
) -> None:
    out = tmp_path / "feeds"
    (out / "series-admm-plus.ics").mkdir(parents=True)
    (out / writer.MANIFEST).write_bytes(writer.manifest_bytes([]))
    code, output = _build(data_copy, out)
    assert code == 1
    assert output.strip().splitlines() == [
        f"error: {(out / 'series-admm-plus.ics').as_posix()}: a folder is in the way of a file; remove or rename that folder"
    ]
    assert not (data_copy / LEDGER_FILE).exists(), "the committed ledger ran ahead of the published files"
    assert not (out / "index.html").exists(), "the page went up before the calendars it links to"
    (out / "series-admm-plus.ics").rmdir()
    assert _build(data_copy, out)[0] == 0
    assert tree(out) == reference[0]
    assert (data_copy / LEDGER_FILE).read_bytes() == reference[1]
    assert temp_files(out, data_copy) == []


@pytest.mark.parametrize(
    ("code", "cause"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission denied"),
    ],
)
def test_os_errors_are_one_line_naming_the_file(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, cause: str
) -> None:
    real = os.replace
    out = tmp_path / "feeds"

    def failing(src: str, dst: str) -> None:
        if str(dst).endswith("lang-vi.ics"):
            raise OSError(code, os.strerror(code), str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    exit_code, output = _build(data_copy, out)
    assert exit_code == 1
    lines = output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {(out / 'lang-vi.ics').as_posix()}: {cause}")
    assert not (data_copy / LEDGER_FILE).exists()
    assert temp_files(out) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    assert _build(data_copy, out)[0] == 0
    event = data_copy / "events/2025/2025-11-admm-plus-12.yaml"
    event.write_text(event.read_text("utf-8").replace("place: kuala-lumpur", "place: hanoi"), "utf-8")
    ledger = (data_copy / LEDGER_FILE).read_bytes()
    out.chmod(0o555)
    try:
        code, output = _build(data_copy, out)
    finally:
        out.chmod(0o755)
    assert code == 1
    assert "permission denied" in output
    assert len(output.strip().splitlines()) == 1
    assert (data_copy / LEDGER_FILE).read_bytes() == ledger


def test_a_second_build_waits_then_says_another_is_running(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "feeds"
    monkeypatch.setattr(writer, "LOCK_WAIT", 0.2)
    with writer.locked(out):
        code, output = _build(data_copy, out)
    assert code == 1
    assert (
        output.strip()
        == f"error: another build is running in {out.as_posix()} (waited 0.2 s); try again when it has finished"
    )
    assert _build(data_copy, out)[0] == 0


def _spawn(data: Path, out: Path) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "timeline", "build", "-q", "--data", str(data), "--out", str(out), "--now", NOW_ARG]
    return subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_builds_at_once_never_crash(tmp_path: Path, reference: tuple[dict[str, bytes], bytes]) -> None:
    for trial in range(3):
        data, out = tmp_path / f"data{trial}", tmp_path / f"feeds{trial}"
        fresh(data)
        first, second = _spawn(data, out), _spawn(data, out)
        for proc in (first, second):
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()
            assert b"Traceback" not in err
        assert tree(out) == reference[0]
        assert (data / LEDGER_FILE).read_bytes() == reference[1]


def test_a_build_killed_at_any_moment_is_finished_by_the_next(
    tmp_path: Path, reference: tuple[dict[str, bytes], bytes]
) -> None:
    """SIGKILL at random moments: 0 torn files, 0 temp files after the next build, same bytes."""
    data, out = tmp_path / "data", tmp_path / "feeds"
    fresh(data)
    start = time.monotonic()
    assert _spawn(data, out).wait(timeout=120) == 0
    duration = time.monotonic() - start
    rng = random.Random(13)  # noqa: S311 - reproducible kill moments, not secrets
    for trial in range(6):
        shutil.rmtree(data)
        shutil.rmtree(out)
        fresh(data)
        if trial % 2:  # half the trials kill a rebuild over published output, with a fresh ledger
            assert _spawn(data, out).wait(timeout=120) == 0
            (data / LEDGER_FILE).unlink()
        proc = _spawn(data, out)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=120)
        for name, body in tree(out).items():  # whatever is in place is whole
            if not name.endswith(".tmp") and name in reference[0]:
                assert body == reference[0][name], f"trial {trial}: {name} is torn"
        assert _spawn(data, out).wait(timeout=120) == 0
        assert tree(out) == reference[0], f"trial {trial}"
        assert (data / LEDGER_FILE).read_bytes() == reference[1], f"trial {trial}"
        assert temp_files(out, data) == [], f"trial {trial}"


def test_removing_most_events_needs_allow_mass_removal(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    assert _build(data_copy, out)[0] == 0
    before = tree(out), (data_copy / LEDGER_FILE).read_bytes()
    events = sorted((data_copy / "events").rglob("*.yaml"))
    for path in events[:3]:
        path.unlink()
    code, output = _build(data_copy, out)
    assert code == 1
    assert "would remove 3 of the 4 published events" in output
    assert "--allow-mass-removal" in output
    assert (tree(out), (data_copy / LEDGER_FILE).read_bytes()) == before
    code, output = _build(data_copy, out, "--allow-mass-removal")
    assert code == 0, output
    assert (tree(out), (data_copy / LEDGER_FILE).read_bytes()) != before


def test_pages_go_up_after_what_they_link_to() -> None:
    names = ["index.html", "all.ics", "events/a.ics", "all.atom.xml", "series-x.ics", "events/b.ics"]
    assert writer.order(names) == [
        "events/a.ics",
        "events/b.ics",
        "all.atom.xml",
        "all.ics",
        "series-x.ics",
        "index.html",
    ]
