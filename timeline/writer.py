"""The one module that writes published files: atomically, only when the bytes change, and
only ever removing files that an earlier build recorded as its own.

Each output folder keeps a manifest (``.timeline-manifest``): the files the last build wrote.
A file the build no longer produces is removed only if the manifest lists it, so a file the
build never wrote (a README beside the feeds, a folder's other contents after a mistyped
``--out``) is never touched. A folder that is not empty and has no manifest is refused unless
the caller adopts it, and folders that cannot be output folders (``/``, the home folder, a
project root, anything holding the data folder) are refused outright.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from timeline.errors import OutputError

MANIFEST = ".timeline-manifest"
_HEADER = (
    "# Files written by `timeline build` into this folder, one per line. Only these are ever\n"
    "# removed by a later build; everything else here is left alone. Do not edit.\n"
)
# Markers of a folder that holds a project rather than its published output.
_PROJECT_MARKERS = ("pyproject.toml", ".git", "timeline.yaml")


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    manifest_stale: bool = False


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


def manifest_bytes(names: set[str] | list[str]) -> bytes:
    return (_HEADER + "".join(f"{name}\n" for name in sorted(names))).encode("utf-8")


def read_manifest(root: Path) -> set[str] | None:
    """The files an earlier build recorded in ``root``; None when there is no manifest.

    Lines that could name something outside the folder (absolute, ``..``) are ignored: the
    manifest is a list of what may be removed, so it is read as narrowly as possible.
    """
    path = root / MANIFEST
    if not path.is_file():
        return None
    names = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        pure = PurePosixPath(line)
        if pure.is_absolute() or ".." in pure.parts or "\\" in line or line == MANIFEST:
            continue
        names.add(pure.as_posix())
    return names


def guard(root: Path, data_dir: Path | None = None, *, adopt: bool = False) -> set[str]:
    """Refuse output folders that are not the build's to manage; return the manifest's names.

    Raises :class:`OutputError` with what to do instead.
    """
    resolved = root.resolve()
    home = Path.home().resolve()
    if resolved == Path(resolved.anchor) or resolved == home:
        raise OutputError(f"refusing to publish into {root}: choose a folder of its own, such as feeds/")
    if data_dir is not None:
        data = data_dir.resolve()
        if data == resolved or data.is_relative_to(resolved):
            raise OutputError(
                f"refusing to publish into {root}: it holds the data folder {data_dir}; choose a folder of its own, such as feeds/"
            )
        if resolved.is_relative_to(data):
            raise OutputError(f"refusing to publish into {root}: it is inside the data folder {data_dir}")
    if (resolved / "data").is_dir():
        raise OutputError(f"refusing to publish into {root}: it contains a data/ folder; choose a folder of its own")
    marker = next((m for m in _PROJECT_MARKERS if (resolved / m).exists()), None)
    if marker is not None:
        raise OutputError(f"refusing to publish into {root}: it holds {marker}, so it looks like a project, not output")
    names = read_manifest(root)
    if names is not None:
        return names
    if resolved.is_dir() and any(resolved.iterdir()) and not adopt:
        raise OutputError(
            f"refusing to publish into {root}: it is not empty and has no {MANIFEST}, so timeline did not "
            f"write it; use an empty or new folder, or pass --adopt to take it over (the build then "
            f"overwrites the files it generates there and never removes any other file)"
        )
    return set()


def _removable(root: Path, name: str) -> bool:
    """A recorded file that is still a plain file inside ``root`` (never follow a symlink)."""
    path = root / name
    try:
        _target(root, name)
    except OutputError:
        return False
    return path.is_file() and not path.is_symlink()


def compare(root: Path, files: dict[str, bytes], data_dir: Path | None = None, *, adopt: bool = False) -> Report:
    """What :func:`write` would do, without doing it (for ``build --check``)."""
    recorded = guard(root, data_dir, adopt=adopt)
    report = Report()
    for name in sorted(files):
        target = _target(root, name)
        same = target.is_file() and target.read_bytes() == files[name]
        (report.unchanged if same else report.written).append(name)
    report.removed = sorted(name for name in recorded - files.keys() if _removable(root, name))
    manifest = root / MANIFEST
    report.manifest_stale = not manifest.is_file() or manifest.read_bytes() != manifest_bytes(set(files))
    return report


def write(root: Path, files: dict[str, bytes], data_dir: Path | None = None, *, adopt: bool = False) -> Report:
    recorded = guard(root, data_dir, adopt=adopt)
    report = Report()
    targets = {name: _target(root, name) for name in sorted(files)}  # refuse before writing anything
    root.mkdir(parents=True, exist_ok=True)
    # Record every file before it is created, so that a build killed half-way still owns
    # (and can later remove) whatever it left behind.
    write_atomic(root / MANIFEST, manifest_bytes(recorded | files.keys()))
    for name, target in targets.items():
        (report.written if write_atomic(target, files[name]) else report.unchanged).append(name)
    for name in sorted(recorded - files.keys()):
        if _removable(root, name):
            (root / name).unlink()
            report.removed.append(name)
    write_atomic(root / MANIFEST, manifest_bytes(set(files)))
    return report
