"""Typed errors that say where: file, line, field and the offending value.

The core raises these; only :mod:`timeline.cli` turns them into messages and exit codes.
"""

from __future__ import annotations

import enum
import errno
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


class BusyError(TimelineError):
    """Another build holds the output folder (or the data folder's ledger)."""


class FileFault(TimelineError):
    """The file system refused a read or a write: names the file and the cause, in one line."""

    def __init__(self, path: str, exc: OSError) -> None:
        self.path = path
        self.errno = exc.errno
        super().__init__(f"{path}: {os_cause(exc)}")


_CAUSES = {
    errno.ENOSPC: "the disk is full; free some space and build again",
    errno.EDQUOT: "the disk quota is exhausted; free some space and build again",
    errno.EROFS: "the file system is read-only; build into a writable folder",
    errno.EACCES: "permission denied; make the folder writable (or build elsewhere with --out)",
    errno.EPERM: "operation not permitted; make the folder writable (or build elsewhere with --out)",
    errno.EISDIR: "a folder is in the way of a file; remove or rename that folder",
    errno.ENOTDIR: "a file is in the way of a folder; remove or rename that file",
    errno.ENOTEMPTY: "a folder is in the way of a file; remove or rename that folder",
    errno.EEXIST: "something is in the way; remove or rename it",
    errno.ENAMETOOLONG: "the file name is too long for this file system",
    errno.ENOENT: "no such file or folder",
    errno.EIO: "input/output error (a failing disk?)",
}


def os_cause(exc: OSError) -> str:
    """What an OSError means for the person running the build, in a few words."""
    if exc.errno in _CAUSES:
        return _CAUSES[exc.errno]
    return exc.strerror or type(exc).__name__
