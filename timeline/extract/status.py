"""Stage: a candidate's status (planned, held, postponed, cancelled) from the sentence's cues.

The cues of a sentence are found once (:class:`Cues`), then looked up by distance, so that a
sentence with many meetings costs no more than one pass over it per cue.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from timeline.edtf import Mod, Point, Precision
from timeline.extract import weights as W
from timeline.extract.rules import Rules
from timeline.model import Status

_Span = TypeVar("_Span", tuple[int, int], tuple[int, int, bool])


@dataclass
class Cues:
    """The tense cues of one sentence, as sorted spans."""

    text: str
    rules: Rules
    planned: list[tuple[int, int]] = field(default_factory=list)
    held: list[tuple[int, int, bool]] = field(default_factory=list)  # (start, end, neutral)
    cancelled: bool = False
    postponed: bool = False
    names: list[tuple[int, int]] = field(default_factory=list)  # the meetings named in the sentence

    @classmethod
    def of(cls, text: str, rules: Rules) -> Cues:
        planned = [m.span() for m in rules.re("planned").finditer(text)]
        neutral = rules.re("neutral")
        held = []
        for match in rules.re("held").finditer(text):
            a, b = match.span()
            j = bisect_right(planned, (a, len(text) + 1))
            if j and planned[j - 1][0] <= a < planned[j - 1][1] + W.PLANNED_GOVERNS:
                continue  # "dự kiến diễn ra", "will be held": the planned cue governs the verb
            held.append((a, b, bool(neutral.match(match.group()))))
        return cls(
            text,
            rules,
            planned,
            held,
            bool(rules.re("cancelled").search(text)),
            bool(rules.re("postponed").search(text)),
        )

    def verb(self, lo: int, hi: int, *, neutral: bool = True) -> Status | None:
        """The status the nearest tense cue gives [lo, hi), if one is within reach
        (``neutral=False``: "diễn ra", "được tổ chức" are not cues)."""
        best: tuple[int, Status] | None = None
        for spans, status in (
            ([(a, b) for a, b in _near(self.planned, lo, hi)], Status.PLANNED),
            ([(a, b) for a, b, n in _near(self.held, lo, hi) if neutral or not n], Status.HELD),
        ):
            for a, b in spans:
                distance = 0 if a < hi and lo < b else min(abs(a - hi), abs(lo - b))
                if best is None or distance < best[0]:
                    best = (distance, status)
        return best[1] if best is not None and best[0] <= W.VERB_CUE_REACH else None

    def any_planned(self, lo: int = 0, hi: int = 0) -> bool:
        """A planned cue anywhere in the sentence, but one nearer another meeting's name than to ``lo``..``hi``
        ("Diễn ra trong 2 ngày 28 - 29/4, ... chuẩn bị cho Hội nghị X, dự kiến được tổ chức vào tháng 5
        tới": X's plan, not this meeting's)."""
        others = [(a, b) for a, b in self.names if b <= lo or a >= hi]
        spans = [*self.planned, *(m.span() for m in self.rules.re("prep_cue").finditer(self.text))]
        return any(not others or _gap(a, b, lo, hi) <= min(_gap(a, b, c, d) for c, d in others) for a, b in spans)

    def any_past(self) -> bool:
        return any(not n for _, _, n in self.held)


def _gap(a: int, b: int, lo: int, hi: int) -> int:
    """The characters between [a, b) and [lo, hi) (0 when they overlap)."""
    return 0 if a < hi and lo < b else min(abs(a - hi), abs(lo - b))


def _near(spans: list[_Span], lo: int, hi: int) -> list[_Span]:
    """The cue spans (sorted by start) that begin within reach of ``lo``..``hi``."""
    reach = W.VERB_CUE_REACH + W.VERB_CUE_SLACK
    i = bisect_left(spans, lo - reach, key=lambda span: span[0])
    out = []
    for span in spans[i:]:
        if span[0] > hi + reach:
            break
        out.append(span)
    return out


def status(
    cues: Cues,
    lo: int,
    hi: int,
    own_tense: str | None,
    window: tuple[date, date] | None,
    published: date | None,
    prep: bool,
) -> tuple[Status, bool]:
    """The status, and whether the text said so (False: inferred from the date alone).

    In order: a cancellation or postponement in the sentence; the date's own tense words
    ("tháng 12 tới", "ngày 5/3 vừa qua", "next November"); a date window wholly after the
    published day (never held, whatever the verb: "diễn ra tháng 4" written in March); the
    nearest verb cue, except that a window wholly before the published day is held unless the
    verb plans it; a meeting being prepared for ("chuẩn bị cho", "ahead of") is planned; else
    the date against the published day. With no published day, a present-tense verb ("diễn ra")
    gives way to the sentence's other tense words; with none, held, but not said by the text.
    """
    if cues.cancelled:
        return Status.CANCELLED, True
    if cues.postponed:
        return Status.POSTPONED, True
    if own_tense is not None:
        return (Status.PLANNED if own_tense == "future" else Status.HELD), True
    if published is None:
        cue = cues.verb(lo, hi, neutral=False)
        if cue is not None:
            return cue, True
        if prep or cues.any_planned(lo, hi):
            return Status.PLANNED, True
        return Status.HELD, cues.any_past()
    cue = cues.verb(lo, hi)
    if window is not None:
        first, last = window
        if first > published:
            return Status.PLANNED, cue is not None
        if last < published and cue != Status.PLANNED:
            return Status.HELD, cue is not None
    if cue is not None:
        return cue, True
    if prep:
        return Status.PLANNED, True
    return Status.HELD, False


def window(point: Point, end: Point | None, mod: Mod | None) -> tuple[date, date] | None:
    """The days a date can fall on (an "early/mid/late" month or year: its third)."""
    if not point.year_known:
        return None
    first, last = point.first_day, (end or point).last_day
    if mod is not None and end is None and point.precision is not Precision.DAY:
        span = (last - first).days + 1
        third = span // 3
        if mod is Mod.EARLY:
            last = first + timedelta(days=third)
        elif mod is Mod.MID:
            first, last = first + timedelta(days=third), first + timedelta(days=2 * third)
        else:
            first = last - timedelta(days=third)
    return first, last
