"""The golden output of the fixture timeline, and the one command that regenerates it.

    python3 dev.py golden        (or: .venv/bin/python -m tests.golden)

Run it after an intended change of the output, review ``git diff tests/golden``, commit.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from timeline.build import LEDGER_FILE, build

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "data"
GOLDEN = HERE / "golden"
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def moment_after(data: Path) -> datetime:
    """A build moment no earlier than any stamp in ``data``'s ledger (a build never precedes its
    ledger): NOW, or the latest stamp of the real data, whose ledger grows with the news."""
    path = data / LEDGER_FILE
    found = (
        re.findall(r'"(?:created|modified|removed|as_of|at)": "([0-9T:-]+)Z"', path.read_text("utf-8"))
        if path.is_file()
        else []
    )
    latest = max((datetime.fromisoformat(stamp).replace(tzinfo=UTC) for stamp in found), default=NOW)
    return max(NOW, latest)


def render_fixture(workdir: Path) -> dict[str, bytes]:
    """Build a fresh copy of the fixture data in ``workdir``; every output file by relative path."""
    data, out = workdir / "data", workdir / "feeds"
    shutil.copytree(FIXTURE, data)
    build(data, out, NOW)
    files = {f"feeds/{p.relative_to(out).as_posix()}": p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    files[LEDGER_FILE] = (data / LEDGER_FILE).read_bytes()
    return files


def golden_files() -> dict[str, bytes]:
    return {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = render_fixture(Path(tmp))
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for name, data in files.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(
        f"wrote {len(files)} golden files to {GOLDEN.relative_to(Path.cwd()) if GOLDEN.is_relative_to(Path.cwd()) else GOLDEN}"
    )


if __name__ == "__main__":
    sys.exit(main())
