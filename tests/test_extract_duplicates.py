"""`timeline check` refuses two event files for one meeting, naming both files."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "data"


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    return data


def _check(data: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--data", str(data)])
    return result.exit_code, result.output


def test_the_same_series_and_ordinal_twice(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    original = data / "events" / "2025" / "2025-11-admm-plus-12.yaml"
    text = original.read_text(encoding="utf-8").replace("id: 2025-11-admm-plus-12", "id: 2025-11-01-admm-plus-12")
    (original.parent / "2025-11-01-admm-plus-12.yaml").write_text(
        text.replace('when: "2025-11"', 'when: "2025-11-01"'), encoding="utf-8"
    )
    code, out = _check(data)
    assert code == 1, out
    (line,) = [line for line in out.splitlines() if "same meeting" in line]
    assert line.startswith(f"{data.as_posix()}/events/2025/2025-11-admm-plus-12.yaml:")  # the later id
    assert "2025-11-01-admm-plus-12" in line
    assert "2025-11-01-admm-plus-12.yaml" in line
    assert "ordinal 12" in line


def test_the_same_series_at_the_same_place_on_overlapping_dates(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    original = data / "events" / "2025" / "2025-11-19-adsom-plus.yaml"
    text = original.read_text(encoding="utf-8").replace("id: 2025-11-19-adsom-plus", "id: 2025-11-21-adsom-plus")
    text = text.replace('when: "2025-11-19/2025-11-22"', 'when: "2025-11-21"').replace(
        "related: [2025-11-admm-plus-12]\n", ""
    )
    (original.parent / "2025-11-21-adsom-plus.yaml").write_text(text, encoding="utf-8")
    code, out = _check(data)
    assert code == 1, out
    assert any(
        "same meeting as '2025-11-19-adsom-plus'" in line and "2025-11-19-adsom-plus.yaml" in line
        for line in out.splitlines()
    )


def test_distinct_meetings_are_not_duplicates(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    original = data / "events" / "2025" / "2025-11-20-bilateral-vn-my.yaml"
    # another bilateral meeting on the same day at the same place, with another counterpart
    text = original.read_text(encoding="utf-8").replace("2025-11-20-bilateral-vn-my", "2025-11-20-bilateral-vn-no")
    text = text.replace("countries: [VN, MY]", "countries: [VN, NO]")
    (original.parent / "2025-11-20-bilateral-vn-no.yaml").write_text(text, encoding="utf-8")
    # the 13th ADMM-Plus is not the 12th
    plus = (data / "events" / "2025" / "2025-11-admm-plus-12.yaml").read_text(encoding="utf-8")
    plus = plus.replace("2025-11-admm-plus-12", "2026-11-admm-plus-13").replace("ordinal: 12", "ordinal: 13")
    (data / "events" / "2025" / "2026-11-admm-plus-13.yaml").write_text(
        plus.replace('"2025-11"', '"2026-11"'), encoding="utf-8"
    )
    code, out = _check(data)
    assert code == 0, out
