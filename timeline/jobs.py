"""Independent files rendered and written by several processes (``timeline build --jobs N``).

The workers are forked from the build once everything is validated and planned, so they
inherit the plan (the dataset, the ledger, how to make each file) instead of being sent it;
each gets a share of the file names and sends back only what it did with each (written or
not, and how the build cache is to remember it). Where ``fork`` is not available, or there are
too few files for the forks to pay, everything runs in this process. The bytes never depend on
how many processes made them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

from timeline.errors import FileFault

R = TypeVar("R")

PER_WORKER = 200
"""The fewest files worth a worker process (forking one costs about as much as rendering 50 pages)."""
SHARES_PER_WORKER = 4
"""Files are handed out in this many shares per worker, so that one slow share does not hold the rest."""

_TASK: list[Callable[[str], Any]] = []


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _share(names: list[str]) -> list[tuple[str, Any]] | tuple[str, int | None, str]:
    """Run the inherited task on each name (in a worker); a file fault comes back as its parts
    (the exception itself does not survive pickling)."""
    task = _TASK[0]
    try:
        return [(name, task(name)) for name in names]
    except FileFault as fault:
        return (fault.path, fault.errno, os.strerror(fault.errno) if fault.errno else str(fault))


def map_names(task: Callable[[str], R], names: list[str], jobs: int) -> dict[str, R]:
    """``task(name)`` for every name, by up to ``jobs`` forked processes; by name."""
    import multiprocessing  # noqa: PLC0415 - not on the no-op build's path (it imports the writer)
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    workers = min(jobs, len(names) // PER_WORKER)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():  # noqa: PLR2004 - one is this process
        return {name: task(name) for name in names}
    count = workers * SHARES_PER_WORKER
    shares = [names[i::count] for i in range(count)]
    _TASK[:] = [task]
    out: dict[str, R] = {}
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for result in pool.map(_share, shares):
                if isinstance(result, tuple):
                    path, number, cause = result
                    raise FileFault(path, OSError(number, cause))
                out.update(result)
    finally:
        _TASK.clear()
    return out
