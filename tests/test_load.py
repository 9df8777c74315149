"""Reading data files: YAML 1.2, TOML, and the line of every value."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.load import LoadError, load
from timeline.normalise import normalise


def test_yaml_keeps_lines_and_words(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("# comment\na: NO\nb: yes\nc:\n  - 2025-02-30\n  - 12\nd: null\n", "utf-8")
    record, problems = load(path, "x.yaml")
    assert problems == []
    assert record.data == {"a": "NO", "b": "yes", "c": ["2025-02-30", 12], "d": None}
    assert record.line("c", 1) == 6
    assert record.line("c", 9) == 4, "unknown items fall back to the nearest known parent"
    assert record.line() == 2


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb: [1, 2\nc: 3\n", "utf-8")
    with pytest.raises(LoadError) as caught:
        load(path, "x.yaml")
    assert caught.value.problem.line >= 2
    assert "not valid YAML" in caught.value.problem.message


def test_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("a: Vi\u1ec7t".encode("cp1258", errors="replace") + b"\xff\n")
    with pytest.raises(LoadError, match="not UTF-8"):
        load(path, "x.yaml")


def test_toml_events_are_accepted_with_lines(data_copy: Path) -> None:
    yaml_event = data_copy / "events/2025/2025-11-admm-plus-12.yaml"
    yaml_event.unlink()
    toml_event = data_copy / "events/2025/2025-11-admm-plus-12.toml"
    toml_event.write_text(
        'id = "2025-11-admm-plus-12"\nseries = "admm-plus"\nordinal = 12\nwhen = "2025-11"\nplace = "kuala-lumpur"\n'
        'status = "planned"\n\n[[sources]]\nsource = "fixture-article"\n'
        'quote = "Hội nghị ADMM+ lần thứ 12 dự kiến diễn ra vào tháng 11/2025 tại Kuala Lumpur."\n',
        "utf-8",
    )
    events = {e.id: e for e in normalise(data_copy).events}
    assert events["2025-11-admm-plus-12"].when.edtf == "2025-11"
    record, _ = load(toml_event, "t.toml")
    assert record.line("status") == 6
