"""Extraction speed: articles per second beside dateparser, and throughput by size (linear time).

    .venv/bin/python bench/bench_extract.py [GOLD_DIR] [--repeat N] [--sizes 10000,100000,1000000] [--huge]
        [--no-dateparser] [--only NAME]

1. Over the gold corpus (every article, its own language and published day): articles per second
   for `timeline extract` and for dateparser's ``search_dates`` on the same texts, and the ratio.
2. Throughput (MB of text per CPU second: MB/s per core) at each size for real text (the gold
   articles of each language repeated until the size is reached) and for adversarial texts
   ("ADMM, ADSOM, ADMM-Plus, " * N, "5/3 " * N, "ADMM 5/3, " * N), with the time per character
   relative to the smallest size:
   a flat ratio (about 1.0) is linear time. ``--huge`` adds 20 MB. Targets (issues 12 and 13):
   at least 1 MB/s per core, 100 KB of adversarial text in under 2 s, flat from 10 KB to 20 MB.

Times are CPU seconds of this process (``time.process_time``), medians of N runs; the figures
depend on the machine, the ratios much less.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.evaluate import load_gold  # noqa: E402
from timeline.extract import Gazetteer, extract  # noqa: E402
from timeline.extract.rules import languages as rule_languages  # noqa: E402
from timeline.normalise import normalise  # noqa: E402

BIG = 1_000_000  # texts larger than this are timed once
ADVERSARIAL = {
    "ADMM, ADSOM, ADMM-Plus, ": "en",
    "5/3 ": "vi",
    "ADMM 5/3, ": "vi",
}


def cpu(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold", nargs="?", default=str(ROOT / "tests" / "gold"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--huge", action="store_true", help="add 20 MB (a few minutes)")
    parser.add_argument("--no-dateparser", action="store_true")
    parser.add_argument(
        "--only", default="", help="time only the texts whose name contains this (e.g. 'real', \"'5/3 '\")"
    )
    args = parser.parse_args()
    articles = [a for a in load_gold(Path(args.gold)) if a.lang in rule_languages()]  # id, ms: no rules yet
    t0 = time.perf_counter()
    gazetteer = Gazetteer(normalise(Path(args.data)))
    setup = time.perf_counter() - t0

    def run_extract() -> None:
        for a in articles:
            extract(a.text, gazetteer, lang=a.lang, published=a.published)

    chars = sum(len(a.text) for a in articles)
    print(f"corpus: {len(articles)} articles, {chars} characters; gazetteer built in {setup * 1000:.0f} ms")
    run_extract()  # warm up (regex compilation)
    ours = cpu(run_extract, args.repeat)
    print(f"{'timeline extract':<24} {len(articles) / ours:8.1f} articles/s  {chars / ours / 1e6:6.2f} MB/s/core")
    if not args.no_dateparser:
        try:
            from dateparser.search import search_dates  # noqa: PLC0415
        except ImportError:
            print("(dateparser is not installed: pip install 'timeline[eval]')")
        else:

            def run_dateparser() -> None:
                for a in articles:
                    p = a.published
                    base = datetime(p.year, p.month, p.day) if p else None  # noqa: DTZ001
                    search_dates(a.text, languages=[a.lang], settings={"RELATIVE_BASE": base} if base else {})

            run_dateparser()
            theirs = cpu(run_dateparser, args.repeat)
            print(
                f"{'dateparser search_dates':<24} {len(articles) / theirs:8.1f} articles/s  "
                f"{chars / theirs / 1e6:6.2f} MB/s/core   (extract is {theirs / ours:.1f}x faster)"
            )
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([20_000_000] if args.huge else [])
    texts = {
        f"real {lang} (gold, repeated)": ("\n\n".join(a.text for a in articles if a.lang == lang), lang)
        for lang in ("en", "vi")
    }
    texts.update({f"adversarial {unit!r}": (unit, lang) for unit, lang in ADVERSARIAL.items()})
    print(f"\nCPU seconds: medians of {args.repeat} runs ({BIG // 1_000_000} MB and below; larger texts: one run)")
    print(f"{'text':<42} {'size':>10} {'CPU s':>8} {'MB/s/core':>9} {'s/char vs smallest':>19}")
    for name, (unit, lang) in texts.items():
        if args.only not in name:
            continue
        first: float | None = None
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            seconds = cpu(
                lambda t=text, lg=lang: extract(t, gazetteer, lang=lg, published=date(2025, 1, 1)),
                1 if size > BIG else args.repeat,
            )  # type: ignore[misc]
            per_char = seconds / size
            first = first or per_char
            print(
                f"{name:<42} {size:>10} {seconds:8.3f} {size / seconds / 1e6 if seconds else 0:9.2f} {per_char / first:19.2f}"
            )


if __name__ == "__main__":
    main()
