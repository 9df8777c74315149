"""The date grammar of each language, compiled from data: the ``dates:`` rules of
``lang/<code>.yaml`` after the language-neutral ones of ``lang/common.yaml`` (lang/README.md).

A rule is a regular expression written with placeholders — ``{month:m}`` is a named group ``m``
matching any month name of the language, ``{weekday}``, ``{weeks}``, ``{relatives}``, ``{mods}``,
``{years}`` likewise, ``{day:d1}``, ``{year:y}`` and the file's own fragments insert sub-patterns
— plus what its groups mean (which are day, month, year, the end, the modifier, the relative
word). The engine knows no language: adding one is adding a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from timeline.edtf import Mod
from timeline.extract.rules import RulesError, read
from timeline.languages import COMMON, languages

# A placeholder: ``{name}`` or ``{name:group}``; regex quantifiers (``{4}``, ``{1,3}``) never match.
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z_0-9]*)(?::([A-Za-z_][A-Za-z_0-9]*))?\}")
# Vocabulary tables of ``words:`` that a pattern can insert as an alternation of their keys.
VOCABULARIES = ("months", "month_abbreviations", "weekdays", "weeks", "relative_months", "years", "relatives", "mods")
RELATIVES = ("today", "yesterday", "tomorrow", "next_day", "same_day", "recent")
TENSES = ("future", "past")
# How far before or after a match a rule's ``before`` / ``after`` guard reads.
GUARD_WINDOW = 12


@dataclass(frozen=True)
class Fields:
    """Which groups of a match hold a point's day, month and year (years: the first that matched)."""

    day: str | None
    month: str | None
    years: tuple[str, ...]


@dataclass(frozen=True)
class Guard:
    """A match is rejected when every condition holds: each group's text (normalised, "" when it
    did not match) is its regex in full; the text before does (``before``) or does not
    (``before_not``) end as a regex says; the text after starts as ``after`` says."""

    groups: tuple[tuple[str, re.Pattern[str]], ...]
    before: re.Pattern[str] | None
    before_not: re.Pattern[str] | None
    after: re.Pattern[str] | None


@dataclass(frozen=True)
class DateRule:
    lang: str
    name: str
    pattern: re.Pattern[str]
    needs: re.Pattern[str] | None
    start: Fields | None
    end: Fields | None
    relative: tuple[str, str] | None  # (weekday | week | year | word, group)
    mod: str | None
    tense: str | None
    bare: str | None
    ascending: bool
    trim: tuple[str, frozenset[str]] | None
    tense_after: bool
    reject: tuple[Guard, ...]
    examples: tuple[tuple[str, str], ...]
    counter: tuple[str, ...]


@dataclass(frozen=True)
class Grammar:
    """The date rules one language's articles are read with, and the words they look up."""

    lang: str
    rules: tuple[DateRule, ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    weeks: dict[str, int]
    relative_months: dict[str, int]
    years: dict[str, int]
    relatives: dict[str, str]
    mods: dict[str, Mod]
    tenses: dict[str, str]
    tense_after: re.Pattern[str] | None  # the words right after a date that say its tense
    tense_after_words: dict[str, str]


def norm(text: str | None) -> str:
    """A phrase as the word tables hold it: lower case, single spaces, no hyphen ("Mid-" → "mid")."""
    return " ".join((text or "").lower().replace("-", "").split())


def _alternation(words: list[str], dotted: frozenset[str] = frozenset()) -> str:
    """The words as one alternation, longest first; a space matches any run of spaces, and a word
    of ``dotted`` (an abbreviation) may take a full stop."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") + (r"\.?" if w in dotted else "") for w in ordered)


def _table(where: str, raw: Any, kind: type, allowed: tuple[str, ...] = ()) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise RulesError(f"{where}: a table of words, e.g. {{word: value}}")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if allowed and str(value) not in allowed:
            raise RulesError(f"{where}: {key}: {value!r} is none of {', '.join(allowed)}")
        out[norm(str(key))] = kind(value)
    return out


def _vocabulary(words: dict[str, Any]) -> dict[str, str]:
    """The alternations a pattern inserts: each table of ``VOCABULARIES`` by its name, ``{month}``
    (names and abbreviations, which may take a full stop), ``{month_name}`` (names only) and
    ``{weekday}``."""
    keys = {name: [str(k) for k in (words.get(name) or {})] for name in VOCABULARIES}
    out = {name: _alternation(keys[name]) or "(?!)" for name in VOCABULARIES}
    abbreviations = frozenset(keys["month_abbreviations"])
    out["month"] = _alternation(keys["months"] + keys["month_abbreviations"], abbreviations) or "(?!)"
    out["month_name"] = out["months"]
    out["weekday"] = out["weekdays"]
    return out


def _expand(where: str, source: str, fragments: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        name, group = match[1], match[2]
        if name not in fragments:
            raise RulesError(f"{where}: {{{name}}} is no fragment or word table; known: {', '.join(sorted(fragments))}")
        body = fragments[name]
        return f"(?P<{group}>{body})" if group else f"(?:{body})"

    for _ in range(4):  # fragments may use fragments
        expanded = _PLACEHOLDER.sub(one, source)
        if expanded == source:
            break
        source = expanded
    return source


def _compile(where: str, source: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise RulesError(f"{where}: not a regular expression ({exc}): {source!r}") from None


def _fields(where: str, raw: Any) -> Fields | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not set(raw) <= {"day", "month", "year"}:
        raise RulesError(f"{where}: give {{day: GROUP, month: GROUP, year: GROUP or [GROUP, ...]}}")
    years = raw.get("year")
    return Fields(
        raw.get("day"),
        raw.get("month"),
        tuple(str(y) for y in years) if isinstance(years, list) else (str(years),) if years else (),
    )


def _rule(lang: str, where: str, spec: dict[str, Any], fragments: dict[str, str], default_case: bool) -> DateRule:
    case = bool(spec.get("case", default_case))
    flags = 0 if case else re.IGNORECASE
    pattern = _compile(f"{where}.pattern", _expand(f"{where}.pattern", str(spec["pattern"]), fragments), flags)
    needs = spec.get("needs")
    relative = spec.get("relative")
    if relative is not None:
        if (
            not isinstance(relative, dict)
            or len(relative) != 1
            or next(iter(relative)) not in {"weekday", "week", "month", "year", "word"}
        ):
            raise RulesError(f"{where}.relative: give one of {{weekday|week|month|year|word: GROUP}}")
        relative = next(iter(relative.items()))
    guards = []
    for i, g in enumerate(spec.get("reject") or ()):
        at = f"{where}.reject[{i}]"
        groups = tuple((str(k), _compile(at, str(v), re.IGNORECASE)) for k, v in (g.get("groups") or {}).items())
        guards.append(
            Guard(
                groups,
                _compile(at, str(g["before"]), re.IGNORECASE) if g.get("before") else None,
                _compile(at, str(g["before_not"]), re.IGNORECASE) if g.get("before_not") else None,
                _compile(at, str(g["after"]), re.IGNORECASE) if g.get("after") else None,
            )
        )
    trim = spec.get("trim")
    if trim is not None:
        ((group, words),) = trim.items()
        trim = (str(group), frozenset(norm(str(w)) for w in words))
    names = set(pattern.groupindex)
    used = [*(spec.get("start") or {}).values(), *(spec.get("end") or {}).values()]
    used += [spec.get(k) for k in ("mod", "tense", "bare")] + [relative[1] if relative else None]
    for name in used:
        for group in name if isinstance(name, list) else [name]:
            if group is not None and group not in names:
                raise RulesError(f"{where}: the pattern has no group {group!r}")
    return DateRule(
        lang,
        str(spec["name"]),
        pattern,
        _compile(f"{where}.needs", _expand(f"{where}.needs", str(needs), fragments), flags) if needs else None,
        _fields(f"{where}.start", spec.get("start")),
        _fields(f"{where}.end", spec.get("end")),
        relative,
        spec.get("mod"),
        spec.get("tense"),
        spec.get("bare"),
        bool(spec.get("ascending")),
        trim,
        bool(spec.get("tense_after")),
        tuple(guards),
        tuple((str(k), str(v)) for k, v in (spec.get("examples") or {}).items()),
        tuple(str(t) for t in spec.get("not") or ()),
    )


def _section(lang: str) -> tuple[dict[str, Any], dict[str, Any]]:
    data = read(lang)
    return data.get("words") or {}, data.get("dates") or {}


def _rules(lang: str, dates: dict[str, Any], fragments: dict[str, str]) -> list[DateRule]:
    own = {str(k): str(v) for k, v in (dates.get("fragments") or {}).items()}
    fragments = {**fragments, **own}
    default_case = bool(dates.get("case", False))
    out = []
    for i, spec in enumerate(dates.get("rules") or ()):
        where = f"lang/{lang}.yaml: dates.rules[{i}]"
        if not isinstance(spec, dict) or "name" not in spec or "pattern" not in spec:
            raise RulesError(f"{where}: a rule needs a name and a pattern")
        out.append(_rule(lang, f"{where} ({spec['name']})", spec, fragments, default_case))
    return out


@cache
def load(lang: str) -> Grammar:
    """The compiled date grammar of ``lang``: the common rules first, then the language's own."""
    _, common = _section(COMMON)
    words, dates = _section(lang)
    fragments = {**{str(k): str(v) for k, v in (common.get("fragments") or {}).items()}, **_vocabulary(words)}
    rules = _rules(COMMON, common, fragments) + _rules(lang, dates, fragments)
    where = f"lang/{lang}.yaml: words"
    after = _table(f"{where}.tense_after", words.get("tense_after"), str, TENSES)
    return Grammar(
        lang,
        tuple(rules),
        {
            **_table(f"{where}.months", words.get("months"), int),
            **_table(f"{where}.month_abbreviations", words.get("month_abbreviations"), int),
        },
        _table(f"{where}.weekdays", words.get("weekdays"), int),
        _table(f"{where}.weeks", words.get("weeks"), int),
        _table(f"{where}.relative_months", words.get("relative_months"), int),
        _table(f"{where}.years", words.get("years"), int),
        _table(f"{where}.relatives", words.get("relatives"), str, RELATIVES),
        _table(f"{where}.mods", words.get("mods"), Mod),
        _table(f"{where}.tenses", words.get("tenses"), str, TENSES),
        re.compile(rf"\s+(?P<w>{_alternation(list(after))})(?!\w)", re.IGNORECASE) if after else None,
        after,
    )


@cache
def every() -> tuple[DateRule, ...]:
    """All languages' rules at once (for text of unknown language), the common ones once."""
    rules = list(load(languages()[0]).rules) if languages() else []
    for lang in languages()[1:]:
        rules.extend(r for r in load(lang).rules if r.lang != COMMON)
    return tuple(rules)
