"""Debian's chromium driven by playwright's Python API, and axe-core injected into the page.

Never downloads a browser: playwright is pointed at ``/usr/bin/chromium`` (``apt-get install
chromium``; ``$CHROMIUM`` names another). axe-core is pinned by ``tests/interop/package-lock.json``
and installed by ``python3 dev.py test`` (``npm ci``). Without either, the browser tests are
skipped with the reason, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / "interop" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def chromium() -> str | None:
    wanted = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return wanted if Path(wanted).is_file() else shutil.which("chromium")


def _unavailable() -> str | None:
    if chromium() is None:
        return "chromium is not installed; `apt-get install -y chromium` (Debian), or set CHROMIUM to its path"
    try:
        import playwright  # noqa: F401, PLC0415
    except ImportError:
        return "playwright is not installed; run `python3 dev.py test` (it installs the test dependencies)"
    if not AXE.is_file():
        return "axe-core is not installed; run `npm ci --prefix tests/interop` or `python3 dev.py test`"
    return None


def require() -> str:
    """The chromium executable; skips the calling test (fails it in CI) when the browser tests cannot run."""
    reason = _unavailable()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
        pytest.skip(f"browser test skipped: {reason}")
    path = chromium()
    assert path is not None
    return path
