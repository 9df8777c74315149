"""What a date rule finds (:class:`Mention`) and what it resolves to (:class:`Resolved`)."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.edtf import Mod, Point


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
    relative: str | None = None  # today, yesterday, tomorrow, next_day, same_day, recent, weekday:0..6, year:-1|0|1
    tense: str | None = None  # "future" for "tháng 12 tới", "next ..."; "past" for "vừa qua", "last ..."
    bare: bool = False  # a numeric d/m without "ngày": lower confidence
    told: str | None = None  # the relative day an explicit date in brackets gives ("chiều qua (22/11)": yesterday)

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
    return str(point) if point is not None else ""  # an unknown year is XXXX (EDTF unspecified digits)
