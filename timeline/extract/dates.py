"""Date phrases in news text, kept exactly as precise as written.

The rules are data: the ``dates:`` rules of ``lang/<code>.yaml`` after those of
``lang/common.yaml``, compiled by :mod:`timeline.extract.grammar` (lang/README.md). Each rule
isolates the numbers of one phrase ("ngày 25/9", "19-22/11", "tháng 11/2025", "cuối năm 2024",
"March 5", "from August 2 to 3", "yesterday", "on Wednesday") into a :class:`Mention`;
:func:`resolve` later turns a mention into EDTF points, inferring a missing year from the
published date and the tense, or from a year the article states. The numbers a rule isolates
are validated with the calendar; no parser ever sees a whole sentence.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace

from timeline.extract import grammar as G
from timeline.extract import weights as W
from timeline.extract.prefilter import Gated, gated
from timeline.extract.when import Mention, Resolved
from timeline.languages import COMMON

_GATES: dict[int, Gated] = {}  # by the id of a rule's pattern (rules live as long as the process)


def _gate(pattern: re.Pattern[str]) -> Gated:
    gate = _GATES.get(id(pattern))
    if gate is None:
        gate = _GATES[id(pattern)] = gated(pattern)
    return gate


_Step = tuple["G.DateRule", Gated, int, "G.Grammar | None"]  # a rule, its gate, its needs' index (-1: none), its words
_PLANS: dict[int, tuple[tuple[G.DateRule, ...], tuple[_Step, ...], tuple[Gated, ...]]] = {}


def _plan(rules: tuple[G.DateRule, ...]) -> tuple[tuple[_Step, ...], tuple[Gated, ...]]:
    """The rules as :func:`find` runs them, read once per set of rules: each with its gate, the
    index of its distinct ``needs`` pattern, and its language's words (None for a common rule)."""
    entry = _PLANS.get(id(rules))
    if entry is not None and entry[0] is rules:
        return entry[1], entry[2]
    needs: dict[tuple[str, int], int] = {}
    gates: list[Gated] = []
    steps: list[_Step] = []
    for rule in rules:
        k = -1
        if rule.needs is not None:
            k = needs.setdefault((rule.needs.pattern, rule.needs.flags), len(needs))
            if k == len(gates):
                gates.append(_gate(rule.needs))
        steps.append((rule, _gate(rule.pattern), k, G.load(rule.lang) if rule.lang != COMMON else None))
    _PLANS[id(rules)] = (rules, tuple(steps), tuple(gates))
    return tuple(steps), tuple(gates)


def find(text: str, masked: tuple[tuple[int, int], ...] = (), lang: str | None = None) -> list[Mention]:
    """Every date phrase in ``text``, left to right, none overlapping another or a masked span
    (``lang``: the common rules and that language's; None: every language's)."""
    taken = bytearray(len(text) + 1)
    for a, b in masked:
        taken[max(0, a) : max(0, b)] = b"\x01" * (max(0, b) - max(0, a))
    found: list[Mention] = []
    steps, needs = _plan(G.load(lang).rules if lang is not None else G.every())
    tested: list[bool | None] = [None] * len(needs)  # each distinct ``needs`` is looked for once
    for rule, gate, k, words in steps:
        if k >= 0:
            ok = tested[k]
            if ok is None:
                ok = tested[k] = needs[k].search(text) is not None
            if not ok:
                continue
        for match in gate.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            mention = build(rule, words, match, text)
            if mention is None:
                continue
            lo, hi = min(start, mention.start), max(end, mention.end)
            taken[lo:hi] = b"\x01" * (hi - lo)
            found.append(mention)
    found.sort(key=lambda m: m.start)
    return _drop_shadowed(found, text)


def _drop_shadowed(found: list[Mention], text: str) -> list[Mention]:
    """ "sáng nay (19/12)", "on Saturday (November 1)": the explicit date in brackets says which day
    it is; the phrase is one date, from the relative word on (the bracket belongs to it, not to what
    precedes)."""
    out: list[Mention] = []
    skip: set[int] = set()
    for i, mention in enumerate(found):
        if i in skip:
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        if (
            mention.relative is not None
            and (mention.relative in {"today", "yesterday", "tomorrow"} or mention.relative.startswith("weekday:"))
            and following is not None
            and following.relative is None
            and following.start - mention.end <= W.SHADOW_GAP
        ):
            if "(" in text[mention.end : following.start]:
                told = mention.relative if mention.relative in {"today", "yesterday", "tomorrow"} else None
                out.append(replace(following, start=mention.start, text=text[mention.start : following.end], told=told))
                skip.add(i + 1)
            continue
        out.append(mention)
    return out


_TENSE_OF_OFFSET = {1: "future", -1: "past"}


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:  # noqa: PLR2004 - months of the year
        return False
    if day is not None:
        if month is None:
            return False
        days = calendar.monthrange(year if year is not None else 2024, month)[1]  # a leap year admits 29/2
        return 1 <= day <= days
    return True


def _text(match: re.Match[str], name: str | None) -> str:
    return (match.group(name) or "") if name is not None else ""


def _point(
    fields: G.Fields | None, match: re.Match[str], months: dict[str, int]
) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) as the groups of ``fields`` hold them; a month is a number or a name."""
    if fields is None:
        return None, None, None
    year = next((int(v) for v in (match.group(y) for y in fields.years) if v), None)
    month = _text(match, fields.month)
    day = _text(match, fields.day)
    return (
        year,
        (int(month) if month.isdigit() else months.get(G.norm(month).rstrip("."))) if month else None,
        int(day) if day else None,
    )


def _rejected(guard: G.Guard, match: re.Match[str], text: str) -> bool:
    start, end = match.span()
    before = text[max(0, start - G.GUARD_WINDOW) : start]
    return (
        all(p.fullmatch(G.norm(match.group(g))) for g, p in guard.groups)
        and (guard.before is None or guard.before.search(before) is not None)
        and (guard.before_not is None or guard.before_not.search(before) is None)
        and (guard.after is None or guard.after.match(text[end : end + G.GUARD_WINDOW]) is not None)
    )


def _relative(rule: G.DateRule, words: G.Grammar, match: re.Match[str]) -> tuple[str | None, int | None]:
    """ "weekday:2", "week:1", "month:0", "year:-1", "today": what a relative phrase counts from the published day."""
    if rule.relative is None:
        return None, None
    kind, group = rule.relative
    phrase = G.norm(match.group(group))
    if kind == "word":
        return words.relatives[phrase], None
    if kind == "weekday":
        return f"weekday:{words.weekdays[phrase]}", None
    offset = {"week": words.weeks, "month": words.relative_months}.get(kind, words.years)[phrase]
    return f"{kind}:{offset}", offset


def build(rule: G.DateRule, words: G.Grammar | None, match: re.Match[str], text: str) -> Mention | None:
    """The mention one match of ``rule`` reads (None: a guard rejects it, or no calendar has it).
    ``words``: the tables of the rule's language (None for a common rule, which uses none)."""
    if rule.reject and any(_rejected(guard, match, text) for guard in rule.reject):
        return None
    start, end = match.span()
    months = words.months if words is not None else {}
    year, month, day = _point(rule.start, match, months)
    end_year, end_month, end_day = _point(rule.end, match, months)
    if rule.ascending and end_day is not None and day is not None and end_day <= day:
        return None
    if not _valid(year, month, day) or not _valid(end_year, end_month, end_day):
        return None
    relative, offset, mod, tense = None, None, None, None
    if words is not None:
        relative, offset = _relative(rule, words, match)
        mod = words.mods.get(G.norm(_text(match, rule.mod))) if rule.mod else None
        tense = _TENSE_OF_OFFSET.get(offset or 0)
        if tense is None and rule.tense:
            tense = words.tenses.get(G.norm(_text(match, rule.tense)))
    if tense is None and relative == "recent":
        tense = "past"
    if rule.trim is not None and G.norm(_text(match, rule.trim[0])) in rule.trim[1]:
        start = match.end(rule.trim[0])  # keep the quote to the date itself: "in November" → "November"
        while start < end and text[start].isspace():
            start += 1
    if rule.tense_after and tense is None and words is not None and words.tense_after is not None:
        after = words.tense_after.match(text, end)  # "ngày 19/11 tới", "ngày 5/3 vừa qua"
        if after:
            end, tense = after.end(), words.tense_after_words[G.norm(after["w"])]
    bare = rule.bare is not None and not match.group(rule.bare)
    return Mention(
        start, end, text[start:end], year, month, day, end_year, end_month, end_day, mod, relative, tense, bare
    )


def describe(m: Mention) -> str:
    """A mention as the ``examples:`` of a date rule write it: ``2025-11-19/2025-11-22``,
    ``XXXX-03-05 bare``, ``2024 mod=late``, ``week:1 tense=future`` (XXXX: no year written)."""

    def point(year: int | None, month: int | None, day: int | None) -> str:
        if year is None and month is None and day is None:
            return ""
        out = f"{year:04d}" if year is not None else "XXXX"
        out += f"-{month:02d}" if month is not None else ""
        return out + (f"-{day:02d}" if day is not None else "")

    value = point(m.year, m.month, m.day)
    if m.is_range:
        value += "/" + point(m.end_year, m.end_month, m.end_day)
    parts = [value] if value else []
    parts += [m.relative] if m.relative else []
    parts += [f"mod={m.mod.value}"] if m.mod else []
    parts += [f"tense={m.tense}"] if m.tense else []
    parts += ["bare"] if m.bare else []
    return " ".join(parts)


from timeline.extract.resolve import resolve  # noqa: E402 - re-exported: the stage after finding

__all__ = ["Mention", "Resolved", "describe", "find", "resolve"]
