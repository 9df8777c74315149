"""Find series, places and countries in text through the data's own gazetteers.

The names come from the normalised :class:`~timeline.model.Dataset` (series.yaml,
places.yaml, countries.yaml): there is no second copy of them here. Matching ignores case,
typographic apostrophes, "Defense"/"Defence" and "-"/" " (so "ADMM-Plus" finds "ADMM Plus"),
keeps character offsets, prefers the longest name, and needs a word boundary on both sides.
Names of three characters or fewer ("KL", "Nga", "Mỹ") must match case too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.model import Country, Dataset, Place, Series


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    kind: str  # series | place | country
    key: str


def fold(text: str) -> str:
    """A same-length folding of ``text`` for matching (offsets stay valid)."""
    out = []
    for ch in text:
        low = ch.lower()
        ch2 = low if len(low) == 1 else ch
        if ch2 in "’‘`´":
            ch2 = "'"
        elif ch2 in "-–":
            ch2 = " "
        out.append(ch2)
    return "".join(out).replace("defense", "defence")


class Gazetteer:
    """Every name of every series, place and country, compiled into two matchers."""

    def __init__(self, ds: Dataset) -> None:
        self.series: dict[str, Series] = ds.series
        self.places: dict[str, Place] = ds.places
        self.countries: dict[str, Country] = ds.countries
        folded: dict[str, tuple[str, str]] = {}
        exact: dict[str, tuple[str, str]] = {}
        for kind, entries in (
            ("series", [(s.key, [*s.name.values(), *s.short.values(), *s.aliases]) for s in ds.series.values()]),
            ("place", [(p.key, [*p.name.values(), *p.aliases]) for p in ds.places.values() if p.kind == "city"]),
            ("country", [(c.code, [*c.name.values(), *c.aliases]) for c in ds.countries.values()]),
        ):
            for key, names in sorted(entries):
                for name in names:
                    if len(name) <= 3:  # noqa: PLR2004 - short names are acronyms: case matters
                        exact.setdefault(name.replace("’", "'"), (kind, key))
                    else:
                        folded.setdefault(fold(name), (kind, key))
        self._folded = folded
        self._exact = exact
        self._folded_re = _alternation(folded)
        self._exact_re = _alternation(exact)
        self.short_en = {s.key: s.short.get("en", s.key) for s in ds.series.values()}
        self.by_folded_name = folded

    def find(self, text: str, masked: tuple[tuple[int, int], ...] = ()) -> list[Hit]:
        """Non-overlapping hits, longest first, left to right."""
        hits: list[Hit] = []
        folded_text = fold(text)
        candidates: list[tuple[int, int, str, str]] = []
        for match in self._folded_re.finditer(folded_text) if self._folded else ():
            kind, key = self._folded[match.group()]
            candidates.append((match.start(), match.end(), kind, key))
        exact_text = text.replace("’", "'")
        for match in self._exact_re.finditer(exact_text) if self._exact else ():
            kind, key = self._exact[match.group()]
            candidates.append((match.start(), match.end(), kind, key))
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int]] = list(masked)
        for start, end, kind, key in candidates:
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            hits.append(Hit(start, end, kind, key))
        return sorted(hits, key=lambda h: h.start)

    def series_named(self, text: str) -> str | None:
        """The series whose name or alias is exactly ``text`` (folded), if any."""
        entry = self._folded.get(fold(text)) or self._exact.get(text)
        return entry[1] if entry and entry[0] == "series" else None


def _alternation(names: dict[str, tuple[str, str]]) -> re.Pattern[str]:
    ordered = sorted(names, key=lambda n: (-len(n), n))
    body = "|".join(re.escape(n) for n in ordered) or "(?!)"
    return re.compile(rf"(?<![\w+])(?:{body})(?![\w+]|-[A-Za-z])")
