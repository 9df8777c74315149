"""A bare "the retreat", "the meeting", "hội nghị" refers back to the meeting the article last named.

"MINDEF said the ministers will attend the ADMM Retreat. ... will attend the retreat on Tuesday":
the second sentence names no meeting, so its date would be lost. A bare noun resolves to the
series named last within a short distance before it; "retreat" only to a retreat. Only sentences
that name no meeting of their own are read this way, and "the meeting with ..." (a bilateral
meeting) never is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EN = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:formal|informal|annual|ministerial|two-day|one-day|high-level)\s+)?"
    r"(?P<w>retreat|meeting|conference|forum)\b(?!\s+(?:with|between|of|on the sidelines)\b)",
    re.IGNORECASE,
)
_VI = re.compile(
    r"(?<!\w)(?P<w>[Hh]ội nghị)(?: (?:hẹp|này|lần này|năm nay))?(?!\w)"
    r"(?! (?:[A-ZĐ]|lần thứ|cấp|trực tuyến|thường niên|quan chức|bộ trưởng|tư lệnh|các|về|của))"
)
REACH = 600  # characters back to the meeting referred to: further, "the meeting" is something else


@dataclass(frozen=True)
class Named:
    at: int  # offset in the article
    key: str
    ordinal: int | None


@dataclass(frozen=True)
class Anaphor:
    start: int  # offsets in the sentence
    end: int
    key: str
    ordinal: int | None


def anaphors(text: str, at: int, named: list[Named], lang: str) -> list[Anaphor]:
    """Bare meeting nouns in ``text`` (a sentence at offset ``at``) resolved against ``named``."""
    out: list[Anaphor] = []
    for match in (_VI if lang == "vi" else _EN).finditer(text):
        word = match["w"].lower()
        recent = [n for n in named if 0 <= at + match.start() - n.at <= REACH and n.key != "bilateral"]
        if word == "retreat":
            recent = [n for n in recent if "retreat" in n.key]
        if not recent:
            continue
        last = recent[-1]
        out.append(Anaphor(match.start("w"), match.end(), last.key, last.ordinal))
    return out
