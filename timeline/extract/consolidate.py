"""Stage: the candidates of one article as a whole — ordinals spread to the current event named
without one, end dates and extensions applied, and mentions of the same event merged.

Candidates are merged within buckets of (series, counterparts, year), so that consolidating is
linear in the number of candidates for any text whose events are few.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from timeline.edtf import Point, Precision
from timeline.extract.candidate import Candidate, order_key


def spread_ordinals(
    candidates: list[Candidate],
    ordinals: dict[str, set[int]],
    published: date | None,
    title: Callable[[str, int | None, tuple[str, ...]], str],
) -> None:
    """ "Speaking at the 12th edition of the ADMM-Plus": one ordinal per series in the article applies to
    its current (published-year) event that was named without it."""
    if published is None:
        return
    for i, c in enumerate(candidates):
        known = ordinals.get(c.series, set())
        if c.ordinal is None and len(known) == 1 and c.start.year == published.year:
            ordinal = next(iter(known))
            candidates[i] = replace(
                c, ordinal=ordinal, title=title(c.series, ordinal, ()) if c.known_series else c.title
            )


def _before(a: Point, b: Point) -> bool:
    """``a`` is not after ``b`` at the precision both give (year; year and month; the day)."""
    if a is b or a == b:
        return True  # one article names one date many times
    n = 1 + min(a.precision, b.precision)
    return order_key(a)[:n] <= order_key(b)[:n]


def _overlap(a: Candidate, b: Candidate) -> bool:
    (a1, a2), (b1, b2) = (a.start, a.end or a.start), (b.start, b.end or b.start)
    return _before(a1, b2) and _before(b1, a2)


def same_event(a: Candidate, b: Candidate) -> bool:
    """Two mentions in one article of the same event: the same series and dates that agree, and
    something that ties them (the same date, the same ordinal or the same counterpart)."""
    if a.series != b.series or a.countries != b.countries or not _overlap(a, b):
        return False
    if a.ordinal is not None and b.ordinal is not None and a.ordinal != b.ordinal:
        return False
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    return (
        (a.start, a.end) == (b.start, b.end)
        or _open_ended(a, b)
        or (a.ordinal is not None and a.ordinal == b.ordinal)
        or bool(a.countries)
        or _this_year(a, b)
        or _this_year(b, a)
        or _a_day_of(a, b)
        or _a_day_of(b, a)
    )


def _a_day_of(day: Candidate, span: Candidate) -> bool:
    """ "Đối thoại Shangri-La lần thứ 12 diễn ra từ 30/5 - 2/6 ... phát biểu tại phiên khai mạc Đối thoại
    Shangri-La vào tối 31/5": a day after the start of a dated span of its series, with no number or
    venue of its own to set it apart, is a day of that event."""
    return (
        span.end is not None
        and day.end is None
        and day.start.precision is Precision.DAY
        and span.start.precision is Precision.DAY
        and order_key(span.start) < order_key(day.start) <= order_key(span.end)
        and day.ordinal is None
        and day.city is None
        and not day.countries
    )


def _open_ended(a: Candidate, b: Candidate) -> bool:
    """ "ngày 16/10 ... khai mạc", "diễn ra từ ngày 16-20/10": the same start day, once with its end and once without."""
    return a.start == b.start and a.start.precision is Precision.DAY and (a.end is None) != (b.end is None)


def _this_year(vague: Candidate, precise: Candidate) -> bool:
    """ "the forum, which reached its 10th anniversary this year": a mention dated only to the year of
    a dated event of its series, with no ordinal or venue of its own to set it apart, is that event."""
    return (
        vague.start.precision is Precision.YEAR
        and precise.start.precision > Precision.YEAR
        and (vague.ordinal is None or precise.ordinal is None)
        and vague.city is None
        and vague.country is None
        and not vague.countries
    )


def edition_years(candidates: list[Candidate]) -> list[Candidate]:
    """ "ACDFIM-7 will be held in Hanoi on March 24-27 ... ACDFIM-7 is among 13 meetings held in 2010": a
    day whose year the text does not give, of a numbered meeting the article dates elsewhere to one
    year (the same series and number), is of that year: one edition is held in one year."""
    years: dict[tuple[str, int], set[int]] = {}
    for c in candidates:
        if c.ordinal is not None and c.start.year_known and not c.countries:
            years.setdefault((c.series, c.ordinal), set()).add(c.start.year)
    out = []
    for c in candidates:
        known = years.get((c.series, c.ordinal)) if c.ordinal is not None and not c.start.year_known else None
        if known is not None and len(known) == 1:
            year = next(iter(known))
            end = c.end
            if end is not None and not end.year_known:
                end = replace(end, year=year + (1 if (end.month or 0) < (c.start.month or 0) else 0))
            out.append(replace(c, start=replace(c.start, year=year), end=end))
        else:
            out.append(c)
    return out


def exercise_years(candidates: list[Candidate], exercise_of: Callable[[str], str | None]) -> list[Candidate]:
    """ "the ADMM Plus EWG on Counter-terrorism 2023 will provide ... the exercise": a mention of a group
    dated only to the year of a dated exercise of its family (``exercise_of``), with no ordinal or venue
    of its own, is that exercise, not a meeting of the group."""
    dated = {(c.series, c.start.year) for c in candidates if c.start.precision > Precision.YEAR and c.start.year_known}
    out = []
    for c in candidates:
        drill = exercise_of(c.series) if c.start.precision is Precision.YEAR else None
        if (
            drill is not None
            and drill != c.series
            and c.ordinal is None
            and c.city is None
            and c.country is None
            and not c.countries
            and (drill, c.start.year) in dated
        ):
            continue
        out.append(c)
    return out


def part_years(candidates: list[Candidate], parent_of: Callable[[str], str | None]) -> list[Candidate]:
    """ "ADMM 2018 to focus on ... the ministers will meet in Singapore from Monday, Feb. 5 to attend the
    ADMM Retreat": a series dated only to a year, with no ordinal or venue of its own, in an article that
    dates one of its own meetings (a series whose ``parent`` it is: its retreat) within that year and
    none of the series itself, is that year's round of meetings, not another meeting (but "the ADMM and
    ADMM-Plus late this year" beside the retreat's days are meetings of their own)."""
    parts = {
        (parent, c.start.year)
        for c in candidates
        if c.start.precision > Precision.YEAR and c.start.year_known and (parent := parent_of(c.series)) is not None
    }
    own = {(c.series, c.start.year) for c in candidates if c.start.precision > Precision.YEAR}
    return [
        c
        for c in candidates
        if not (
            c.start.precision is Precision.YEAR
            and c.start.year_known
            and c.end is None
            and c.ordinal is None
            and c.city is None
            and c.country is None
            and not c.countries
            and c.mod is None  # (not "the ADMM late this year")
            and (c.series, c.start.year) in parts
            and (c.series, c.start.year) not in own
        )
    ]


def merge_same(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with each event's mentions merged into one; again until none merge (a merge can
    tie a third mention to the event: a day of the window that a later sentence gives)."""
    while True:
        merged = _merge_once(candidates)
        if len(merged) == len(candidates):
            return merged
        candidates = merged


def _merge_once(candidates: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    buckets: dict[tuple[str, tuple[str, ...], int], list[int]] = {}
    for c in sorted(candidates, key=lambda c: c.span):
        bucket = buckets.setdefault((c.series, c.countries, c.start.year), [])
        for i in bucket:
            kept = out[i]
            if same_event(kept, c):
                better, other = (c, kept) if c.start.precision > kept.start.precision else (kept, c)
                out[i] = replace(
                    better,
                    ordinal=better.ordinal or other.ordinal,
                    end=better.end or (other.end if other.start == better.start else None),
                    city=better.city or other.city,
                    country=better.country or other.country,
                    place=better.place or other.place,
                    title=better.title if better.ordinal or not other.ordinal else other.title,
                    confidence=max(better.confidence, other.confidence),
                    part_of=better.part_of or other.part_of,
                )
                break
        else:
            bucket.append(len(out))
            out.append(c)
    return sorted(out, key=lambda c: (c.span, c.series, order_key(c.start), c.countries))
