"""A fetched news page → its main text and metadata, with trafilatura (dates by htmldate).

Title, site name, author, published date and language come from the page's own metadata
(``og:``, JSON-LD, ``<html lang>``...), never from cutting the text. When the page names no
publisher, the dateline's agency does ("KUALA LUMPUR (Bernama) –", "Vientiane (VNA) -"), else
the watch list's publisher.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from timeline.cache import article_paths

# "KUALA LUMPUR (Bernama) --", "Hà Nội (TTXVN) -", "VIENTIANE, Nov 1 (Reuters) -": a place, then the agency in brackets.
DATELINE = re.compile(
    r"^\s*[^\W\d_][^\n()]{1,60}?\s*\((?P<agency>[^\W\d_][\w&.' -]{1,30}?)\)\s*[-–—:]",
    re.UNICODE,
)
_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)


@dataclass(frozen=True)
class Article:
    url: str  # as listed (the key of the cache)
    final_url: str
    title: str | None
    publisher: str | None
    author: str | None
    published: str | None  # YYYY-MM-DD
    language: str
    text: str
    listing: str | None = None  # the watched feed or sitemap it came from

    def meta(self) -> dict[str, Any]:
        data = asdict(self)
        del data["text"]
        return data


def dateline_agency(text: str) -> str | None:
    """The news agency a dateline credits, e.g. 'Bernama' in "KUALA LUMPUR (Bernama) –"."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    for line in (first, *text.splitlines()[1:3]):
        match = DATELINE.match(line)
        if match:
            return match.group("agency").strip()
    return None


def read_article(
    html: str, url: str, final_url: str, *, lang: str, publisher: str | None, listing: str | None, published: str | None
) -> Article | None:
    """The article in ``html``, or None when the page has no main text."""
    import trafilatura  # noqa: PLC0415 - heavy; only `fetch` needs it

    doc = trafilatura.bare_extraction(html, url=final_url, with_metadata=True, include_comments=False)
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = str(data.get("text") or "").strip()
    if not text:
        return None
    title = _clean(data.get("title"))
    site = _clean(data.get("sitename"))
    hosts = {str(data.get("hostname") or ""), urlsplit(final_url).hostname or "", urlsplit(final_url).netloc}
    if site is not None and site.lower() in {h.lower().removeprefix("www.") for h in hosts} | {
        h.lower() for h in hosts
    }:
        site = None  # trafilatura's fallback, not a name the page gives
    found_lang = _clean(data.get("language"))
    if found_lang is None:
        match = _LANG.search(html[:4096])
        found_lang = match.group(1).lower() if match else None
    date = _clean(data.get("date")) or published
    return Article(
        url=url,
        final_url=final_url,
        title=title,
        publisher=site or dateline_agency(text) or publisher,
        author=_clean(data.get("author")),
        published=date[:10] if date else None,
        language=found_lang or lang,
        text=text + "\n",
        listing=listing,
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def store(cache: Path, article: Article) -> None:
    """Keep the article's text and metadata in ``<cache>/articles`` (never in data/)."""
    text_path, meta_path = article_paths(cache, article.url)
    text_path.parent.mkdir(parents=True, exist_ok=True)
    _atomic(text_path, article.text.encode("utf-8"))
    _atomic(meta_path, json.dumps(article.meta(), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def load(cache: Path, url: str) -> Article | None:
    """The stored article at ``url``, or None."""
    text_path, meta_path = article_paths(cache, url)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        text = text_path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    fields = {k: meta.get(k) for k in Article.__dataclass_fields__ if k != "text"}
    return Article(**fields, text=text)


def seen(cache: Path, url: str) -> bool:
    text_path, meta_path = article_paths(cache, url)
    return text_path.is_file() and meta_path.is_file()


def _atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
