"""Sources: an article's metadata always, its full text only where its licence allows.

Third-party articles are copyrighted. A source (``data/sources/<id>.yaml``) always keeps the
URL, publisher, title, published date, language and the events keep the quotes that support
them; its full text is committed beside it (``file:``) only where the config's ``full_text``
clears it — by the source's id, its publisher, or its ``licence``. Otherwise the text lives only
in the local cache (``<cache>/articles/<sha256(url)>.txt``, see :mod:`timeline.cache`), and the
quotes are checked against it when it is there; without it they cannot be checked here.
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

from timeline import cache as cache_mod
from timeline.errors import DataError, Problem, quote
from timeline.fields import LANG, Reader
from timeline.load import LoadError, read_text
from timeline.model import FullText, Source

MAX_TEXT_BYTES = 20_000_000
"""The largest article text read (a long article is a few hundred kilobytes)."""
FIELDS = {"id", "title", "publisher", "language", "published", "url", "file", "licence", "note", "seed"}


def read_full_text(r: Reader) -> FullText:
    """The config's ``full_text``: which sources' texts may be committed under ``sources/``."""
    if "full_text" not in r.mapping:
        return FullText()
    f = Reader.of(r.record, r.problems, ("full_text",), r.mapping["full_text"], "full_text")
    if f is None:
        return FullText()
    f.unknown({"publishers", "licences", "sources"})
    sources = f.texts("sources")
    for i, key in enumerate(sources):
        f.slug(f"sources[{i}]", key)  # reported with its index if not a slug
    return FullText(f.texts("publishers"), f.texts("licences"), sources)


def read_source(
    r: Reader, path: Path, shown_folder: str, policy: FullText | None, cache: Path | None
) -> tuple[str | None, Source | None]:
    """(id, source) of one source file; the source is None when it has problems."""
    r.unknown(FIELDS)
    r.required("id", "title", "language")
    source_id = r.slug("id", r.text("id"))
    if source_id is not None and source_id != path.stem:
        r.report("id", f"{quote(source_id)} differs from the file name {path.stem!r}; make them equal")
    language = r.text("language")
    if language is not None and not LANG.fullmatch(language):
        r.report("language", f"{quote(language)} is not a language code such as 'vi'")
    published = r.edtf("published")
    url = r.url("url")
    publisher, licence = r.text("publisher"), r.text("licence")
    file = r.text("file")
    text, origin = "", ""
    folder = path.parent
    if file is not None:
        target = folder / file
        if not _beside(target, folder):
            r.report("file", f"{quote(file)} is not a file in {shown_folder}; put the article's text there")
        elif policy is not None and not policy.allows(source_id or path.stem, publisher, licence):
            r.report(
                "file",
                f"{quote(file)}: the full text of this source may not be committed — its id, publisher "
                f"{quote(publisher)} and licence {quote(licence)} are not cleared by full_text in timeline.yaml; "
                "delete the text and the file: line (keep url, metadata and quotes: the text stays in the "
                "local cache), or list the source under full_text if its licence allows publishing it",
            )
        else:
            text, origin = article_text(r, file, target, f"{shown_folder}/{file}"), file
    elif url is None:
        r.report("url", "a source needs its url (or, where full_text allows it, its text: file)")
    elif cache is not None:
        cached = cache_mod.article_paths(cache, url)[0]
        if cached.is_file():
            text, origin = article_text(r, None, cached, cached.as_posix()), cached.as_posix()
    if source_id is None or language is None:
        return None, None
    title = r.text("title") or ""
    return source_id, Source(source_id, title, publisher, language, published, url, file, text, licence, origin)


def _beside(target: Path, folder: Path) -> bool:
    """Whether ``target`` is a file directly in ``folder`` (a name too long for the file system is not)."""
    if len(target.name.encode("utf-8", "surrogateescape")) > 255:  # noqa: PLR2004 - NAME_MAX
        return False
    try:
        if target.parent == folder and target.name != ".." and stat.S_ISREG(os.lstat(target).st_mode):
            return True  # a regular file (no link) named in the folder itself: no path to resolve
        return target.is_file() and target.resolve().parent == folder.resolve()
    except OSError:
        return False


def article_text(r: Reader, file: str | None, target: Path, shown: str) -> str:
    """An article's text: strict UTF-8, bounded, not empty (its quotes are checked against it).

    A committed text (``file``) that is none of these is a problem; a cached one is ignored
    with a warning (the cache is only a local copy: fetch it again)."""
    try:
        text = read_text(target, shown, limit=MAX_TEXT_BYTES)
    except LoadError as exc:
        message = exc.problem.message.replace("a data file is", "an article is")
        if file is None:
            r.problems.append(replace(r.record.problem(("url",), "url", f"cached text {shown}: {message}; "
                                      "its quotes were not checked: delete it and fetch the article again"), warning=True))  # fmt: skip
        else:
            r.report("file", f"{quote(file)}: {message}")
        return ""
    if not text.strip():
        if file is not None:
            r.report("file", f"{quote(file)} is empty; put the article's text there (quotes are checked against it)")
        return ""
    return text


def stray_texts(folder: Path, shown_folder: str, cited: set[str]) -> list[Problem]:
    """Text files in ``sources/`` that no source names: an article's text committed by mistake."""
    if not folder.is_dir():
        return []
    return [
        Problem(
            f"{shown_folder}/{path.name}",
            0,
            "",
            "is not the text (file:) of any source; third-party texts are not committed — delete it, "
            "or name it in its source's file: where full_text in timeline.yaml allows it",
        )
        for path in sorted(folder.glob("*.txt"))
        if path.name not in cited
    ]


def store_text(folder: Path, cache: Path, policy: FullText, source: Source, text: str) -> str | None:
    """Keep a new source's text: committed as ``<folder>/<id>.txt`` when ``full_text`` allows it
    (returns that file name, for the source's ``file:``), else in the cache under its URL (returns
    None). Raises :class:`DataError` when it may not be committed and there is no URL to cache it by."""
    if policy.allows(source.id, source.publisher, source.licence):
        name = f"{source.id}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        return name
    if source.url is None:
        raise DataError(
            [
                Problem(
                    f"{folder.as_posix()}/{source.id}.yaml",
                    0,
                    "url",
                    "full_text in timeline.yaml does not clear this article's text for committing, so its source "
                    "needs the article's URL to keep the text in the local cache by: give --url",
                )
            ]
        )
    target = cache_mod.article_paths(cache, source.url)[0]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return None
