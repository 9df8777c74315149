"""What the build cache stores, as JSON of plain values: no pickle, so a crafted cache file can
give wrong values at worst (and every key is checked before one is used), never run code.

A value is JSON where JSON is exact (None, booleans, numbers, strings); everything else is a
two-item list ``[tag, payload]``, so a list in the input is never confused with one:

=======  ==============================================================================
``L``    a list                      ``T``  a tuple
``D``    a dict (``[[key, value], …]``, any plain keys)
``dt``   a datetime (ISO 8601)       ``da`` a date         ``ti`` a time
``P``    a path (POSIX)              ``E``  an enum: ``[class name, value]``
``O``    an object of the model: the index of an earlier entry of ``objects``
``X``    an object of the current tables, by kind and key (``series``, ``place``, …)
=======  ==============================================================================

Objects (frozen dataclasses of :data:`CLASSES`, and nothing else) are written once each, in
``objects``, as ``[class name, {field: value}]``, after the objects they hold; decoding builds
them in that order with their class's own constructor. A name that is not in :data:`CLASSES` is
damage (:class:`ValueError`), not a class to look up.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from timeline.edtf import Mod, Point, Precision, When
from timeline.errors import Problem
from timeline.load import Record
from timeline.model import (
    Author,
    Citation,
    Config,
    Country,
    Dataset,
    Delegation,
    Event,
    FullText,
    Place,
    Series,
    Source,
    Status,
)

CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (Author, Citation, Config, Country, Dataset, Delegation, Event, FullText, Place, Series, Source,
                Problem, Point, Record, When)
}  # fmt: skip
ENUMS: dict[str, type[enum.Enum]] = {cls.__name__: cls for cls in (Status, Mod, Precision)}

External = Callable[[object], tuple[str, str] | None]
"""Tells which objects to write by reference to the current tables: (kind, key), or None."""


class Encoder:
    def __init__(self, external: External | None = None) -> None:
        self.objects: list[Any] = []
        self.index: dict[int, int] = {}
        self.keep: list[object] = []  # the objects indexed, so that no id is reused while encoding
        self.external = external

    def value(self, v: Any) -> Any:
        if isinstance(v, enum.Enum):  # first: a StrEnum is a str too
            return ["E", [type(v).__name__, v.value]]
        if v is None or isinstance(v, bool | int | float | str):
            return v
        if isinstance(v, list):
            return ["L", [self.value(x) for x in v]]
        if isinstance(v, tuple):
            return ["T", [self.value(x) for x in v]]
        if isinstance(v, dict):
            return ["D", [[self.value(k), self.value(x)] for k, x in v.items()]]
        if isinstance(v, datetime):
            return ["dt", v.isoformat()]
        if isinstance(v, date):
            return ["da", v.isoformat()]
        if isinstance(v, time):
            return ["ti", v.isoformat()]
        if isinstance(v, Path):
            return ["P", v.as_posix()]
        if type(v).__name__ in CLASSES and CLASSES[type(v).__name__] is type(v):
            return self.object(v)
        raise TypeError(f"the build cache cannot store a {type(v).__name__}")

    def object(self, v: Any) -> Any:
        if self.external is not None and (ref := self.external(v)) is not None:
            return ["X", list(ref)]
        found = self.index.get(id(v))
        if found is None:
            fields = {f.name: self.value(getattr(v, f.name)) for f in dataclasses.fields(v) if f.init}
            found = len(self.objects)
            self.objects.append([type(v).__name__, fields])
            self.index[id(v)] = found
            self.keep.append(v)
        return ["O", found]


def dumps(value: Any, external: External | None = None) -> bytes:
    """``value`` as JSON (see the module's docstring); raises TypeError for what it cannot store."""
    enc = Encoder(external)
    root = enc.value(value)
    return json.dumps({"objects": enc.objects, "root": root}, ensure_ascii=False, separators=(",", ":")).encode()


class Decoder:
    def __init__(self, objects: list[Any], tables: Mapping[str, Mapping[str, object]]) -> None:
        self.built: list[object] = []
        self.tables = tables
        for item in objects:
            name, fields = item
            cls = CLASSES.get(name)
            if cls is None or not isinstance(fields, dict):
                raise ValueError(f"not a stored object: {name!r}")
            self.built.append(cls(**{str(k): self.value(x) for k, x in fields.items()}))

    def value(self, v: Any) -> Any:
        if not isinstance(v, list):
            if v is None or isinstance(v, bool | int | float | str):
                return v
            raise ValueError(f"not a stored value: {v!r}")
        tag, payload = v
        if tag == "L":
            return [self.value(x) for x in payload]
        if tag == "T":
            return tuple(self.value(x) for x in payload)
        if tag == "D":
            return {self.value(k): self.value(x) for k, x in payload}
        if tag == "O":
            return self.built[payload]
        if tag == "X":
            kind, key = payload
            return self.tables[kind][key]
        if tag == "E":
            name, raw = payload
            return ENUMS[name](raw)
        if tag == "dt":
            return datetime.fromisoformat(payload)
        if tag == "da":
            return date.fromisoformat(payload)
        if tag == "ti":
            return time.fromisoformat(payload)
        if tag == "P":
            return Path(payload)
        raise ValueError(f"not a stored value: {tag!r}")


def loads(blob: bytes, tables: Mapping[str, Mapping[str, object]] | None = None) -> Any:
    """The value :func:`dumps` wrote; ``tables`` resolves its references to current objects.

    Raises ValueError (or KeyError, TypeError, IndexError) on damage: the caller ignores the entry.
    """
    data = json.loads(blob)
    if not isinstance(data, dict):
        raise ValueError("not a stored value")
    return Decoder(data["objects"], tables or {}).value(data["root"])
