"""The maintainer's edit loop alone, on a synthetic tree kept between runs: quicker than bench_build.py.

    .venv/bin/python bench/edit_loop.py WORK [--events 10000] [--repeat 3] [--only check,build,noop,unchanged]

The first run generates ``WORK/data`` (bench/synthetic.py, seeded) and builds it cold into
``WORK/out`` with the cache ``WORK/cache`` (minutes at 10,000 events); later runs reuse them.
Then, per repeat: one event file edited (a word of its note changed, then changed back on a later
run), then ``timeline check`` (the cache warm); and one other event edited, then ``timeline
build``, each build an hour after the one before (as in life). It prints the median CPU time
(user + system) and peak memory of each command, in its own process, as bench_build.py does
for "check, one event changed" and "one event changed". ``noop`` is a build with nothing changed
since the one before it (bench_build.py's "no-op rebuild"), ``unchanged`` a ``timeline check``
with nothing changed since the one before it ("check, warm cache"); each runs the command once
unmeasured first, at the same moment, so that it measures the answer from the cache alone. With
``--events 100000`` this is the way to the no-op at 100,000 events without bench_build.py's
``--huge`` run (the cold build, once, takes minutes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_build import NOW, TIMELINE, Run, build_args, byte_compiled, run  # noqa: E402
from synthetic import generate  # noqa: E402

WORDS = (" meeting number ", " meeting no. ")


def edit(path: Path) -> None:
    """Change one word of the file's text, back and forth: every run makes a real change. The words
    may also be in a source's quote, later in the file: an edit made before is undone first (never a
    second occurrence changed, which would break the quote)."""
    text = path.read_text("utf-8")
    old, new = WORDS[::-1] if WORDS[1] in text else WORDS
    path.write_text(text.replace(old, new, 1), "utf-8")


def prepare(work: Path, events: int) -> tuple[Path, Path, Path]:
    data, out, cache = work / "data", work / "out", work / "cache"
    if not (data / "timeline.yaml").is_file():
        generate(work, events)
    if not (data / "timeline.lock").is_file():
        print(f"cold build of {data} (once) …", flush=True)
        run(build_args(data, out, cache))
    return data, out, cache


def check_args(data: Path, cache: Path, now: str) -> list[str]:
    return [*TIMELINE, "check", "--data", str(data), "--cache", str(cache), "--now", now]


def state(work: Path) -> dict[str, int]:
    path = work / "edit_loop.json"
    return json.loads(path.read_text()) if path.is_file() else {"edits": 0, "hours": 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work", type=Path)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--only", default="check,build", help="which loops, comma-separated: check, build, noop, unchanged"
    )
    args = parser.parse_args()
    byte_compiled()
    work: Path = args.work
    data, out, cache = prepare(work, args.events)
    files = sorted((data / "events").rglob("*.yaml"))
    seen = state(work)
    start = datetime.fromisoformat(NOW)
    results: dict[str, list[Run]] = {}
    for _ in range(args.repeat):
        for what in args.only.split(","):
            if what in ("noop", "unchanged"):
                stamp = (start + timedelta(hours=seen["hours"])).astimezone(UTC)
                at = f"{stamp:%Y-%m-%dT%H:%M:%SZ}"
                again = build_args(data, out, cache, at) if what == "noop" else check_args(data, cache, at)
                run(again)  # whatever changed before is taken in here: the next one finds nothing changed
                results.setdefault(what, []).append(run(again))
                continue
            seen["edits"] += 1
            edit(files[(seen["edits"] * 7919) % len(files)])
            if what == "check":
                stamp = (start + timedelta(hours=seen["hours"])).astimezone(UTC)
                cmd = [
                    *TIMELINE,
                    "check",
                    "--data",
                    str(data),
                    "--cache",
                    str(cache),
                    "--now",
                    f"{stamp:%Y-%m-%dT%H:%M:%SZ}",
                ]
            else:
                seen["hours"] += 1
                stamp = (start + timedelta(hours=seen["hours"])).astimezone(UTC)
                cmd = build_args(data, out, cache, f"{stamp:%Y-%m-%dT%H:%M:%SZ}")
            results.setdefault(what, []).append(run(cmd))
            (work / "edit_loop.json").write_text(json.dumps(seen))
    for what, runs in results.items():
        cpu = statistics.median(r.cpu for r in runs)
        peak = statistics.median(r.peak_mb for r in runs)
        each = ", ".join(f"{r.cpu:.2f}" for r in runs)
        done = {"noop": "nothing changed, then build", "unchanged": "nothing changed, then check"}
        print(
            f"{len(files)} events, {done.get(what, f'one event edited, then {what}')}: {cpu:.2f} s CPU median "
            f"({each}), {peak:.0f} MB peak"
        )


if __name__ == "__main__":
    main()
