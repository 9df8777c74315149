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

from timeline import IMPRECISE_POLICIES, __version__, cache
from timeline.errors import DataError, ExitCode, OutputError, TimelineError, os_cause

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


def out_option(help_text: str) -> Callable[[F], F]:
    """``--out DIR``, the output folder (default: feeds)."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default="feeds",
        show_default=True,
        help=help_text,
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
@out_option("Where the published files go.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the committed output (or ledger) is stale.")
@click.option(
    "--now",
    metavar="TIME",
    help="The time to stamp new or changed events with, and the build moment (ISO 8601 with zone). "
    "Default: SOURCE_DATE_EPOCH, else the clock; --check without --now uses the moment the ledger records.",
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
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Processes that render and write the pages (default: as many as there are cores); "
    "the output is the same for any N.",
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
    jobs: int | None,
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
    # The locks, the build cache and the one scan of the inputs: enough to tell a no-op, else handed to the build.
    session = None if check else noop.Session(data_dir, out_dir, moment, root, *options, adopt=adopt)
    if session is not None and session.last is not None:  # nothing changed: no library loaded, nothing rendered
        with session:
            run = session.last
            for problem in (*session.store.warnings, *run.warnings):
                click.echo(str(problem), err=True)
            if not quiet:
                click.echo(
                    f"{run.events} events → {len(run.names)} files in {out_dir.as_posix()}/: "
                    f"0 written, {len(run.names)} unchanged, 0 removed"
                )
        return
    try:
        from timeline.build import build as run_build  # noqa: PLC0415
        from timeline.jobs import default_jobs  # noqa: PLC0415

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
            jobs=jobs or default_jobs(),
            # The build moment moves on only in a real build or with an explicit --now: --check
            # renders as of the moment the ledger records, whatever the clock or SOURCE_DATE_EPOCH say.
            move=not check or now is not None,
            session=session,
        )
    finally:
        if session is not None:
            session.close()  # the build closed it (closing twice does nothing)
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
    from timeline import noop  # noqa: PLC0415 - keep --help quick
    from timeline.buildcache import FOLDER, BuildCache, Inputs  # noqa: PLC0415

    root, moment = cache.root(data_dir, cache_dir), _now(now)
    store = BuildCache(root / FOLDER, verify=False)
    try:
        scanned = Inputs(data_dir, root, store, noop.LEDGER_FILE)  # once, before anything is read
        pending = scanned.scan.pending
        key = noop.check_key(scanned, scanned.ledger, pending, data_dir, moment, allow_mass_removal)
        last = store.run(key, moment)  # the same inputs, ledger and day as an earlier check: its verdict
        if last is None:
            from timeline.build import check_run, plan, valid_until  # noqa: PLC0415

            store.verify()
            result = plan(
                data_dir,
                moment,
                data_dir.as_posix(),
                allow_mass_removal=allow_mass_removal,
                cache=root,
                build_cache=store,
                scanned=scanned,
            )
            result.verify(store)
            last = check_run(result.dataset, data_dir)
            if not store.warnings:
                store.keep_run(key, moment, valid_until(result, moment), last)
    finally:
        store.close()
    for line in last.notes:
        click.echo(line, err=True)
    for line in last.names:
        click.echo(line)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The port to listen on.")
@data_option
@out_option("The folder to build into and serve at /.")
@click.option("--adopt", is_flag=True, help="Take over a non-empty --out folder that has no .timeline-manifest.")
@cache_option
@_errors
def serve(host: str, port: int, data_dir: Path, out_dir: Path, adopt: bool, cache_dir: Path | None) -> None:
    """Preview the published folder at / (rebuilt when the data changes) and serve filtered calendars and feeds.

    /calendar.ics, /feed.atom, /feed.rss and /feed.json take ?series=KEY,...&participant=CODE,...&host=CODE,...&lang=LANG
    (the keys used in the published file names); /filter builds such an address. See README "Serving".
    """
    from timeline.serve import State, run  # noqa: PLC0415 - keep other commands fast: starlette, uvicorn

    def report(line: str) -> None:
        click.echo(f"timeline serve: {line}", err=True)

    state = State(data_dir, out_dir, lambda: _now(None), report, adopt=adopt, cache=cache.root(data_dir, cache_dir))
    run(state, host, port)


# -- extraction (issue 5) ------------------------------------------------------------------


def _rule_languages() -> list[str]:
    """The languages `extract` reads: one rules file each (adding a language is adding a file)."""
    from timeline.languages import languages  # noqa: PLC0415 - only the extract command needs it

    return list(languages())


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option(
    "--lang",
    type=click.Choice([*_rule_languages(), "auto"]),
    default="auto",
    show_default=True,
    help="The articles' language (the codes of timeline/extract/lang/*.yaml).",
)
@click.option(
    "--published", metavar="YYYY-MM-DD", help="When the articles appeared: dates without a year are read from it."
)
@click.option("--url", help="The article's address (recorded as its source with --write).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@click.option(
    "--write", is_flag=True, help="Add the candidates to the data folder, or cite the article on events they match."
)
@click.option(
    "--jsonl",
    is_flag=True,
    help='FILES are JSON Lines of articles ({"text": ..., "id", "lang", "published", "url"}); print one JSON line of candidates per article.',
)
@click.option(
    "--jobs", type=click.IntRange(1, 256), default=1, show_default=True, help="Extract in this many processes."
)
@data_option
@_errors
def extract(
    files: tuple[Path, ...],
    lang: str,
    published: str | None,
    url: str | None,
    fmt: str,
    write: bool,
    jsonl: bool,
    jobs: int,
    data_dir: Path,
) -> None:
    """Propose the dated events that news articles (text or HTML; - for stdin) report.

    Each candidate carries its series, date as EDTF exactly as precise as the text, place,
    status, the quote that supports it and its character span. See README "Extraction".
    """
    from timeline.extract.command import run_extract, run_jsonl  # noqa: PLC0415 - keep `timeline build` fast

    if jsonl:
        if write or url:
            raise click.UsageError("--jsonl prints candidates only; --write and --url take article files")
        for line in run_jsonl(files, lang, published, jobs, data_dir):
            click.echo(line)
        return
    for line in run_extract(files, lang, published, url, fmt, write, data_dir, jobs):
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
@click.option(
    "--misses",
    is_flag=True,
    help="After the scores, list per article each gold (series, start) missed and each extra candidate, with why, "
    "and each matched candidate with another status than the gold's.",
)
@data_option
@_errors
def eval_(gold: Path, split: str, no_baseline: bool, misses: bool, data_dir: Path) -> None:
    """Score extraction against an annotated gold set: precision, recall, F1, false precision.

    Rows: all, each language, each split and each split's languages. With --misses, what to look
    at next: the articles where the extractor and the gold disagree on (series, start) or status."""
    from timeline.evaluate import evaluate_command, gold_splits  # noqa: PLC0415

    choices = ["all", *gold_splits(gold)]
    if split not in choices:
        raise click.BadParameter(
            f"{split!r} is not a split of {gold}; choose from {', '.join(choices)}", param_hint="--split"
        )
    for line in evaluate_command(gold, split, not no_baseline, data_dir, misses):
        click.echo(line)


# -- keeping it current (issue 10) ---------------------------------------------------------


def _fetch_options(func: F) -> F:
    options = [
        click.option("--timeout", type=click.FloatRange(min=0.001), default=20.0, show_default=True, help="Seconds per connect or read."),
        click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True, help="Further attempts on 5xx, 429 and time-outs."),
        click.option("--backoff", type=click.FloatRange(min=0), default=2.0, show_default=True, help="Seconds before the first retry, doubled each time."),
        click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True, help="Seconds between two requests to one host."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=5_000_000, show_default=True, help="The largest response body read."),
        click.option("--max-redirects", type=click.IntRange(min=0), default=5, show_default=True),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


def _fetch(data_dir: Path, cache_dir: Path | None, settings: dict[str, Any], quiet: bool) -> None:
    from timeline.fetch.command import policy_for, run_fetch  # noqa: PLC0415

    policy = policy_for(data_dir, **settings)
    root = cache.root(data_dir, cache_dir)

    def progress(items: list[Any]) -> Any:
        if quiet or len(items) < 5 or not sys.stderr.isatty():  # noqa: PLR2004 - a bar only on long runs, on a terminal
            return items
        return _Bar(items)

    summary = run_fetch(data_dir, root, policy, progress)
    for error in summary.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(summary.line(), err=quiet)


class _Bar:
    """click's progress bar on stderr, as an iterable."""

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def __iter__(self) -> Any:
        with click.progressbar(self.items, label="articles", file=sys.stderr) as bar:
            yield from bar


@main.command()
@data_option
@cache_option
@_fetch_options
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary line (on stderr).")
@_errors
def fetch(data_dir: Path, cache_dir: Path | None, quiet: bool, **settings: Any) -> None:
    """Fetch the watched feeds, sitemaps and pages into the inbox.

    DATA/watch.yaml lists them; the new articles' candidates go to the review inbox.

    Polite HTTP: conditional GET, robots.txt, a delay per host, retries with backoff, a size
    cap, a redirect limit. Articles already seen are not fetched again. One source failing
    never stops the others; each failure names its URL and why. Nothing in DATA is changed.
    """
    _fetch(data_dir, cache_dir, settings, quiet)


def _describe(p: Any) -> list[str]:
    c = p.candidate
    when = c.edtf
    place = ", ".join(x for x in (c.city, c.country) if x) or "place unknown"
    head = f"{p.id}  {p.action} {p.target or ''}".rstrip()
    lines = [
        f"{head}: {c.title} — {when}, {place}, {c.status.value} ({len(p.urls)} source{'s' if len(p.urls) != 1 else ''})"
    ]
    for key, change in p.change.items():
        lines.append(f"    {key}: {change['from']} → {change['to']}")
    if p.action == "update" and p.new_sources:
        lines.append(f"    sources: + {', '.join(p.new_sources)}")
    lines += [f"    ! {flag}" for flag in p.flags]
    return lines


@main.command()
@data_option
@cache_option
@click.option("--list", "list_", is_flag=True, help="List the proposals and exit.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--accept", "accept_", is_flag=True, help="Accept the proposals IDS (merge them into DATA).")
@click.option("--reject", "reject_", is_flag=True, help="Reject the proposals IDS: never proposed again.")
@click.argument("ids", nargs=-1)
@_errors
def review(
    data_dir: Path, cache_dir: Path | None, list_: bool, fmt: str, accept_: bool, reject_: bool, ids: tuple[str, ...]
) -> None:
    """Review the inbox: accept, edit, reject or skip each proposal.

    Scripted: --list [--format json], --accept IDS, --reject IDS.

    A proposal is one meeting as reported by one or more fetched articles; it would create an
    event or update an existing one, and says exactly what would change.
    """
    import json  # noqa: PLC0415

    from timeline import review as core  # noqa: PLC0415

    root = cache.root(data_dir, cache_dir)
    if sum((list_, accept_, reject_)) > 1:
        raise click.UsageError("use one of --list, --accept and --reject")
    if (accept_ or reject_) and not ids:
        raise click.UsageError("give the ids of the proposals (see `timeline review --list`)")
    if ids and not (accept_ or reject_):
        raise click.UsageError("ids need --accept or --reject")
    if list_:
        _ds, found = core.pending(data_dir, root)
        if fmt == "json":
            click.echo(json.dumps([p.as_dict() for p in found], ensure_ascii=False, indent=2))
        else:
            for p in found:
                click.echo("\n".join(_describe(p)))
            click.echo(f"{len(found)} proposal{'s' if len(found) != 1 else ''} in the inbox")
        return
    if accept_:
        _report_accept(core.accept(data_dir, root, ids), data_dir)
        return
    if reject_:
        outcome = core.reject(data_dir, root, ids)
        click.echo(f"rejected {', '.join(outcome.rejected)}: never proposed again")
        return
    _interactive(core, data_dir, root)


def _report_accept(outcome: Any, data_dir: Path) -> None:
    shown = data_dir.as_posix()
    for name in outcome.written:
        click.echo(f"wrote {shown}/{name}")
    for flag in outcome.report.flags:
        click.echo(f"review: {shown}/{flag}", err=True)
    click.echo(f"accepted {', '.join(outcome.accepted)}: {len(outcome.written)} files written")


def _interactive(core: Any, data_dir: Path, root: Path) -> None:
    skipped: set[str] = set()
    while True:
        ds, found = core.pending(data_dir, root)
        todo = [p for p in found if p.id not in skipped]
        if not todo:
            click.echo(f"inbox: {len(found)} proposal{'s' if len(found) != 1 else ''} left (skipped)")
            return
        p = todo[0]
        click.echo("\n".join(_describe(p)))
        for m in p.mentions:
            click.echo(f"  {m.url} ({m.publisher or 'publisher unknown'}, {m.published or 'date unknown'}):")
            click.echo(f"    “{m.candidate.evidence}”")
        choice = click.prompt(
            "[a]ccept, [e]dit, [r]eject, [s]kip, [q]uit", type=click.Choice(["a", "e", "r", "s", "q"]), default="s"
        )
        if choice == "q":
            return
        if choice == "s":
            skipped.add(p.id)
        elif choice == "r":
            core.reject(data_dir, root, [p.id])
            click.echo(f"rejected {p.id}")
        else:
            if choice == "e":
                text = click.edit(core.edit_text(p), extension=".yaml")
                if text is None:
                    click.echo("unchanged; not accepted")
                    continue
                try:
                    p = core.apply_edit(ds, p, text)
                except DataError as exc:
                    for problem in exc.problems:
                        click.echo(str(problem), err=True)
                    continue
            _report_accept(core.accept(data_dir, root, [p.id], chosen=[p]), data_dir)


@main.command()
@data_option
@cache_option
@_fetch_options
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default="feeds", show_default=True)
@click.option(
    "--auto-accept",
    type=click.Choice(["none", "upgrades"]),
    default="none",
    show_default=True,
    help="upgrades: accept, without a person, only proposals that make an existing event more precise "
    "(date, status, place) and that at least --min-sources independent outlets agree on.",
)
@click.option("--min-sources", type=click.IntRange(min=2), default=2, show_default=True)
@click.option("--now", metavar="TIME", help="As for `timeline build`.")
@click.option("-q", "--quiet", is_flag=True)
@click.pass_context
@_errors
def update(
    ctx: click.Context,
    /,
    data_dir: Path,
    cache_dir: Path | None,
    out_dir: Path,
    auto_accept: str,
    min_sources: int,
    now: str | None,
    quiet: bool,
    **settings: Any,
) -> None:
    """Fetch, auto-accept agreed upgrades, build: for a schedule.

    Upgrades are accepted only with --auto-accept upgrades.

    Everything else stays in the inbox for `timeline review`. Meant for a schedule (cron, CI):
    see README "Keeping it current".
    """
    from timeline import review as core  # noqa: PLC0415

    _fetch(data_dir, cache_dir, settings, quiet)
    root = cache.root(data_dir, cache_dir)
    _ds, found = core.pending(data_dir, root)
    chosen = [p for p in found if auto_accept == "upgrades" and core.agreed_upgrade(p, min_sources)]
    if chosen:
        _report_accept(core.accept(data_dir, root, [p.id for p in chosen]), data_dir)
    click.echo(
        f"inbox: {len(found) - len(chosen)} proposal{'s' if len(found) - len(chosen) != 1 else ''} for `timeline review`"
    )
    ctx.invoke(
        build,
        data_dir=data_dir,
        cache_dir=cache_dir,
        out_dir=out_dir,
        check=False,
        now=now,
        imprecise_dates=None,
        adopt=False,
        allow_mass_removal=False,
        quiet=quiet,
    )
