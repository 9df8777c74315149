"""Stage: where a meeting is held — the venue nearest its name and date in the sentence — and the
article's datelines ("KUALA LUMPUR, Nov 1 (Bernama) —"), whose city is never a venue and whose
date is the publication day, never a meeting's.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from timeline.extract import weights as W
from timeline.extract.gazetteer import Gazetteer, Hit
from timeline.extract.rules import Rules

Venue = tuple[str | None, str | None, str | None]  # (city, country code, place key)
NOWHERE: Venue = (None, None, None)


@dataclass(frozen=True)
class Dateline:
    city: tuple[int, int]  # offsets in the article
    date: tuple[int, int] | None
    date_text: str | None


def datelines(text: str, rules: Rules) -> list[Dateline]:
    """The datelines in the first paragraphs."""
    out = []
    head = text[: W.DATELINE_HEAD]
    for match in rules.re("dateline").finditer(head):
        city = match.group("city")
        if city and len(city.split()) <= 4:  # noqa: PLR2004 - "PULAU PINANG", "Kuala Lumpur"
            date = match.span("date") if match.group("date") else None
            out.append(Dateline(match.span("city"), date, match.group("date")))
    return out


def venue_before(rules: Rules, text: str, start: int) -> bool:
    return bool(
        rules.re("venue_before").search(text[max(0, start - W.VENUE_WORD_BEFORE) : start])
        or rules.re("building_before").search(text[max(0, start - W.BUILDING_BEFORE) : start])
    )


class Places:
    """The venue-like hits of one sentence, for lookups by distance."""

    def __init__(
        self, gaz: Gazetteer, rules: Rules, text: str, hits: list[Hit], masked: tuple[tuple[int, int], ...]
    ) -> None:
        self.gaz, self.rules, self.text = gaz, rules, text
        self.hits = [h for h in hits if h.kind in {"place", "country"} and not any(a <= h.start < b for a, b in masked)]
        self.starts = [h.start for h in self.hits]
        self._sentence: Venue | None = None

    def nearest(self, lo: int, hi: int, after: int | None = None) -> Venue:
        """(city, country code, place key) of the venue nearest to [lo, hi) (``after``: only one that
        starts there or later)."""
        text, rules, reach = self.text, self.rules, W.VENUE_REACH
        i, j = bisect_left(self.starts, lo - reach - W.VENUE_SLACK), bisect_left(self.starts, hi + reach + 1)
        near = self.hits[i:j]
        best: tuple[int, str | None, str | None, str | None] | None = None
        for hit in near:
            if (after is not None and hit.start < after) or not venue_before(rules, text, hit.start):
                continue
            distance = 0 if hit.start < hi and lo < hit.end else min(abs(hit.start - hi), abs(lo - hit.end))
            option: tuple[int, str | None, str | None, str | None]
            if hit.kind == "place":
                place = self.gaz.places[hit.key]
                option = (distance, place.name.get("en"), place.country.code, place.key)
            else:
                option = (distance, None, hit.key, None)
            if best is None or option[0] < best[0]:
                best = option
        # "in Jakarta, Indonesia" / "tại Phnom Penh (Campuchia)": a city the gazetteer lacks, named with its country
        for hit in near:
            if hit.kind != "country" or (after is not None and hit.start < after):
                continue
            window_start = max(0, hit.start - W.CITY_COUNTRY_BEFORE)
            match = rules.re("city_country").search(text[window_start : hit.start])
            if not match or self.gaz.find(match.group("city")):
                continue
            city_start = window_start + match.start("city")
            distance = 0 if city_start < hi and lo < hit.start else min(abs(city_start - hi), abs(lo - hit.start))
            if best is None or distance <= best[0]:
                best = (distance, match.group("city"), hit.key, None)
        if best is None or best[0] > reach:
            return NOWHERE
        return best[1], best[2], best[3]

    def sentence(self) -> Venue:
        """The one venue of a long sentence ("... was presided over by the Minister ... at Shangri-La
        Hotel, Pulau Pinang"), however far from the meeting's name; none when it names several, or
        meets online."""
        if self._sentence is None:
            self._sentence = self._one_venue()
        return self._sentence

    def _one_venue(self) -> Venue:
        if self.rules.re("online").search(self.text):
            return NOWHERE
        venues: set[Venue] = set()
        for hit in self.hits:
            if not venue_before(self.rules, self.text, hit.start):
                continue
            if hit.kind == "place":
                place = self.gaz.places[hit.key]
                venues.add((place.name.get("en"), place.country.code, place.key))
            else:
                venues.add((None, hit.key, None))
        cities = {v for v in venues if v[0] is not None}
        if len(cities) == 1 and all(v[1] == next(iter(cities))[1] for v in venues):
            return next(iter(cities))
        return next(iter(venues)) if len(venues) == 1 else NOWHERE
