"""Date phrases in Vietnamese and English news text, kept exactly as precise as written.

Each rule isolates the numbers of one phrase ("ngày 25/9", "19-22/11", "tháng 11/2025",
"cuối năm 2024", "March 5", "from August 2 to 3", "yesterday", "on Wednesday") into a
:class:`Mention`; :func:`resolve` later turns a mention into EDTF points, inferring a missing
year from the published date and the tense, or from a year the article states. Numeric
Vietnamese dates are always day-first. Ordinals ("lần thứ 12", "12th"), counts ("50 năm",
"10 nước"), percentages and Vietnamese weekdays ("thứ 5") match no rule. The numbers a rule
isolates are validated with the calendar; no parser ever sees a whole sentence.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace

from timeline.edtf import Mod
from timeline.extract.date_rules import (
    EN,
    EN_MOD,
    EN_MONTHS,
    NEEDS,
    RULES,
    RULES_BY_LANG,
    VI,
    VI_MOD,
    VI_WEEKDAYS,
    WEEKDAYS,
    rule_lang,
)
from timeline.extract.when import Mention, Resolved


def find(text: str, masked: tuple[tuple[int, int], ...] = (), lang: str | None = None) -> list[Mention]:
    """Every date phrase in ``text``, left to right, none overlapping another or a masked span
    (``lang``: only that language's rules; None: every rule)."""
    taken = bytearray(len(text) + 1)
    for a, b in masked:
        taken[max(0, a) : max(0, b)] = b"\x01" * (max(0, b) - max(0, a))
    found: list[Mention] = []
    rules = RULES_BY_LANG.get(lang) or [(k, p, NEEDS.get(k)) for k, p in RULES if rule_lang(k) in {lang, "*"}]
    tested: dict[int, bool] = {}
    for kind, pattern, needs in rules:
        if needs is not None:
            ok = tested.get(id(needs))
            if ok is None:
                ok = tested[id(needs)] = needs.search(text) is not None
            if not ok:
                continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            mention = _build(kind, match, text)
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
            and following.start - mention.end <= 3  # noqa: PLR2004 - "sáng nay (19/12)"
        ):
            if "(" in text[mention.end : following.start]:
                out.append(replace(following, start=mention.start, text=text[mention.start : following.end]))
                skip.add(i + 1)
            continue
        out.append(mention)
    return out


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _month(name: str | None) -> int | None:
    return EN_MONTHS.get(name.lower().rstrip(".")) if name else None


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:  # noqa: PLR2004 - months of the year
        return False
    if day is not None:
        if month is None:
            return False
        days = calendar.monthrange(year if year is not None else 2024, month)[1]  # a leap year admits 29/2
        return 1 <= day <= days
    return True


def _build(kind: str, match: re.Match[str], text: str) -> Mention | None:
    g = match.groupdict()
    start, end = match.span()
    raw = match.group()
    if kind in {"vi_range_words", "vi_day_words"}:
        y, mo = _int(g["y"] or g["y2"]), _int(g["m"])
        if kind == "vi_day_words":
            m = Mention(start, end, raw, y, mo, _int(g["d"]))
        else:
            m = Mention(start, end, raw, y, mo, _int(g["d1"]), y, mo, _int(g["d2"]))
            if m.end_day is not None and m.day is not None and m.end_day <= m.day:
                return None
    elif kind in {"vi_year_rel", "en_year_rel"}:
        year_rel = _year_relative(kind, match, text)
        if year_rel is None:
            return None
        m = year_rel
    elif kind == "vi_cross":
        m = Mention(
            start, end, raw, _int(g["y"]), _int(g["m1"]), _int(g["d1"]), _int(g["y"]), _int(g["m2"]), _int(g["d2"])
        )
    elif kind == "vi_range":
        y, mo = _int(g["y"]), _int(g["m"])
        m = Mention(start, end, raw, y, mo, _int(g["d1"]), y, mo, _int(g["d2"]))
    elif kind == "vi_day":
        m = Mention(start, end, raw, _int(g["y"]), _int(g["m"]), _int(g["d"]), bare=not g.get("prefix"))
        if m.bare and text[max(0, start - 1) : start] != "(" and g["y"] is None and _fraction_context(text, end):
            return None
    elif kind == "vi_month":
        mod = VI_MOD.get((g["mod"] or "").lower())
        tense = "future" if (g["next"] or "").strip().lower() in {"tới", "sau"} else None
        raw_end = end if tense else end - len(g["next"] or "")
        m = Mention(start, raw_end, text[start:raw_end], _int(g["y"] or g["y2"]), _int(g["m"]), mod=mod, tense=tense)
    elif kind == "vi_year":
        m = Mention(start, end, raw, _int(g["y"]), mod=VI_MOD.get((g["mod"] or "").lower()))
    elif kind == "vi_rel":
        word = g["w"].lower()
        rel = {"hôm qua": "yesterday", "hôm nay": "today", "ngày mai": "tomorrow", "ngày hôm sau": "next_day",
               "hôm sau": "next_day", "vừa qua": "recent"}.get(word)  # fmt: skip
        if word.startswith("vừa "):
            rel = "recent"
        if rel is None:
            rel = {"nay": "today", "qua": "yesterday", "mai": "tomorrow"}[word.split()[-1]]
        m = Mention(start, end, raw, relative=rel, tense="past" if rel == "recent" else None)
    elif kind in {"en_week", "vi_week"}:
        table = EN.weeks if kind == "en_week" else VI.weeks
        phrase = " ".join(g["w"].lower().split())
        offset = table[phrase]
        tense = {1: "future", -1: "past"}.get(offset) or {"later this week": "future", "earlier this week": "past"}.get(
            phrase
        )
        m = Mention(start, end, raw, relative=f"week:{offset}", tense=tense)
    elif kind == "vi_weekday":
        m = Mention(start, end, raw, relative=f"weekday:{VI_WEEKDAYS[' '.join(g['w'].lower().split())]}")
    elif kind == "iso":
        m = Mention(start, end, raw, _int(g["y"]), _int(g["m"]), _int(g["d"]))
    elif kind in {"en_cross_md", "en_cross_dm"}:
        y = _int(g["y"])
        m = Mention(start, end, raw, y, _month(g["m1"]), _int(g["d1"]), y, _month(g["m2"]), _int(g["d2"]))
    elif kind in {"en_range_md", "en_range_dm"}:
        y, mo = _int(g["y"]), _month(g["m"])
        m = Mention(start, end, raw, y, mo, _int(g["d1"]), y, mo, _int(g["d2"]))
    elif kind in {"en_dm", "en_md"}:
        if g["m"] == "May" and kind == "en_md" and not g.get("y") and _modal_may(text, start):
            return None
        m = Mention(start, end, raw, _int(g["y"]), _month(g["m"]), _int(g["d"]))
    elif kind == "en_month":
        pre = (g["pre"] or "").lower().replace("-", "")
        if not pre and not g["y"]:
            return None  # a bare month name ("May") is too often something else
        if g["m"] == "May" and not g["y"] and pre in {"", "by", "until", "of"}:
            return None
        mod = EN_MOD.get(" ".join(pre.split()))
        tense = "future" if pre == "next" else "past" if pre == "last" else None
        m = Mention(start, end, raw, _int(g["y"]), _month(g["m"]), mod=mod, tense=tense)
        if pre in {"in", "during", "by", "until", "from", "since", "of"}:  # keep the quote to the date itself
            skip = len(match.group("pre")) + 1
            m = replace(m, start=start + skip, text=raw[skip:])
    elif kind == "en_year":
        pre = " ".join((g["pre"] or "").lower().replace("-", "").split())
        m = Mention(start, end, raw, _int(g["y"]), mod=EN_MOD.get(pre))
    else:  # en_rel
        word = " ".join(g["w"].lower().split())
        if word in {"today", "tonight"}:
            rel, tense = "today", None
        elif word == "yesterday":
            rel, tense = "yesterday", None
        elif word == "tomorrow":
            rel, tense = "tomorrow", None
        elif word.startswith("the "):
            rel, tense = "next_day", None
        else:
            words = word.removeprefix("on ").split()
            tense = {"last": "past", "next": "future"}.get(words[0]) if len(words) > 1 else None
            rel = f"weekday:{WEEKDAYS[words[-1]]}"
        m = Mention(start, end, raw, relative=rel, tense=tense)
    if not _valid(m.year, m.month, m.day) or not _valid(m.end_year, m.end_month, m.end_day):
        return None
    if kind in {"vi_cross", "vi_range", "vi_day", "vi_month", "vi_year", "vi_range_words", "vi_day_words"} and (
        m.tense is None
    ):
        m = _own_tense(m, text)
    return m


_VI_NUMBER_BEFORE = re.compile(
    r"(?:\d|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mấy|vài|nhiều|các|những)\s+$", re.IGNORECASE
)
_EN_YEAR_MOD = {"early": Mod.EARLY, "beginning of": Mod.EARLY, "start of": Mod.EARLY, "mid": Mod.MID,
                "middle of": Mod.MID, "late": Mod.LATE, "end of": Mod.LATE}  # fmt: skip


def _year_relative(kind: str, match: re.Match[str], text: str) -> Mention | None:
    """ "cuối năm nay", "later this year", "next year": a year counted from the published day."""
    start, end = match.span()
    word = match["w"].lower()
    if kind == "vi_year_rel":
        if match["mod"] is None and _VI_NUMBER_BEFORE.search(text[max(0, start - 12) : start]):
            return None  # "5 năm tới" is a span of years, not next year
        offset = {"nay": 0, "tới": 1, "ngoái": -1}[word]
        mod = VI_MOD.get((match["mod"] or "").lower())
        tense = {1: "future", -1: "past"}.get(offset)
    else:
        offset = {"this": 0, "next": 1, "last": -1}[word]
        pre = " ".join((match["pre"] or "").lower().replace("-", "").split()).removeprefix("the ")
        mod = _EN_YEAR_MOD.get(pre)
        tense = {1: "future", -1: "past"}.get(offset) or {"later": "future", "earlier": "past"}.get(pre)
    return Mention(start, end, match.group(), mod=mod, relative=f"year:{offset}", tense=tense)


_VI_TENSE_AFTER = re.compile(r"\s+(?P<w>sắp tới|tới đây|tới|vừa qua|vừa rồi)(?!\w)", re.IGNORECASE)


def _own_tense(m: Mention, text: str) -> Mention:
    """ "ngày 19/11 tới", "ngày 5/3 vừa qua": the words right after a date say which side of today it is."""
    match = _VI_TENSE_AFTER.match(text, m.end)
    if not match:
        return m
    tense = "past" if match["w"].lower().startswith("vừa") else "future"
    return replace(m, end=match.end(), text=text[m.start : match.end()], tense=tense)


def _fraction_context(text: str, end: int) -> bool:
    """ "1/3 số đại biểu", "50/50": a bare d/m followed by a count word is not a date."""
    after = text[end : end + 12].lower()
    return bool(re.match(r"\s*(?:số|phần|tổng|người|nước|%)", after))


def _modal_may(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].lower()
    return not re.search(r"(?:on|from|since|until|by|of|in)\s+$", before)


from timeline.extract.resolve import article_years, resolve  # noqa: E402 - re-exported: the stage after finding

__all__ = ["Mention", "Resolved", "article_years", "find", "resolve"]
