"""Edit an event file in place, line by line: every line an edit does not touch stays byte-identical.

Dumping a whole YAML document again, even with a round-trip loader, re-folds long strings and
re-quotes scalars; here the file is composed only to find where each top-level key and value
is, and the edits replace, insert or delete exactly those lines. The result is read back and
compared with what was asked, so an edit never silently writes something else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_yaml = YAML(typ="safe", pure=True)
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_TIMESTAMP = re.compile(r"\d{4}-\d\d?-\d\d?(?:[Tt ]|$)")

Value = str | int | float | bool | None | Sequence["Value"] | Mapping[str, "Value"]


class EditError(Exception):
    """The file cannot be edited line by line (a flow-style list, a multi-line scalar...)."""


def scalar(value: Value) -> str:
    """``value`` as a YAML 1.2 flow scalar: JSON, which YAML reads back unchanged."""
    if isinstance(value, str) and _plain_ok(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    """Safe unquoted: a slug-like word with a letter that YAML reads as nothing but this string."""
    return (
        bool(_PLAIN.fullmatch(text))
        and any(c.isalpha() for c in text)
        and not _TIMESTAMP.match(text)
        and text.lower() not in {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
    )


def block(key: str, value: Value, indent: int = 0) -> list[str]:
    """Lines of ``key: value`` in block style (mappings and lists of mappings nest)."""
    pad = " " * indent
    if isinstance(value, Mapping):
        lines = [f"{pad}{key}:\n"]
        for k, v in value.items():
            lines += block(k, v, indent + 2)
        return lines
    if isinstance(value, list | tuple):
        lines = [f"{pad}{key}:\n"]
        for item in value:
            if isinstance(item, Mapping):
                inner = [line for k, v in item.items() for line in block(k, v, indent + 4)]
                inner[0] = f"{pad}  - {inner[0].lstrip()}"
                lines += inner
            else:
                lines.append(f"{pad}  - {scalar(item)}\n")
        return lines
    return [f"{pad}{key}: {scalar(value)}\n"]


@dataclass
class _Entry:
    key: str
    key_node: Node
    value: Node


class Document:
    """An event file's lines and the positions of its top-level keys."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True)
        if self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += "\n"
        self._compose()

    def _compose(self) -> None:
        root = _yaml.compose("".join(self.lines))
        if not isinstance(root, MappingNode):
            raise EditError("the file is not a mapping of fields")
        self.entries = [_Entry(str(k.value), k, v) for k, v in root.value if isinstance(k, ScalarNode)]

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def _entry(self, key: str) -> _Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def _last_line(self, node: Node) -> int:
        """0-based index of the last line holding ``node``'s content."""
        end = node.end_mark
        line = end.line if end.column > 0 else end.line - 1
        while line > node.start_mark.line and (
            not self.lines[line].strip() or self.lines[line].lstrip().startswith("#")
        ):
            line -= 1
        return int(line)

    def set(self, key: str, value: Value, *, after: Sequence[str] = ()) -> None:
        """Set a top-level scalar: replace its value in place, or insert it after the first of ``after`` present."""
        entry = self._entry(key)
        new = scalar(value)
        if entry is not None:
            node = entry.value
            if not isinstance(node, ScalarNode) or node.start_mark.line != node.end_mark.line:
                raise EditError(f"{key}: its value spans several lines; edit it by hand")
            line = self.lines[node.start_mark.line]
            self.lines[node.start_mark.line] = line[: node.start_mark.column] + new + line[node.end_mark.column :]
        else:
            anchor = next((e for e in (self._entry(a) for a in after) if e is not None), None)
            at = self._last_line(anchor.value) + 1 if anchor is not None else len(self.lines)
            self.lines[at:at] = [f"{key}: {new}\n"]
        self._compose()

    def delete(self, key: str) -> None:
        entry = self._entry(key)
        if entry is None:
            return
        first, last = entry.key_node.start_mark.line, self._last_line(entry.value)
        del self.lines[first : last + 1]
        self._compose()

    def replace_block(self, key: str, value: Value) -> None:
        """Replace (or append at the end) the whole top-level ``key`` block."""
        new = block(key, value)
        entry = self._entry(key)
        if entry is None:
            self.lines += new
        else:
            first, last = entry.key_node.start_mark.line, self._last_line(entry.value)
            self.lines[first : last + 1] = new
        self._compose()

    def append(self, key: str, item: Mapping[str, Value]) -> None:
        """Append a mapping to the block list at top-level ``key``, in the style of its first item."""
        entry = self._entry(key)
        if entry is None:
            self.lines += block(key, [item])
            self._compose()
            return
        node = entry.value
        if not isinstance(node, SequenceNode) or node.flow_style or not node.value:
            raise EditError(f"{key}: not a block list; add the item by hand")
        first = node.value[0]
        start_line = self.lines[first.start_mark.line]
        dash = start_line.index("-", 0, first.start_mark.column) if "-" in start_line[: first.start_mark.column] else 0
        inner = first.start_mark.column
        lines = []
        for i, (k, v) in enumerate(item.items()):
            text = block(k, v, inner)
            if i == 0:
                text[0] = " " * dash + "- " + " " * (inner - dash - 2) + text[0].lstrip()
            lines += text
        at = self._last_line(node.value[-1]) + 1
        self.lines[at:at] = lines
        self._compose()

    def data(self) -> object:
        return _yaml.load(self.text)
