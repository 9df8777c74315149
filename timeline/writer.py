"""The one module that writes published files: atomically, and only when the bytes change."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from timeline.errors import OutputError

# What a build may delete from the output folder when it no longer produces it.
GENERATED_SUFFIXES = (".ics", ".xml", ".rss", ".json", ".html")


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _target(root: Path, name: str) -> Path:
    target = (root / name).resolve()
    if not target.is_relative_to(root.resolve()) or target == root.resolve():
        raise OutputError(f"refusing to write {name!r}: it is outside {root}")
    return target


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename; False if already equal."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def orphans(root: Path, files: dict[str, bytes]) -> list[str]:
    """Generated-looking files under ``root`` that the build no longer produces."""
    if not root.is_dir():
        return []
    keep = set(files)
    found = (p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.suffix in GENERATED_SUFFIXES)
    return sorted(name for name in found if name not in keep)


def compare(root: Path, files: dict[str, bytes]) -> Report:
    """What :func:`write` would do, without doing it (for ``build --check``)."""
    report = Report()
    for name in sorted(files):
        target = _target(root, name)
        same = target.is_file() and target.read_bytes() == files[name]
        (report.unchanged if same else report.written).append(name)
    report.removed = orphans(root, files)
    return report


def write(root: Path, files: dict[str, bytes]) -> Report:
    report = Report()
    targets = {name: _target(root, name) for name in sorted(files)}  # refuse before writing anything
    for name, target in targets.items():
        (report.written if write_atomic(target, files[name]) else report.unchanged).append(name)
    for name in orphans(root, files):
        _target(root, name).unlink()
        report.removed.append(name)
    return report
