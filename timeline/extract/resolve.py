"""Date mentions → EDTF points: a missing year from the published day and the tense, or from the year
the article states, else unknown (``XXXX``) — never a guess presented as known. Relative phrases
("yesterday", "on Wednesday", "next week", "cuối năm nay") count from the published day.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from timeline.edtf import Point
from timeline.extract import weights as W
from timeline.extract.when import Mention, Resolved

_RESOLVED: dict[tuple[object, ...], Resolved | None] = {}  # resolved values are frozen: shared
_RESOLVED_MAX = 4096


def resolve(
    m: Mention, published: date | None, context_year: int | None, tense: str | None, anchor: date | None
) -> Resolved | None:
    """EDTF points for ``m``; None when the phrase cannot be placed at all.

    A missing year comes from ``published`` and the tense (a past event after the published
    day belongs to the year before; a future one before it, to the year after), else from
    ``context_year`` (a year the article states), else stays unknown (year 0, shown XXXX).
    The answer depends on the mention's numbers and words, never on where it stands: a list
    that repeats a date resolves it once.
    """
    key: tuple[object, ...] = (m.year, m.month, m.day, m.end_year, m.end_month, m.end_day, m.mod, m.relative)
    key += (m.tense, published, context_year, tense, anchor)
    if key in _RESOLVED:
        return _RESOLVED[key]
    if len(_RESOLVED) >= _RESOLVED_MAX:
        _RESOLVED.clear()
    found = _RESOLVED[key] = _resolve(m, published, context_year, tense, anchor)
    return found


def _resolve(
    m: Mention, published: date | None, context_year: int | None, tense: str | None, anchor: date | None
) -> Resolved | None:
    tense = m.tense or tense
    if m.relative is not None and m.relative.startswith("year:"):
        offset = int(m.relative.split(":")[1])
        if published is not None:
            return Resolved(Point(published.year + offset), None, m.mod, "relative", text_year=False)
        if context_year is not None and offset == 0:  # "cuối năm nay" in an article that states its year
            return Resolved(Point(context_year), None, m.mod, "article", text_year=False)
        return None
    if m.relative is not None and m.relative.startswith("week:"):
        return _week(int(m.relative.split(":")[1]), published)
    if m.relative is not None and m.relative.startswith("month:"):
        if published is None:
            return None
        months = published.year * 12 + published.month - 1 + int(m.relative.split(":")[1])
        return Resolved(Point(months // 12, months % 12 + 1), None, m.mod, "relative", text_year=False)
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
    if tense == "past" and first > published + timedelta(days=W.TENSE_SLACK_DAYS):
        return year - 1
    if tense == "future" and last < published - timedelta(days=W.TENSE_SLACK_DAYS):
        return year + 1
    if tense is None:
        if first > published + timedelta(days=W.NEAREST_YEAR_DAYS):
            return year - 1
        if last < published - timedelta(days=W.NEAREST_YEAR_DAYS):
            return year + 1
    return year


def _relative(m: Mention, published: date | None, tense: str | None, anchor: date | None) -> Resolved | None:
    rel = m.relative or ""
    if rel in {"next_day", "same_day"}:  # "the next day", "chiều cùng ngày": from the day last named
        if anchor is None:
            return None
        day = anchor + timedelta(days=1 if rel == "next_day" else 0)
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


def yearless(m: Mention, month: int, day: int) -> Resolved | None:
    """A relative day against a dateline that gives a day but no year ("BANDAR SERI BEGAWAN, May 7
    (Xinhua) -- ... is held here Tuesday"): "today" and a weekday are the dateline's day (its
    weekday cannot be checked without the year: a wire report's weekday is taken as its own day),
    "yesterday" and "tomorrow" the day before and after (when no leap day makes that doubtful);
    the year stays unknown; "the next day" and "the same day" count from ``month``/``day`` when that is
    the day last named. None for any other phrase."""
    rel = m.relative or ""
    if rel not in {"today", "yesterday", "tomorrow", "next_day", "same_day"} and not rel.startswith("weekday:"):
        return None
    shift = timedelta(days={"yesterday": -1, "tomorrow": 1, "next_day": 1}.get(rel, 0))
    try:
        days = {((d := date(y, month, day) + shift).month, d.day) for y in W.YEARLESS_PROBES}
    except ValueError:  # 29 February
        return None
    if len(days) != 1:
        return None
    (got_month, got_day) = days.pop()
    return Resolved(Point(0, got_month, got_day), None, None, "relative", text_year=False)


def today_of(told: str, month: int, day: int) -> tuple[int, int] | None:
    """The (month, day) of the article's own day, when it says "yesterday (22/11)" or "today (16/3)" and
    gives no year: the day before or after that date (None when a leap day makes that doubtful)."""
    shift = timedelta(days={"yesterday": 1, "tomorrow": -1, "today": 0}.get(told, 0))
    try:
        days = {((d := date(y, month, day) + shift).month, d.day) for y in W.YEARLESS_PROBES}
    except ValueError:  # 29 February
        return None
    return days.pop() if len(days) == 1 else None


def _week(offset: int, published: date | None) -> Resolved | None:
    """The week of the published day (Monday to Sunday), shifted by ``offset`` weeks, as precise as a
    week can be in EDTF here: its month, or the two months it straddles."""
    if published is None:
        return None
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
    sunday = monday + timedelta(days=6)
    start = Point(monday.year, monday.month)
    end = None if (monday.year, monday.month) == (sunday.year, sunday.month) else Point(sunday.year, sunday.month)
    return Resolved(start, end, None, "relative", text_year=False)
