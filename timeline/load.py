"""Read data files into plain Python values, remembering the line of every key and item.

YAML is read with ruamel.yaml's composer (YAML 1.2: ``NO`` stays Norway, ``yes`` stays a
word) and turned into values here, so that nothing is constructed behind our back: a
timestamp-looking scalar such as ``2025-02-30`` stays the string it was written as and is
judged by :mod:`timeline.edtf`, instead of crashing the loader. Duplicate keys are reported.
TOML files are read with :mod:`tomllib`; their lines are found by scanning for the keys.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from timeline.errors import Problem

Key = tuple[str | int, ...]

_yaml = YAML(typ="safe", pure=True)

_SCALARS: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:null": lambda _text: None,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:int": lambda text: int(text.replace("_", ""), 0),
    "tag:yaml.org,2002:float": float,
}


@dataclass
class Record:
    """The content of one data file, with the source line of each key path."""

    path: Path
    shown: str
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)

    def line(self, *key: str | int) -> int:
        """The line of ``key``, or of its nearest ancestor that has one (1-based)."""
        probe: Key = tuple(key)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)

    def problem(self, key: Key, field_name: str, message: str) -> Problem:
        return Problem(self.shown, self.line(*key), field_name, message)


class LoadError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def load(path: Path, shown: str) -> tuple[Record, list[Problem]]:
    """Read ``path``; the problems are non-fatal ones (duplicate keys). Raises LoadError."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(
            Problem(shown, 1, "", f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8")
        ) from exc
    if path.suffix == ".toml":
        return _load_toml(text, path, shown), []
    return _load_yaml(text, path, shown)


def _load_yaml(text: str, path: Path, shown: str) -> tuple[Record, list[Problem]]:
    try:
        root = _yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark is not None:  # e.g. "while parsing a flow sequence" that opened earlier
            what = f"{exc.context} (line {exc.context_mark.line + 1}): {what}"
        raise LoadError(Problem(shown, line, "", f"not valid YAML: {what}; fix the syntax")) from exc
    except YAMLError as exc:
        raise LoadError(Problem(shown, 1, "", f"not valid YAML: {exc}")) from exc
    record = Record(path, shown, None, {})
    problems: list[Problem] = []
    if root is not None:
        record.data = _convert(root, (), record, problems)
    record.lines.setdefault((), 1)
    return record, problems


def _convert(node: Node, key: Key, record: Record, problems: list[Problem]) -> Any:
    record.lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
            if name in out:
                problems.append(
                    Problem(
                        record.shown,
                        key_node.start_mark.line + 1,
                        ".".join(map(str, (*key, name))),
                        f"duplicate key {name!r} (first on line {record.lines[(*key, name)]}); keep one",
                    )
                )
                continue
            record.lines[(*key, name)] = key_node.start_mark.line + 1
            out[name] = _convert(value_node, (*key, name), record, problems)
        return out
    if isinstance(node, SequenceNode):
        return [_convert(item, (*key, i), record, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    make = _SCALARS.get(node.tag or "")
    if make is None:  # str, timestamp and anything else: keep the text as written
        return node.value
    try:
        return make(node.value)
    except ValueError:
        return node.value


_TOML_LINE = re.compile(r"^\s*(?:\[\[?\s*(?P<table>[^\]]+?)\s*\]\]?|(?P<key>[A-Za-z0-9_\-\"']+)\s*=)")


def _load_toml(text: str, path: Path, shown: str) -> Record:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else 1
        raise LoadError(Problem(shown, line, "", f"not valid TOML: {exc}; fix the syntax")) from exc
    record = Record(path, shown, data, {(): 1})
    table: Key = ()
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _TOML_LINE.match(raw)
        if not match:
            continue
        if match.group("table"):
            table = tuple(part.strip().strip("\"'") for part in match.group("table").split("."))
            record.lines.setdefault(table, number)
        else:
            record.lines.setdefault((*table, match.group("key").strip("\"'")), number)
    return record


def data_files(folder: Path) -> Iterator[Path]:
    """Event-like files under ``folder`` in a fixed order (never file-system order)."""
    if not folder.is_dir():
        return iter(())
    found = [p for p in folder.rglob("*") if p.is_file() and p.suffix in {".yaml", ".yml", ".toml"}]
    return iter(sorted(found, key=lambda p: p.as_posix()))
