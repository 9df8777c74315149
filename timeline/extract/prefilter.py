"""A regular expression with a prefilter: the literal strings one of which every match contains.

Python's ``re`` tries a pattern at every position of a text unless the pattern starts with a
literal (and, ignoring case, not even then), so a cue that rarely matches still costs a full
scan of every sentence. :func:`needles` reads a pattern's syntax tree and derives a set of
literals at least one of which any match must contain ("held", "convened", ... for a verb cue;
"tháng" for a month rule); :class:`Gated` looks for them with ``in`` (a fast string search)
before it runs the expression, and answers "no match" at once when none is there; when the
text before a needle is bounded ("March 5": none), the expression starts where the first needle
allows instead of at the start. It is exact: a match always contains one of the needles, so the
answer never changes, only the time (tests/test_extract_prefilter.py compares every cue and date
rule with and without it).

Ignoring case, the needles and the text are compared in :func:`fold`: each character's simple
lower case, with the few characters that ``re`` also treats as equal ("ſ" and "s", "ı" and "i",
Greek and Cyrillic variants: ``re._casefix``) mapped to one of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from itertools import product
from typing import Any

try:  # the parser and the case table of CPython's re (3.11+); without them nothing is filtered
    from re import _casefix, _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python implementation
    _parser = _constants = _casefix = None

_MAX_NEEDLES = 24  # more alternatives than this cost more to look for than they save
_MAX_PRODUCT = 24  # how many strings a run of small character sets may expand to
_MIN_LENGTH = 2
_SHORT = 40  # a text shorter than this is scanned faster than its needles are looked for
_ENOUGH = 4  # a needle this long is rare enough: then fewer needles are better than longer ones  # a one-character needle ("a", a digit) is in nearly every sentence


def _fold_table() -> dict[int, int]:
    """Characters that ``re`` matches ignoring case although their simple lower case differs."""
    table: dict[int, int] = {}
    if _casefix is None:
        return table
    for low, extra in _casefix._EXTRA_CASES.items():
        rep = min((low, *extra))
        for c in (low, *extra):
            if c != rep:
                table[c] = rep
    return table


_TABLE = _fold_table()
_EXTRA = re.compile("[" + "".join(sorted(map(chr, _TABLE))) + "]") if _TABLE else re.compile("(?!)")
_KEEP = 100  # texts longer than this are kept folded (the sentence, not the windows read within it)
_LAST: list[tuple[str, str]] = [("", "")]  # the text folded last, and its folding: a sentence is read by many patterns


def fold(text: str) -> str:
    """The same-length text in which two characters are equal when ``re`` ignoring case finds them
    equal: each character's simple lower case ("İ" is "i": ``str.lower()`` would lengthen it), with
    the equivalences of ``re._casefix`` mapped to one of their characters."""
    last = _LAST[0]  # one read of a pair replaced whole: safe when threads share it
    if text is last[0]:
        return last[1]
    if text.isascii():
        folded = text.lower()
    else:
        folded = text.replace("\u0130", "i").lower()
        if _EXTRA.search(folded):
            folded = folded.translate(_TABLE)
    if len(text) > _KEEP:  # a window before a name is cheap to fold: keep the sentence's folding
        _LAST[0] = (text, folded)
    return folded


class _NoNeedles(Exception):
    """The pattern (or this part of it) has no literal every match must contain."""


def needles(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], int | None] | None:
    """Literals (folded when the pattern ignores case) one of which every match of ``pattern``
    contains, and how far at most into a match the first of them begins (None: no bound); None
    when no useful set can be told."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except Exception:  # an unusual pattern: simply not filtered
        return None
    ignore = bool(pattern.flags & re.IGNORECASE)
    try:
        found = _required(tree, ignore)
    except _NoNeedles:
        return None
    if found is None or len(found[0]) > _MAX_NEEDLES or min(len(s) for s in found[0]) < _MIN_LENGTH:
        return None
    strings, lead = found
    kept = tuple(sorted(n for n in strings if not any(o != n and o in n for o in strings)))  # "Sep" covers "Sept"
    if lead is not None:  # "ended" stands for "attended" too, three characters into it
        lead += max((len(n) - len(o) for n in strings for o in kept if o != n and o in n), default=0)
    return kept, lead


def _strings(op: Any, av: Any, ignore: bool) -> set[str] | None:
    """The strings one element matches, when it matches only a few fixed strings: a literal, a set of
    literals, or a group or alternation of such."""
    c = _constants
    if op is c.LITERAL:
        chars = {chr(av)}
    elif op is c.IN and all(o is c.LITERAL for o, _ in av):
        chars = {chr(a) for _, a in av}
    elif op is c.SUBPATTERN and not (av[1] | av[2]) & re.IGNORECASE:
        return _sequence_strings(list(av[3]), ignore)
    elif op is c.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            found = _sequence_strings(list(alternative), ignore)
            if found is None:
                return None
            out |= found
        return out if len(out) <= _MAX_PRODUCT else None
    else:
        return None
    return {fold(ch) for ch in chars} if ignore else chars


def _sequence_strings(items: list[Any], ignore: bool) -> set[str] | None:
    out = {""}
    for op, av in items:
        strings = _strings(op, av, ignore)
        if strings is None or len(out) * len(strings) > _MAX_PRODUCT:
            return None
        out = {a + b for a, b in product(out, strings)}
    return out


_Option = tuple[set[str], int | None]  # needles, and the most characters of a match before the first


def _required(seq: Any, ignore: bool) -> _Option | None:
    """The needles of a sequence: the best of its runs of literals and of its required parts."""
    best: _Option | None = None
    run: set[str] = {""}
    run_lead: int | None = 0
    before: int | None = 0  # the widest the items read so far can be

    def consider(option: set[str] | None, lead: int | None) -> None:
        nonlocal best
        if option and all(option) and (best is None or _better(option, best[0])):
            best = (option, lead)

    for op, av in seq.data if hasattr(seq, "data") else seq:
        strings = _strings(op, av, ignore)
        if strings is not None and len(run) * len(strings) <= _MAX_PRODUCT:
            run = {a + b for a, b in product(run, strings)}
            consider(run, run_lead)  # every prefix of a run is a needle too: the shortest set may be the best
        else:
            consider(run, run_lead)
            run, run_lead = ({""}, None) if strings is None else (strings, before)
            inner = _element(op, av, ignore)
            if inner is not None:
                consider(inner[0], None if before is None or inner[1] is None else before + inner[1])
        width = _width(seq, op, av)
        before = None if before is None or width is None else before + width
        if strings is None and run == {""}:
            run_lead = before
    consider(run, run_lead)
    return best


def _width(seq: Any, op: Any, av: Any) -> int | None:
    """The most characters one element can match (None: no bound)."""
    state = seq.state if hasattr(seq, "state") else _parser.State()
    high = _parser.SubPattern(state, [(op, av)]).getwidth()[1]
    return None if high >= _MAXWIDTH else int(high)


_MAXWIDTH = getattr(_parser, "MAXWIDTH", None) or getattr(_constants, "MAXREPEAT", 1 << 30)


def _better(a: set[str], b: set[str]) -> bool:
    """Longer needles are rarer (up to a few characters), fewer are cheaper to look for."""
    return _score(a) > _score(b)


def _score(a: set[str]) -> tuple[int, int, int]:
    shortest = min(map(len, a))
    return min(_ENOUGH, shortest), -len(a), shortest


def _element(op: Any, av: Any, ignore: bool) -> _Option | None:
    """The needles of one element that is not a literal: a group, an alternation, a repeat."""
    c = _constants
    if op is c.SUBPATTERN:
        _group, add, remove, sub = av
        if (add | remove) & re.IGNORECASE:
            return None  # a part that changes case sensitivity: not read
        return _required(sub, ignore)
    if op is c.BRANCH:
        out: set[str] = set()
        lead: int | None = 0
        for alternative in av[1]:
            found = _required(alternative, ignore)
            if not found:
                return None  # one alternative without needles: the alternation has none
            out |= found[0]
            lead = None if lead is None or found[1] is None else max(lead, found[1])
        return (out, lead) if len(out) <= _MAX_NEEDLES else None
    if op in {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)}:
        low, _high, sub = av
        return _required(sub, ignore) if low >= 1 else None  # within the first repetition
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _required(av, ignore)
    if op in {c.GROUPREF, c.GROUPREF_EXISTS}:
        raise _NoNeedles  # a back reference or a conditional: not read at all
    return None  # zero-width assertions, classes, categories, any character: no needle


class _NoFirst(Exception):
    """No useful set of first characters can be told (a match may begin with any character, or empty)."""


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_DIGIT": r"\D"}
_BROAD = {r"\D"}  # a class holding nearly every character: no faster to test first


def first_class(pattern: re.Pattern[str]) -> str | None:
    """A character class (regex source, "[...]") holding the first character of every match of
    ``pattern`` (read with the pattern's flags: ignoring case, its literals stand for their other cases
    too); None when there is none worth testing (a match may be empty or begin with any character)."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
        items, nullable = _first_of(tree, bool(pattern.flags & re.IGNORECASE))
    except (_NoFirst, re.error, RecursionError):
        return None
    if nullable or not items or items & _BROAD:
        return None
    return "[" + "".join(sorted(items)) + "]"


def _first_of(seq: Any, ignore: bool, local: bool = False) -> tuple[set[str], bool]:
    """The class items one of which begins a match of the sequence, and whether it can match empty
    (``local``: a part that ignores case in a pattern that does not)."""
    c = _constants
    items: set[str] = set()
    for op, av in seq.data if hasattr(seq, "data") else seq:
        if op is c.LITERAL:
            items.update(map(re.escape, _cases(chr(av), local)))
            return items, False
        if op is c.IN:
            for kind, value in av:
                if kind is c.LITERAL:
                    items.update(map(re.escape, _cases(chr(value), local)))
                elif kind is c.RANGE and not local:
                    items.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind is c.CATEGORY and str(value) in _CATEGORIES:
                    items.add(_CATEGORIES[str(value)])
                else:
                    raise _NoFirst  # a negated set, a broad category
            return items, False
        if op is c.SUBPATTERN:
            _group, add, remove, sub = av
            if remove & re.IGNORECASE and not ignore:
                raise _NoFirst  # (not read: a part that keeps case where the whole keeps it too)
            # a part that ignores case where the whole does not: its literals in each of their cases
            inner, nullable = _first_of(sub, ignore, local or bool(add & re.IGNORECASE and not ignore))
        elif op is c.BRANCH:
            inner, nullable = set(), False
            for alternative in av[1]:
                found, empty = _first_of(alternative, ignore, local)
                inner |= found
                nullable = nullable or empty
        elif op in {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)}:
            low, _high, sub = av
            inner, nullable = _first_of(sub, ignore, local)
            nullable = nullable or low == 0
        elif op is getattr(c, "ATOMIC_GROUP", None):
            inner, nullable = _first_of(av, ignore, local)
        elif op in {c.AT, c.ASSERT, c.ASSERT_NOT}:
            continue  # zero width: the next element begins the match
        else:
            raise _NoFirst  # any character, a back reference, a conditional
        items |= inner
        if not nullable:
            return items, False
    return items, True


# ignoring case, what else an ASCII letter matches (checked against re over every character by
# tests/test_extract_prefilter.py)
_ASCII_CASES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _cases(ch: str, ignoring: bool) -> set[str]:
    """The characters that ``ch`` matches: itself, or ignoring case (an ASCII letter only) its two
    cases and the few others re takes for it ("s": "S", "ſ")."""
    if not ignoring or not ch.isascii():
        if ignoring:
            raise _NoFirst  # another character's cases are not read
        return {ch}
    low = ch.lower()
    return {low, ch.upper(), *_ASCII_CASES.get(low, "")}


def _led(compiled: re.Pattern[str]) -> re.Pattern[str]:
    """``compiled`` behind a look-ahead for its first character, when re would otherwise try the whole
    pattern at every position: the same matches (the same groups), found faster. A pattern that
    begins with a literal (case kept) keeps re's own fast scan for it."""
    if not compiled.flags & re.IGNORECASE and _parser is not None:
        try:
            tree = _parser.parse(compiled.pattern, compiled.flags & ~re.UNICODE)
        except re.error:
            return compiled
        if tree.data and tree.data[0][0] in {_constants.LITERAL, _constants.IN}:
            return compiled
    first = first_class(compiled)
    if first is None:
        return compiled
    end = "\n)" if compiled.flags & re.VERBOSE else ")"  # a trailing comment ends at the line
    try:
        return re.compile(f"(?={first})(?:{compiled.pattern}{end}", compiled.flags)
    except re.error:  # global flags written inside the pattern, for one
        return compiled


class Gated:
    """A compiled pattern that answers "no match" at once for a text holding none of its needles,
    and otherwise starts looking where the first needle allows.

    ``search`` and ``finditer`` over a whole text are filtered (the same matches as the pattern's:
    a match cannot begin before the first needle less the widest text a match holds before a
    needle, and ``re`` reads look-behinds and ``\\b`` across ``pos``); ``match`` and ``fullmatch``
    (anchored, cheap) go straight to the pattern."""

    __slots__ = ("_fast", "_fold", "_last", "_lead", "_needles", "_needs", "compiled", "flags", "pattern")

    def __init__(self, compiled: re.Pattern[str], needs: re.Pattern[str] | None = None) -> None:
        self.compiled = compiled
        self._fast = _led(compiled)  # what search, finditer and findall run: the same matches
        # a cue's ``needs:`` (lang/*.yaml): a pattern every match contains a match of, looked for (gated
        # itself) once the needles are there, for a pattern whose needles are common words
        self._needs: Gated | None = gated(needs) if needs is not None else None
        self.pattern: str = compiled.pattern
        self.flags: int = compiled.flags
        found = needles(compiled)
        self._needles: tuple[str, ...] | None = found[0] if found is not None else None
        self._lead: int | None = found[1] if found is not None else None
        self._fold = bool(compiled.flags & re.IGNORECASE)
        # the whole text searched last and what was found: the stages ask one cue of one sentence again
        # (None at first: no text is None, while "" is one object that a caller may pass)
        self._last: tuple[str | None, re.Match[str] | None, tuple[re.Match[str], ...] | None] = (None, None, None)

    @property
    def needles(self) -> tuple[str, ...] | None:
        return self._needles

    def start(self, text: str, pos: int = 0, endpos: int | None = None) -> int:
        """Where a match of the pattern in ``text[pos:endpos]`` can first begin; -1: nowhere."""
        if len(text) < _SHORT:
            return pos
        at = self._first(text, pos, endpos)
        if at >= 0 and self._needs is not None and self._needs.search(text, pos, endpos) is None:
            return -1
        return at

    def _first(self, text: str, pos: int, endpos: int | None) -> int:
        """:meth:`start` by the needles alone."""
        found = self._needles
        if found is None:
            return pos
        if self._fold:
            text = fold(text)
        end = len(text) if endpos is None else endpos
        if pos == 0 and end == len(text):
            if self._lead is None:
                return 0 if any(map(text.__contains__, found)) else -1
            size = len(text) + 1
            first = min(map(size.__rmod__, map(text.find, found)))  # -1 (not found) counts as len(text)
        else:
            first = min((i for i in (text.find(n, pos, end) for n in found) if i >= 0), default=len(text))
        if first == len(text):
            return -1
        return pos if self._lead is None else max(pos, first - self._lead)

    def possible(self, text: str) -> bool:
        """False when ``text`` cannot hold a match."""
        return self.start(text) >= 0

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        whole = pos == 0 and endpos is None
        last = self._last  # one read: another thread may replace it (a tuple, replaced whole)
        if whole and text is last[0]:
            return last[1]
        at = self.start(text, pos, endpos)
        found = None
        if at >= 0:
            found = self._fast.search(text, at) if endpos is None else self._fast.search(text, at, endpos)
        if whole:
            self._last = (text, found, None)
        return found

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        whole = pos == 0 and endpos is None
        last = self._last
        if whole and text is last[0] and last[2] is not None:
            return iter(last[2])
        at = self.start(text, pos, endpos)
        if at < 0:
            if whole:
                self._last = (text, None, ())
            return iter(())
        if not whole:
            return self._fast.finditer(text, at) if endpos is None else self._fast.finditer(text, at, endpos)
        matches = tuple(self._fast.finditer(text, at))
        self._last = (text, matches[0] if matches else None, matches)
        return iter(matches)

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
        at = self.start(text, pos, endpos)
        if at < 0:
            return []
        return self._fast.findall(text, at) if endpos is None else self._fast.findall(text, at, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return text if self.start(text) < 0 else self.compiled.sub(repl, text, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> tuple[str, int]:
        return (text, 0) if self.start(text) < 0 else self.compiled.subn(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return [text] if self.start(text) < 0 else self.compiled.split(text, maxsplit)

    def __getattr__(self, name: str) -> Any:  # groups, groupindex, scanner: the pattern's own
        return getattr(self.compiled, name)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.compiled.match(text, pos) if endpos is None else self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos) if endpos is None else self.compiled.fullmatch(text, pos, endpos)

    def __repr__(self) -> str:
        return f"Gated({self.compiled!r}, needles={self._needles!r}, lead={self._lead!r})"


@cache
def gated(compiled: re.Pattern[str], needs: re.Pattern[str] | None = None) -> Gated:
    """The gated form of a compiled pattern (its needles are read once per process), with the
    pattern that every match contains a match of, when there is one (a cue's ``needs:``)."""
    return Gated(compiled, needs)
