"""Typed errors that say where: file, line, field and the offending value.

The core raises these; only :mod:`timeline.cli` turns them into messages and exit codes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ExitCode(enum.IntEnum):
    """Process exit codes, in one place (as httpie does)."""

    OK = 0
    BAD_DATA = 1
    USAGE = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as the input allows."""

    path: str
    line: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        message = f"warning: {self.message}" if self.warning else self.message
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"


def quote(value: object, limit: int = 80) -> str:
    """Render a bad value for an error message, shortened so one line stays readable."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


class TimelineError(Exception):
    """Base class of every error the core raises on purpose."""


class DataError(TimelineError):
    """The data in ``data/`` is invalid; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class OutputError(TimelineError):
    """The writer was asked to write somewhere it must not."""
