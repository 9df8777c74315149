"""The languages `timeline extract` reads: one rules file each in ``timeline/extract/lang/``.

Listed without importing the extraction engine (its import is most of a cold start), so that
`timeline --help` and the commands that only validate a language code stay quick.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

COMMON = "common"  # lang/common.yaml: the language-neutral date rules, no language of its own


def rules_file(lang: str) -> Traversable:
    """Where the rules of ``lang`` are (``lang/<code>.yaml`` beside the engine), whether or not it exists."""
    return resources.files("timeline").joinpath("extract", "lang", f"{lang}.yaml")


@cache
def languages() -> tuple[str, ...]:
    """The language codes that have a rules file (adding a language is adding a file)."""
    folder = resources.files("timeline").joinpath("extract", "lang")
    names = (p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))
    return tuple(sorted(n for n in names if n != COMMON))
