"""Where the maintainer's local working state lives: one cache folder outside ``data/``.

The cache is never published and never committed (``.gitignore`` lists it); deleting it must
never change a published byte. Its layout, shared by every stage that keeps state there:

    <cache>/http/       raw HTTP responses with their validators (ETag, Last-Modified) — fetch
    <cache>/articles/   main text and metadata of fetched articles, by URL — fetch, check
    <cache>/inbox/      candidates waiting for review — fetch, review
    <cache>/build/      content-keyed parse and render results — build, check

The folder is ``--cache DIR`` where a command takes it, else ``$TIMELINE_CACHE``, else
``.timeline-cache`` beside the data folder (so ``data/`` → ``.timeline-cache/``).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

FOLDER = ".timeline-cache"
ENV = "TIMELINE_CACHE"


def root(data_dir: Path, override: Path | None = None) -> Path:
    """The cache folder for ``data_dir``: the override, else $TIMELINE_CACHE, else beside the data."""
    if override is not None:
        return override
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    return data_dir.resolve().parent / FOLDER


def url_key(url: str) -> str:
    """The file-name key of a URL in the cache: the SHA-256 of the URL as written, in hex."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def article_paths(cache: Path, url: str) -> tuple[Path, Path]:
    """(text, metadata) files of the article at ``url``: ``articles/<key>.txt`` and ``.json``."""
    key = url_key(url)
    folder = cache / "articles"
    return folder / f"{key}.txt", folder / f"{key}.json"
