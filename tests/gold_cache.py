"""Copy the article texts kept for testing — the gold corpus (tests/gold/) and the excerpts of
tests/articles/ — into the local cache, by URL, so that `timeline check` verifies the quotes of
the published sources whose texts are not committed (data/README.md, "Sources"). The cache is
never committed; deleting it changes no published byte.

    python3 dev.py gold-cache [CACHE]     (default: the cache of data/: $TIMELINE_CACHE or .timeline-cache)
"""

from __future__ import annotations

import sys
from pathlib import Path

from ruamel.yaml import YAML

from timeline import cache

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
ARTICLES = HERE / "articles"


def gold_articles(*folders: Path) -> dict[str, str]:
    """Text by URL of every article with a URL in ``folders`` (default: the gold corpus and
    tests/articles/); the first folder that has a URL wins."""
    out: dict[str, str] = {}
    for path in [p for folder in folders or (GOLD, ARTICLES) for p in sorted(folder.glob("*.yaml"))]:
        article = YAML(typ="safe").load(path.read_text("utf-8"))
        if isinstance(article, dict) and article.get("url") and article.get("text"):
            out.setdefault(str(article["url"]), str(article["text"]))
    return out


def fill(target: Path, *folders: Path) -> int:
    """Write each text to ``target/articles/<sha256(url)>.txt`` (unless one is there); how many were written."""
    written = 0
    for url, text in gold_articles(*folders).items():
        path = cache.article_paths(target, url)[0]
        if path.is_file():
            continue  # a fetched copy is the fuller text: keep it
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    return written


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else cache.root(HERE.parent / "data")
    print(f"{fill(where)} article texts written to {where.as_posix()}/articles/")
