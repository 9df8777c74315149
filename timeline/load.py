"""Read data files into plain Python values, remembering the line of every key and item.

YAML is parsed by libyaml (PyYAML's C parser) into a node tree whose marks carry lines, and
turned into values here with YAML 1.2 core-schema rules, so that nothing is constructed behind
our back: ``NO`` stays Norway, ``yes`` stays a word, and a timestamp-looking scalar such as
``2025-02-30`` stays the string it was written as and is judged by :mod:`timeline.edtf`,
instead of crashing the loader. Duplicate keys are reported. TOML files are read with
:mod:`tomllib`; their lines are found by scanning for the keys.

Input is bounded before it is parsed: a file larger than :data:`MAX_BYTES`, nesting deeper than
:data:`MAX_DEPTH`, YAML anchors and aliases (a few hundred bytes of them can expand to
gigabytes) and integers of more than :data:`MAX_DIGITS` digits are refused with the file and
line, and every conversion walks the tree with an explicit stack (no recursion).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from timeline.errors import Problem
from timeline.inputs import read_at_most

# libyaml's parser and composer (PyYAML's wheels ship it), with no implicit tag resolution:
# scalars are typed here. BaseLoader is the same in pure Python, for a PyYAML built without it.
_LOADER = yaml.CBaseLoader if yaml.__with_libyaml__ else yaml.BaseLoader


class _Composer(_LOADER):  # type: ignore[misc,valid-type]
    """The loader with nothing to resolve: no implicit or path resolvers are registered on it, so
    BaseResolver's per-node lookups (called back from libyaml's composer for every node) always
    end in the kind's default tag; this gives that tag at once. Scalars are typed by :func:`_scalar`."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]


_DEFAULT_TAGS: dict[type[Node], str] = {
    ScalarNode: _LOADER.DEFAULT_SCALAR_TAG,
    SequenceNode: _LOADER.DEFAULT_SEQUENCE_TAG,
    MappingNode: _LOADER.DEFAULT_MAPPING_TAG,
}

Key = tuple[str | int, ...]

MAX_BYTES = 2_000_000
"""The largest data file read (an event file is a few kilobytes)."""
MAX_DEPTH = 32
"""The deepest nesting of mappings and lists in a data file (events need five levels)."""
MAX_DIGITS = 18
"""The longest integer, in digits (any count, ordinal or coordinate fits in far fewer)."""


_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")  # no .inf/.nan: no field wants them
_TYPED_START = frozenset("~nNtTfF+-.0123456789")  # the first characters _NULL, _TRUE, _FALSE, _INT, _FLOAT match
_STR_TAG = "tag:yaml.org,2002:str"
_NUMERIC_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                 "tag:yaml.org,2002:null"}  # fmt: skip


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


def read_text(path: Path, shown: str, limit: int = MAX_BYTES) -> str:
    """The UTF-8 text of ``path``, refused (LoadError) if larger than ``limit`` bytes or not UTF-8."""
    try:
        with path.open("rb") as handle:
            raw = read_at_most(handle, os.fstat(handle.fileno()).st_size, limit + 1)
    except OSError as exc:
        raise LoadError(Problem(shown, 0, "", f"cannot be read ({exc.strerror or exc}); check the file")) from exc
    return decode(raw, shown, limit)


def decode(raw: bytes, shown: str, limit: int = MAX_BYTES) -> str:
    """The UTF-8 text of a data file's bytes ``raw``, refused (LoadError) as :func:`read_text` refuses it."""
    if len(raw) > limit:
        raise LoadError(
            Problem(
                shown, 1, "", f"is larger than {limit:,} bytes; a data file is a few kilobytes: split it or trim it"
            )
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise LoadError(
            Problem(shown, line, "", f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8")
        ) from exc


def load(path: Path, shown: str) -> tuple[Record, list[Problem]]:
    """Read ``path``; the problems are non-fatal ones (duplicate keys). Raises LoadError."""
    return parse(read_text(path, shown), path, shown)


def load_bytes(raw: bytes, path: Path, shown: str) -> tuple[Record, list[Problem]]:
    """What :func:`load` gives for ``path`` if it holds ``raw`` (bytes already read: not read again)."""
    return parse(decode(raw, shown), path, shown)


def parse(text: str, path: Path, shown: str) -> tuple[Record, list[Problem]]:
    """The record of a data file's text (YAML, or TOML by the suffix of ``path``)."""
    if path.suffix == ".toml":
        return _load_toml(text, path, shown)
    return _load_yaml(text, path, shown)


def _syntax(exc: yaml.YAMLError, shown: str, text: str) -> LoadError:
    if isinstance(exc, ReaderError):  # a character YAML does not allow, e.g. NUL
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else 1
        what = f"character U+{exc.character:04X} is not allowed" if isinstance(exc.character, int) else exc.reason
        return LoadError(Problem(shown, line, "", f"not valid YAML: {what}; delete it"))
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark is not None:  # e.g. "while parsing a flow sequence" that opened earlier
            what = f"{exc.context} (line {exc.context_mark.line + 1}): {what}"
        return LoadError(Problem(shown, line, "", f"not valid YAML: {what}; fix the syntax"))
    return LoadError(Problem(shown, 1, "", f"not valid YAML: {exc}"))


def _line(mark: Any) -> int:
    return int(mark.line) + 1 if mark is not None else 1


def _depth_bound(text: str) -> int:
    """An upper bound on the nesting depth of ``text``, computed without parsing it.

    Every flow collection opens with a bracket, and a block collection nested in another
    starts at least one column further right, except a block list that is a mapping's value.
    """
    lead = max(map(len, re.findall(r"(?m)^[ ?:-]*", text)), default=0)
    return text.count("[") + text.count("{") + 2 * lead + 2


def _scan(text: str, shown: str) -> None:
    """Refuse anchors, aliases and deep nesting, from libyaml's events (flat, no recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor is not None):
                kind = "alias" if isinstance(event, AliasEvent) else "anchor"
                sign = "*" if kind == "alias" else "&"
                raise LoadError(
                    Problem(
                        shown,
                        _line(event.start_mark),
                        "",
                        f"YAML {kind} {sign}{event.anchor} is not allowed in data files; write the value out in full",
                    )
                )
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise LoadError(
                        Problem(
                            shown,
                            _line(event.start_mark),
                            "",
                            f"nested more than {MAX_DEPTH} levels deep; data files need a handful: flatten it",
                        )
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _syntax(exc, shown, text) from exc


def _load_yaml(text: str, path: Path, shown: str) -> tuple[Record, list[Problem]]:
    if "&" in text or "*" in text or _depth_bound(text) > MAX_DEPTH:
        _scan(text, shown)
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.YAMLError as exc:
        raise _syntax(exc, shown, text) from exc
    record = Record(path, shown, None, {})
    problems: list[Problem] = []
    if root is not None:
        record.data = _convert(root, record, problems)
    record.lines.setdefault((), 1)
    return record, problems


def _convert(root: Node, record: Record, problems: list[Problem]) -> Any:
    """The value of the node tree ``root``, walked with a stack; lines go to ``record.lines``."""
    lines = record.lines
    seen: set[int] = set()  # collection nodes already converted: a second visit is an alias
    box: list[Any] = [None]
    stack: list[tuple[Node, Key, Any, str | int]] = [(root, (), box, 0)]
    while stack:
        node, key, parent, slot = stack.pop()
        lines.setdefault(key, node.start_mark.line + 1)
        if isinstance(node, ScalarNode):
            parent[slot] = _scalar(node, key, record, problems)
            continue
        if id(node) in seen:  # the scan refuses aliases; this keeps a cycle from looping
            raise LoadError(Problem(record.shown, node.start_mark.line + 1, "", "YAML aliases are not allowed"))
        seen.add(id(node))
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            parent[slot] = out
            for key_node, value_node in node.value:
                name = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
                child = (*key, name)
                if name in out:
                    problems.append(
                        Problem(
                            record.shown,
                            key_node.start_mark.line + 1,
                            ".".join(map(str, child)),
                            f"duplicate key {name!r} (first on line {lines[child]}); keep one",
                        )
                    )
                    continue
                lines[child] = key_node.start_mark.line + 1
                out[name] = None
                stack.append((value_node, child, out, name))
        else:
            assert isinstance(node, SequenceNode)
            items: list[Any] = [None] * len(node.value)
            parent[slot] = items
            stack.extend((item, (*key, i), items, i) for i, item in reversed(list(enumerate(node.value))))
    return box[0]


def _scalar(node: ScalarNode, key: Key, record: Record, problems: list[Problem]) -> Any:
    """A scalar typed by the YAML 1.2 core schema: only plain (or explicitly tagged) ones are not text."""
    text: str = node.value
    if node.style or (node.tag != _STR_TAG and node.tag not in _NUMERIC_TAGS):
        return text  # quoted, block, or an unknown tag: the text as written
    if text and text[0] not in _TYPED_START:
        return text  # a plain word: no null, boolean or number starts so
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INT.fullmatch(text):
        digits = text.lstrip("+-").replace("_", "")
        if len(digits) > MAX_DIGITS + (2 if digits[:2] in {"0x", "0o", "0b"} else 0):
            problems.append(
                Problem(
                    record.shown,
                    node.start_mark.line + 1,
                    ".".join(map(str, key)),
                    f"the number {text[:24]}… has more than {MAX_DIGITS} digits; no field takes one that large",
                )
            )
            return text
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:  # e.g. "012": no leading zeros; keep the text
            return text
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


_TOML_LINE = re.compile(r"^\s*(?:\[\[?\s*(?P<table>[^\]]+?)\s*\]\]?|(?P<key>[A-Za-z0-9_\-\"']+)\s*=)")
_TOML_TOKEN = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]')


def _toml_depth(text: str, shown: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before tomllib (which recurses) reads the file."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for match in _TOML_TOKEN.finditer(text):
        token = match.group()
        if token in {"[", "{"}:
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise LoadError(
                    Problem(shown, line, "", f"nested more than {MAX_DEPTH} levels deep; data files need a handful")
                )
        elif token in {"]", "}"}:
            depth -= 1


def _load_toml(text: str, path: Path, shown: str) -> tuple[Record, list[Problem]]:
    _toml_depth(text, shown)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else 1
        raise LoadError(Problem(shown, line, "", f"not valid TOML: {exc}; fix the syntax")) from exc
    except ValueError as exc:  # an integer of thousands of digits
        found = re.search(rf"\d{{{MAX_DIGITS + 1},}}", text)
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        raise LoadError(
            Problem(shown, line, "", f"a number has more than {MAX_DIGITS} digits; no field takes one that large")
        ) from exc
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
    return record, _toml_numbers(record)


def _toml_numbers(record: Record) -> list[Problem]:
    """Integers beyond MAX_DIGITS digits, reported; the values become their text (walked with a stack)."""
    problems: list[Problem] = []
    limit = 10**MAX_DIGITS
    stack: list[tuple[Any, Key]] = [(record.data, ())]
    while stack:
        value, key = stack.pop()
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        for name, item in pairs:
            child = (*key, name)
            if isinstance(item, dict | list):
                stack.append((item, child))
            elif isinstance(item, int) and not isinstance(item, bool) and abs(item) >= limit:
                problems.append(
                    record.problem(
                        child,
                        ".".join(map(str, child)),
                        f"the number has more than {MAX_DIGITS} digits; no field takes one that large",
                    )
                )
                value[name] = f"(a number of more than {MAX_DIGITS} digits)"
    return problems


DATA_SUFFIXES = frozenset((".yaml", ".yml", ".toml"))


def data_files(folder: Path) -> Iterator[Path]:
    """Event-like files under ``folder`` in a fixed order (never file-system order)."""
    if not folder.is_dir():
        return iter(())
    found = [p for p in folder.rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES]
    return iter(sorted(found, key=lambda p: p.as_posix()))
