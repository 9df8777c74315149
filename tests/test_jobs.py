"""`timeline build --jobs N`: the pages written by N processes are the same files as by one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.golden import FIXTURE, NOW
from timeline import jobs
from timeline.cli import main

NOW_ARG = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")


def _build(data: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out), "--now", NOW_ARG, *extra])
    return result.exit_code, result.output + result.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def every_page_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture has a few dozen pages: let each worker take as few as one."""
    monkeypatch.setattr(jobs, "PER_WORKER", 1)


def test_any_number_of_jobs_gives_the_same_bytes(tmp_path: Path, every_page_forked: None) -> None:
    trees, ledgers = [], []
    for n in (1, 3):
        data = tmp_path / f"data-{n}"
        shutil.copytree(FIXTURE, data)
        code, output = _build(data, tmp_path / f"out-{n}", "--jobs", str(n), "--cache", str(tmp_path / f"cache-{n}"))
        assert code == 0, output
        assert "0 unchanged, 0 removed" in output
        trees.append(_tree(tmp_path / f"out-{n}"))
        ledgers.append((data / "timeline.lock").read_bytes())
    assert any(name.endswith(".html") for name in trees[0])
    assert trees[0] == trees[1]
    assert ledgers[0] == ledgers[1]


def test_a_fault_in_a_worker_names_the_file(tmp_path: Path, every_page_forked: None) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(FIXTURE, data)
    code, output = _build(data, out, "--jobs", "2", "--cache", str(tmp_path / "cache"))
    assert code == 0, output
    page = next(p for p in sorted((out / "events").glob("*.html")))
    page.unlink()
    page.mkdir()  # a folder in the way of a page the workers write
    code, output = _build(data, out, "--jobs", "2", "--cache", str(tmp_path / "cache"))
    assert code == 1, output
    assert f"{page.as_posix()}: " in output
    assert "folder is in the way" in output


def test_a_bad_number_of_jobs_is_a_usage_error(tmp_path: Path) -> None:
    code, output = _build(tmp_path / "data", tmp_path / "out", "--jobs", "0")
    assert code == 2  # bad usage
    assert "--jobs" in output


def test_few_files_stay_in_this_process() -> None:
    seen: list[str] = []
    assert jobs.map_names(lambda name: seen.append(name) or name.upper(), ["a", "b"], 8) == {"a": "A", "b": "B"}
    assert seen == ["a", "b"]  # run here: a forked worker's appends would not be seen
