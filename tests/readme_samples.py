"""The README's sample outputs of the real data, and the one command that regenerates them.

    python3 dev.py readme        (or: .venv/bin/python -m tests.readme_samples)

The quick start's `python3 dev.py build` line and the `timeline check` line show the counts of
the published data, which grows. tests/test_readme.py checks that each sample has the shape of
the real output (the same words, any numbers), so adding an event never breaks a test; run this
after adding events to bring the numbers up to date, review `git diff README.md`, commit.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
BUILD_PROMPT = "$ python3 dev.py build"
CHECK_PROMPT = "$ timeline check\n"


def build_line(repo: Path = REPO) -> str:
    """What `python3 dev.py build` prints on the committed data and feeds (built in a copy)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(repo / "data", work / "data")
        shutil.copytree(repo / "feeds", work / "feeds")
        result = CliRunner().invoke(main, ["build", "--data", str(work / "data"), "--out", str(work / "feeds")])
        if result.exit_code != 0:
            raise SystemExit(f"build failed:\n{result.output}")
        return result.stdout.strip().replace(f"{(work / 'feeds').as_posix()}/", "feeds/")


def check_line(repo: Path = REPO) -> str:
    """What `timeline check` prints (standard output) on the committed data."""
    result = CliRunner().invoke(main, ["check", "--data", str(repo / "data")])
    if result.exit_code != 0:
        raise SystemExit(f"check failed:\n{result.output}")
    return result.stdout.strip().replace(f"{(repo / 'data').as_posix()}/", "data/")


def shown_build(readme: str) -> str:
    return readme.split(BUILD_PROMPT, 1)[1].splitlines()[1]


def shown_check(readme: str) -> str:
    return readme.split(CHECK_PROMPT, 1)[1].splitlines()[0]


def shape(line: str) -> str:
    """The line with every number replaced by N: what must stay true as the data grows."""
    return re.sub(r"\d+", "N", line)


def regenerate(readme: str, repo: Path = REPO) -> str:
    """``readme`` with both samples replaced by the real output."""
    head, tail = readme.split(BUILD_PROMPT, 1)
    first, _old, rest = tail.split("\n", 2)
    readme = f"{head}{BUILD_PROMPT}{first}\n{build_line(repo)}\n{rest}"
    head, tail = readme.split(CHECK_PROMPT, 1)
    _old, rest = tail.split("\n", 1)
    return f"{head}{CHECK_PROMPT}{check_line(repo)}\n{rest}"


if __name__ == "__main__":
    before = README.read_text("utf-8")
    after = regenerate(before)
    if after != before:
        README.write_text(after, "utf-8")
        print("README.md: sample outputs updated; review `git diff README.md`")
    else:
        print("README.md: sample outputs already up to date")
