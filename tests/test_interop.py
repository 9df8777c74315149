"""Every generated calendar, read by Mozilla's ical.js (Thunderbird) and by vobject.

Both the fixture timeline and the real data/ are built into a temporary folder; ical.js reads
all their calendars in one node process. Each VEVENT is found in the data by its UID and its
start, end, all-day flag, TZID, STATUS and SEQUENCE are compared with what the data and the
ledger say (tests/ics_expect.py), not with what the renderer computed.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests import icaljs
from tests.conftest import REPO
from tests.golden import FIXTURE, moment_after
from tests.ics_expect import (
    Truth,
    check_icaljs_calendar,
    check_vobject_calendar,
    read_vobject,
    texts_icaljs,
    texts_vobject,
)
from timeline.build import plan
from timeline.render_ics import included

BROKEN = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis line has no colon\r\nEND:VCALENDAR\r\n"

# Wrong copies of the fixture's all.ics that the checks must reject, one mistake each:
# (what is wrong, the bytes replaced, their replacement; count 1).
MUTANTS = {
    "inclusive-dtend": (b"DTEND;VALUE=DATE:20251123", b"DTEND;VALUE=DATE:20251122"),
    "sequence": (b"SEQUENCE:0", b"SEQUENCE:1"),
    "status": (b"STATUS:CONFIRMED", b"STATUS:TENTATIVE"),
    "unknown-uid": (b"UID:2025-11-admm-plus-12@", b"UID:2025-11-admm-plus-13@"),
    "timed-all-day": (b"DTSTART;VALUE=DATE:20251119", b"DTSTART:20251119T000000"),
    "floating-time": (b"DTSTART;TZID=Asia/Kuala_Lumpur:20251120T090000", b"DTSTART:20251120T090000"),
    "wrong-offset": (b"TZOFFSETTO:+0800", b"TZOFFSETTO:+0700"),
    "unused-vtimezone": (b"DTEND;TZID=Asia/Kuala_Lumpur:20251120T103000", b"DTEND:20251120T023000Z"),
}


@dataclass(frozen=True)
class Built:
    truth: Truth
    feeds: Path

    @property
    def calendars(self) -> list[Path]:
        return sorted(self.feeds.rglob("*.ics"))


def build(data: Path, out: Path) -> Built:
    p = plan(data, moment_after(data))
    for name, content in p.files.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return Built(Truth.of(p), out)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    work = tmp_path_factory.mktemp("interop")
    shutil.copytree(FIXTURE, work / "fixture-data")
    # plan() only reads data/ (with its committed ledger); the files go to the temporary folder.
    return {
        "fixture": build(work / "fixture-data", work / "fixture-feeds"),
        "data": build(REPO / "data", work / "data-feeds"),
    }


@pytest.fixture(scope="module")
def icaljs_read(builds: dict[str, Built], tmp_path_factory: pytest.TempPathFactory) -> dict[Path, dict[str, Any]]:
    """ical.js's reading of every calendar of every build, plus one broken file, in one run."""
    bad = tmp_path_factory.mktemp("bad")
    (bad / "broken.ics").write_bytes(BROKEN)
    good = (builds["fixture"].feeds / "all.ics").read_bytes()
    for name, (old, new) in MUTANTS.items():
        assert good.count(old) >= 1, name
        (bad / f"{name}.ics").write_bytes(good.replace(old, new, 1))
    paths = [path for built in builds.values() for path in built.calendars]
    return icaljs.parse([*paths, *sorted(bad.glob("*.ics"))])


BUILDS = ["fixture", "data"]


@pytest.mark.parametrize("which", BUILDS)
def test_icaljs_reads_every_event_as_the_data_says(
    which: str, builds: dict[str, Built], icaljs_read: dict[Path, dict[str, Any]]
) -> None:
    built = builds[which]
    assert built.calendars
    for path in built.calendars:
        seen = check_icaljs_calendar(path.name, icaljs_read[path], built.truth)
        assert seen, f"{path.name} has no events"


@pytest.mark.parametrize("which", BUILDS)
def test_vobject_reads_every_event_as_the_data_says(which: str, builds: dict[str, Built]) -> None:
    built = builds[which]
    for path in built.calendars:
        seen = check_vobject_calendar(path.name, read_vobject(path.name, path.read_bytes()), built.truth)
        assert seen, f"{path.name} has no events"


@pytest.mark.parametrize("which", BUILDS)
def test_all_calendar_holds_every_event(
    which: str, builds: dict[str, Built], icaljs_read: dict[Path, dict[str, Any]]
) -> None:
    built = builds[which]
    ds = built.truth.plan.dataset
    assert "all" in ds.config.calendars
    shown = {f"{e.id}@{ds.config.uid_domain}" for e in ds.events if included(e, ds.config)}
    got = {ev["uid"] for ev in icaljs_read[built.feeds / "all.ics"]["events"]}
    assert shown <= got, f"missing from all.ics: {sorted(shown - got)}"
    assert got - shown <= set(built.truth.tombstones), f"unknown in all.ics: {sorted(got - shown)}"


@pytest.mark.parametrize("which", BUILDS)
def test_parsers_agree_on_text(which: str, builds: dict[str, Built], icaljs_read: dict[Path, dict[str, Any]]) -> None:
    """ical.js and vobject unescape SUMMARY, DESCRIPTION, LOCATION and CATEGORIES alike."""
    for path in builds[which].calendars:
        cal = read_vobject(path.name, path.read_bytes())
        by_vobject = {v.uid.value: texts_vobject(v) for v in cal.contents.get("vevent", [])}
        by_icaljs = {ev["uid"]: texts_icaljs(ev) for ev in icaljs_read[path]["events"]}
        assert by_icaljs == by_vobject, path.name


def test_calendar_properties(builds: dict[str, Built], icaljs_read: dict[Path, dict[str, Any]]) -> None:
    for built in builds.values():
        config = built.truth.plan.dataset.config
        for path in built.calendars:
            props = icaljs_read[path]["calendar"]
            assert props["prodid"], path.name
            assert props["name"] == props["x-wr-calname"], path.name
            assert len(props["name"]) == 1, path.name
            assert props["url"] == [config.base_url + path.relative_to(built.feeds).as_posix()], path.name


def test_icaljs_reports_a_parse_error(icaljs_read: dict[Path, dict[str, Any]]) -> None:
    """The script says when ical.js cannot read a file (so a silent pass is impossible)."""
    broken = next(v for p, v in icaljs_read.items() if p.name == "broken.ics")
    assert "no token" in broken["error"], broken


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_checks_reject_a_wrong_calendar(
    mutant: str, builds: dict[str, Built], icaljs_read: dict[Path, dict[str, Any]]
) -> None:
    """Each check fails on a calendar with one mistake: the comparisons above are not vacuous."""
    truth = builds["fixture"].truth
    parsed = next(v for p, v in icaljs_read.items() if p.name == f"{mutant}.ics")
    with pytest.raises(AssertionError):
        check_icaljs_calendar(mutant, parsed, truth)
    good = (builds["fixture"].feeds / "all.ics").read_bytes()
    old, new = MUTANTS[mutant]
    with pytest.raises(AssertionError):
        check_vobject_calendar(mutant, read_vobject(mutant, good.replace(old, new, 1)), truth)
