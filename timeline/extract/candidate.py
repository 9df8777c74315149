"""What the extractor proposes: typed values (:class:`When`, the model's :class:`Status`) and the
:class:`Candidate` event, with its JSON shape (``as_dict``).

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

from timeline.model import Status

__all__ = ["Candidate", "Options", "Status", "When"]


@dataclass(frozen=True)
class When:
    """A candidate's dates as EDTF strings exactly as precise as the text (``XXXX``: year unknown)."""

    start: str
    end: str | None = None
    mod: str | None = None

    @property
    def year_known(self) -> bool:
        return not self.start.startswith("XXXX")


@dataclass(frozen=True)
class Options:
    lang: str = "vi"
    published: date | None = None


@dataclass
class Candidate:
    """One proposed event. ``start``/``end`` are EDTF as precise as the text (XXXX: year unknown)."""

    series: str
    ordinal: int | None
    title: str
    start: str
    end: str | None
    city: str | None
    country: str | None
    status: str
    evidence: str
    span: tuple[int, int]
    confidence: float
    mod: str | None = None
    place: str | None = None  # key in places.yaml, when the venue is a known city
    countries: tuple[str, ...] = ()  # counterparts of a bilateral meeting
    year_known: bool = True
    known_series: bool = True
    proposed: dict[str, object] | None = None  # the series.yaml entry proposed for an unknown series
    part_of: dict[str, object] | None = None  # a bilateral meeting's main meeting

    @property
    def when(self) -> When:
        return When(self.start, self.end, self.mod)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "series": self.series,
            "known_series": self.known_series,
            "ordinal": self.ordinal,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "year_known": self.year_known,
            "mod": self.mod,
            "city": self.city,
            "country": self.country,
            "place": self.place,
            "status": self.status,
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


@dataclass
class Proposal:
    """A meeting the series gazetteer lacks, as the text names it."""

    slug: str
    names: dict[str, str] = field(default_factory=dict)
    short: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"names": dict(self.names), "short": dict(self.short), "parent": None, "relation": None}
