"""The date phrases of each language as regular expressions (the grammar; the words — month and
weekday names, relative weeks — come from ``lang/<code>.yaml``). Each rule is (kind, pattern); the
kind's prefix (``vi_``, ``en_``) says which language's articles it reads; ``iso`` reads all.
"""

from __future__ import annotations

import re

from timeline.edtf import Mod
from timeline.extract.rules import load as load_rules

# -- rules ------------------------------------------------------------------------------

EN = load_rules("en")
VI = load_rules("vi")
EN_MONTHS = EN.months
WEEKDAYS = EN.weekdays


def _month_alternation(months: dict[str, int]) -> str:
    names = sorted(months, key=lambda n: (-len(n), n))
    return "|".join(re.escape(n.capitalize()) + (r"\.?" if len(n) <= 4 else "") for n in names)  # noqa: PLR2004


_MONTH_NAMES = _month_alternation(EN_MONTHS)
_FULL_MONTHS = "|".join(n.capitalize() for n in sorted(EN_MONTHS, key=lambda n: (-len(n), n)) if len(n) > 4)  # noqa: PLR2004
_WEEKDAY_NAMES = "|".join(n.capitalize() for n in WEEKDAYS)
_M = "(?P<{0}>" + _MONTH_NAMES.replace("{", "{{").replace("}", "}}") + ")"
_D = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<{0}>(?:19|20)\d\d)"
_NOT_NUM_BEFORE = r"(?<![\d/.,])"
_NOT_NUM_AFTER = r"(?![\d/%]|\.\d|,\d)"
_VI_PREFIX = (
    r"(?:(?:sáng|chiều|tối|trưa|đêm|rạng sáng)\s+(?:ngày\s+)?(?:mùng\s+|mồng\s+)?|ngày\s+(?:mùng\s+|mồng\s+)?|hôm\s+)"
)
VI_MOD = {"đầu": Mod.EARLY, "giữa": Mod.MID, "cuối": Mod.LATE}
EN_MOD = {"early": Mod.EARLY, "mid": Mod.MID, "late": Mod.LATE, "end of": Mod.LATE, "the end of": Mod.LATE}


def _m(name: str) -> str:
    return _M.format(name)


def _d(name: str) -> str:
    return _D.format(name)


def _y(name: str) -> str:
    return _Y.format(name)


_VI_YEAR_TAIL = r"(?:\s*[/-]\s*(?P<y>\d{4})|\s+năm\s+(?P<y2>\d{4}))?(?![\d/])"

RULES: list[tuple[str, re.Pattern[str]]] = [
    # Vietnamese ----------------------------------------------------------------------------
    # (trong) các ngày 8, 9 tháng 5 năm 2006; ngày 8 và 9 tháng 5: a list of two days is a range
    (
        "vi_range_words",
        re.compile(
            rf"(?:(?:trong\s+)?các\s+)?ngày\s+(?:mùng\s+|mồng\s+)?{_NOT_NUM_BEFORE}(?P<d1>[0-3]?\d)\s*(?:,|-|–|và|đến|tới)\s*(?:ngày\s+)?(?P<d2>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)"
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
    # 2-3 August 2025; from 2 to 3 August; from Sunday, 9th to Monday, 10th September 2018
    (
        "en_range_dm",
        re.compile(
            rf"(?:from\s+)?(?:(?:{_WEEKDAY_NAMES}),?\s+)?(?<![\d,])\b{_d('d1')}\s*(?:-|–|to|and|until|through)\s*(?:(?:{_WEEKDAY_NAMES}),?\s+)?{_d('d2')}\s+{_m('m')}(?:,?\s+{_y('y')})?\b"
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
            rf"(?:(?P<pre>(?:the\s+)?end\s+of|early|mid-?|late|in|this|next|last|during|by|until|from|since|of)\s+)?(?P<m>{_FULL_MONTHS})(?:\s+(?:of\s+)?{_y('y')})?\b"
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
            rf"\b(?P<w>yesterday|today|tonight|tomorrow|the (?:next|following) day|(?:on\s+)?(?:(?:last|next|this)\s+)?(?:{_WEEKDAY_NAMES}))\b",
            re.IGNORECASE,
        ),
    ),
]


def _weeks(words: dict[str, int]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=lambda w: (-len(w), w)))


# "this week", "tuần tới": the week of the published day, or one after or before it
RULES.insert(
    RULES.index(next(r for r in RULES if r[0] == "en_rel")),
    ("en_week", re.compile(rf"\b(?P<w>{_weeks(EN.weeks)})\b", re.I)),
)
RULES.insert(0, ("vi_week", re.compile(rf"(?<!\w)(?P<w>{_weeks(VI.weeks)})(?!\w)", re.I)))
VI_WEEKDAYS = {"thứ hai": 0, "thứ ba": 1, "thứ tư": 2, "thứ năm": 3, "thứ sáu": 4, "thứ bảy": 5, "chủ nhật": 6}
# "thứ Bảy (1/11)", "Chủ nhật": a weekday written out (never "lần thứ năm", never "thứ 5")
RULES.append(
    ("vi_weekday", re.compile(r"(?<!lần )(?<!\w)(?P<w>[Tt]hứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)|[Cc]hủ [Nn]hật)(?!\w)"))
)
_LANG = {"vi": "vi", "en": "en", "iso": "*"}


def rule_lang(kind: str) -> str:
    return _LANG.get(kind.split("_", maxsplit=1)[0], "*")


# What a sentence must contain for a rule to have a chance: tested once per sentence, so that a
# rule is never run over text that cannot hold its phrase.
_DIGIT = re.compile(r"\d")
_MONTH_WORD = re.compile(rf"\b(?:{_MONTH_NAMES})")
NEEDS: dict[str, re.Pattern[str]] = {
    "vi_range_words": _DIGIT, "vi_day_words": _DIGIT, "vi_cross": _DIGIT, "vi_range": _DIGIT, "vi_day": _DIGIT,
    "vi_month": re.compile("tháng", re.I), "vi_year": re.compile("năm", re.I), "vi_year_rel": re.compile("năm", re.I),
    "vi_rel": re.compile("hôm|ngày|vừa|nay|qua|mai", re.I), "vi_week": re.compile("tuần", re.I),
    "vi_weekday": re.compile("[Tt]hứ|[Cc]hủ"), "iso": re.compile(r"\d{4}-"),
    "en_cross_md": _MONTH_WORD, "en_cross_dm": _MONTH_WORD, "en_range_md": _MONTH_WORD, "en_range_dm": _MONTH_WORD,
    "en_dm": _MONTH_WORD, "en_md": _MONTH_WORD, "en_month": _MONTH_WORD, "en_year": re.compile(r"\d{4}"),
    "en_year_rel": re.compile("year", re.I), "en_week": re.compile("week", re.I),
    "en_rel": re.compile(rf"\b(?:yesterday|today|tonight|tomorrow|day|{_WEEKDAY_NAMES})\b", re.I),
}  # fmt: skip
RULES_BY_LANG: dict[str | None, list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]] = {
    lang: [
        (kind, pattern, NEEDS.get(kind)) for kind, pattern in RULES if lang is None or rule_lang(kind) in {lang, "*"}
    ]
    for lang in (None, "en", "vi")
}
