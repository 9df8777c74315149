"""What events are marked with as time passes: date TBC, day not reported, no report since."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from timeline import edtf, text
from timeline.model import Status
from timeline.normalise import normalise

BEFORE, AFTER = date(2025, 10, 15), date(2026, 1, 2)  # November 2025 is ahead, then over


def test_markers_follow_the_build_moment(data_copy: Path) -> None:
    admm = next(e for e in normalise(data_copy).events if e.id == "2025-11-admm-plus-12")  # planned, November 2025
    assert text.summary(admm, "en", BEFORE) == "12th ADMM-Plus (date TBC)"
    assert text.standing(admm, "en", BEFORE) == "planned"
    # Its window passed and its only source is of 1 October 2025.
    assert text.summary(admm, "en", AFTER) == "12th ADMM-Plus (no report since 1 October 2025)"
    assert text.standing(admm, "en", AFTER) == "planned for November 2025; no report since 1 October 2025"
    assert text.standing(admm, "vi", AFTER) == "dự kiến vào tháng 11/2025; không có tin mới kể từ ngày 1/10/2025"
    assert ("Status", "planned for November 2025; no report since 1 October 2025") in text.details(
        admm, "en", {}, AFTER
    )
    assert text.headline(admm, "en", AFTER) == (
        "12th ADMM-Plus — November 2025 (no report since 1 October 2025), Kuala Lumpur, Malaysia"
    )
    held = replace(admm, status=Status.HELD)
    assert text.summary(held, "en", BEFORE) == "12th ADMM-Plus (date TBC)"
    assert text.summary(held, "en", AFTER) == "12th ADMM-Plus (day not reported)"
    assert text.summary(held, "vi", AFTER) == "ADMM+ lần thứ 12 (không rõ ngày)"
    exact = replace(held, when=edtf.parse("2025-11-01"))
    assert text.summary(exact, "en", AFTER) == "12th ADMM-Plus"
    # A source newer than the window: the news did not stop, so no "no report since".
    newer = replace(admm.sources[0], source=replace(admm.sources[0].source, published=edtf.parse("2025-12-03")))
    reported = replace(admm, sources=(newer,))
    assert text.summary(reported, "en", AFTER) == "12th ADMM-Plus (day not reported)"
    assert text.standing(reported, "en", AFTER) == "planned"
    # Without a build moment nothing time-dependent is said.
    assert text.summary(admm, "en") == "12th ADMM-Plus (date TBC)"
