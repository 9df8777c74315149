"""A bare "the retreat", "the meeting", "hội nghị" refers back to the meeting the article named last.

"MINDEF said the ministers will attend the ADMM Retreat. ... will attend the retreat on Tuesday":
the second sentence names no meeting, so its date would be lost. A bare noun (the language's
``anaphor`` cue) resolves to the series named last within ``ANAPHOR_REACH`` characters before it;
a word of the language's ``anaphor_kinds`` only to a series of its kind ("retreat" to a retreat,
"triển lãm" to an expo). Only sentences that name no meeting of their own are read this way,
and "the meeting with ..." (a bilateral meeting) never is.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from timeline.extract import weights as W
from timeline.extract.rules import Rules

REACH = W.ANAPHOR_REACH


class Named(NamedTuple):  # a tuple: one for every name of the article
    at: int  # offset in the article
    key: str
    ordinal: int | None
    frame: bool = False  # named as the framework of what is told ("trong khuôn khổ ADMM+")


@dataclass(frozen=True)
class Anaphor:
    start: int  # offsets in the sentence
    end: int
    key: str
    ordinal: int | None


def anaphors(
    text: str, at: int, named: list[Named], rules: Rules, bilateral: str = "bilateral", offsets: list[int] | None = None
) -> list[Anaphor]:
    """Bare meeting nouns in ``text`` (a sentence at offset ``at``) resolved against ``named``
    (in article order; ``offsets``: their ``at``, kept by the caller as the article is read)."""
    out: list[Anaphor] = []
    if offsets is None:
        offsets = [n.at for n in named]
    for match in rules.re("anaphor").finditer(text):
        word = " ".join(match["w"].lower().split())
        here = at + match.start()
        lo, hi = bisect_left(offsets, here - REACH), bisect_right(offsets, here)
        recent = [n for n in named[lo:hi] if n.key != bilateral]
        kind = rules.anaphor_kinds.get(word)
        if kind is not None:
            recent = [n for n in recent if kind in n.key]
        if not recent:
            continue
        # "... Nhóm chuyên gia X ...; ... trong khuôn khổ ADMM+. Thời gian tổ chức Hội nghị từ ngày 17 đến 19-6":
        # the meeting is the one named last that is not only a framework
        last = ([n for n in recent if not n.frame] or recent)[-1]
        # "so với triển lãm năm 2022": the series in another edition, of that year (the cue's ``edition`` group)
        edition = "edition" in match.re.groupindex and match["edition"] is not None
        out.append(Anaphor(match.start("w"), match.end(), last.key, None if edition else last.ordinal))
    return out


def numbered(
    text: str,
    at: int,
    named: list[Named],
    rules: Rules,
    bilateral: str,
    offsets: list[int],
    taken: list[tuple[int, int]],
) -> list[Anaphor]:
    """ "handed over the AMIM chairmanship to Indonesia, which will chair the 20th meeting in 2023": a
    numbered meeting noun (the ``numbered_anaphor`` cue) is the next meeting of the series named last
    before it, in its sentence or before (``taken``: the names already read in the sentence)."""
    out: list[Anaphor] = []
    for match in rules.re("numbered_anaphor").finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        here = at + match.start()
        lo, hi = bisect_left(offsets, here - REACH), bisect_right(offsets, here)
        recent = [n for n in named[lo:hi] if n.key != bilateral]
        elided = "e" in match.re.groupindex and match["e"] is not None  # "..., the 2nd in Bangkok in 2012"
        raw = match["n2"] if elided else match["n"]
        number = int(raw) if raw.isdigit() else rules.ordinals.get(" ".join(raw.lower().split()))
        if recent and number is not None:
            out.append(Anaphor(match.start("e" if elided else "w"), match.end(), recent[-1].key, number))
    return out
