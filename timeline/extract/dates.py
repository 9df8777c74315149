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
from dataclasses import dataclass, replace
from datetime import date, timedelta

from timeline.edtf import Mod, Point

# -- what a rule finds --------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One date phrase: the numbers as written, and what kind of phrase it is."""

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    mod: Mod | None = None
    relative: str | None = None  # today, yesterday, tomorrow, next_day, recent, weekday:0..6, year:-1|0|1
    tense: str | None = None  # "future" for "tháng 12 tới", "next ..."; "past" for "vừa qua", "last ..."
    bare: bool = False  # a numeric d/m without "ngày": lower confidence

    @property
    def explicit_year(self) -> bool:
        return self.year is not None

    @property
    def is_range(self) -> bool:
        return self.end_day is not None or self.end_month is not None


@dataclass(frozen=True)
class Resolved:
    """A mention turned into EDTF points, with how sure the year is."""

    start: Point | None  # None: the phrase cannot be placed (a weekday with no published date)
    end: Point | None
    mod: Mod | None
    year_source: str  # text | published | article | relative | unknown
    text_year: bool

    @property
    def edtf_start(self) -> str:
        return _edtf(self.start)

    @property
    def edtf_end(self) -> str | None:
        return _edtf(self.end) if self.end is not None else None


def _edtf(point: Point | None) -> str:
    if point is None:
        return ""
    if point.year == 0:  # the year is unknown: EDTF level 1 unspecified digits
        text = "XXXX"
        if point.month is not None:
            text += f"-{point.month:02d}"
        if point.day is not None:
            text += f"-{point.day:02d}"
        return text
    return str(point)


# -- rules ------------------------------------------------------------------------------

_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_M = r"(?P<{0}>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_D = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<{0}>(?:19|20)\d\d)"
_NOT_NUM_BEFORE = r"(?<![\d/.,])"
_NOT_NUM_AFTER = r"(?![\d/%]|\.\d|,\d)"
_VI_PREFIX = r"(?:(?:sáng|chiều|tối|trưa|đêm|rạng sáng)\s+(?:ngày\s+)?|ngày\s+|hôm\s+)"
_VI_MOD = {"đầu": Mod.EARLY, "giữa": Mod.MID, "cuối": Mod.LATE}
_EN_MOD = {"early": Mod.EARLY, "mid": Mod.MID, "late": Mod.LATE, "end of": Mod.LATE, "the end of": Mod.LATE}


def _m(name: str) -> str:
    return _M.format(name)


def _d(name: str) -> str:
    return _D.format(name)


def _y(name: str) -> str:
    return _Y.format(name)


_VI_YEAR_TAIL = r"(?:\s*[/-]\s*(?P<y>\d{4})|\s+năm\s+(?P<y2>\d{4}))?(?![\d/])"

_RULES: list[tuple[str, re.Pattern[str]]] = [
    # Vietnamese ----------------------------------------------------------------------------
    # (trong) các ngày 8, 9 tháng 5 năm 2006; ngày 8 và 9 tháng 5: a list of two days is a range
    (
        "vi_range_words",
        re.compile(
            rf"(?:(?:trong\s+)?các\s+)?ngày\s+{_NOT_NUM_BEFORE}(?P<d1>[0-3]?\d)\s*(?:,|-|–|và|đến|tới)\s*(?:ngày\s+)?(?P<d2>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)"
            + _VI_YEAR_TAIL,
            re.IGNORECASE,
        ),
    ),
    # ngày 8 tháng 5 năm 2006
    (
        "vi_day_words",
        re.compile(rf"(?P<prefix>{_VI_PREFIX})(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)" + _VI_YEAR_TAIL, re.IGNORECASE),
    ),
    # 30/10-2/11(/2025), từ 30/10 đến 2/11
    (
        "vi_cross",
        re.compile(
            rf"(?:từ\s+)?{_VI_PREFIX}?{_NOT_NUM_BEFORE}(?P<d1>[0-3]?\d)\s*/\s*(?P<m1>[01]?\d)\s*(?:-|–|đến|tới)\s*(?:ngày\s+)?(?P<d2>[0-3]?\d)\s*/\s*(?P<m2>[01]?\d)(?:\s*/\s*(?P<y>\d{{4}}))?{_NOT_NUM_AFTER}",
            re.IGNORECASE,
        ),
    ),
    # 19-22/11(/2025), từ ngày 14 đến 17-11, ngày 19 và 20/11
    (
        "vi_range",
        re.compile(
            rf"(?:từ\s+)?{_VI_PREFIX}?{_NOT_NUM_BEFORE}(?P<d1>[0-3]?\d)\s*(?:-|–|đến|tới|và)\s*(?:ngày\s+)?(?P<d2>[0-3]?\d)\s*/\s*(?P<m>[01]?\d)(?:\s*/\s*(?P<y>\d{{4}}))?{_NOT_NUM_AFTER}",
            re.IGNORECASE,
        ),
    ),
    (
        "vi_range",
        re.compile(
            rf"(?:từ\s+)?{_VI_PREFIX}(?P<d1>[0-3]?\d)\s*(?:đến|tới)\s*(?:ngày\s+)?(?P<d2>[0-3]?\d)\s*-\s*(?P<m>[01]?\d)(?:\s*-\s*(?P<y>\d{{4}}))?{_NOT_NUM_AFTER}",
            re.IGNORECASE,
        ),
    ),
    # ngày 5/3, ngày 5/3/2024, sáng 18/5, (30/4/2025), 2/9; ngày 4-9 and (19-11) need "ngày" or brackets
    (
        "vi_day",
        re.compile(
            rf"(?P<prefix>{_VI_PREFIX})?{_NOT_NUM_BEFORE}(?P<d>[0-3]?\d)\s*/\s*(?P<m>[01]?\d)(?:\s*/\s*(?P<y>\d{{4}}))?{_NOT_NUM_AFTER}",
            re.IGNORECASE,
        ),
    ),
    (
        "vi_day",
        re.compile(
            rf"(?:(?P<prefix>{_VI_PREFIX})|(?<=\())(?P<d>[0-3]?\d)-(?P<m>[01]?\d)(?:-(?P<y>\d{{4}}))?{_NOT_NUM_AFTER}",
            re.IGNORECASE,
        ),
    ),
    # (đầu|giữa|cuối) tháng 11(/2025 | năm 2025)( tới)
    (
        "vi_month",
        re.compile(
            r"(?:(?P<mod>đầu|giữa|cuối)\s+)?tháng\s+(?P<m>[01]?\d)(?:\s*[/-]\s*(?P<y>\d{4})|\s+năm\s+(?P<y2>\d{4}))?(?P<next>\s+tới|\s+sau)?(?![\d/])",
            re.IGNORECASE,
        ),
    ),
    # (đầu|giữa|cuối) năm 2024; năm 2025 (never "50 năm")
    ("vi_year", re.compile(r"(?:(?P<mod>đầu|giữa|cuối)\s+)?năm\s+(?P<y>(?:19|20)\d\d)(?![\d-])", re.IGNORECASE)),
    # (đầu|giữa|cuối) năm nay / năm tới / năm ngoái: the year of the published day, or next to it
    ("vi_year_rel", re.compile(r"(?:(?P<mod>đầu|giữa|cuối)\s+)?năm\s+(?P<w>nay|tới|ngoái)(?!\w)", re.IGNORECASE)),
    (
        "vi_rel",
        re.compile(
            r"(?P<w>hôm qua|hôm nay|ngày mai|ngày hôm sau|hôm sau|vừa qua|vừa (?:có|diễn ra|kết thúc|được tổ chức)|(?:sáng|chiều|tối|trưa|đêm) (?:nay|qua|mai))(?!\w)",
            re.IGNORECASE,
        ),
    ),
    # English -------------------------------------------------------------------------------
    ("iso", re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")),
    # October 31 to November 1, 2025; from October 30 to November 2
    (
        "en_cross_md",
        re.compile(
            rf"(?:from\s+)?{_m('m1')}\s+{_d('d1')}\s*(?:-|–|to|until|through)\s*{_m('m2')}\s+{_d('d2')}(?:,?\s+{_y('y')})?\b"
        ),
    ),
    # 31 October to 1 November 2025
    (
        "en_cross_dm",
        re.compile(
            rf"(?:from\s+)?\b{_d('d1')}\s+{_m('m1')}\s*(?:-|–|to|until|through)\s*{_d('d2')}\s+{_m('m2')}(?:,?\s+{_y('y')})?\b"
        ),
    ),
    # from August 2 to 3; August 2-3, 2025
    (
        "en_range_md",
        re.compile(
            rf"(?:from\s+)?{_m('m')}\s+{_d('d1')}\s*(?:-|–|to|and|until|through)\s*{_d('d2')}(?:,?\s+{_y('y')})?\b(?!\s+{_M.format('x')})"
        ),
    ),
    # 2-3 August 2025; from 2 to 3 August
    (
        "en_range_dm",
        re.compile(
            rf"(?:from\s+)?(?<![\d,])\b{_d('d1')}\s*(?:-|–|to|and|until|through)\s*{_d('d2')}\s+{_m('m')}(?:,?\s+{_y('y')})?\b"
        ),
    ),
    # 5 March 2024; 5 March
    ("en_dm", re.compile(rf"(?<![\d,])\b{_d('d')}\s+(?:of\s+)?{_m('m')}(?:,?\s+{_y('y')})?\b")),
    # March 5, 2024; March 5; November 01, 2025
    ("en_md", re.compile(rf"\b{_m('m')}\s+{_d('d')}\b(?!\s*(?:%|,\d|\d))(?:,?\s+{_y('y')})?")),
    # (early|mid|late|in|this|next|last) November (2025); November 2025
    (
        "en_month",
        re.compile(
            rf"(?:(?P<pre>(?:the\s+)?end\s+of|early|mid-?|late|in|this|next|last|during|by|until|from|since|of)\s+)?(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(?:of\s+)?{_y('y')})?\b"
        ),
    ),
    # (in|early|late|end of) 2024
    (
        "en_year",
        re.compile(r"\b(?P<pre>(?:the\s+)?end\s+of|early|mid-?|late|in|during)\s+(?P<y>(?:19|20)\d\d)\b(?![-–]\d)"),
    ),
    # (early|late|later|the end of) this/next/last year
    (
        "en_year_rel",
        re.compile(
            r"\b(?:(?P<pre>(?:the\s+)?(?:end|beginning|start|middle)\s+of|early|mid-?|late|later|earlier)\s+)?(?P<w>this|next|last)\s+year\b(?!['’])",
            re.IGNORECASE,
        ),
    ),
    (
        "en_rel",
        re.compile(
            r"\b(?P<w>yesterday|today|tonight|tomorrow|the (?:next|following) day|(?:on\s+)?(?:(?:last|next|this)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
            re.IGNORECASE,
        ),
    ),
]


def find(text: str, masked: tuple[tuple[int, int], ...] = ()) -> list[Mention]:
    """Every date phrase in ``text``, left to right, none overlapping another or a masked span."""
    taken: list[tuple[int, int]] = list(masked)
    found: list[Mention] = []
    for kind, pattern in _RULES:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            mention = _build(kind, match, text)
            if mention is None:
                continue
            taken.append((min(start, mention.start), max(end, mention.end)))
            found.append(mention)
    found.sort(key=lambda m: m.start)
    return _drop_shadowed(found)


def _drop_shadowed(found: list[Mention]) -> list[Mention]:
    """ "sáng nay (19/12)", "on Saturday (November 1)": the explicit date in brackets says which day it is."""
    out: list[Mention] = []
    for i, mention in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        if (
            mention.relative is not None
            and (mention.relative in {"today", "yesterday", "tomorrow"} or mention.relative.startswith("weekday:"))
            and following is not None
            and following.relative is None
            and following.start - mention.end <= 3  # noqa: PLR2004 - "sáng nay (19/12)"
        ):
            continue
        out.append(mention)
    return out


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _month(name: str | None) -> int | None:
    return _EN_MONTHS.get(name.lower().rstrip(".")) if name else None


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
        mod = _VI_MOD.get((g["mod"] or "").lower())
        tense = "future" if (g["next"] or "").strip().lower() in {"tới", "sau"} else None
        raw_end = end if tense else end - len(g["next"] or "")
        m = Mention(start, raw_end, text[start:raw_end], _int(g["y"] or g["y2"]), _int(g["m"]), mod=mod, tense=tense)
    elif kind == "vi_year":
        m = Mention(start, end, raw, _int(g["y"]), mod=_VI_MOD.get((g["mod"] or "").lower()))
    elif kind == "vi_rel":
        word = g["w"].lower()
        rel = {"hôm qua": "yesterday", "hôm nay": "today", "ngày mai": "tomorrow", "ngày hôm sau": "next_day",
               "hôm sau": "next_day", "vừa qua": "recent"}.get(word)  # fmt: skip
        if word.startswith("vừa "):
            rel = "recent"
        if rel is None:
            rel = {"nay": "today", "qua": "yesterday", "mai": "tomorrow"}[word.split()[-1]]
        m = Mention(start, end, raw, relative=rel, tense="past" if rel == "recent" else None)
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
        mod = _EN_MOD.get(" ".join(pre.split()))
        tense = "future" if pre == "next" else "past" if pre == "last" else None
        m = Mention(start, end, raw, _int(g["y"]), _month(g["m"]), mod=mod, tense=tense)
        if pre in {"in", "during", "by", "until", "from", "since", "of"}:  # keep the quote to the date itself
            skip = len(match.group("pre")) + 1
            m = replace(m, start=start + skip, text=raw[skip:])
    elif kind == "en_year":
        pre = " ".join((g["pre"] or "").lower().replace("-", "").split())
        m = Mention(start, end, raw, _int(g["y"]), mod=_EN_MOD.get(pre))
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
            rel = f"weekday:{_WEEKDAYS[words[-1]]}"
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
        mod = _VI_MOD.get((match["mod"] or "").lower())
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


# -- resolution -------------------------------------------------------------------------


def resolve(
    m: Mention, published: date | None, context_year: int | None, tense: str | None, anchor: date | None
) -> Resolved | None:
    """EDTF points for ``m``; None when the phrase cannot be placed at all.

    A missing year comes from ``published`` and the tense (a past event after the published
    day belongs to the year before; a future one before it, to the year after), else from
    ``context_year`` (a year the article states), else stays unknown (year 0, shown XXXX).
    """
    tense = m.tense or tense
    if m.relative is not None and m.relative.startswith("year:"):
        offset = int(m.relative.split(":")[1])
        if published is not None:
            return Resolved(Point(published.year + offset), None, m.mod, "relative", text_year=False)
        if context_year is not None and offset == 0:  # "cuối năm nay" in an article that states its year
            return Resolved(Point(context_year), None, m.mod, "article", text_year=False)
        return None
    if m.relative is not None:
        return _relative(m, published, tense, anchor)
    if m.year is not None:
        start = Point(m.year, m.month, m.day)
        end = _end(m, m.end_year or m.year)
        return Resolved(start, end, m.mod, "text", text_year=True)
    if published is not None and m.month is not None:
        year = _infer_year(m, published, tense)
        return Resolved(Point(year, m.month, m.day), _end(m, year), m.mod, "published", text_year=False)
    if context_year is not None and m.month is not None:
        return Resolved(Point(context_year, m.month, m.day), _end(m, context_year), m.mod, "article", text_year=False)
    if m.month is None:
        return None
    return Resolved(Point(0, m.month, m.day), _end(m, 0), m.mod, "unknown", text_year=False)


def _end(m: Mention, year: int) -> Point | None:
    if not m.is_range:
        return None
    end_month = m.end_month or m.month
    if year and m.month and end_month and end_month < m.month:  # 30/12-2/1: the range crosses a year
        year += 1
    return Point(year, end_month, m.end_day)


def _infer_year(m: Mention, published: date, tense: str | None) -> int:
    assert m.month is not None
    year = published.year
    first = date(year, m.month, m.day or 1)
    last = date(year, m.month, m.day or calendar.monthrange(year, m.month)[1])
    if tense == "past" and first > published + timedelta(days=7):
        return year - 1
    if tense == "future" and last < published - timedelta(days=7):
        return year + 1
    if tense is None:
        if first > published + timedelta(days=183):
            return year - 1
        if last < published - timedelta(days=183):
            return year + 1
    return year


def _relative(m: Mention, published: date | None, tense: str | None, anchor: date | None) -> Resolved | None:
    rel = m.relative or ""
    if rel == "next_day":
        if anchor is None:
            return None
        day = anchor + timedelta(days=1)
        return Resolved(Point(day.year, day.month, day.day), None, None, "relative", text_year=False)
    if published is None:
        return None
    if rel == "recent":
        return Resolved(Point(published.year), None, None, "relative", text_year=False)
    if rel.startswith("weekday:"):
        wanted = int(rel.split(":")[1])
        shift = (published.weekday() - wanted) % 7
        day = published - timedelta(days=shift)
        if tense == "future":
            day = published + timedelta(days=(wanted - published.weekday()) % 7)
        return Resolved(Point(day.year, day.month, day.day), None, None, "relative", text_year=False)
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[rel]
    day = published + timedelta(days=offset)
    return Resolved(Point(day.year, day.month, day.day), None, None, "relative", text_year=False)


def article_years(text: str) -> list[int]:
    """Years the article states as a year on its own (not "2024-2027" cycles, not "until 2027"),
    most frequent first."""
    counts: dict[int, int] = {}
    for match in re.finditer(r"(?<![\d/.,-])((?:19|20)\d\d)(?![\d])(?!\s*[-–]\s*(?:19|20)\d\d)", text):
        if re.search(r"(?:19|20)\d\d\s*[-–]\s*$", text[max(0, match.start() - 8) : match.start()]):
            continue
        if re.search(
            r"(?:\b(?:until|till|through|to|since|from)|(?<!\w)(?:đến|tới|từ))\s+(?:năm\s+)?$",
            text[max(0, match.start() - 12) : match.start()],
            re.I,
        ):
            continue  # "until 2027", "từ năm 2010": the end or start of a span, not the article's year
        year = int(match.group(1))
        counts[year] = counts.get(year, 0) + 1
    return [y for y, _ in sorted(counts.items(), key=lambda item: (-item[1], -item[0]))]
