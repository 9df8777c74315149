"""The calendars the config declares, and how they follow the data as it changes.

The lifecycle test is the scenario of the calendars issue: build; the 12th ADMM-Plus goes from
planned (November 2025) to held (1 November 2025); build; an event is deleted; build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner

from tests.golden import NOW
from timeline.build import plan
from timeline.cli import main

NOW_ARG = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
UID_DOMAIN = "fixture.example.org"


def build(data: Path, out: Path, now: str, *extra: str) -> str:
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out), "--now", now, *extra])
    assert result.exit_code == 0, result.output + result.stderr
    return result.output


def vevents(path: Path) -> dict[str, bytes]:
    """The VEVENT blocks of a calendar, by UID, as bytes."""
    blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", path.read_bytes(), flags=re.DOTALL)
    return {re.search(rb"\r\nUID:([^\r]*)\r\n", b).group(1).decode(): b for b in blocks}  # type: ignore[union-attr]


def all_vevents(out: Path) -> dict[str, dict[str, bytes]]:
    return {p.relative_to(out).as_posix(): vevents(p) for p in sorted(out.rglob("*.ics"))}


def field(block: bytes, name: str) -> str:
    cal = vobject.readOne("BEGIN:VCALENDAR\r\n" + block.decode() + "END:VCALENDAR\r\n")
    return str(cal.vevent.contents[name.lower()][0].value)


def test_lifecycle_planned_to_held_then_removed(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    build(data_copy, out, NOW_ARG)
    first = all_vevents(out)
    admm = f"2025-11-admm-plus-12@{UID_DOMAIN}"
    block = first["all.ics"][admm]
    assert (field(block, "STATUS"), field(block, "SEQUENCE")) == ("TENTATIVE", "0")
    # Built in January 2026: November 2025 is over and the only source is of 1 October 2025.
    assert field(block, "SUMMARY") == "12th ADMM-Plus (no report since 1 October 2025)"

    event = data_copy / "events/2025/2025-11-admm-plus-12.yaml"
    text = event.read_text("utf-8").replace('when: "2025-11"', 'when: "2025-11-01"').replace("planned", "held")
    event.write_text(text, "utf-8")
    build(data_copy, out, "2026-01-05T00:00:00Z")
    second = all_vevents(out)
    assert second.keys() == first.keys()
    for name, blocks in second.items():
        if name == "upcoming.ics":  # nothing is ahead: it holds the event that ended last, now the ADSOM-Plus
            assert list(blocks) == [f"2025-11-19-adsom-plus@{UID_DOMAIN}"]
            continue
        assert blocks.keys() == first[name].keys(), f"{name}: UIDs stable"
        for uid, data in blocks.items():
            if uid == admm:
                assert field(data, "SEQUENCE") == "1"
                assert field(data, "STATUS") == "CONFIRMED"
                if name != "lang-vi.ics":
                    assert field(data, "SUMMARY") == "12th ADMM-Plus"
                assert field(data, "LAST-MODIFIED").startswith("2026-01-05")
                assert field(data, "DTSTART") == "2025-11-01"
                assert field(data, "DTEND") == "2025-11-02"
            else:
                assert data == first[name][uid], f"{name}: {uid} must be byte-identical"

    gone = f"2025-11-20-bilateral-vn-my@{UID_DOMAIN}"
    (data_copy / "events/2025/2025-11-20-bilateral-vn-my.yaml").unlink()
    build(data_copy, out, "2026-01-06T00:00:00Z")
    third = all_vevents(out)
    held_it = sorted(name for name, blocks in second.items() if gone in blocks)
    assert held_it == sorted(name for name, blocks in third.items() if gone in blocks), "tombstone where it was"
    assert "events/2025-11-20-bilateral-vn-my.ics" in held_it
    for name in held_it:
        tomb = third[name][gone]
        assert field(tomb, "STATUS") == "CANCELLED"
        assert field(tomb, "SEQUENCE") == str(int(field(second[name][gone], "SEQUENCE")) + 1)
        assert field(tomb, "DTSTART") == field(second[name][gone], "DTSTART"), "still on its day and time"
        assert field(tomb, "SUMMARY").startswith("Đã gỡ: " if name == "lang-vi.ics" else "Removed: ")
    for name, blocks in third.items():
        for uid, data in blocks.items():
            if uid != gone:
                assert data == second[name][uid], f"{name}: {uid} must be byte-identical"

    # keep_removed is P4W in the fixture: after that the tombstone goes, the ledger keeps the id.
    build(data_copy, out, "2026-02-04T00:00:00Z")
    # ... except in a calendar it would leave empty (series-bilateral: the only other event of
    # the series is year-long, in no calendar), which keeps its last tombstone: never empty, never gone.
    kept = {name: blocks for name, blocks in all_vevents(out).items() if gone in blocks}
    assert kept.keys() == {"series-bilateral.ics"}
    assert list(kept["series-bilateral.ics"]) == [gone]
    assert not (out / "events/2025-11-20-bilateral-vn-my.ics").exists()
    assert '"2025-11-20-bilateral-vn-my"' in (data_copy / "timeline.lock").read_text("utf-8")


def test_imprecise_dates_skip_leaves_month_events_out_of_calendars_only(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    build(data_copy, out, NOW_ARG, "--imprecise-dates", "skip")
    uids = {uid for blocks in all_vevents(out).values() for uid in blocks}
    assert f"2025-11-admm-plus-12@{UID_DOMAIN}" not in uids
    assert f"2025-bilateral-dialogue@{UID_DOMAIN}" not in uids
    assert f"2025-11-19-adsom-plus@{UID_DOMAIN}" in uids
    assert "2025-11-admm-plus-12" in (out / "all.atom.xml").read_text("utf-8"), "feeds keep them"
    assert not (out / "events/2025-11-admm-plus-12.ics").exists()


def test_upcoming_holds_what_is_not_over(data_copy: Path) -> None:
    # A build on 21 November 2025 cannot have a ledger stamped in December (that is refused): start without one.
    (data_copy / "timeline.lock").unlink()
    files = plan(data_copy, NOW.replace(year=2025, month=11, day=21)).files
    assert sorted(vevents_of(files["upcoming.ics"])) == [
        f"2025-11-19-adsom-plus@{UID_DOMAIN}",  # 19-22 November: not over on the 21st
        f"2025-11-admm-plus-12@{UID_DOMAIN}",
    ], "the year-only 2025-bilateral-dialogue is not ahead in any calendar: a year is no calendar block"
    # Nothing ahead: upcoming.ics is still published, holding the event that ended last.
    assert vevents_of(plan(data_copy, NOW).files["upcoming.ics"]) == [f"2025-11-admm-plus-12@{UID_DOMAIN}"]
    later = plan(data_copy, NOW.replace(year=2030)).files
    assert vevents_of(later["upcoming.ics"]) == [f"2025-11-admm-plus-12@{UID_DOMAIN}"]
    assert b"<entry>" not in later["upcoming.atom.xml"], "an empty feed is still a feed"
    assert {"upcoming.atom.xml", "upcoming.rss", "upcoming.json"} <= later.keys()


def test_no_block_longer_than_a_month(data_copy: Path) -> None:
    for name, data in plan(data_copy, NOW).files.items():
        if not name.endswith(".ics"):
            continue
        for vevent in vobject.readOne(data.decode()).contents.get("vevent", []):
            start, end = vevent.dtstart.value, vevent.dtend.value
            assert (end - start).days <= 31, f"{name}: {vevent.uid.value} spans {start} to {end}"


def vevents_of(data: bytes) -> list[str]:
    return re.findall(r"\r\nUID:([^\r]*)\r\n", data.decode())


def test_per_language_calendars(data_copy: Path) -> None:
    (data_copy / "timeline.lock").unlink()  # its stamps are of December 2025
    files = plan(data_copy, NOW.replace(year=2025, month=10, day=15)).files  # before November 2025
    vi = vobject.readOne(files["lang-vi.ics"].decode())
    assert vi.contents["x-wr-calname"][0].value == "Dòng thời gian mẫu"
    summaries = {v.uid.value: v.summary.value for v in vi.vevent_list}
    assert summaries[f"2025-11-admm-plus-12@{UID_DOMAIN}"] == "ADMM+ lần thứ 12 (chưa rõ ngày)"
    assert files["lang-en.ics"].count(b"BEGIN:VEVENT") == files["lang-vi.ics"].count(b"BEGIN:VEVENT")


def test_host_and_participant_calendars(data_copy: Path) -> None:
    files = plan(data_copy, NOW).files
    assert sorted(vevents_of(files["host-my.ics"])) == [
        f"2025-11-19-adsom-plus@{UID_DOMAIN}",
        f"2025-11-20-bilateral-vn-my@{UID_DOMAIN}",
        f"2025-11-admm-plus-12@{UID_DOMAIN}",
        f"2025-12-10-withdrawn-workshop@{UID_DOMAIN}",
    ]
    name = vobject.readOne(files["participant-vn.ics"].decode()).contents["name"][0].value
    assert name == "Fixture timeline: with Viet Nam"


def test_refresh_properties_from_one_value(data_copy: Path) -> None:
    config = data_copy / "timeline.yaml"
    config.write_text(
        config.read_text("utf-8") + "refresh_properties: [X-PUBLISHED-TTL, REFRESH-INTERVAL, SOURCE]\n", "utf-8"
    )
    data = plan(data_copy, NOW).files["all.ics"]
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in data
    assert b"\r\nX-PUBLISHED-TTL:PT12H\r\n" in data
    assert b"\r\nSOURCE;VALUE=URI:https://feeds.example.org/fixture/all.ics\r\n" in data
    assert b"\r\nCOLOR:teal\r\n" in data


def test_default_refresh_properties(data_copy: Path) -> None:
    files = plan(data_copy, NOW).files
    for name, folded in files.items():
        data = folded.replace(b"\r\n ", b"")  # unfolded
        if name.endswith(".ics"):
            assert b"\r\nX-PUBLISHED-TTL:PT12H\r\n" in data, name
            assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in data, name
            assert f"\r\nSOURCE;VALUE=URI:https://feeds.example.org/fixture/{name}\r\n".encode() in data, name
    config = data_copy / "timeline.yaml"
    config.write_text(config.read_text("utf-8") + "refresh_properties: [X-PUBLISHED-TTL]\n", "utf-8")
    data = plan(data_copy, NOW).files["all.ics"]
    assert b"REFRESH-INTERVAL" not in data
    assert b"SOURCE" not in data


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("color: not-a-colour", "'not-a-colour' is not a CSS3 color name"),
        ("keep_removed: PT5M", "'PT5M' is not an ISO 8601 duration in days or weeks"),
        ("refresh_properties: [X-WR-TTL]", "'X-WR-TTL' is not one of X-PUBLISHED-TTL, REFRESH-INTERVAL, SOURCE"),
        ("calendars: [all, weekly]", "unknown calendar kind 'weekly'"),
    ],
)
def test_bad_calendar_config_is_reported(data_copy: Path, line: str, message: str) -> None:
    config = data_copy / "timeline.yaml"
    lines = [x for x in config.read_text("utf-8").splitlines() if x.split(":")[0] != line.split(":", maxsplit=1)[0]]
    config.write_text("\n".join([*lines, line]) + "\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "--data", str(data_copy)])
    assert result.exit_code == 1
    assert f"timeline.yaml:{len(lines) + 1}: " in result.stderr
    assert message in result.stderr


def test_selections_take_each_events_calendars_from_its_record_as_keys_gives_them() -> None:
    """The build passes the calendars its fresh ledger records hold (not worked out again): the
    same selections as from the events, and the records are what is used."""
    from tests.golden import FIXTURE  # noqa: PLC0415
    from timeline.normalise import normalise  # noqa: PLC0415
    from timeline.select import keys, selections  # noqa: PLC0415

    ds = normalise(FIXTURE)
    today = NOW.date()
    held = {e.id: keys(e, ds) for e in ds.events}
    assert selections(ds, today, {}, (), held) == selections(ds, today, {})
    first = ds.events[0].id
    only_all = {**held, first: ("all",)}
    by_key = {s.key: [e.id for e in s.events] for s in selections(ds, today, {}, (), only_all)}
    assert first in by_key["all"]
    assert all(first not in ids for key, ids in by_key.items() if key not in ("all", "upcoming"))
