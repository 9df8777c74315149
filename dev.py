#!/usr/bin/env python3
"""Developer entry point that needs nothing but Python 3.11+.

    python3 dev.py build     create .venv if needed, then `timeline build` (regenerate feeds/)
    python3 dev.py test      create .venv if needed, then lint, type-check, tests, `timeline build --check`
    python3 dev.py golden    regenerate the golden files of the test suite (tests/golden/)
    python3 dev.py readme    regenerate the README's sample outputs of the real data (its counts)
    python3 dev.py gold-cache  copy the gold corpus's texts into the local cache (check verifies quotes)
    python3 dev.py run ARGS  run `timeline ARGS` inside .venv

The virtual environment is (re)installed from pyproject.toml and constraints.txt whenever
either changes, so a fresh clone needs no activated virtualenv and no global packages.
`test` also installs ical.js for the interoperability tests into tests/interop/node_modules/
(`npm ci`, pinned by tests/interop/package-lock.json) when Node.js is there; without it those
tests are skipped, except in CI (CI set), where a missing Node.js is an error.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".timeline-installed"
INTEROP = ROOT / "tests" / "interop"
NODE_STAMP = INTEROP / "node_modules" / ".timeline-installed"


def say(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def ensure_venv() -> None:
    """Create .venv and install the project with its test tools, pinned by constraints.txt."""
    if sys.version_info < (3, 11):  # noqa: UP036 - say so clearly when run by an older Python
        sys.exit(f"dev.py: timeline needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256(
        b"".join((ROOT / n).read_bytes() for n in ("pyproject.toml", "constraints.txt"))
    ).hexdigest()
    if STAMP.is_file() and STAMP.read_text() == wanted and PY.exists():
        return
    if not PY.exists():
        try:
            import ensurepip  # noqa: F401, PLC0415 - only to give a clear message when it is missing
        except ImportError:
            sys.exit("dev.py: this Python cannot create virtual environments; install python3-venv (Debian/Ubuntu)")
        say(f"creating {VENV.name}/ with Python {sys.version.split()[0]}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("installing timeline and its test tools into .venv/ (pinned by constraints.txt)")
    run([str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-c", "constraints.txt", "-e", ".[test]"])  # fmt: skip
    STAMP.write_text(wanted)


def ensure_node_modules() -> None:
    """Install ical.js (tests/test_interop.py) and axe-core (tests/test_browser.py) with `npm ci`, pinned by package-lock.json."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        missing = " and ".join(name for name, path in (("node", node), ("npm", npm)) if path is None)
        if os.environ.get("CI"):
            sys.exit(
                f"dev.py: {missing} not found; CI runs the ical.js interoperability tests, so install Node.js 18+ with npm"
            )
        say(
            f"{missing} not found: the ical.js interoperability tests will be skipped; install Node.js 18+ with npm to run them"
        )
        return
    wanted = hashlib.sha256(
        b"".join((INTEROP / n).read_bytes() for n in ("package.json", "package-lock.json"))
    ).hexdigest()
    if NODE_STAMP.is_file() and NODE_STAMP.read_text() == wanted:
        return
    say("installing ical.js and axe-core into tests/interop/node_modules/ (pinned by package-lock.json)")
    run([npm, "ci", "--prefix", str(INTEROP), "--no-audit", "--no-fund", "--loglevel=error"])
    NODE_STAMP.write_text(wanted)


def run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(cmd, cwd=ROOT, env=env, check=False)  # noqa: S603 - our own commands
    if result.returncode != 0:
        say(f"failed ({result.returncode}): {' '.join(cmd)}")
        sys.exit(result.returncode)


def tool(name: str) -> str:
    return str(BIN / name)


def main(argv: list[str]) -> None:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    command, args = argv[0], argv[1:]
    if command not in {"build", "test", "golden", "readme", "gold-cache", "run"}:
        sys.exit(
            f"dev.py: unknown command {command!r}; use build, test, golden, readme, gold-cache or run (see python3 dev.py --help)"
        )
    ensure_venv()
    if command == "build":
        run([tool("timeline"), "build", *args])
    elif command == "run":
        run([tool("timeline"), *args])
    elif command == "golden":
        run([str(PY), "-m", "tests.golden", *args])
    elif command == "readme":
        run([str(PY), "-m", "tests.readme_samples", *args])
    elif command == "gold-cache":
        run([str(PY), "-m", "tests.gold_cache", *args])
    else:
        run([tool("ruff"), "check", "timeline", "tests", "bench", "examples", "dev.py"])
        run([tool("ruff"), "format", "--check", "timeline", "tests", "bench", "examples", "dev.py"])
        run([tool("mypy")])
        ensure_node_modules()
        run([str(PY), "-m", "pytest", *args])
        run([tool("timeline"), "build", "--check"])


if __name__ == "__main__":
    main(sys.argv[1:])
