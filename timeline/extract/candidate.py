"""What the extractor proposes: the :class:`Candidate` event with typed values (its dates are
:class:`~timeline.edtf.Point` values as precise as the text, its status the model's
:class:`Status`), and its JSON shape (``as_dict``, read back by ``from_dict``): strings only there.

The JSON of a candidate, for the tools built on `timeline extract` (``--write``, review, Dask):

``series``            the series key; for a meeting ``series.yaml`` does not know, a proposed slug
``known_series``      true when ``series`` is a key of ``series.yaml``
``proposed_series``   (unknown series only) ``{"names": {lang: name as written}, "short": {lang: acronym},
                      "parent": key or null, "relation": ... or null}``: the entry to add, for review
``ordinal``, ``title``, ``start``, ``end`` (EDTF, as precise as the text; ``XXXX``: year unknown),
``year_known``, ``mod``, ``city``, ``country``, ``place``, ``status``, ``evidence``, ``span``,
``confidence``, ``countries`` (the counterparts of a bilateral meeting), and ``part_of``
(a bilateral meeting's main meeting: ``{"series", "ordinal", "start"}`` of that candidate).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from timeline import edtf
from timeline.edtf import UNKNOWN_YEAR, Mod, Point
from timeline.model import Status

__all__ = ["Candidate", "Options", "Status", "order_key", "parse_point"]


def parse_point(text: str) -> Point:
    """An EDTF point as a candidate's JSON writes it, ``XXXX`` for a year the text did not state."""
    if text.startswith("XXXX"):
        known = edtf.parse_point("2000" + text[4:])  # a leap year admits XXXX-02-29
        return Point(UNKNOWN_YEAR, known.month, known.day)
    return edtf.parse_point(text)


def order_key(point: Point) -> tuple[bool, int, int, int]:
    """The order of EDTF text ("2025" < "2025-11" < "2025-11-05" < "XXXX-…"), without the text."""
    return (not point.year_known, point.year, point.month or 0, point.day or 0)


@dataclass(frozen=True)
class Options:
    """How one article is read: its language (a code of lang/*.yaml, never assumed: the caller
    passes it, or detects it with `--lang auto`) and the day it was published."""

    lang: str
    published: date | None = None


@dataclass
class Candidate:
    """One proposed event: ``start``/``end`` as precise as the text (year ``UNKNOWN_YEAR``: not stated)."""

    series: str
    ordinal: int | None
    title: str
    start: Point
    end: Point | None
    city: str | None
    country: str | None
    status: Status
    evidence: str
    span: tuple[int, int]
    confidence: float
    mod: Mod | None = None
    place: str | None = None  # key in places.yaml, when the venue is a known city
    countries: tuple[str, ...] = ()  # counterparts of a bilateral meeting
    known_series: bool = True
    proposed: dict[str, object] | None = None  # the series.yaml entry proposed for an unknown series
    part_of: dict[str, object] | None = None  # a bilateral meeting's main meeting

    @property
    def year_known(self) -> bool:
        return self.start.year_known

    @property
    def when(self) -> edtf.When:
        return edtf.When(self.start, self.end, self.mod)

    @property
    def edtf(self) -> str:
        """The dates as EDTF text (``A`` or ``A/B``; XXXX: year unknown), for messages and files."""
        return self.when.edtf

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "series": self.series,
            "known_series": self.known_series,
            "ordinal": self.ordinal,
            "title": self.title,
            "start": str(self.start),
            "end": str(self.end) if self.end is not None else None,
            "year_known": self.year_known,
            "mod": self.mod.value if self.mod is not None else None,
            "city": self.city,
            "country": self.country,
            "place": self.place,
            "status": self.status.value,
            "evidence": self.evidence,
            "span": list(self.span),
            "confidence": self.confidence,
        }
        if self.countries:
            out["countries"] = list(self.countries)
        if self.part_of is not None:
            out["part_of"] = self.part_of
        if not self.known_series:
            out["proposed_series"] = self.proposed or {}
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Candidate:
        """A candidate from its ``as_dict`` JSON (ValueError, TypeError or EDTFError when it is not one)."""
        end = raw.get("end")
        mod = raw.get("mod")
        return cls(
            series=str(raw["series"]),
            ordinal=raw.get("ordinal"),
            title=str(raw["title"]),
            start=parse_point(str(raw["start"])),
            end=parse_point(str(end)) if end is not None else None,
            city=raw.get("city"),
            country=raw.get("country"),
            status=Status(raw["status"]),
            evidence=str(raw["evidence"]),
            span=(int(raw["span"][0]), int(raw["span"][1])),
            confidence=float(raw["confidence"]),
            mod=Mod(mod) if mod is not None else None,
            place=raw.get("place"),
            countries=tuple(str(c) for c in raw.get("countries") or ()),
            known_series=bool(raw.get("known_series", True)),
            proposed=raw.get("proposed"),  # as_dict writes "proposed_series", which the inbox never read back
            part_of=raw.get("part_of"),
        )


@dataclass
class Proposal:
    """A meeting the series gazetteer lacks, as the text names it."""

    slug: str
    names: dict[str, str] = field(default_factory=dict)
    short: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"names": dict(self.names), "short": dict(self.short), "parent": None, "relation": None}
