"""The bad-input corpus: one case per file in tests/bad_inputs/ — a new case is a new file.

Each ``<case>.toml`` damages a fresh copy of the fixture timeline and says what must happen:

    about = "what the case is"
    prebuild = true                # build the intact copy once first (its ledger then lists every event)
    exit = 1                       # 1 bad data, 2 bad usage, 0 accepted
    where = "events/2025/x.yaml:5: ordinal"   # path (in the data folder):line: field — for exit 1
    message = "a fragment of the message"
    now = "2026-01-02T03:04:05Z"   # the --now given to check and build ("" for none)
    env = {SOURCE_DATE_EPOCH = "..."}
    delete = ["events/2025/..."]   # files or folders removed from the copy
    mkdir = ["timeline.lock"]      # folders created
    [files]                        # files written (UTF-8 text)
    "events/2025/x.yaml" = '''...'''
    [hex]                          # files written as bytes, given in hex
    fifo = ["timeline.lock"]       # named pipes created (a reader that opens one blocks)
    [symlink]                      # symbolic links created: path = target
    "events/2025/zero.yaml" = "/dev/zero"
    [[edit]]                       # a replacement in a file of the fixture (old must occur)
    path = "..."; old = "..."; new = "..."
    [[generate]]                   # a file too large to commit: head + body + tail, where the
    path = "..."; head = ""; unit = "["; count = 5000; tail = ""; indent = false
                                   # body is unit × count, or with indent, line i indented i spaces

Both `timeline check` and `timeline build` run on the damaged copy, in process. Every case
asserts: no traceback; the expected exit status; for exit 1 the message names ``path:line:
field``; `build` agrees with `check` — it succeeds when `check` accepts and refuses the same
way otherwise, writing nothing (no file in the output folder, the ledger byte for byte as it was).
"""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.golden import FIXTURE
from timeline.cli import main

CASES = sorted((Path(__file__).parent / "bad_inputs").glob("*.toml"))
NOW = "2026-01-02T03:04:05Z"


def damage(data: Path, spec: dict[str, Any]) -> None:
    for name in spec.get("delete", []):
        target = data / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    for name in spec.get("mkdir", []):
        (data / name).mkdir(parents=True)
    for name in spec.get("fifo", []):
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        os.mkfifo(data / name)
    for name, target in spec.get("symlink", {}).items():
        (data / name).symlink_to(target)
    for name, text in spec.get("files", {}).items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(text, encoding="utf-8")
    for name, hexed in spec.get("hex", {}).items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_bytes(bytes.fromhex(hexed))
    for edit in spec.get("edit", []):
        path = data / edit["path"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"{edit['path']} does not contain {edit['old']!r}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    for gen in spec.get("generate", []):
        unit, count = gen["unit"], gen["count"]
        body = "".join(" " * i + unit for i in range(count)) if gen.get("indent") else unit * count
        (data / gen["path"]).parent.mkdir(parents=True, exist_ok=True)
        (data / gen["path"]).write_text(gen.get("head", "") + body + gen.get("tail", ""), encoding="utf-8")


def run(args: list[str], env: dict[str, str]) -> Result:
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": None, **env})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback for {args}: {result.exception!r}\n{result.output}") from result.exception
    assert "Traceback" not in result.output
    return result


def test_the_corpus_is_large() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_bad_input(case: Path, tmp_path: Path) -> None:
    spec = tomllib.loads(case.read_text(encoding="utf-8"))
    assert spec.get("about"), f"{case.name}: say what the case is (about = ...)"
    data, out = tmp_path / "data", tmp_path / "feeds"
    shutil.copytree(FIXTURE, data)
    now = spec.get("now", NOW)
    clock = ["--now", now] if now else []
    env = {key: str(value) for key, value in spec.get("env", {}).items()}
    if spec.get("prebuild"):
        assert run(["build", "--data", str(data), "--out", str(tmp_path / "before"), "--now", NOW], {}).exit_code == 0
    damage(data, spec)
    ledger = data / "timeline.lock"
    before = ledger.read_bytes() if ledger.is_file() else None

    checked = run(["check", "--data", str(data), *clock], env)
    assert checked.exit_code == spec["exit"], checked.output
    if spec["exit"] == 1:
        assert f"{data.as_posix()}/{spec['where']}: " in checked.output, checked.output
    if "message" in spec:
        assert spec["message"] in checked.output, checked.output

    built = run(["build", "--data", str(data), "--out", str(out), *clock], env)
    if checked.exit_code == 0:
        assert built.exit_code == 0, f"check accepted, build failed:\n{built.output}"
        assert (out / "all.ics").is_file()
        return
    assert built.exit_code == checked.exit_code, built.output
    if spec["exit"] == 1:
        assert f"{data.as_posix()}/{spec['where']}: " in built.output, built.output
    assert not out.exists() or not any(out.rglob("*")), "a refused build wrote output"
    assert (ledger.read_bytes() if ledger.is_file() else None) == before, "a refused build changed the ledger"
