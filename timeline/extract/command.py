"""What `timeline extract` does, as lines for the CLI to print (only the CLI prints)."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from ruamel.yaml import YAML

from timeline import cache
from timeline.errors import DataError, Problem, quote
from timeline.extract import Extraction, Gazetteer, extract
from timeline.extract.merge import SourceInfo, headline, merge
from timeline.fetch.article import dateline_agency
from timeline.model import Dataset
from timeline.normalise import normalise
from timeline.stage import Stage
from timeline.watch import url_problem


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
        raw = sys.stdin.buffer.read()
        try:
            return "-", raw.decode("utf-8")  # strict: never lone surrogates
        except UnicodeDecodeError as exc:
            raise DataError(
                [
                    Problem(
                        "-", 0, "", f"standard input is not UTF-8 text ({exc.reason} at byte {exc.start}); send UTF-8"
                    )
                ]
            ) from None
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


def check_url(url: str | None) -> None:
    """``--url`` is validated as source URLs are, on the text as written."""
    if url is not None and (why := url_problem(url)) is not None:
        raise DataError([Problem("--url", 0, "url", why)])


def source_info(result: Extraction, raw: str, url: str | None) -> SourceInfo:
    """A new source's metadata: from the page's own metadata when the input is HTML."""
    stem = Path(result.name).stem if result.name not in {"-", ""} else "stdin"
    prefix = result.published.isoformat()[:7] if result.published else "undated"
    title = publisher = None
    if re.search(r"<(html|head|title|meta)\b", raw[:20000], re.I):
        from timeline.fetch.article import read_article  # noqa: PLC0415 - trafilatura is heavy

        page = read_article(raw, url or "", url or "", lang=result.lang, publisher=None, listing=None, published=None)
        if page is not None:
            title, publisher = page.title, page.publisher
    return SourceInfo(
        stem=f"{prefix}-{stem}",
        title=title or headline(result.text) or stem,
        language=result.lang,
        url=url,
        publisher=publisher or dateline_agency(result.text),
        published=result.published.isoformat() if result.published else None,
        text=result.text,
    )


def run_jsonl(files: tuple[Path, ...], lang: str, published: str | None, jobs: int, data_dir: Path) -> Iterator[str]:
    """``--jsonl``: every line of every file (``-``: standard input) is an article; one result line each."""
    from timeline.extract.jsonl import run_lines  # noqa: PLC0415

    when = parse_published(published)
    normalise(data_dir, data_dir.as_posix())  # bad data: one clear report before any worker starts
    for path in files:
        yield from run_lines(_lines(path), data_dir, lang, when, jobs)


def _lines(path: Path) -> Iterator[str]:
    if str(path) == "-":
        for raw in sys.stdin.buffer:
            yield _decode(raw, "-")
        return
    try:
        with path.open("rb") as handle:
            for raw in handle:
                yield _decode(raw, path.as_posix())
    except FileNotFoundError:
        raise DataError([Problem(path.as_posix(), 0, "", "no such file; give a JSON Lines file of articles")]) from None


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(name, 0, "", f"not UTF-8 text ({exc.reason}); send UTF-8")]) from None


def run_extract(
    files: tuple[Path, ...],
    lang: str,
    published: str | None,
    url: str | None,
    fmt: str,
    write: bool,
    data_dir: Path,
    jobs: int = 1,
) -> Iterator[str]:
    when = parse_published(published)
    check_url(url)
    ds = normalise(data_dir, data_dir.as_posix(), cache.root(data_dir))
    inputs = [read_input(path) for path in files]
    raws = [raw for _, raw in inputs]
    if jobs > 1:
        from timeline.extract.jsonl import extract_many  # noqa: PLC0415

        results = extract_many(inputs, data_dir, lang, when, jobs)
    else:
        gazetteer = Gazetteer(ds)
        results = [extract(raw, gazetteer, name=name, lang=lang, published=when) for name, raw in inputs]
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
    yield from write_results(data_dir, ds, results, raws, url)


def write_results(
    data_dir: Path, ds: Dataset, results: list[Extraction], raws: list[str], url: str | None
) -> Iterator[str]:
    """Stage every article's candidates, validate the data folder they give, then write it all (or nothing)."""
    stage = Stage(data_dir, cache.root(data_dir))
    shown = data_dir.as_posix()
    lines: list[str] = []
    for result, raw in zip(results, raws, strict=True):
        report = merge(stage, ds, result, source_info(result, raw, url))
        ds = stage.validate(shown)  # the next article sees what this one staged; bad data raises here
        for line in report.sources:
            lines.append(f"# {result.name}: new source {shown}/{line}")
        for line in report.added:
            lines.append(f"# {result.name}: added {shown}/{line}")
        for line in report.cited:
            lines.append(f"# {result.name}: cited as a further source in {shown}/{line}")
        for line in report.updated:
            lines.append(f"# {result.name}: date, status or place made more precise in {shown}/{line}")
        for line in report.series:
            lines.append(f"# {result.name}: proposed series {line!r} in {shown}/series.yaml (marked for review)")
        for line in report.flags:
            lines.append(f"# {result.name}: review: {shown}/{line}")
        for line in report.skipped:
            lines.append(f"# {result.name}: not written: {line}")
        changed = len(report.added) + len(report.cited) + len(report.updated) + len(report.sources)
        lines.append(
            f"# {result.name}: {changed} change{'s' if changed != 1 else ''}, "
            f"{len(report.unchanged)} event{'s' if len(report.unchanged) != 1 else ''} already cite it"
        )
    stage.validate(shown, build_at=datetime.now(UTC))  # as `timeline check`: the whole build, in memory
    written = stage.commit()
    yield from lines
    yield f"# wrote {len(written)} file{'s' if len(written) != 1 else ''} in {shown}/"
