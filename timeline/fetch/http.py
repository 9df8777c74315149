"""Polite HTTP for `timeline fetch`: one httpx client with the manners a news site expects.

Conditional GET (ETag / Last-Modified, answered from ``<cache>/http`` on 304), time-outs,
retries with exponential backoff on 5xx, 429 (honouring Retry-After) and time-outs, a minimum
delay between two requests to one host, robots.txt (RFC 9309: 4xx = allowed, unreachable =
disallowed), a cap on the body size (checked while streaming, after gzip), redirects followed
up to a limit with loops detected, and a User-Agent that says who is asking.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from timeline import __version__
from timeline.cache import url_key
from timeline.watch import url_problem

ROBOTS_TOKEN = "timeline"  # noqa: S105 - the robots.txt user-agent token, not a secret
_REDIRECTS = {301, 302, 303, 307, 308}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def user_agent(contact: str | None) -> str:
    """``timeline/<version> (+<contact>)``: who is asking, and where to complain."""
    return f"{ROBOTS_TOKEN}/{__version__} (news timeline fetcher; +{contact or 'https://pypi.org/project/timeline/'})"


@dataclass(frozen=True)
class Policy:
    """How politely to fetch. Tests shrink the times; the defaults suit real news sites."""

    user_agent: str = user_agent(None)
    timeout: float = 20.0  # seconds, per connect / read
    retries: int = 3  # further attempts after the first, on 5xx, 429 and time-outs
    backoff: float = 2.0  # seconds before the first retry; doubled each time
    max_wait: float = 120.0  # the longest Retry-After honoured; longer gives up
    delay: float = 1.0  # seconds between two requests to one host (robots Crawl-delay may raise it)
    max_bytes: int = 5_000_000  # the largest body read (after decompression)
    max_redirects: int = 5
    robots: bool = True


@dataclass(frozen=True)
class Response:
    url: str  # as requested
    final_url: str  # after redirects
    status: int  # 200, or 304 when the cached body was still fresh
    body: bytes
    content_type: str
    charset: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304  # noqa: PLR2004

    def text(self) -> str:
        return decode(self.body, self.charset)


class FetchError(Exception):
    """One URL could not be fetched; ``reason`` says why in words."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass
class Stats:
    requests: int = 0
    downloaded: int = 0  # 200 responses
    not_modified: int = 0  # 304 responses
    bytes: int = 0
    retries: int = 0


@dataclass
class Fetcher:
    """Fetches URLs politely, keeping raw responses and their validators in ``cache/http``."""

    cache: Path
    policy: Policy = field(default_factory=Policy)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    transport: httpx.BaseTransport | None = None
    stats: Stats = field(default_factory=Stats)
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
                timeout=httpx.Timeout(self.policy.timeout),
                follow_redirects=False,
                transport=self.transport,
            )
        return self._client

    # -- the cache of raw responses -------------------------------------------------------

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = url_key(url)
        return self.cache / "http" / f"{key}.json", self.cache / "http" / f"{key}.body"

    def cached(self, url: str) -> dict[str, Any] | None:
        meta, body = self._paths(url)
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and body.is_file() else None

    def _store(self, url: str, response: httpx.Response, final_url: str, body: bytes) -> None:
        meta, path = self._paths(url)
        meta.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "url": url,
            "final_url": final_url,
            "etag": response.headers.get("ETag"),
            "last_modified": response.headers.get("Last-Modified"),
            "content_type": response.headers.get("Content-Type", ""),
        }
        _atomic(path, body)
        _atomic(meta, json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))

    # -- fetching ---------------------------------------------------------------------------

    def get(self, url: str, *, conditional: bool = True) -> Response:
        """GET ``url`` following redirects; 304 answers with the cached body. Raises FetchError."""
        if (why := url_problem(url)) is not None:
            raise FetchError(url, why)
        cached = self.cached(url) if conditional else None
        headers = {}
        if cached and cached.get("etag"):
            headers["If-None-Match"] = str(cached["etag"])
        if cached and cached.get("last_modified"):
            headers["If-Modified-Since"] = str(cached["last_modified"])
        current, seen = url, {url}
        for _hop in range(self.policy.max_redirects + 1):
            self._allowed(url, current)
            response, body = self._send(url, current, headers)
            if response.status_code in _REDIRECTS and "Location" in response.headers:
                target = urljoin(current, response.headers["Location"])
                if urlsplit(target).scheme not in {"http", "https"}:
                    raise FetchError(url, f"redirected to {target!r}, which is not http(s)")
                if target in seen:
                    raise FetchError(url, f"redirect loop ({current} → {target})")
                seen.add(target)
                current = target
                continue
            if response.status_code == 304 and cached:  # noqa: PLR2004
                self.stats.not_modified += 1
                _meta, path = self._paths(url)
                content_type = str(cached.get("content_type", ""))
                return Response(
                    url,
                    str(cached.get("final_url", current)),
                    304,
                    path.read_bytes(),
                    content_type,
                    _charset(content_type),
                )
            if response.status_code != 200:  # noqa: PLR2004
                phrase = response.reason_phrase or httpx.codes.get_reason_phrase(response.status_code)
                hint = " (gone: the page was removed)" if response.status_code == 410 else ""  # noqa: PLR2004
                raise FetchError(url, f"HTTP {response.status_code} {phrase}{hint}".rstrip())
            self.stats.downloaded += 1
            self.stats.bytes += len(body)
            self._store(url, response, current, body)
            content_type = response.headers.get("Content-Type", "")
            return Response(url, current, 200, body, content_type, _charset(content_type))
        raise FetchError(url, f"too many redirects (more than {self.policy.max_redirects})")

    def _send(self, url: str, target: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        """One request with retries; the response and its (capped) body."""
        attempt = 0
        while True:
            self._wait_for_host(target)
            self.stats.requests += 1
            try:
                response, body = self._once(url, target, headers)
            except httpx.TimeoutException:
                reason = f"timed out after {self.policy.timeout:g} s"
                wait = self._backoff(attempt)
            except httpx.TransportError as exc:
                reason = f"connection failed ({type(exc).__name__}: {exc})"
                wait = self._backoff(attempt)
            else:
                status = response.status_code
                if status == 429 or status >= 500:  # noqa: PLR2004
                    reason = f"HTTP {status} {response.reason_phrase}".rstrip()
                    wait = self._backoff(attempt)
                    if status == 429:  # noqa: PLR2004
                        after = retry_after(response.headers.get("Retry-After"))
                        if after is not None and after > self.policy.max_wait:
                            raise FetchError(
                                url, f"{reason}: Retry-After {after:g} s is longer than {self.policy.max_wait:g} s"
                            )
                        wait = after if after is not None else wait
                else:
                    return response, body
            if attempt >= self.policy.retries:
                tries = attempt + 1
                raise FetchError(url, f"{reason} ({tries} attempt{'s' if tries != 1 else ''})")
            attempt += 1
            self.stats.retries += 1
            self.sleep(wait)

    def _once(self, url: str, target: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        with self.client.stream("GET", target, headers=headers) as response:
            length = response.headers.get("Content-Length", "")
            cap = self.policy.max_bytes
            if length.isdigit() and int(length) > cap and response.status_code == 200:  # noqa: PLR2004
                raise FetchError(url, f"body of {int(length)} bytes is over the {cap}-byte limit")
            chunks, size = [], 0
            if response.status_code == 200:  # noqa: PLR2004 - other bodies are not read
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise FetchError(url, f"body is over the {cap}-byte limit")
                    chunks.append(chunk)
            return response, b"".join(chunks)

    def _backoff(self, attempt: int) -> float:
        return float(self.policy.backoff * (2**attempt))

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        delay = self.policy.delay
        robots = self._robots.get(_origin(url))
        if robots is not None:
            crawl = robots.crawl_delay(ROBOTS_TOKEN)
            if crawl is not None:
                delay = max(delay, min(float(crawl), self.policy.max_wait))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    # -- robots.txt -------------------------------------------------------------------------

    def _allowed(self, url: str, target: str) -> None:
        if not self.policy.robots:
            return
        origin = _origin(target)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        robots = self._robots[origin]
        if robots is None:
            raise FetchError(url, f"{origin}/robots.txt could not be read, so fetching is not allowed (RFC 9309)")
        if not robots.can_fetch(ROBOTS_TOKEN, target):
            raise FetchError(url, f"robots.txt of {origin} disallows {target}")

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            response, body = self._send(f"{origin}/robots.txt", f"{origin}/robots.txt", {})
        except FetchError:
            return None
        if 400 <= response.status_code < 500:  # noqa: PLR2004 - no robots.txt: everything is allowed
            parser.parse([])
        elif response.status_code == 200:  # noqa: PLR2004
            parser.parse(decode(body, None).splitlines())
        else:  # a redirect: RFC 9309 allows following it; keep it simple and allow
            parser.parse([])
        return parser


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def decode(body: bytes, charset: str | None) -> str:
    """Text of a body whose declared charset may be missing or wrong.

    UTF-8 first (a body that decodes as UTF-8 almost always is), then the declared charset,
    then a ``<meta charset>``, then charset_normalizer's guess.
    """
    if body.startswith(codecs.BOM_UTF8):
        body = body[len(codecs.BOM_UTF8) :]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(body[:4096])
    for name in (charset, meta.group(1).decode("ascii") if meta else None):
        if not name:
            continue
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes  # noqa: PLC0415 - rarely needed

    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode("latin-1")


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return match.group(1) if match else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
