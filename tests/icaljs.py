"""Run Mozilla's ical.js (Thunderbird's iCalendar parser) over a batch of .ics files.

ical.js is pinned by ``tests/interop/package-lock.json`` and installed into
``tests/interop/node_modules/`` by ``python3 dev.py test`` (``npm ci``). Without Node.js the
tests that need it are skipped with the reason, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

INTEROP = Path(__file__).resolve().parent / "interop"
SCRIPT = INTEROP / "icaljs.mjs"
PACKAGE = INTEROP / "node_modules" / "ical.js" / "package.json"
NODE_MIN = 18
HOW = "install Node.js 18+ with npm, then run `python3 dev.py test` (it runs `npm ci --prefix tests/interop`)"


def _unavailable() -> str | None:
    """Why ical.js cannot run here, or None when it can."""
    node = shutil.which("node")
    if node is None:
        return f"node is not on PATH; {HOW}"
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    match = re.fullmatch(r"v(\d+)\..*", version)
    if match is None or int(match[1]) < NODE_MIN:
        return f"node {version or '(unknown version)'} is too old for ical.js 2; {HOW}"
    if not PACKAGE.is_file():
        return f"ical.js is not installed in {INTEROP.name}/node_modules; run `npm ci --prefix tests/interop` or `python3 dev.py test`"
    return None


def require() -> str:
    """The node executable; skips the calling test (fails it in CI) when ical.js cannot run."""
    reason = _unavailable()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the ical.js interoperability tests: {reason}", pytrace=False)
        pytest.skip(f"ical.js interoperability test skipped: {reason}")
    node = shutil.which("node")
    assert node is not None
    return node


def parse(paths: list[Path]) -> dict[Path, dict[str, Any]]:
    """What ical.js reads from each of ``paths``, in one node process.

    Each value is ``{"calendar", "timezones", "components", "events"}`` or ``{"error"}``; see
    ``tests/interop/icaljs.mjs``.
    """
    node = require()
    assert paths, "no calendars to parse"
    done = subprocess.run(
        [node, str(SCRIPT), *map(str, paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, "TZ": "UTC"},
    )
    if done.returncode not in {0, 1} or not done.stdout:
        pytest.fail(f"ical.js script failed ({done.returncode}): {done.stderr.strip()}", pytrace=False)
    out = json.loads(done.stdout)
    by_path = {Path(f["path"]): f for f in out["files"]}
    assert set(by_path) == set(paths)
    return by_path
