"""The README's `timeline fetch` sample: fetch, fetch again, review, accept, check, build — against a
local server on 127.0.0.1 (a feed, a sitemap, three article pages and four failing pages).

    .venv/bin/python -m tests.fetch_demo

Prints what each command prints (the port differs from run to run). Nothing outside a temporary
folder is touched and nothing but the local server is contacted.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from tests.golden import FIXTURE
from tests.webserver import Route, serve
from timeline.cli import main


def demo(tmp: Path) -> None:
    data, cache = tmp / "data", tmp / "cache"
    shutil.copytree(FIXTURE, data)
    server = serve()
    site = next(server)
    try:
        site.page("/feed.xml", "feed.xml", content_type="application/rss+xml", etag='"feed-1"')
        site.page(
            "/sitemap.xml", "sitemap.xml", content_type="application/xml", last_modified="Sat, 10 Jan 2026 00:00:00 GMT"
        )
        for name in ("admm-plus-12-bernama.html", "admm-plus-12-daily.html", "adsom-plus-2026.html"):
            site.page(f"/news/{name}", name, etag=f'"{name}"')
        site.routes["/gone"] = Route(status=410)
        site.routes["/broken"] = Route(statuses=[500] * 8)
        site.routes["/slow"] = Route(b"x", delay=2)
        site.routes["/loop"] = Route(status=302, headers={"Location": "/loop2"})
        site.routes["/loop2"] = Route(status=302, headers={"Location": "/loop"})
        watched = [("/feed.xml", "feed"), ("/sitemap.xml", "sitemap")] + [
            (p, "page") for p in ("/gone", "/broken", "/slow", "/loop")
        ]
        (data / "watch.yaml").write_text(
            "watch:\n" + "".join(f"  - url: {site.url(p)}\n    kind: {k}\n    lang: en\n" for p, k in watched), "utf-8"
        )
        where = ["--data", str(data), "--cache", str(cache)]
        fast = ["--timeout", "0.5", "--retries", "2", "--backoff", "0.1", "--delay", "0"]
        runner = CliRunner()

        def run(*args: str) -> str:
            shown = " ".join(a if not a.startswith(str(tmp)) else a.replace(str(tmp), "…") for a in args)
            started = time.perf_counter()
            output = runner.invoke(main, list(args)).output
            print(f"$ timeline {shown}   ({time.perf_counter() - started:.2f} s)\n{output}")
            return output

        run("fetch", *where, *fast)
        run("fetch", *where, *fast)
        run("review", "--list", *where)
        found = json.loads(runner.invoke(main, ["review", "--list", "--format", "json", *where]).output)
        run("review", "--accept", str(found[-1]["id"]), *where)
        run("check", *where)
        run("build", *where, "--out", str(tmp / "feeds"), "--now", "2026-01-15T00:00:00Z", "-q")
        print(
            "the accepted event is in all.ics:",
            "2026-03-15-adsom-plus@" in (tmp / "feeds" / "all.ics").read_text("utf-8"),
        )
    finally:
        server.close()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        demo(Path(folder))
