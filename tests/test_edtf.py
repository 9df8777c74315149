"""Date normalisation: precision is kept, impossible dates are refused with a reason."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline import edtf
from timeline.edtf import Mod, Precision
from timeline.text import describe

years = st.integers(min_value=edtf.MIN_YEAR, max_value=edtf.MAX_YEAR)
months = st.integers(min_value=1, max_value=12)
qualifiers = st.sampled_from(["", "?", "~", "%"])


@st.composite
def points(draw: st.DrawFn) -> str:
    year = draw(years)
    precision = draw(st.sampled_from(list(Precision)))
    text = f"{year:04d}"
    if precision >= Precision.MONTH:
        month = draw(months)
        text += f"-{month:02d}"
        if precision is Precision.DAY:
            text += f"-{draw(st.integers(1, calendar.monthrange(year, month)[1])):02d}"
    return text + draw(qualifiers)


@given(points())
def test_every_valid_point_round_trips(text: str) -> None:
    when = edtf.parse(text)
    assert when.edtf == text
    assert edtf.parse(when.edtf) == when


@given(points())
def test_window_matches_precision(text: str) -> None:
    when = edtf.parse(text)
    first, last = when.first_day, when.last_day
    assert first <= last
    assert when.end_exclusive == last + timedelta(days=1)
    if when.precision is Precision.DAY:
        assert first == last
    elif when.precision is Precision.MONTH:
        assert (first.day, last.month, last.year) == (1, first.month, first.year)
        assert (last + timedelta(days=1)).day == 1
    else:
        assert (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)


@given(years, months)
def test_month_never_becomes_a_day(year: int, month: int) -> None:
    when = edtf.parse(f"{year:04d}-{month:02d}")
    assert when.precision is Precision.MONTH
    assert not when.exact
    assert when.start.day is None
    # The human text names the month, never a day of it.
    assert describe(when, "en").split()[0].isalpha()
    assert describe(when, "vi").startswith("tháng ")


@given(years, months, st.integers(29, 31))
def test_impossible_days_are_refused(year: int, month: int, day: int) -> None:
    valid = day <= calendar.monthrange(year, month)[1]
    text = f"{year:04d}-{month:02d}-{day:02d}"
    if valid:
        assert edtf.parse(text).first_day == date(year, month, day)
    else:
        with pytest.raises(edtf.EDTFError, match=f"there is no day {day}"):
            edtf.parse(text)


@given(points(), points())
def test_intervals_are_ordered(a: str, b: str) -> None:
    start, end = edtf.parse(a).start, edtf.parse(b).start
    if end.last_day < start.first_day:
        with pytest.raises(edtf.EDTFError, match="before the start"):
            edtf.parse(f"{a}/{b}")
    elif start != end:
        when = edtf.parse(f"{a}/{b}")
        assert when.first_day == start.first_day
        assert when.last_day == end.last_day
        assert when.precision == min(start.precision, end.precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "2025-02 has 28 days"),
        ("2024-02-30", "2024-02 has 29 days"),
        ("2025-13", "no month 13"),
        ("2025-00-10", "no month 00"),
        ("0000", "years 0001 to 9998"),
        ("9999-12-31", "years 0001 to 9998"),
        ("25/9/2025", "not a date in the supported EDTF subset"),
        ("November 2025", "not a date"),
        ("2025-11-22/2025-11-19", "before the start"),
        ("2025-11/..", "open intervals"),
        ("2025-11/2025-11", "same"),
        ("", "not a date"),
    ],
)
def test_bad_values_say_why(text: str, message: str) -> None:
    with pytest.raises(edtf.EDTFError, match=message):
        edtf.parse(text)


def test_qualifiers_and_mod() -> None:
    assert edtf.parse("2025-11?").uncertain
    assert edtf.parse("2025-11~").approximate
    both = edtf.parse("2025-11%")
    assert both.uncertain
    assert both.approximate
    late = edtf.parse("2024", "late")
    assert late.mod is Mod.LATE
    assert late.precision is Precision.YEAR
    with pytest.raises(edtf.EDTFError, match="early, mid, late"):
        edtf.parse("2024", "end")


@pytest.mark.parametrize(
    ("text", "mod", "en", "vi"),
    [
        ("2024-03-05", None, "5 March 2024", "ngày 5/3/2024"),
        ("2025-11", None, "November 2025", "tháng 11/2025"),
        ("2024", "late", "late 2024", "cuối năm 2024"),
        ("2025-07", "late", "late July 2025", "cuối tháng 7/2025"),
        ("2025-11-19/2025-11-22", None, "19–22 November 2025", "ngày 19–22/11/2025"),
        ("2025-10-30/2025-11-02", None, "30 October–2 November 2025", "ngày 30/10–2/11/2025"),
        ("2025-11~", None, "about November 2025", "khoảng tháng 11/2025"),
        ("2025-09?", None, "September 2025 (uncertain)", "tháng 9/2025 (chưa chắc chắn)"),
    ],
)
def test_describe_is_as_precise_as_the_value(text: str, mod: str | None, en: str, vi: str) -> None:
    when = edtf.parse(text, mod)
    assert describe(when, "en") == en
    assert describe(when, "vi") == vi


@pytest.mark.parametrize(
    ("text", "mod", "first", "last"),
    [
        ("2024", "early", date(2024, 1, 1), date(2024, 4, 30)),
        ("2024", "mid", date(2024, 5, 1), date(2024, 8, 31)),
        ("2024", "late", date(2024, 9, 1), date(2024, 12, 31)),
        ("2025-07", "early", date(2025, 7, 1), date(2025, 7, 10)),
        ("2025-07", "mid", date(2025, 7, 11), date(2025, 7, 20)),
        ("2025-07", "late", date(2025, 7, 21), date(2025, 7, 31)),
        ("2025-02", "late", date(2025, 2, 21), date(2025, 2, 28)),
        ("2025-03/2025-08", "mid", date(2025, 5, 1), date(2025, 6, 30)),
        ("2025-11", None, date(2025, 11, 1), date(2025, 11, 30)),
        ("2025-11-05", "late", date(2025, 11, 5), date(2025, 11, 5)),
    ],
)
def test_early_mid_late_are_thirds(text: str, mod: str | None, first: date, last: date) -> None:
    when = edtf.parse(text, mod)
    assert when.window == (first, last)
    assert when.window_days == (last - first).days + 1
    assert when.window_end == last + timedelta(days=1)
