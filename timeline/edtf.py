"""The subset of EDTF (ISO 8601-2) that the timeline stores, with its precision kept.

Supported: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, each optionally qualified ``?`` (uncertain),
``~`` (approximate) or ``%`` (both), and closed intervals ``A/B`` of those. A month is never
turned into its first day: precision travels with the value.
"""

from __future__ import annotations

import calendar
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Generic, TypeVar, overload

from dateutil.relativedelta import relativedelta

T = TypeVar("T")


class derived(Generic[T]):
    """:func:`functools.cached_property` without its lock: Python 3.11 takes one on the first read
    of each value on each object, which costs more than these small values themselves (a build
    reads tens of thousands of them). The value is worked out, then kept in the object's
    ``__dict__``, where every later read finds it first; two threads racing at worst work out the
    same value twice (the objects are frozen)."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> derived[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> T | derived[T]:
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


class Precision(enum.IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


class Mod(enum.StrEnum):
    """What the text says about the part of the period ("cuối năm 2024" = late 2024)."""

    EARLY = "early"
    MID = "mid"
    LATE = "late"


MIN_YEAR, MAX_YEAR = 1, 9998
# A year a text does not state (the extractor's candidates only, never stored): EDTF's ``XXXX``.
UNKNOWN_YEAR = 0  # 9999 would put the exclusive end of its last day past date.max
_CHARS = re.compile(r"[0-9?~%./-]+")
_POINT = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[?~%])?")


class EDTFError(ValueError):
    """A value that is not in the supported EDTF subset, with a hint on how to write it."""


@dataclass(frozen=True, order=True)
class Point:
    """A date at its precision. Derived values are worked out once per value (a large timeline asks
    for an event's window a hundred times per build); frozen, so they never go stale."""

    year: int
    month: int | None = None
    day: int | None = None
    uncertain: bool = False
    approximate: bool = False

    @derived
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @derived
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @derived
    def last_day(self) -> date:
        """The last day the point can mean (inclusive)."""
        if self.precision is Precision.DAY:
            return self.first_day
        if self.month is not None:  # (calendar, not relativedelta: this runs for every event of every build)
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    @property
    def year_known(self) -> bool:
        return self.year != UNKNOWN_YEAR

    def __str__(self) -> str:
        text = f"{self.year:04d}" if self.year != UNKNOWN_YEAR else "XXXX"  # unspecified digits
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.uncertain and self.approximate:
            text += "%"
        elif self.uncertain:
            text += "?"
        elif self.approximate:
            text += "~"
        return text


@dataclass(frozen=True)
class When:
    """When an event takes place: a point or a closed interval, plus an optional mod."""

    start: Point
    end: Point | None = None
    mod: Mod | None = None

    @derived
    def precision(self) -> Precision:
        """The coarsest precision of the two ends."""
        if self.end is None:
            return self.start.precision
        return min(self.start.precision, self.end.precision)

    @derived
    def first_day(self) -> date:
        return self.start.first_day

    @derived
    def last_day(self) -> date:
        """Inclusive last day of the window the event can fall in."""
        return (self.end or self.start).last_day

    @derived
    def end_exclusive(self) -> date:
        """The day after :attr:`last_day`: iCalendar's DTEND for all-day events."""
        return self.last_day + timedelta(days=1)

    @derived
    def window(self) -> tuple[date, date]:
        """The days the event can fall on (first, last, inclusive), narrowed by ``mod``.

        early / mid / late are thirds: of a year, January–April, May–August and
        September–December; of a month, days 1–10, 11–20 and 21 to the end; of an interval,
        the thirds of its months (of its days when it spans under three months). A mod on a single day changes nothing.
        """
        first, last = self.first_day, self.last_day
        if self.mod is None or self.precision is Precision.DAY:
            return first, last
        third = {Mod.EARLY: 0, Mod.MID: 1, Mod.LATE: 2}[self.mod]
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        if months >= 3:  # noqa: PLR2004 - thirds of whole months
            size = months // 3
            start = first + relativedelta(months=third * size)
            end = last if third == 2 else start + relativedelta(months=size) - timedelta(days=1)  # noqa: PLR2004
            return start, end
        size = 10 if months == 1 else ((last - first).days + 1) // 3
        start = first + timedelta(days=third * size)
        end = last if third == 2 else start + timedelta(days=size - 1)  # noqa: PLR2004
        return start, end

    @derived
    def window_days(self) -> int:
        """How many days :attr:`window` spans."""
        first, last = self.window
        return (last - first).days + 1

    @derived
    def window_end(self) -> date:
        """The day after the window: the exclusive end of an all-day calendar block."""
        return self.window[1] + timedelta(days=1)

    @derived
    def uncertain(self) -> bool:
        return self.start.uncertain or bool(self.end and self.end.uncertain)

    @derived
    def approximate(self) -> bool:
        return self.start.approximate or bool(self.end and self.end.approximate)

    @derived
    def exact(self) -> bool:
        """True when the days are known: day precision, not approximate, not uncertain."""
        return self.precision is Precision.DAY and not self.uncertain and not self.approximate

    @derived
    def edtf(self) -> str:
        return str(self.start) if self.end is None else f"{self.start}/{self.end}"

    def __str__(self) -> str:
        return self.edtf


def parse_point(text: str) -> Point:
    match = _POINT.fullmatch(text)
    if match is None:
        raise EDTFError(
            f"{text!r} is not a date in the supported EDTF subset; write YYYY-MM-DD, YYYY-MM or YYYY, "
            "optionally followed by ? (uncertain) or ~ (approximate), or an interval A/B"
        )
    year = int(match["y"])
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise EDTFError(f"{text!r}: years {MIN_YEAR:04d} to {MAX_YEAR} are supported")
    if month is not None and not 1 <= month <= 12:  # noqa: PLR2004 - months of the year
        raise EDTFError(f"{text!r}: there is no month {month:02d}; months run from 01 to 12")
    if day is not None:
        assert month is not None
        days_in_month = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days_in_month:
            raise EDTFError(f"{text!r}: {year:04d}-{month:02d} has {days_in_month} days; there is no day {day:02d}")
    qualifier = match["q"]
    return Point(year, month, day, uncertain=qualifier in {"?", "%"}, approximate=qualifier in {"~", "%"})


def parse(text: str, mod: str | None = None) -> When:
    """Parse an EDTF value (and an optional early/mid/late ``mod``) into a :class:`When`."""
    text = text.strip()
    if not _CHARS.fullmatch(text):
        raise EDTFError(
            f"{text!r} is not a date in the supported EDTF subset; write YYYY-MM-DD, YYYY-MM or YYYY, "
            "optionally followed by ? (uncertain) or ~ (approximate), or an interval A/B"
        )
    modifier: Mod | None = None
    if mod is not None:
        try:
            modifier = Mod(mod)
        except ValueError:
            raise EDTFError(f"mod {mod!r} is not one of early, mid, late") from None
    if "/" not in text:
        return When(parse_point(text), None, modifier)
    left, _, right = text.partition("/")
    if not left or not right or right == ".." or left == "..":
        raise EDTFError(f"{text!r}: open intervals are not supported; give both ends, e.g. 2025-11-19/2025-11-22")
    start, end = parse_point(left), parse_point(right)
    if end.last_day < start.first_day:
        raise EDTFError(f"{text!r}: the end {end} is before the start {start}; swap them")
    if start == end:
        raise EDTFError(f"{text!r}: both ends are the same; write {start} alone")
    return When(start, end, modifier)
