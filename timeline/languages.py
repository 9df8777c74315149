"""The languages `timeline extract` reads: one rules file each in ``timeline/extract/lang/``.

Listed without importing the extraction engine (its import is most of a cold start), nor
``importlib.resources`` (which brings tempfile, shutil and random: a fifth of ``--help``), so that
`timeline --help` and the commands that only validate a language code stay quick. The files are
package data beside this module (pyproject.toml), so a folder listing finds them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

COMMON = "common"  # lang/common.yaml: the language-neutral date rules, no language of its own


_FOLDER = Path(__file__).resolve().parent / "extract" / "lang"


def rules_file(lang: str) -> Path:
    """Where the rules of ``lang`` are (``lang/<code>.yaml`` beside the engine), whether or not it exists."""
    return _FOLDER / f"{lang}.yaml"


@cache
def languages() -> tuple[str, ...]:
    """The language codes that have a rules file (adding a language is adding a file)."""
    names = (p.name.removesuffix(".yaml") for p in _FOLDER.iterdir() if p.name.endswith(".yaml"))
    return tuple(sorted(n for n in names if n != COMMON))
