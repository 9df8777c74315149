"""The watch list (``data/watch.yaml``): the feeds, sitemaps and pages a beat follows.

``timeline fetch`` reads it; ``timeline check`` validates it like every other data file (the
file is optional: a timeline curated by hand needs none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from timeline.errors import DataError, Problem, quote
from timeline.fields import HOSTNAME, LANG, Reader
from timeline.load import LoadError, load

FILE = "watch.yaml"
KINDS = ("feed", "sitemap", "page")
_BLANK = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Watch:
    """One watched source: a feed or sitemap listing articles, or one article page."""

    url: str
    kind: str
    lang: str
    publisher: str | None = None


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a URL fetch and the renderers can use as written, or None.

    Checked on the text as written: ``urlsplit`` silently drops CR, LF and tab.
    """
    if _BLANK.search(value):
        return f"{quote(value)} contains white space or control characters (CR, LF, tab); remove them"
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"}:
        return f"{quote(value)} is not an http(s) URL; write it as https://host/path"
    try:
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return f"{quote(value)} has a malformed host or port; write it as https://host/path"
    if not HOSTNAME.fullmatch(host):
        return f"{quote(value)} has no valid host name (such as news.example.org); write it as https://host/path"
    return None


def read(root: Path, shown_root: str, problems: list[Problem]) -> tuple[Watch, ...]:
    """The watch list of the data folder ``root`` (empty if there is none); problems appended."""
    path = root / FILE
    if not path.exists():
        return ()
    shown = f"{shown_root.rstrip('/')}/{FILE}"
    if not path.is_file():
        problems.append(Problem(shown, 0, "", "is not a file; make it a YAML file (see data/README.md)"))
        return ()
    try:
        record, found = load(path, shown)
    except LoadError as exc:
        problems.append(exc.problem)
        return ()
    problems.extend(found)
    top = Reader.of(record, problems, (), record.data, "the watch list")
    if top is None:
        return ()
    top.unknown({"watch"})
    items = top.mapping.get("watch")
    if items is None:
        top.report("watch", "required field is missing; list the feeds, sitemaps and pages to follow")
        return ()
    if not isinstance(items, list):
        top.report("watch", f"must be a list of {{url, kind, lang, publisher}}, not {quote(items)}")
        return ()
    out: list[Watch] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        r = Reader.of(record, problems, ("watch", i), item, f"watch[{i}]")
        if r is None:
            continue
        r.unknown({"url", "kind", "lang", "publisher"})
        r.required("url", "kind", "lang")
        url = r.text("url")
        if url is not None and (why := url_problem(url)) is not None:
            r.report("url", why)
            url = None
        kind = r.text("kind")
        if kind is not None and kind not in KINDS:
            r.report("kind", f"{quote(kind)} is not one of {', '.join(KINDS)}")
            kind = None
        lang = r.text("lang")
        if lang is not None and not LANG.fullmatch(lang):
            r.report("lang", f"{quote(lang)} is not a language code such as 'vi' or 'en'")
            lang = None
        publisher = r.text("publisher")
        if url is not None and url in seen:
            r.report("url", f"{quote(url)} is already watched (watch[{seen[url]}]); keep one")
            continue
        if url is not None:
            seen[url] = i
        if url and kind and lang:
            out.append(Watch(url, kind, lang, publisher))
    return tuple(out)


def load_watch(root: Path, shown_root: str | None = None) -> tuple[Watch, ...]:
    """The watch list, or DataError with every problem."""
    problems: list[Problem] = []
    watched = read(root, shown_root if shown_root is not None else root.as_posix(), problems)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise DataError(errors)
    return watched
