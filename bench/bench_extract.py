"""Articles per second for `timeline extract` and for the dateparser baseline, on the gold corpus.

    .venv/bin/python bench/bench_extract.py [GOLD_DIR] [--repeat N]

Each measurement runs over every article of the corpus; the median of N runs is printed.
Gazetteer construction (once per process, as in the CLI) is timed separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.evaluate import load_gold  # noqa: E402
from timeline.extract import Gazetteer, extract  # noqa: E402
from timeline.normalise import normalise  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold", nargs="?", default=str(ROOT / "tests" / "gold"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", default=str(ROOT / "data"))
    args = parser.parse_args()
    articles = load_gold(Path(args.gold))
    t0 = time.perf_counter()
    gazetteer = Gazetteer(normalise(Path(args.data)))
    setup = time.perf_counter() - t0

    def run_extract() -> None:
        for a in articles:
            extract(a.text, gazetteer, lang=a.lang, published=a.published)

    from dateparser.search import search_dates  # noqa: PLC0415

    def run_dateparser() -> None:
        for a in articles:
            base = datetime(a.published.year, a.published.month, a.published.day) if a.published else None  # noqa: DTZ001
            search_dates(a.text, languages=[a.lang], settings={"RELATIVE_BASE": base} if base else {})

    chars = sum(len(a.text) for a in articles)
    print(f"corpus: {len(articles)} articles, {chars} characters; gazetteer built in {setup * 1000:.0f} ms")
    for name, fn in (("timeline extract", run_extract), ("dateparser search_dates", run_dateparser)):
        fn()  # warm up (imports, regex compilation, dateparser's language data)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(
            f"{name:<24} {len(articles) / median:8.1f} articles/s  (median of {args.repeat}: {median * 1000:.1f} ms per corpus)"
        )


if __name__ == "__main__":
    main()
