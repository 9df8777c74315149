"""``timeline serve``: a preview of the published folder and filtered calendars and feeds on demand.

* ``/`` serves the output folder (``feeds/``) as a static host would, and the data folder is
  watched: a change rebuilds it (bad data is reported and the last good build stays served).
* ``/calendar.ics``, ``/feed.atom``, ``/feed.rss`` and ``/feed.json`` take
  ``?series=admm,adsom&participant=vn&host=my&lang=vi`` (see :mod:`timeline.query`) and are
  rendered by the build's own code (:class:`timeline.build.Renderer`): the same bytes for the same
  query and build, with an ETag, conditional GET (304) and gzip. A bad value is a 400 that names it.
* ``/filter`` is a form that builds the subscribe address of a chosen filter.

Starlette and uvicorn are imported here only, so that other commands start fast.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from timeline import entries, render_atom, render_rss
from timeline.build import Plan, Renderer, build, plan
from timeline.errors import DataError, TimelineError
from timeline.noop import LEDGER_FILE
from timeline.query import Filter, QueryError, parse, selection
from timeline.render_page.form import form_page

KINDS = {
    "calendar.ics": ("text/calendar; charset=utf-8", ".ics"),
    "feed.atom": ("application/atom+xml; charset=utf-8", ".atom.xml"),
    "feed.rss": ("application/rss+xml; charset=utf-8", ".rss"),
    "feed.json": ("application/feed+json; charset=utf-8", ".json"),
}
PATHS = {suffix: path for path, (_, suffix) in KINDS.items()}
POLL_SECONDS = 1.0


@dataclass(frozen=True)
class FilteredInfo(entries.FeedInfo):
    """A filtered feed's own addresses: ``<root>feed.atom?<query>`` rather than a published file."""

    root: str = ""
    query: str = ""

    def url(self, suffix: str) -> str:
        return f"{self.root}{PATHS[suffix]}{'?' + self.query if self.query else ''}"


@dataclass
class State:
    """The last good build, rebuilt when the data folder changes."""

    data_dir: Path
    out_dir: Path
    clock: Callable[[], datetime]
    report: Callable[[str], None]
    adopt: bool = False
    cache: Path | None = None
    plan: Plan | None = None
    now: datetime | None = None
    signature: tuple[tuple[str, int, int], ...] = ()
    lock: threading.Lock = field(default_factory=threading.Lock)

    def scan(self) -> tuple[tuple[str, int, int], ...]:
        """Every data file's path, size and modification time (the ledger aside: builds write it)."""

        def walk() -> Iterator[tuple[str, int, int]]:
            for path in sorted(self.data_dir.rglob("*")):
                if path.is_file() and path.name != LEDGER_FILE:
                    stat = path.stat()
                    yield path.as_posix(), stat.st_size, stat.st_mtime_ns

        return tuple(walk())

    def rebuild(self) -> bool:
        """Build into the output folder; False (and the problems reported) when the data is bad."""
        with self.lock:
            self.signature = self.scan()
            now = self.clock()
            try:
                outcome = build(
                    self.data_dir,
                    self.out_dir,
                    now,
                    shown_root=self.data_dir.as_posix(),
                    adopt=self.adopt,
                    cache=self.cache,
                )
            except DataError as exc:
                for problem in exc.problems:
                    self.report(str(problem))
                self.report("the data has problems; still serving the last good build")
                return False
            except TimelineError as exc:  # a busy or faulty output folder: say so, keep serving
                self.report(f"error: {exc}; still serving the last good build")
                return False
            self.adopt = False  # the folder has a manifest now
            # A build the cache showed to be a no-op renders nothing; the filtered answers need the plan.
            current = outcome.plan or plan(self.data_dir, now, self.data_dir.as_posix(), cache=self.cache)
            self.plan, self.now = current, now
            written = len(outcome.report.written)
            self.report(f"built {len(current.dataset.events)} events: {written} files written into {self.out_dir}")
            return True

    def changed(self) -> bool:
        return self.scan() != self.signature

    def current(self) -> tuple[Plan, datetime]:
        with self.lock:
            assert self.plan is not None
            assert self.now is not None
            return self.plan, self.now


def _etag(data: bytes, encoding: str = "") -> str:
    digest = hashlib.sha256(data).hexdigest()[:32]
    return f'"{digest}{"-" + encoding if encoding else ""}"'


def respond(request: Request, data: bytes, media_type: str) -> Response:
    """``data`` with an ETag, as a 304 when the client has it, gzip-compressed when the client takes it."""
    headers = {"Cache-Control": "public, max-age=300", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        data = gzip.compress(data, mtime=0)  # mtime=0: the same bytes every time
        headers["Content-Encoding"] = "gzip"
        headers["ETag"] = _etag(data, "gzip")
    else:
        headers["ETag"] = _etag(data)
    wanted = {tag.strip().removeprefix("W/") for tag in request.headers.get("if-none-match", "").split(",")}
    if headers["ETag"] in wanted or "*" in wanted:
        headers.pop("Content-Encoding", None)
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=media_type, headers=headers)


def render(plan: Plan, now: datetime, f: Filter, path: str, root: str) -> bytes:
    """One filtered calendar or feed, rendered by the build's own code."""
    ds, config = plan.dataset, plan.dataset.config
    r = Renderer(ds, plan.ledger, now)
    sel = selection(ds, f, r.removed)
    query = f.query()
    if path == "calendar.ics":
        url = f"{root}calendar.ics{'?' + query if query else ''}"
        return r.ics(url, sel.name, sel.description, sel.lang, r.calendar_ids(sel), sel.color, sel.also)
    items = entries.entries(sel, config, plan.ledger, r.by_id)
    base = entries.info(sel, config, items)
    meta = FilteredInfo(**{k: getattr(base, k) for k in base.__dataclass_fields__}, root=root, query=query)
    if path == "feed.atom":
        return render_atom.feed(meta, items)
    if path == "feed.rss":
        return render_rss.rss(meta, items)
    return render_rss.json_feed(meta, items)


def _params(request: Request) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        out.setdefault(name, []).append(value)
    return out


def app(state: State) -> Starlette:
    """The application; ``state`` must hold a build (``state.rebuild()`` first)."""

    async def filtered(request: Request) -> Response:
        path = request.url.path.rsplit("/", 1)[-1]
        media_type, _ = KINDS[path]
        plan, now = state.current()
        try:
            f = parse(_params(request), plan.dataset)
        except QueryError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        return respond(request, render(plan, now, f, path, str(request.base_url)), media_type)

    async def filter_form(request: Request) -> Response:
        plan, _ = state.current()
        params = _params(request)
        try:
            f = parse(params, plan.dataset)
        except QueryError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        data = form_page(plan.dataset, f, str(request.base_url), bool(params))
        return respond(request, data, "text/html; charset=utf-8")

    routes: list[Route | Mount] = [Route(f"/{path}", filtered, methods=["GET", "HEAD"]) for path in KINDS]
    routes.append(Route("/filter", filter_form, methods=["GET", "HEAD"]))
    routes.append(Mount("/", app=StaticFiles(directory=state.out_dir, html=True)))

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        watcher = asyncio.create_task(watch(state))
        try:
            yield
        finally:
            watcher.cancel()

    return Starlette(routes=routes, middleware=[Middleware(GZipMiddleware, minimum_size=1024)], lifespan=lifespan)


async def watch(state: State) -> None:
    """Rebuild whenever a data file changes (polled: no extra dependency, works on every file system)."""
    while True:
        await asyncio.sleep(POLL_SECONDS)
        if state.changed():
            await asyncio.to_thread(state.rebuild)


def run(state: State, host: str, port: int) -> None:
    """Serve until interrupted; raises TimelineError when the first build fails."""
    import uvicorn  # noqa: PLC0415 - only `timeline serve` needs it

    if not state.rebuild():
        raise TimelineError(f"cannot serve: the data in {state.data_dir} has problems (listed above)")
    uvicorn.run(app(state), host=host, port=port, log_level="info", proxy_headers=True)
