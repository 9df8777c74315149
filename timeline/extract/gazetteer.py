"""Find series, places, countries, demonyms and people (people.yaml: a person's hit is their country) in text through the data's own gazetteers.

The names come from the normalised :class:`~timeline.model.Dataset` (series.yaml,
places.yaml, countries.yaml): there is no second copy of them here. Matching ignores case,
typographic apostrophes, "Defense"/"Defence", "-"/" " and runs of spaces (so "ADMM-Plus" finds
"ADMM Plus" and "ASEAN - Trung Quốc" finds "ASEAN-Trung Quốc"), keeps character offsets, prefers
the longest name, and needs a word boundary on both sides. Names of three characters or fewer
("KL", "Nga", "Mỹ") must match case too. Overlaps are settled on an occupancy map of the text,
so finding is linear in its length.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from timeline.model import Country, Dataset, Place, Series


class Hit(NamedTuple):  # a tuple: made for every name of every sentence
    start: int
    end: int
    kind: str  # series | place | country | demonym (a country, named by its people or side) | person
    key: str  # a person's hit: the country of the person (people.yaml)


_FOLD = (("’", "'"), ("‘", "'"), ("`", "'"), ("´", "'"), ("-", " "), ("–", " "))


def fold(text: str) -> str:
    """A same-length folding of ``text`` for matching (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer ("İ"): fold one by one
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for a, b in _FOLD:  # str.replace is several times faster than str.translate with a table
        if a in low:
            low = low.replace(a, b)
    return low.replace("defense", "defence")


def _short_names(series: Series) -> list[str]:
    """A series' short names as names to find, except a one-word label ("Visit", "Bilateral"): that is
    a common noun ("his introductory visit"), found only where it is also an alias."""
    return [s for s in series.short.values() if " " in s or not s[1:].islower()]


def _padding(name: str, filler: re.Pattern[str]) -> tuple[tuple[str, ...], frozenset[str]]:
    """A name's words (folded, a possessive's "s" left out) but those ``filler`` matches, and those."""
    words = [w for w in re.findall(r"[\w+]+", fold(name)) if w != "s"]
    return tuple(w for w in words if not filler.fullmatch(w)), frozenset(w for w in words if filler.fullmatch(w))


def _key(name: str) -> str:
    return " ".join(fold(name).split())


class Gazetteer:
    """Every name of every series, place and country, compiled into two matchers."""

    def __init__(self, ds: Dataset) -> None:
        self.series: dict[str, Series] = ds.series
        self.places: dict[str, Place] = ds.places
        self.countries: dict[str, Country] = ds.countries
        folded: dict[str, tuple[str, str]] = {}
        exact: dict[str, tuple[str, str]] = {}
        for kind, entries in (
            ("series", [(s.key, [*s.name.values(), *_short_names(s), *s.aliases]) for s in ds.series.values()]),
            ("place", [(p.key, [*p.name.values(), *p.aliases]) for p in ds.places.values() if p.kind == "city"]),
            (
                "country",
                [
                    (c.code, [n for n in (*c.name.values(), *c.aliases) if n not in c.unsearched])
                    for c in ds.countries.values()
                ],
            ),
            ("demonym", [(c.code, list(c.demonyms)) for c in ds.countries.values()]),
            ("person", [(p.country.code, list(p.names)) for p in ds.people.values()]),
        ):
            for key, names in sorted(entries):
                for name in names:
                    if len(name) <= 3:  # noqa: PLR2004 - short names are acronyms: case matters
                        exact.setdefault(name.replace("’", "'"), (kind, key))
                    else:
                        folded.setdefault(_key(name), (kind, key))
        self._folded = folded
        self._exact = exact
        self._folded_re = _alternation(folded, spaces=True)
        self._exact_re = _alternation(exact, spaces=False)
        self.short_en = {s.key: s.short.get("en", s.key) for s in ds.series.values()}
        # the series whose groups are named by area (``relation: area``): only their names read an area
        self.area_parents = frozenset(s.parent for s in ds.series.values() if s.relation == "area" and s.parent)
        self.by_folded_name = folded
        self.bilateral = next((s.key for s in ds.series.values() if s.relation == "bilateral"), "bilateral")
        # the series of documents signed (``relation: agreement``): what two sides sign at their talks
        self.agreement = next((s.key for s in ds.series.values() if s.relation == "agreement"), None)
        self.followed = next((c for c in ds.countries.values() if c.role == "followed"), None)
        self._padded: dict[str, dict[tuple[str, ...], list[tuple[frozenset[str], str]]]] = {}
        self._related = {(s.parent, s.relation): s.key for s in sorted(ds.series.values(), key=lambda s: s.key)}

    def find(self, text: str, masked: tuple[tuple[int, int], ...] = ()) -> list[Hit]:
        """Non-overlapping hits, longest first, left to right."""
        candidates: list[tuple[int, int, str, str]] = []
        if self._folded:
            names = self._folded
            for match in self._folded_re.finditer(fold(text)):
                name = match.group()
                kind, key = names.get(name) or names[" ".join(name.split())]  # a key has single spaces
                candidates.append((match.start(), match.end(), kind, key))
        if self._exact:
            shorts = self._exact
            for match in self._exact_re.finditer(text.replace("’", "'") if "’" in text else text):
                kind, key = shorts[match.group()]
                candidates.append((match.start(), match.end(), kind, key))
        if not candidates:
            return []
        if _disjoint(candidates, masked):  # the usual case: nothing to settle
            return [Hit(*c) for c in sorted(candidates)] if len(candidates) > 1 else [Hit(*candidates[0])]
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken = bytearray(len(text) + 1)
        for a, b in masked:
            taken[max(0, a) : max(0, b)] = b"\x01" * (max(0, b) - max(0, a))
        hits: list[Hit] = []
        for start, end, kind, key in candidates:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            hits.append(Hit(start, end, kind, key))
        return sorted(hits, key=lambda h: h.start)

    def series_named(self, text: str) -> str | None:
        """The series whose name or alias is exactly ``text`` (folded), if any."""
        entry = self._folded.get(_key(text)) or self._exact.get(text)
        return entry[1] if entry and entry[0] == "series" else None

    def series_padded(self, name: str, filler: re.Pattern[str]) -> str | None:
        """The one series that ``name`` names once the words ``filler`` matches are set aside:
        "Trilateral Defence Ministerial Meeting" is the series named "trilateral ministerial
        meeting". ``name`` may add such words to a series' name, never lack one the name has
        ("ASEAN Senior Officials' Meeting" is not "ASEAN Defence Senior Officials' Meeting")."""
        index = self._padded.get(filler.pattern)
        if index is None:
            index = self._padded[filler.pattern] = self._padded_index(filler)
        core, extra = _padding(name, filler)
        keys = {key for needed, key in index.get(core, ()) if needed <= extra}
        return keys.pop() if len(keys) == 1 else None

    def _padded_index(self, filler: re.Pattern[str]) -> dict[tuple[str, ...], list[tuple[frozenset[str], str]]]:
        index: dict[tuple[str, ...], list[tuple[frozenset[str], str]]] = {}
        for series in self.series.values():
            for alias in (*series.name.values(), *series.aliases):
                core, extra = _padding(alias, filler)
                if core:
                    index.setdefault(core, []).append((extra, series.key))
        return index

    def informal_with(self, code: str) -> str | None:
        """The series of the informal meetings with one partner: the one named "ASEAN Defence
        Ministers' Informal Meeting with <the partner>" in series.yaml."""
        country = self.countries.get(code)
        if country is None:
            return None
        for name in (*country.name.values(), *country.aliases):
            for form in (name, f"the {name}"):
                key = self.series_named(f"ASEAN Defence Ministers' Informal Meeting with {form}")
                if key is not None:
                    return key
        return None

    def related(self, key: str, relation: str) -> str | None:
        """The series that stands in ``relation`` (series.yaml) to ``key``: ("admm", "retreat") → admm-retreat;
        else the one named "<short> Retreat", "<short>-Plus", "<short> WG"."""
        other = self._related.get((key, relation))
        if other is not None:
            return other
        short = self.short_en.get(key, key)
        name = {"plus": f"{short}-Plus", "retreat": f"{short} Retreat", "working-group": f"{short} WG"}.get(relation)
        return self.series_named(name) if name else None


def _disjoint(candidates: list[tuple[int, int, str, str]], masked: tuple[tuple[int, int], ...]) -> bool:
    """No two candidates overlap and none overlaps a masked span (then every candidate is a hit)."""
    spans = sorted(
        [(a, b) for a, b, _, _ in candidates] + [(max(0, a), max(0, b)) for a, b in masked if max(0, b) > max(0, a)]
    )
    return all(b <= c for (_, b), (c, _) in pairwise(spans))


def _alternation(names: dict[str, tuple[str, str]], *, spaces: bool) -> re.Pattern[str]:
    """One regular expression for every name, as a trie (shared prefixes tested once: fast on long
    texts); longer names win over their prefixes."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    body = _trie_regex(trie, spaces) if names else "(?!)"
    return re.compile(rf"(?<![\w+])(?:{body})(?![\w+]|-[A-Za-z])")


def _trie_regex(node: dict, spaces: bool) -> str:  # type: ignore[type-arg]
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if spaces and ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(node[ch], spaces))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body
