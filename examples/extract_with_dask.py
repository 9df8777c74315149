"""Extract a JSON Lines archive of articles on a Dask bag: the engine distributes, timeline extracts.

    pip install 'timeline[dask]'        # or: .venv/bin/pip install 'dask[bag]'
    python examples/extract_with_dask.py ARTICLES.jsonl OUT_DIR [--data data] [--blocksize 1MB]
                                         [--scheduler processes|threads|synchronous]

ARTICLES.jsonl holds one article per line, as `timeline extract --jsonl` reads them
({"id": ..., "text": ..., "lang": ..., "published": ..., "url": ...}; give each an "id": line
numbers restart in every partition). OUT_DIR receives part-*.jsonl, one result line per article in
the archive's order (`cat OUT_DIR/part-*.jsonl` is what `timeline extract --jsonl` would print).
Each partition is one call of timeline.extract.jsonl.extract_records, which builds the gazetteer
once per worker process; on a cluster, point dask.distributed's Client at it instead of --scheduler
(the same function works in Spark's mapPartitions).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

import dask
import dask.bag as db

from timeline.extract.jsonl import dumps, extract_records


def extract_partition(lines: Iterable[str], data_dir: str) -> list[str]:
    return [dumps(result) for result in extract_records(lines, data_dir)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles")
    parser.add_argument("out")
    parser.add_argument("--data", default="data")
    parser.add_argument("--blocksize", default="1MB", help="bytes of the archive per partition")
    parser.add_argument("--scheduler", default="processes", choices=["processes", "threads", "synchronous"])
    args = parser.parse_args()
    Path(args.out).mkdir(parents=True, exist_ok=True)
    data_dir = str(Path(args.data).resolve())
    bag = db.read_text(args.articles, blocksize=args.blocksize, linedelimiter="\n")
    results = bag.map_partitions(extract_partition, data_dir)
    with dask.config.set(scheduler=args.scheduler):
        results.to_textfiles(
            str(Path(args.out) / "part-*.jsonl"), name_function=lambda i: f"{i:05d}", last_endline=True
        )


if __name__ == "__main__":
    main()
