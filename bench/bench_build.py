"""How `timeline build` scales with the number of events: events per second and peak memory.

    .venv/bin/python bench/bench_build.py [--sizes 200,1000,5000] [--repeat 3]

For each size it writes a synthetic timeline (the test fixture's config, which publishes every
calendar kind, with events spread over its series, places, countries and dates; some timed,
some known only to the month) into a temporary folder, then times ``timeline.build.plan`` —
validation, ledger, every calendar, feed and the page, all in memory — and prints the median
of the runs, events per second, output size and peak traced memory. Machines are shared and
noisy: compare the per-event figures across sizes (the ratio), not absolute times.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.build import plan  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "data"
NOW = datetime(2026, 1, 2, tzinfo=UTC)
SERIES = ("admm-plus", "adsom-plus", "bilateral")
PLACES = ("kuala-lumpur", "hanoi", "vietnam")
COUNTRIES = ("MY", "VN")


def write_timeline(folder: Path, size: int) -> Path:
    data = folder / "data"
    shutil.copytree(FIXTURE, data, ignore=shutil.ignore_patterns("events", "sources", "timeline.lock"))
    (data / "sources").mkdir()
    quotes = [f"Sự kiện tổng hợp số {i} diễn ra theo kế hoạch." for i in range(size)]
    (data / "sources" / "synthetic.txt").write_text("\n".join(quotes) + "\n", "utf-8")
    (data / "sources" / "synthetic.yaml").write_text(
        # Fixture News is a publisher whose texts the fixture's full_text clears for committing.
        'id: synthetic\ntitle: Synthetic article\npublisher: Fixture News\nlanguage: vi\npublished: "2025-10-01"\n'
        "file: synthetic.txt\n",
        "utf-8",
    )
    first = date(2020, 1, 1)
    for i in range(size):
        day = first + timedelta(days=(i * 7) % 3650)
        when = f"{day:%Y-%m}" if i % 5 == 0 else day.isoformat()
        place = PLACES[i % len(PLACES)]
        lines = [
            f"id: synthetic-{i:06d}",
            f"series: {SERIES[i % len(SERIES)]}",
            f"title: {{en: Synthetic meeting {i}, vi: Cuộc họp tổng hợp {i}}}",
            f'when: "{when}"',
            f"place: {place}",
            f"status: {('planned', 'held', 'confirmed')[i % 3]}",
            f"host: {COUNTRIES[i % 2]}",
            f"participants: {{countries: [{', '.join(COUNTRIES[: 1 + i % 2])}]}}",
            f"sources: [{{source: synthetic, quote: '{quotes[i]}'}}]",
        ]
        if i % 4 == 1 and place != "vietnam" and i % 5 != 0:
            lines.append('time: {start: "09:00", end: "11:30"}')
        target = data / "events" / str(day.year) / f"synthetic-{i:06d}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n", "utf-8")
    return data


def measure(data: Path, repeat: int) -> tuple[float, int, int, int]:
    """Median seconds, files, output bytes and peak traced memory of ``plan``."""
    times = []
    result = plan(data, NOW)
    for _ in range(repeat):
        start = time.perf_counter()
        result = plan(data, NOW)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    plan(data, NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), len(result.files), sum(map(len, result.files.values())), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200,1000,5000", help="comma-separated event counts")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size (median reported)")
    args = parser.parse_args()
    print(
        f"{'events':>7} {'files':>6} {'output MB':>10} {'median s':>9} {'events/s':>9} {'ms/event':>9} {'peak MB':>8}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            data = write_timeline(Path(tmp), size)
            seconds, files, output, peak = measure(data, args.repeat)
        print(
            f"{size:>7} {files:>6} {output / 1e6:>10.1f} {seconds:>9.2f} {size / seconds:>9.0f} "
            f"{1000 * seconds / size:>9.2f} {peak / 1e6:>8.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
