"""The build at every size, side by side with a straightforward script, in one run.

    .venv/bin/python bench/bench_build.py [--sizes 1000,10000] [--huge] [--repeat 3] [--huge-repeat 1]

For each size it generates the synthetic timeline (bench/synthetic.py: seeded; 15 series, 40
places, 20 countries, day / month / range dates, timed events, participants, sources with real
quotes) twice — with the default calendars, and limited to ``all`` + per-series calendars — and
runs, each in its own process, median of ``--repeat`` runs, CPU time (user + system) and peak
resident memory of that process:

- the straightforward script (bench/baseline.py: PyYAML's C loader + icalendar + feedgen,
  ``all`` + per-series ICS + Atom, no validation, no ledger, no incremental mode);
- the project's pipeline writing exactly the script's files (bench/same_files.py: the same
  validation, ledger and renderers, through the library, without the RSS, JSON Feed and pages
  ``timeline build`` always adds), cold;
- ``timeline build`` cold (no cache, no ledger, empty output) on the limited data (the same
  calendars and Atom feeds, plus the RSS, JSON Feed and pages it always writes) and on the
  default data (every calendar kind, per-event calendars, feeds, pages), the latter also with
  ``--jobs 1`` (the default forks one process per core for the pages: less waiting, no less work);
- then, on the default data: a no-op rebuild, a rebuild after one event changed,
  ``timeline check`` with a warm cache, and ``timeline check`` after one more event changed
  (edit, then check: the maintainer's loop);
- ``timeline --help`` and ``timeline check --help`` against the script's ``--help`` (which,
  as such scripts do, imports its libraries first).

It prints the figures and the ratios (project / script); the script has no incremental mode, so
its "no-op" and "one change" are its cold run. ``--huge`` adds 100,000 events (``--huge-repeat``
runs per figure there; one by default, since a cold run takes minutes). The machine is shared
and noisy: read the ratios, and the growth from one size to the next, not the seconds; the
wall-time ratios say what ``--jobs`` saves when cores are free.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

NOW = "2026-01-02T00:00:00Z"
LIMITED = "all, series"
TIMELINE = [sys.executable, "-m", "timeline"]
BASELINE = [sys.executable, str(HERE / "baseline.py")]
SAME_FILES = [sys.executable, str(HERE / "same_files.py")]
HUGE = 100_000


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float


def run(args: list[str]) -> Run:
    """One process: wall time, CPU time (user + system) and peak RSS, from wait4."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(args)}\n{err}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(runs: list[Run]) -> Run:
    return Run(*(statistics.median(getattr(r, f) for r in runs) for f in ("wall", "cpu", "peak_mb")))


def repeat(times: int, prepare: Callable[[int], None], args: list[str]) -> Run:
    out = []
    for i in range(times):
        prepare(i)
        out.append(run(args))
    return median(out)


def fresh(*folders: Path) -> Callable[[int], None]:
    def prepare(_: int) -> None:
        for folder in folders:
            if folder.is_dir():
                shutil.rmtree(folder)
            elif folder.exists():
                folder.unlink()

    return prepare


def build_args(data: Path, out: Path, cache: Path, now: str = NOW, *extra: str) -> list[str]:
    return [*TIMELINE, "build", "-q", "--data", str(data), "--out", str(out), "--cache", str(cache), "--now", now,
            *extra]  # fmt: skip


def later(hours: int) -> str:
    """A build moment ``hours`` after NOW: each edit is built later than the one before, as in life
    (at one fixed moment every new revision would push all earlier ones a second back)."""
    return f"2026-01-02T{hours:02d}:00:00Z"


def one_change(data: Path, out: Path, cache: Path, times: int) -> Run:
    events = sorted((data / "events").rglob("*.yaml"))
    runs = []
    for i in range(times):
        path = events[(i * 7919) % len(events)]
        path.write_text(path.read_text("utf-8").replace(" meeting number ", " meeting no. ", 1), "utf-8")
        runs.append(run(build_args(data, out, cache, later(i + 1))))
    return median(runs)


def size_row(size: int, work: Path, times: int) -> dict[str, tuple[Run, Run | None]]:
    full, limited = generate(work / "full", size), generate(work / "limited", size, calendars=LIMITED)
    rows: dict[str, tuple[Run, Run | None]] = {}
    base = repeat(times, fresh(work / "base"), [*BASELINE, str(limited), str(work / "base")])
    lim_out, lim_cache = work / "lim-out", work / "lim-cache"
    rows["cold, the script's files only"] = (
        repeat(times, fresh(lim_out), [*SAME_FILES, str(limited), str(lim_out)]),
        base,
    )
    rows["cold, same outputs"] = (
        repeat(times, fresh(lim_out, lim_cache, limited / "timeline.lock"), build_args(limited, lim_out, lim_cache)),
        base,
    )
    out, cache = work / "out", work / "cache"
    rows["cold, full, --jobs 1"] = (
        repeat(times, fresh(out, cache, full / "timeline.lock"), build_args(full, out, cache, NOW, "--jobs", "1")),
        base,
    )
    rows["cold, full default output"] = (
        repeat(times, fresh(out, cache, full / "timeline.lock"), build_args(full, out, cache)),
        base,
    )
    rows["no-op rebuild"] = (repeat(times, lambda _: None, build_args(full, out, cache)), base)
    rows["one event changed"] = (one_change(full, out, cache, times), base)
    check = [*TIMELINE, "check", "--data", str(full), "--cache", str(cache), "--now", later(times)]
    rows["check, warm cache"] = (repeat(times, lambda _: None, check), base)
    rows["check, one event changed"] = (check_change(full, cache, times), base)
    return rows


def check_change(data: Path, cache: Path, times: int) -> Run:
    """The maintainer's loop: edit one event file, then `timeline check` (the cache warm from the builds)."""
    events = sorted((data / "events").rglob("*.yaml"))
    runs = []
    for i in range(times):
        path = events[(i * 7919 + 4999) % len(events)]
        path.write_text(path.read_text("utf-8").replace(" meeting number ", " meeting no. ", 1), "utf-8")
        check = [*TIMELINE, "check", "--data", str(data), "--cache", str(cache), "--now", later(times)]
        runs.append(run(check))
    return median(runs)


def byte_compiled() -> None:
    """Byte-compile the project first, as an installed package is: the libraries it is compared with
    are, and with PYTHONDONTWRITEBYTECODE set (as on some shared machines) every run would otherwise
    compile each of the project's modules it imports from source, and ``--help`` would measure that."""
    compileall.compile_dir(str(HERE.parent / "timeline"), quiet=1)


def main() -> None:
    byte_compiled()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated event counts")
    parser.add_argument("--huge", action="store_true", help="add 100,000 events")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median reported)")
    parser.add_argument("--huge-repeat", type=int, default=1, help="runs per figure at 100,000 events")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] + ([HUGE] if args.huge else [])
    help_runs = 10
    huge = f", {args.huge_repeat} at {HUGE:,} events" if args.huge else ""
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {args.repeat} runs{huge} "
        f"(--help: {help_runs}); `timeline build` with its default --jobs unless the row says otherwise"
    )
    ours, theirs = (
        median([run([*TIMELINE, "--help"]) for _ in range(help_runs)]),
        median([run([*BASELINE, "--help"]) for _ in range(help_runs)]),
    )
    check_help = median([run([*TIMELINE, "check", "--help"]) for _ in range(help_runs)])
    print(f"\n`timeline --help` {ours.wall * 1000:.0f} ms wall ({ours.cpu * 1000:.0f} ms CPU), `timeline check --help` "
          f"{check_help.wall * 1000:.0f} ms ({check_help.cpu * 1000:.0f} ms CPU); the script's --help "
          f"{theirs.wall * 1000:.0f} ms ({theirs.cpu * 1000:.0f} ms CPU); ratio {ours.cpu / theirs.cpu:.2f}x CPU")  # fmt: skip
    cold: dict[int, float] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            rows = size_row(size, Path(tmp), args.huge_repeat if size == HUGE else args.repeat)
        print(f"\n{size:,} events")
        base = next(iter(rows.values()))[1]
        assert base is not None
        print(f"  the script: {base.cpu:.2f} s CPU, {base.wall:.2f} s wall, {base.peak_mb:.0f} MB peak")
        print(f"  {'':30} {'timeline CPU s':>14} {'wall s':>7} {'peak MB':>8} {'CPU ratio':>9} {'wall ratio':>10} {'peak ratio':>10}")  # fmt: skip
        for name, (mine, _) in rows.items():
            print(
                f"  {name:30} {mine.cpu:14.2f} {mine.wall:7.2f} {mine.peak_mb:8.0f} {mine.cpu / base.cpu:8.2f}x "
                f"{mine.wall / base.wall:9.2f}x {mine.peak_mb / base.peak_mb:9.2f}x",
                flush=True,
            )
        cold[size] = rows["cold, full default output"][0].cpu
    if len(cold) > 1:
        first = min(cold)
        print("\ngrowth of the cold full build (CPU per event, relative to the smallest size):")
        for size, cpu in cold.items():
            print(f"  {size:>8,} events: {cpu / size * 1000:.2f} ms/event ({cpu / size / (cold[first] / first):.2f}x)")


if __name__ == "__main__":
    main()
