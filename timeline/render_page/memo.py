"""What the pages of every language take from the same events, made once per build (see :func:`shared`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from timeline.model import Event

T = TypeVar("T")

_KEPT: dict[str, tuple[Sequence[Event], object, Any]] = {}
"""Per name, the last value :func:`shared` made, with the events and argument it was made of."""


def shared(name: str, events: Sequence[Event], arg: object, make: Callable[[], T]) -> T:
    """``make()``, which depends on ``events`` and ``arg`` alone, made once for the pages of every
    language: the same ``events`` object (a tuple of frozen events) and the same or an equal ``arg``
    give the value made last (each entry is replaced whole: safe when threads share it). Callers never
    change what it gives."""
    if not isinstance(events, tuple):
        return make()
    found = _KEPT.get(name)
    if found is not None and found[0] is events and (found[1] is arg or found[1] == arg):
        return found[2]  # type: ignore[no-any-return]
    value = make()
    _KEPT[name] = (events, arg, value)
    return value
