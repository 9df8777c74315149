"""JSON Lines in, JSON Lines out: extraction as a function of records, for archives of any size.

One input line is one article: ``{"text": ..., "id": ..., "lang": "vi|en|…|auto", "published":
"YYYY-MM-DD", "url": ...}`` (only ``text`` is required; ``lang`` and ``published`` default to the
command's options). One output line per input line, in the same order: ``{"id", "url", "lang",
"published", "events": [candidate, ...]}`` (candidates as in ``--format json``), or ``{"id",
"line", "error"}`` for a line that is not such an object — one bad line never stops the rest.

:func:`extract_records` is the whole interface for an engine that distributes the work itself
(a Dask bag's ``map_partitions``, Spark's ``mapPartitions``): it takes an iterable of records and
yields result records, building the gazetteer once per process. ``--jobs N`` runs the same
function in N local processes (the standard library's pool; chunks keep the order).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from timeline.extract import Extraction, Gazetteer, extract
from timeline.languages import languages

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 64  # articles per task with --jobs: large enough to amortise the hand-over, small enough to stream
IN_FLIGHT = 4  # tasks per worker submitted ahead of the one whose results are written next


@cache
def _gazetteer(data_dir: str) -> Gazetteer:
    from timeline.normalise import normalise  # noqa: PLC0415

    return Gazetteer(normalise(Path(data_dir), data_dir))


def extract_records(
    records: Iterable[dict[str, Any] | str],
    data_dir: str | Path = "data",
    *,
    lang: str = "auto",
    published: date | None = None,
    start_line: int = 1,
) -> Iterator[dict[str, Any]]:
    """Extract every record (a dict, or one JSON line as text); yield one result dict per record."""
    gazetteer = _gazetteer(str(data_dir))
    for number, record in enumerate(records, start_line):
        yield _one(gazetteer, record, number, lang, published)


def _one(
    gazetteer: Gazetteer, record: dict[str, Any] | str, number: int, lang: str, published: date | None
) -> dict[str, Any]:
    if isinstance(record, str):
        if not record.strip():
            return {"id": None, "line": number, "error": "an empty line; give one JSON object per line"}
        try:
            record = json.loads(record)
        except json.JSONDecodeError as exc:
            return {"id": None, "line": number, "error": f"not JSON ({exc.msg} at column {exc.colno})"}
    if not isinstance(record, dict):
        return {"id": None, "line": number, "error": 'not a JSON object; give {"text": ...} per line'}
    ident = record.get("id", number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return {"id": ident, "line": number, "error": "text: missing or empty; give the article's text (or HTML)"}
    article_lang = record.get("lang") or lang
    if article_lang not in {*languages(), "auto"}:
        known = ", ".join([*languages(), "auto"])
        return {"id": ident, "line": number, "error": f"lang: {article_lang!r} is none of {known}"}
    day = published
    if record.get("published") is not None:
        try:
            day = date.fromisoformat(str(record["published"]))
        except ValueError:
            return {"id": ident, "line": number, "error": f"published: {record['published']!r} is not YYYY-MM-DD"}
    result = extract(text, gazetteer, name=str(ident), lang=str(article_lang), published=day)
    return {
        "id": ident,
        "url": record.get("url"),
        "lang": result.lang,
        "published": result.published.isoformat() if result.published else None,
        "events": [c.as_dict() for c in result.candidates],
    }


def _chunk(args: tuple[list[str], str, str, date | None, int]) -> list[str]:
    lines, data_dir, lang, published, start = args
    return [dumps(r) for r in extract_records(lines, data_dir, lang=lang, published=published, start_line=start)]


def dumps(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def run_lines(lines: Iterable[str], data_dir: Path, lang: str, published: date | None, jobs: int) -> Iterator[str]:
    """Result lines for input lines, in order; ``jobs`` > 1: that many worker processes, at most a few
    chunks in flight (the input is streamed, never read whole)."""
    stream = iter(lines)
    if jobs <= 1:
        yield from (dumps(r) for r in extract_records(stream, data_dir, lang=lang, published=published))
        return
    yield from _parallel(_chunk, _chunks(stream, str(data_dir), lang, published), jobs)


def extract_many(
    items: list[tuple[str, str]], data_dir: Path, lang: str, published: date | None, jobs: int
) -> list[Extraction]:
    """:func:`~timeline.extract.extract` of every (name, raw text), in order, in ``jobs`` processes."""
    if jobs <= 1 or len(items) <= 1:
        gazetteer = _gazetteer(str(data_dir))
        return [extract(raw, gazetteer, name=name, lang=lang, published=published) for name, raw in items]
    tasks = ((items[i : i + 1], str(data_dir), lang, published) for i in range(len(items)))
    return list(_parallel(_files, tasks, jobs))


def _files(args: tuple[list[tuple[str, str]], str, str, date | None]) -> list[Extraction]:
    items, data_dir, lang, published = args
    gazetteer = _gazetteer(data_dir)
    return [extract(raw, gazetteer, name=name, lang=lang, published=published) for name, raw in items]


def _parallel(fn: Callable[[T], list[R]], tasks: Iterator[T], jobs: int) -> Iterator[R]:
    pending: deque[Future[list[R]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for task in tasks:
            pending.append(pool.submit(fn, task))
            if len(pending) >= IN_FLIGHT * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunks(
    stream: Iterator[str], data_dir: str, lang: str, published: date | None
) -> Iterator[tuple[list[str], str, str, date | None, int]]:
    start = 1
    while chunk := list(islice(stream, CHUNK)):
        yield chunk, data_dir, lang, published, start
        start += len(chunk)
