"""`timeline fetch`: watched feeds, sitemaps and pages → new articles → candidates in the inbox.

One source failing (its URL and the reason are reported) never stops the others. An article
already seen — in the cache, in the inbox or cited by the data — is not fetched again, so a
second run downloads only what is new (and listings answer 304 when unchanged).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline import inbox
from timeline.extract import Gazetteer, extract
from timeline.fetch import article as articles
from timeline.fetch.discover import Link, links
from timeline.fetch.http import Fetcher, FetchError, Policy, user_agent
from timeline.languages import languages
from timeline.normalise import normalise
from timeline.watch import load_watch

_HTML = ("text/html", "application/xhtml+xml", "")


@dataclass
class Summary:
    watched: int = 0
    listings: int = 0  # feeds and sitemaps read
    unchanged: int = 0  # of which answered 304
    links: int = 0  # article links listed
    seen: int = 0  # of which already seen (not fetched)
    fetched: int = 0  # new articles fetched and read
    candidates: int = 0  # candidate events they gave
    requests: int = 0
    downloaded: int = 0  # 200 responses
    not_modified: int = 0  # 304 responses
    bytes: int = 0
    errors: list[str] = field(default_factory=list)  # "URL: reason"

    def line(self) -> str:
        return (
            f"fetch: {self.watched} watched, {self.listings} listings ({self.unchanged} unchanged), "
            f"{self.links} links ({self.seen} already seen), {self.fetched} new articles, "
            f"{self.candidates} candidates; {self.requests} requests ({self.downloaded} downloaded, "
            f"{self.not_modified} not modified, {self.bytes} bytes), {len(self.errors)} "
            f"error{'s' if len(self.errors) != 1 else ''}"
        )


def policy_for(data_dir: Path, **overrides: float | int | bool) -> Policy:
    """The default policy, with a User-Agent naming the timeline's contact (author uri, else base_url)."""
    ds = normalise(data_dir, data_dir.as_posix())
    author = ds.config.author
    contact = author.uri or (f"mailto:{author.email}" if author.email else None) or ds.config.base_url
    return Policy(user_agent=user_agent(contact), **overrides)  # type: ignore[arg-type]


def run_fetch(
    data_dir: Path,
    cache: Path,
    policy: Policy,
    progress: Callable[[list[Link]], Iterable[Link]] = lambda items: items,
    fetcher: Fetcher | None = None,
) -> Summary:
    ds = normalise(data_dir, data_dir.as_posix(), cache)
    watched = load_watch(data_dir, data_dir.as_posix())
    gazetteer = Gazetteer(ds)
    cited = {s.url for s in ds.sources.values() if s.url}
    summary = Summary(watched=len(watched))
    own = fetcher is None
    http = fetcher or Fetcher(cache, policy)
    try:
        todo: list[Link] = []
        queued: set[str] = set()
        for watch in watched:
            failed: list[FetchError] = []
            try:
                found = links(watch, http.get, failed)
            except FetchError as exc:
                failed.append(exc)
                found = []
            summary.errors += [f"{exc.url}: {exc.reason}" for exc in failed]
            if not found and failed:
                continue
            if watch.kind != "page":
                summary.listings += 1
            summary.links += len(found)
            for link in found:
                if link.url in queued:
                    continue
                queued.add(link.url)
                if link.url in cited or articles.seen(cache, link.url):
                    summary.seen += 1
                    continue
                todo.append(link)
        summary.unchanged = http.stats.not_modified
        for link in progress(todo):
            try:
                page = http.get(link.url)
            except FetchError as exc:
                summary.errors.append(f"{exc.url}: {exc.reason}")
                continue
            if page.final_url in cited:  # redirected to an article the data already cites
                summary.seen += 1
                continue
            kind = page.content_type.split(";")[0].strip().lower()
            if kind not in _HTML and not kind.startswith("text/"):
                summary.errors.append(f"{link.url}: not a web page ({kind}); skipped")
                continue
            found_article = articles.read_article(
                page.text(),
                link.url,
                page.final_url,
                lang=link.watch.lang,
                publisher=link.watch.publisher,
                listing=link.watch.url if link.watch.kind != "page" else None,
                published=link.published,
            )
            if found_article is None:
                summary.errors.append(f"{link.url}: no article text found on the page; skipped")
                continue
            published = _day(found_article.published)
            lang = found_article.language if found_article.language in languages() else "auto"
            ex = extract(found_article.text, gazetteer, name=link.url, lang=lang, published=published)
            # The text kept is the one the candidates were read from, so their quotes occur in it exactly.
            found_article = dataclasses.replace(found_article, text=ex.text)
            articles.store(cache, found_article)
            summary.fetched += 1
            agency = articles.dateline_agency(found_article.text)
            summary.candidates += inbox.add(
                cache, link.url, found_article.publisher, found_article.published, ex, agency
            )
    finally:
        if own:
            http.close()
    stats = http.stats
    summary.requests, summary.downloaded = stats.requests, stats.downloaded
    summary.not_modified, summary.bytes = stats.not_modified, stats.bytes
    return summary


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
