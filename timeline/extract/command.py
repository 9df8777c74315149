"""What `timeline extract` does, as lines for the CLI to print (only the CLI prints)."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

from timeline import cache
from timeline.errors import DataError, Problem, quote
from timeline.extract import Extraction, Gazetteer, extract
from timeline.extract.merge import merge
from timeline.normalise import normalise


def parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataError(
            [
                Problem(
                    "--published",
                    0,
                    "published",
                    f"{quote(value)} is not a date; write it as YYYY-MM-DD, e.g. 2025-09-26",
                )
            ]
        ) from None


def read_input(path: Path) -> tuple[str, str]:
    """(name, text) of one input; ``-`` is standard input."""
    if str(path) == "-":
        return "-", sys.stdin.read()
    try:
        return path.as_posix(), path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(
            [Problem(path.as_posix(), 0, "", "no such file; give the path of an article (text or HTML)")]
        ) from None
    except UnicodeDecodeError as exc:
        raise DataError(
            [Problem(path.as_posix(), 0, "", f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8")]
        ) from None


def run_extract(
    files: tuple[Path, ...], lang: str, published: str | None, url: str | None, fmt: str, write: bool, data_dir: Path
) -> Iterator[str]:
    when = parse_published(published)
    ds = normalise(data_dir, data_dir.as_posix(), cache.root(data_dir))
    gazetteer = Gazetteer(ds)
    results: list[Extraction] = []
    for path in files:
        name, raw = read_input(path)
        results.append(extract(raw, gazetteer, name=name, lang=lang, published=when))
    docs = [r.as_dict() for r in results]
    if fmt == "json":
        yield json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2)
    else:
        y = YAML(typ="safe", pure=True)
        y.allow_unicode = True
        y.default_flow_style = False
        y.width = 4096
        buffer = io.StringIO()
        y.dump_all(docs, buffer)
        yield buffer.getvalue().rstrip("\n")
    if not write:
        return
    for result in results:
        ds = normalise(
            data_dir, data_dir.as_posix(), cache.root(data_dir)
        )  # each article sees what the previous one wrote
        report = merge(data_dir, ds, result, url)
        shown = data_dir.as_posix()
        for line in report.sources:
            yield f"# {result.name}: new source {shown}/{line}"
        for line in report.added:
            yield f"# {result.name}: added {shown}/{line}"
        for line in report.cited:
            yield f"# {result.name}: cited as a further source in {shown}/{line}"
        for line in report.updated:
            yield f"# {result.name}: date or status made more precise in {shown}/{line}"
        for line in report.skipped:
            yield f"# {result.name}: not written: {line}"
        changed = len(report.added) + len(report.cited) + len(report.updated) + len(report.sources)
        yield f"# {result.name}: {changed} change{'s' if changed != 1 else ''}, {len(report.unchanged)} event{'s' if len(report.unchanged) != 1 else ''} already cite it"
    normalise(data_dir, data_dir.as_posix(), cache.root(data_dir))  # what was written must pass `timeline check`
