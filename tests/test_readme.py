"""The README tells the truth: its quick start is what CI runs, its sample output is real."""

from __future__ import annotations

import re

from tests.conftest import REPO
from tests.readme_samples import build_line, check_line, regenerate, shape, shown_build, shown_check
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


def test_quick_start_build_output_is_real() -> None:
    """The sample has the shape of the real output; its numbers come from `python3 dev.py readme`
    (the data grows: adding an event must not break this test)."""
    assert shape(shown_build(README)) == shape(build_line())


def test_check_output_is_real() -> None:
    assert shape(shown_check(README)) == shape(check_line())


def test_regenerating_the_samples_changes_only_their_numbers() -> None:
    after = regenerate(README)
    assert shape(after) == shape(README)
    assert shown_build(after) == build_line()
    assert shown_check(after) == check_line()


def test_every_command_is_documented() -> None:
    for name in main.commands:
        assert f"**`timeline {name}" in README, f"README does not document `timeline {name}`"
