"""The command line. The only module that prints or exits."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from timeline import __version__, cache
from timeline.errors import DataError, ExitCode, OutputError, TimelineError, os_cause
from timeline.model import IMPRECISE_POLICIES, Dataset

# The heavy libraries (icalendar, feedgen, ruamel.yaml, dateutil) are imported inside the
# commands that need them, so that `timeline --help` and `timeline check --help` stay quick.

F = TypeVar("F", bound=Callable[..., Any])

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="data",
    show_default=True,
    help="The data folder: config, gazetteers, events and sources.",
)


cache_option = click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The local cache folder (default: $TIMELINE_CACHE, else .timeline-cache beside the data folder); "
    "quotes of sources whose text is not committed are checked against the texts cached there.",
)


def _unchecked(ds: Dataset) -> str | None:
    """A note on the sources whose quotes could not be checked (no committed or cached text)."""
    missing = sorted(s.id for s in ds.sources.values() if not s.text)
    if not missing:
        return None
    shown = 3
    listed = ", ".join(missing[:shown]) + (f" and {len(missing) - shown} more" if len(missing) > shown else "")
    return (
        f"note: the quotes of {len(missing)} source{'s' if len(missing) != 1 else ''} ({listed}) were not checked: "
        "their texts are neither committed nor in the local cache (see data/README.md, 'Sources')"
    )


EARLIEST, LATEST = datetime(1970, 1, 1, tzinfo=UTC), datetime(9000, 12, 31, 23, 59, 59, tzinfo=UTC)
"""The build clock's range: dates, durations and tombstone expiry stay far from year 9999."""


def _now(value: str | None) -> datetime:
    """The build clock: --now, else SOURCE_DATE_EPOCH, else the system clock (UTC)."""
    if value:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise click.BadParameter(
                f"{value!r} is not an ISO 8601 time such as 2026-01-31T12:00:00Z", param_hint="--now"
            ) from None
        if moment.tzinfo is None:
            raise click.BadParameter(f"{value!r} has no time zone; add Z or +07:00", param_hint="--now")
        if not EARLIEST <= moment <= LATEST:  # compared as instants, before any date arithmetic
            raise click.BadParameter(
                f"{value!r} is outside {EARLIEST:%Y-%m-%d} to {LATEST:%Y-%m-%d}; give the real time of the build",
                param_hint="--now",
            )
        return moment.astimezone(UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise click.UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from None
        if not EARLIEST.timestamp() <= seconds <= LATEST.timestamp():
            raise click.UsageError(
                f"SOURCE_DATE_EPOCH={epoch[:24]!r} is outside {EARLIEST:%Y-%m-%d} to {LATEST:%Y-%m-%d} "
                f"({int(EARLIEST.timestamp())} to {int(LATEST.timestamp())} seconds)"
            )
        return datetime.fromtimestamp(seconds, UTC)
    return datetime.now(UTC)


def _errors(func: F) -> F:
    """Turn the core's typed errors into messages and exit codes, in one place."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DataError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            count = sum(not p.warning for p in exc.problems)
            click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", err=True)
            sys.exit(ExitCode.BAD_DATA)
        except OutputError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(ExitCode.USAGE)
        except TimelineError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(ExitCode.BAD_DATA)
        except OSError as exc:  # a fault the core did not name itself: still one line, no traceback
            where = exc.filename if exc.filename is not None else "a file"
            click.echo(f"error: {where}: {os_cause(exc)}", err=True)
            sys.exit(ExitCode.BAD_DATA)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    """Publish a curated, source-cited timeline of dated events as ICS calendars and Atom feeds.

    The timeline lives in a data folder (default: ./data); `timeline check` validates it and
    `timeline build` regenerates the published files (default: ./feeds).
    """


@main.command()
@data_option
@cache_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="feeds",
    show_default=True,
    help="Where the published files go.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the committed output (or ledger) is stale.")
@click.option(
    "--now",
    metavar="TIME",
    help="The time to stamp new or changed events with (ISO 8601 with zone). Default: SOURCE_DATE_EPOCH, else the clock.",
)
@click.option(
    "--imprecise-dates",
    type=click.Choice(IMPRECISE_POLICIES),
    help="Override the config's imprecise_dates for events whose day is not known: span = an all-day "
    "span over the known month or year, marked 'date TBC' and TENTATIVE; skip = leave them out of calendars.",
)
@click.option(
    "--adopt",
    is_flag=True,
    help="Take over a non-empty --out folder that has no .timeline-manifest: overwrite the files the build "
    "generates there, and never remove any other file.",
)
@click.option(
    "--allow-mass-removal",
    is_flag=True,
    help="Publish even though more than half of the published events are gone from the data.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing unless something is wrong.")
@_errors
def build(
    data_dir: Path,
    cache_dir: Path | None,
    out_dir: Path,
    check: bool,
    now: str | None,
    imprecise_dates: str | None,
    adopt: bool,
    allow_mass_removal: bool,
    quiet: bool,
) -> None:
    """Validate the data and regenerate every calendar and feed.

    Files whose bytes would not change are left untouched; the others are replaced
    atomically. With bad data nothing is written and every problem is listed.
    Only files an earlier build recorded in OUT/.timeline-manifest are ever removed; a
    non-empty OUT without one is refused (see --adopt).
    The revision ledger (DATA/timeline.lock) records when each event appeared and last
    changed, so unchanged events keep their timestamps and sequence numbers.
    A second build into the same folder waits for the first (then gives up, exit 1).
    """
    from timeline import noop  # noqa: PLC0415 - keep --help quick

    moment, root = _now(now), cache.root(data_dir, cache_dir)
    options = (data_dir.as_posix(), imprecise_dates, adopt, allow_mass_removal)
    hit, notes = (None, []) if check else noop.unchanged(data_dir, out_dir, moment, root, *options, adopt=adopt)
    for problem in notes:  # a damaged build cache, ignored
        click.echo(str(problem), err=True)
    if hit is not None:  # nothing changed since the last build: no library loaded, nothing rendered
        report, run = hit
        for problem in run.warnings:
            click.echo(str(problem), err=True)
        if not quiet:
            click.echo(
                f"{run.events} events → {len(report.unchanged)} files in {out_dir.as_posix()}/: "
                f"0 written, {len(report.unchanged)} unchanged, 0 removed"
            )
        return
    from timeline.build import build as run_build  # noqa: PLC0415

    outcome = run_build(
        data_dir,
        out_dir,
        moment,
        check=check,
        shown_root=data_dir.as_posix(),
        imprecise_dates=imprecise_dates,
        adopt=adopt,
        allow_mass_removal=allow_mass_removal,
        cache=root,
    )
    report, events = outcome.report, outcome.events
    for problem in outcome.warnings:
        click.echo(str(problem), err=True)
    if check:
        stale = [f"{out_dir.as_posix()}/{name}" for name in report.written]
        stale += [f"{out_dir.as_posix()}/{name} (no longer generated)" for name in report.removed]
        if report.manifest_stale:
            stale.append(f"{out_dir.as_posix()}/.timeline-manifest")
        if outcome.ledger_changed:
            stale.insert(0, f"{data_dir.as_posix()}/timeline.lock")
        if stale:
            for name in stale:
                click.echo(f"stale: {name}", err=True)
            click.echo("The committed output is out of date; run `timeline build` and commit the result.", err=True)
            sys.exit(ExitCode.BAD_DATA)
        if not quiet:
            click.echo(f"up to date: {len(report.unchanged)} files from {events} events")
        return
    if not quiet:
        for name in report.written:
            click.echo(f"wrote {out_dir.as_posix()}/{name}")
        for name in report.removed:
            click.echo(f"removed {out_dir.as_posix()}/{name} (no longer generated)")
        click.echo(
            f"{events} events → {len(report.written) + len(report.unchanged)} files in {out_dir.as_posix()}/: "
            f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed"
        )


@main.command()
@data_option
@cache_option
@click.option(
    "--now",
    metavar="TIME",
    help="The build moment to check against (ISO 8601 with zone). Default: SOURCE_DATE_EPOCH, else the clock.",
)
@click.option(
    "--allow-mass-removal",
    is_flag=True,
    help="Accept data that drops more than half of the published events, as `build --allow-mass-removal` would.",
)
@_errors
def check(data_dir: Path, cache_dir: Path | None, now: str | None, allow_mass_removal: bool) -> None:
    """Validate the data folder and report every problem.

    Each problem is printed as PATH:LINE: FIELD: MESSAGE, quoting the bad value; the exit
    status is 1 if there is any. Nothing is written. The whole build runs in memory, the
    ledger (DATA/timeline.lock) included, so data that passes `check` also builds. Quotes are
    checked against the source's committed text, else its text in the local cache; a note
    names the sources with neither.
    """
    from timeline.build import plan  # noqa: PLC0415 - keep --help quick
    from timeline.buildcache import FOLDER, BuildCache  # noqa: PLC0415

    root = cache.root(data_dir, cache_dir)
    store = BuildCache(root / FOLDER)
    try:
        result = plan(
            data_dir,
            _now(now),
            data_dir.as_posix(),
            allow_mass_removal=allow_mass_removal,
            cache=root,
            build_cache=store,
        )
        result.verify(store)
    finally:
        store.close()
    ds = result.dataset
    for problem in ds.warnings:
        click.echo(str(problem), err=True)
    note = _unchecked(ds)
    if note:
        click.echo(note, err=True)
    click.echo(
        f"ok: {len(ds.events)} events, {len(ds.series)} series, {len(ds.places)} places, "
        f"{len(ds.sources)} sources in {data_dir.as_posix()}/"
    )


# -- extraction (issue 5) ------------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option(
    "--lang", type=click.Choice(["vi", "en", "auto"]), default="auto", show_default=True, help="The articles' language."
)
@click.option(
    "--published", metavar="YYYY-MM-DD", help="When the articles appeared: dates without a year are read from it."
)
@click.option("--url", help="The article's address (recorded as its source with --write).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@click.option(
    "--write", is_flag=True, help="Add the candidates to the data folder, or cite the article on events they match."
)
@data_option
@_errors
def extract(
    files: tuple[Path, ...], lang: str, published: str | None, url: str | None, fmt: str, write: bool, data_dir: Path
) -> None:
    """Propose the dated events that news articles (text or HTML; - for stdin) report.

    Each candidate carries its series, date as EDTF exactly as precise as the text, place,
    status, the quote that supports it and its character span. See README "Extraction".
    """
    from timeline.extract.command import run_extract  # noqa: PLC0415 - keep `timeline build` fast

    for line in run_extract(files, lang, published, url, fmt, write, data_dir):
        click.echo(line)


@main.command(name="eval")
@click.argument("gold", type=click.Path(path_type=Path, exists=True), default="tests/gold")
@click.option(
    "--split",
    default="all",
    show_default=True,
    help="A split named in the gold files (their `split:` field), or all; dev includes seed.",
)
@click.option("--no-baseline", is_flag=True, help="Skip the dateparser baseline row.")
@data_option
@_errors
def eval_(gold: Path, split: str, no_baseline: bool, data_dir: Path) -> None:
    """Score extraction against an annotated gold set: precision, recall, F1, false precision."""
    from timeline.evaluate import evaluate_command, gold_splits  # noqa: PLC0415

    choices = ["all", *gold_splits(gold)]
    if split not in choices:
        raise click.BadParameter(
            f"{split!r} is not a split of {gold}; choose from {', '.join(choices)}", param_hint="--split"
        )
    for line in evaluate_command(gold, split, not no_baseline, data_dir):
        click.echo(line)
