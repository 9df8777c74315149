"""The article's own year: where a date written without a year (read with no published day) may
take its year from, and only from clear evidence.

A year counts as the article's when the text states it as the year of the time it writes in: a
full date (day, month and year: "24/08/2022", "November 20, 2024") or a year naming the current
term or edition ("ASEAN Chair 2023", "Năm Chủ tịch ASEAN 2020", "Shangri-La Dialogue 2024", the
``year_named`` cue; "Malaysia's 2025 ASEAN Chairmanship", ``year_named_after``), or, failing those, a year the article names with two different months
("held in June 2021 ... planned for November 2021"). A single bare year or month and year
("hosted by Singapore in 2018", "at the AMIM-17 in September 2020", "vào năm 2015") dates its own
clause — often another, earlier meeting — and says nothing of the year of a day named elsewhere:
the day's year then stays unknown (``XXXX``) rather than a guess presented as known.
"""

from __future__ import annotations

import re

from timeline.extract import dates as D
from timeline.extract.rules import Rules

# a year on its own, or closing a numeric date: "tháng 6/2021", "5/3/2024", "7-6-2023"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?![\d])(?!\s*[-–]\s*(?:19|20)\d\d)")
_DATE_BEFORE = re.compile(r"(?:^|[^\d/.,-])(?:[0-3]?\d[/-])?[01]?\d[/-]$")
_FULL_DATE_REACH = 40  # characters before a year read for the day and month of its date


def article_years(text: str, rules: Rules) -> list[int]:
    """The years the article states as its own (module doc), the strongest evidence first: the
    years of full dates, then years naming a term or edition, then years named with two months or
    more, each by frequency (then the later).
    Never a "2024-2027" cycle, nor a year the language's cues set aside (``year_span_before``:
    "until 2027"; ``year_past``: "during their tele-summit in November 2021", unless
    ``year_named``: "ASEAN Chairmanship 2024"; ``year_document_*``: "the 1982 UNCLOS"; ``year_clock_after``:
    a page's clock, "Thứ Bảy, 14/03/2026, 06:41": the day the page was shown, not the article's)."""
    return read_years(text, rules)[0]


def read_years(text: str, rules: Rules) -> tuple[list[int], int | None]:
    """:func:`article_years` of ``text`` and, read in the same pass, the one year it names as its term
    or edition ("Malaysia's ASEAN Chairmanship 2025", "Năm Chủ tịch ASEAN 2020": the ``year_named`` cue),
    or None when it names none or several. ASEAN's chair year is the calendar year: a meeting the
    article places under that term and dates no other way is of that year (tests/gold/README.md,
    "How a year is read")."""
    dated: dict[int, int] = {}
    named_years: dict[int, int] = {}
    months: dict[int, set[int]] = {}
    terms: set[int] = set()
    for year, is_named, month in _years(text, rules):
        if month is True:
            dated[year] = dated.get(year, 0) + 1
        elif month:
            months.setdefault(year, set()).add(month)
        if month is not True and is_named:
            named_years[year] = named_years.get(year, 0) + 1
        if is_named:
            terms.add(year)
    out: list[int] = []
    several = {year: len(seen) for year, seen in months.items() if len(seen) > 1}
    for counts in (dated, named_years, several):
        for year, _ in sorted(counts.items(), key=lambda item: (-item[1], -item[0])):
            if year not in out:
                out.append(year)
    return out, (terms.pop() if len(terms) == 1 else None)


def _years(text: str, rules: Rules) -> list[tuple[int, bool, bool | int]]:
    """Each year the article may state as its own: (year, named as a term, what :func:`_closes_date` says)."""
    out: list[tuple[int, bool, bool | int]] = []
    span, past, named = rules.re("year_span_before"), rules.re("year_past"), rules.re("year_named")
    doc_before, doc_after = rules.re("year_document_before"), rules.re("year_document_after")
    clock, named_after = rules.re("year_clock_after"), rules.re("year_named_after")
    for match in _YEAR.finditer(text):
        if not _own_year(text, match.start()):
            continue
        if re.search(r"(?:19|20)\d\d\s*[-–]\s*$", text[max(0, match.start() - 8) : match.start()]):
            continue
        before = text[max(0, match.start() - 70) : match.start()]
        if (
            span.search(before[-16:])
            or doc_before.search(before)
            or doc_after.match(text[match.end() : match.end() + 80])
            or clock.match(text[match.end() : match.end() + 20])
        ):
            continue
        is_named = (
            named.search(before) is not None or named_after.match(text[match.end() : match.end() + 40]) is not None
        )
        if not is_named and past.search(text[max(0, match.start() - 140) : match.start()]):
            continue
        out.append((int(match.group(1)), is_named, _closes_date(text, match, rules.lang)))
    return out


def _closes_date(text: str, year: re.Match[str], lang: str) -> bool | int:
    """True: the year ends a date the language's grammar reads with its day and month ("ngày
    3/11/2021"); a month: a month and year ("tháng 6/2021"); False: a year alone."""
    lo = max(0, year.start() - _FULL_DATE_REACH)
    for m in D.find(text[lo : year.end()], lang=lang):
        if m.year is None or m.month is None or lo + m.end < year.end():
            continue
        return True if m.day is not None else m.month
    return False


def _own_year(text: str, at: int) -> bool:
    """The year at ``at`` stands on its own or closes a date ("tháng 6/2021", "5/3/2024"), not a number ("1.2024")."""
    if at == 0 or text[at - 1] not in "/.,-":
        return True
    return text[at - 1] in "/-" and _DATE_BEFORE.search(text[max(0, at - 8) : at]) is not None
