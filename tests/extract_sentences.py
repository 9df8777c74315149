"""Reading one sentence the way the extraction tests of each language compare it."""

from __future__ import annotations

from datetime import date

from timeline.extract import Gazetteer, extract

Row = tuple[str, str, str | None, str]


def sentence_events(gaz: Gazetteer, text: str, lang: str, published: date | None = None) -> list[Row]:
    """Each candidate of ``text`` as (series, start, end, status), its dates as EDTF text."""
    return [
        (c.series, str(c.start), (str(c.end) if c.end else None), c.status)
        for c in extract(text, gaz, lang=lang, published=published).candidates
    ]
