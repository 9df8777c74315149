"""The README tells the truth: its quick start is what CI runs, its sample output is real."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import REPO
from timeline.cli import main

README = (REPO / "README.md").read_text("utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def console_commands(text: str) -> list[str]:
    return [re.sub(r"\s+#.*$", "", line[2:]).strip() for line in text.splitlines() if line.startswith("$ ")]


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    commands = console_commands(section("Quick start"))
    assert commands == ["python3 dev.py build", "python3 dev.py test"]
    assert "python3 dev.py test" in (REPO / ".ci/run").read_text("utf-8")


def test_quick_start_build_output_is_real(tmp_path: Path) -> None:
    shown = section("Quick start").split("$ python3 dev.py build", 1)[1].splitlines()[1]
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "feeds", tmp_path / "feeds")
    result = CliRunner().invoke(main, ["build", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "feeds")])
    assert result.exit_code == 0, result.output
    assert result.output.strip().replace(f"{(tmp_path / 'feeds').as_posix()}/", "feeds/") == shown


def test_check_output_is_real() -> None:
    block = section("Commands")
    shown = block.split("$ timeline check\n", 1)[1].splitlines()[0]
    result = CliRunner().invoke(main, ["check", "--data", str(REPO / "data")])
    assert result.exit_code == 0
    assert result.output.strip().replace(f"{(REPO / 'data').as_posix()}/", "data/") == shown


def test_every_command_is_documented() -> None:
    for name in main.commands:
        assert f"**`timeline {name}" in README, f"README does not document `timeline {name}`"
