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

import contextlib
import functools
import hashlib
import itertools
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from timeline import jobs as jobs_mod
from timeline.buildcache import BuildCache, Seen, seen_now
from timeline.errors import BusyError, FileFault, OutputError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock (the rest still holds)
    fcntl = None  # type: ignore[assignment]

_FCHMOD = hasattr(os, "fchmod")

MANIFEST = ".timeline-manifest"
_HEADER = (
    "# Files written by `timeline build` into this folder, one per line. Only these are ever\n"
    "# removed by a later build; everything else here is left alone. Do not edit.\n"
)
# Markers of a folder that holds a project rather than its published output.
_PROJECT_MARKERS = ("pyproject.toml", ".git", "timeline.yaml")


@dataclass(frozen=True)
class Output:
    """A published file not rendered yet: the key of everything it is made of, and how to make it.

    Two outputs with the same key have the same bytes, so a file whose key the build cache
    recorded together with the file as it still is on disk is neither rendered nor read.
    An empty key is never looked up.
    """

    key: str
    make: Callable[[], bytes]
    parallel: bool = True
    """Whether a worker process may make it (not if making it keeps pieces in the build cache,
    which only the build's own process writes to)."""
    check: Callable[[], object] | None = None
    """All that ``make`` could fail on, without making the bytes (for ``timeline check``, which keeps
    none): a calendar's head and the VEVENTs the build cache does not hold, say, not their join."""


Files = Mapping[str, Output] | Mapping[str, bytes]


def _outputs(files: Files) -> dict[str, Output]:
    return {
        name: value if isinstance(value, Output) else Output("", functools.partial(bytes, value))
        for name, value in files.items()
    }


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    manifest_stale: bool = False


# How long a second build waits for the first before it gives up.
LOCK_WAIT = float(os.environ.get("TIMELINE_LOCK_WAIT", "10"))
# Temporary files of write_atomic: ".<name>.<8 random characters of mkstemp>.tmp".
_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def _target(root: Path, name: str) -> Path:
    """``root / name``, refusing names that could leave the folder. Never follows a symlink:
    a link at ``name`` (or at a folder on the way) is replaced, not written through."""
    pure = PurePosixPath(name)
    if not name or pure.is_absolute() or ".." in pure.parts or "\\" in name or pure.as_posix() in ("", "."):
        raise OutputError(f"refusing to write {name!r}: it is outside {root}")
    return root.joinpath(*pure.parts)


def _where(root: str, name: str, base: Path) -> str:
    """:func:`_target` as a string (``root`` is ``base`` as one): a name already in normal form
    (what the build makes) is checked without a Path of its own (a Path per file cost more than the rest)."""
    if name and "\\" not in name and all(part and part not in (".", "..") for part in name.split("/")):
        return f"{root}/{name}"
    return str(_target(base, name))


def _fault(path: Path, exc: OSError) -> FileFault:
    return FileFault(path.as_posix(), exc)


def _real_folder(root: Path, folder: Path) -> None:
    """Make every folder from ``root`` down to ``folder`` a real folder (a symlink on the way is
    replaced by a folder, so nothing is ever written where a link points)."""
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            raise _fault(current, exc) from exc
        try:
            if mode is not None and stat.S_ISLNK(mode):
                os.unlink(current)
                mode = None
            if mode is None:
                os.mkdir(current)
            elif not stat.S_ISDIR(mode):
                raise FileFault(current.as_posix(), NotADirectoryError(20, "Not a directory"))
        except OSError as exc:
            raise _fault(current, exc) from exc


def _same(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a plain file (not a link) holding exactly ``data``."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _fault(path, exc) from exc
    if stat.S_ISDIR(info.st_mode):
        raise FileFault(path.as_posix(), IsADirectoryError(21, "Is a directory"))
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError as exc:
        raise _fault(path, exc) from exc


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_TEMP_NUMBERS = itertools.count()


def _temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, ``.NAME.XXXXXXXX.tmp`` (as :func:`tempfile.mkstemp` would
    name it, without its per-call setup): eight hex digits from the process id and a counter."""
    for _ in range(100):
        number = (os.getpid() << 20 | next(_TEMP_NUMBERS)) % 16**8
        tmp = os.path.join(path.parent, f".{path.name}.{number:08x}.tmp")
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o600), tmp
        except FileExistsError:
            continue  # left by a killed build: take the next name (the next build cleans it up)
        except OSError as exc:
            raise _fault(path, exc) from exc
    raise _fault(path, FileExistsError(17, "File exists"))


def write_atomic(
    path: Path, data: bytes, root: Path | None = None, *, durable: bool = True, real: set[Path] | None = None
) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename; False if already equal.

    A symlink at ``path`` is replaced by the file, never written through; with ``root``, so is
    one at any folder between ``root`` and ``path``. Every OSError becomes a :class:`FileFault`.
    ``durable`` False leaves the fsync to the caller (one ``os.sync`` after many files).
    ``real`` holds the folders already made real during this (locked) build, not looked at again.
    """
    if _same(path, data):
        return False
    if root is not None:
        if real is None or path.parent not in real:
            _real_folder(root, path.parent)
            if real is not None:
                real.add(path.parent)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fault(path.parent, exc) from exc
    fd, tmp = _temporary(path)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
            if _FCHMOD:
                os.fchmod(fd, 0o644)
        finally:
            os.close(fd)
        if not _FCHMOD:  # pragma: no cover - not POSIX
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _fault(path, exc) from exc
        raise
    return True


def clean_temporary(folder: Path, prefix: str = "") -> list[str]:
    """Remove the temporary files a killed build left in ``folder`` (only ``.NAME.XXXXXXXX.tmp``
    files whose name starts with ``.prefix``); the names removed."""
    removed = []
    try:
        names = os.listdir(folder)  # names only (a folder of 100,000 pages): the few candidates are looked at
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise _fault(folder, exc) from exc
    for name in names:
        if not (name.endswith(".tmp") and _TEMP.fullmatch(name) and name.startswith(f".{prefix}")):
            continue
        path = os.path.join(folder, name)
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            os.unlink(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise _fault(Path(path), exc) from exc
        removed.append(name)
    return removed


@contextlib.contextmanager
def locked(folder: Path, wait: float | None = None, *, create: bool = True) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (created if missing, with ``create``) for the duration.

    The lock is ``flock`` on the folder itself, so no lock file is left behind and a killed
    build releases it. A second build waits up to ``wait`` seconds, then raises BusyError.
    """
    wait = LOCK_WAIT if wait is None else wait
    if not create and not folder.is_dir():
        yield  # nothing there to protect (the caller reports the missing folder)
        return
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise _fault(folder, exc) from exc
    try:
        if fcntl is not None:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise BusyError(
                            f"another build is running in {folder.as_posix()} (waited {wait:g} s); "
                            "try again when it has finished"
                        ) from None
                    time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def manifest_bytes(names: set[str] | list[str]) -> bytes:
    return (_HEADER + "".join(f"{name}\n" for name in sorted(names))).encode("utf-8")


def read_manifest(root: Path) -> set[str] | None:
    """The files an earlier build recorded in ``root``; None when there is no manifest.

    Lines that could name something outside the folder (absolute, ``..``) are ignored: the
    manifest is a list of what may be removed, so it is read as narrowly as possible.
    """
    path = root / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _fault(path, exc) from exc
    if _MANIFESTS and _MANIFESTS[0][0] == text:
        return set(_MANIFESTS[0][1])  # the very text read a moment ago (a build reads it before and while writing)
    names = _manifest_names(text)
    _MANIFESTS[:] = [(text, frozenset(names))]
    return names


_MANIFESTS: list[tuple[str, frozenset[str]]] = []
"""The last manifest text read, and its names."""


def _manifest_names(text: str) -> set[str]:
    names = set()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "\\" in line or line == MANIFEST:
            continue
        parts = line.split("/")
        if all(part and part not in (".", "..") for part in parts):
            names.add(line)  # already in normal form (what the build writes): no PurePosixPath per line
            continue
        pure = PurePosixPath(line)
        if pure.is_absolute() or ".." in pure.parts or pure.as_posix() == MANIFEST:
            continue
        names.add(pure.as_posix())
    return names


def guard(root: Path, data_dir: Path | None = None, *, adopt: bool = False) -> set[str]:
    """Refuse output folders that are not the build's to manage; return the manifest's names.

    Raises :class:`OutputError` with what to do instead.
    """
    resolved = refuse(root, data_dir)
    names = read_manifest(root)
    if names is not None:
        return names
    # (temporary files do not count: another build may be writing its first files right now)
    if resolved.is_dir() and any(not _TEMP.fullmatch(p.name) for p in resolved.iterdir()) and not adopt:
        raise OutputError(
            f"refusing to publish into {root}: it is not empty and has no {MANIFEST}, so timeline did not "
            f"write it; use an empty or new folder, or pass --adopt to take it over (the build then "
            f"overwrites the files it generates there and never removes any other file)"
        )
    return set()


def refuse(root: Path, data_dir: Path | None = None) -> Path:
    """The part of :func:`guard` that needs no manifest: refuse folders that can never be output
    folders (``/``, the home folder, a project, anything holding or inside the data folder); the
    folder, resolved. (The no-op build checks the manifest by its stat instead of reading it.)"""
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
    return resolved


def _real_path(root: Path, folder: Path) -> bool:
    """Whether every folder from ``root`` down to ``folder`` exists and is a real folder."""
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        try:
            if not stat.S_ISDIR(os.lstat(current).st_mode):
                return False
        except OSError:
            return False
    return True


def _removable(root: Path, name: str) -> bool:
    """A recorded file that is still a plain file inside ``root``, reached through real folders
    only (a symlinked folder on the way could lead anywhere)."""
    try:
        path = _target(root, name)
    except OutputError:
        return False
    if not _real_path(root, path.parent):
        return False
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def order(names: set[str] | list[str]) -> list[str]:
    """The order files are put in place: what others link to (per-event calendars, calendars,
    feeds) before the pages that link to them, so a reader never meets a dangling link.

    The same order as sorting by (is a page, is not under ``events/``, name), in four groups each
    sorted by name alone: a key tuple per name costs more than the sort at tens of thousands of files."""
    groups: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])
    for name in names:
        groups[name.endswith(".html") * 2 + (not name.startswith("events/"))].append(name)
    return [name for group in groups for name in sorted(group)]


def _settled(cache: BuildCache | None, seen: dict[str, Seen], name: str, target: Path | str, output: Output) -> bool:
    """Whether the cache saw this very file on disk, made from the same inputs."""
    if cache is None or not output.key or name not in seen:
        return False
    was = seen[name]
    return was.key == output.key and seen_now(target) == (was.size, was.mtime_ns, was.inode)


def _all_settled(
    cache: BuildCache | None, seen: dict[str, Seen], targets: dict[str, str], outputs: Mapping[str, Output]
) -> set[str]:
    """The names of ``targets`` that are :func:`_settled`, each looked at once (one ``lstat`` a file
    whose key the cache holds, in one loop: a function call per file cost as much at 30,000 files)."""
    out: set[str] = set()
    if cache is None:
        return out
    lstat, regular = os.lstat, stat.S_ISREG
    for name, target in targets.items():
        was = seen.get(name)
        if was is None:
            continue
        key = outputs[name].key
        if not key or was.key != key:
            continue
        try:
            info = lstat(target)
        except OSError:
            continue
        if (
            regular(info.st_mode)
            and info.st_size == was.size
            and info.st_mtime_ns == was.mtime_ns
            and info.st_ino == was.inode
        ):
            out.add(name)
    return out


def _record(seen: dict[str, Seen], name: str, target: Path | str, key: str, sha: str) -> None:
    now = seen_now(target)
    if now is not None and key:
        seen[name] = Seen(key, now[0], now[1], now[2], sha)


def compare(
    root: Path, files: Files, data_dir: Path | None = None, *, adopt: bool = False, cache: BuildCache | None = None
) -> Report:
    """What :func:`write` would do, without doing it (for ``build --check``)."""
    recorded = guard(root, data_dir, adopt=adopt)
    outputs = _outputs(files)
    report = Report()
    seen = cache.outputs(root) if cache is not None else {}
    fresh: dict[str, Seen] = {}
    where = str(root)
    for name in sorted(outputs):
        target, output = _where(where, name, root), outputs[name]
        if _settled(cache, seen, name, target, output):
            report.unchanged.append(name)
            fresh[name] = seen[name]
            continue
        data = output.make()
        try:
            same = _same(Path(target), data)
        except FileFault:
            same = False
        (report.unchanged if same else report.written).append(name)
        if same:
            _record(fresh, name, target, output.key, hashlib.sha256(data).hexdigest())
    report.removed = sorted(name for name in recorded - outputs.keys() if _removable(root, name))
    try:
        report.manifest_stale = not _same(root / MANIFEST, manifest_bytes(set(outputs)))
    except FileFault:
        report.manifest_stale = True
    if cache is not None and not report.written:
        cache.keep_outputs(root, fresh)
    return report


def folders(root: Path, names: Iterable[str]) -> list[Path]:
    """The folders the build writes in: ``root`` and those of the files it names."""
    parents = {name.rpartition("/")[0] for name in names}  # strings: a Path per name costs more than the scan
    return sorted({root} | {root / parent for parent in parents if parent})


def clean_folders(root: Path, names: Iterable[str]) -> None:
    """Remove the temporary files a killed build left where it writes ``names``."""
    for folder in folders(root, names):
        if _real_path(root, folder):
            clean_temporary(folder)


def _put(
    root: Path, name: str, target: str, output: Output, seen: dict[str, Seen], real: set[Path], settled: bool
) -> tuple[bool, Seen | None]:  # fmt: skip
    """Put one file in place (rendered only if the cache vouches not for it, ``settled`` being
    :func:`_settled` of it): whether it was written, and how the cache is to remember it."""
    if settled:
        return False, seen[name]
    data = output.make()
    sha = hashlib.sha256(data).hexdigest()
    was = seen.get(name)
    if was is not None and was.sha == sha and seen_now(target) == (was.size, was.mtime_ns, was.inode):
        changed = False  # the same bytes as the file the cache saw: not read
    else:
        changed = write_atomic(Path(target), data, root, durable=False, real=real)
    now = seen_now(target)
    return changed, (Seen(output.key, now[0], now[1], now[2], sha) if now is not None and output.key else None)


def write(
    root: Path,
    files: Files,
    data_dir: Path | None = None,
    *,
    adopt: bool = False,
    cache: BuildCache | None = None,
    jobs: int = 1,
) -> Report:
    """Put ``files`` in place under ``root``; remove the recorded files no longer produced.

    The caller holds :func:`locked` on ``root``. Temporary files a killed build left in the
    folders it writes are removed first. With ``cache``, a file whose inputs did not change
    and that is still as the cache saw it is neither rendered nor read; outputs are rendered
    one at a time, so their bytes are never all in memory at once. With ``jobs`` over 1, the
    pages (which nothing else links to) are rendered and written by that many processes once
    every other file is in place (see :mod:`timeline.jobs`); the bytes are the same.
    """
    recorded = guard(root, data_dir, adopt=adopt)
    outputs = _outputs(files)
    report = Report()
    where = str(root)
    targets = {name: _where(where, name, root) for name in order(set(outputs))}  # refuse before writing anything
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fault(root, exc) from exc
    clean_folders(root, recorded | outputs.keys())
    seen = cache.outputs(root) if cache is not None else {}
    fresh: dict[str, Seen] = {}
    real: set[Path] = set()
    # Record every file before it is created, so that a build killed half-way still owns
    # (and can later remove) whatever it left behind.
    produced = set(outputs)
    listed = manifest_bytes(recorded | produced)
    write_atomic(root / MANIFEST, listed, root)
    # Which files the cache vouches for, each looked at once, before any is put in place (the
    # build writes none of those, so what it finds holds until then).
    settled = _all_settled(cache, seen, targets, outputs)
    # Only pages that need making are handed to workers (after one edit: a few, made here); the
    # pages they do not make come after theirs.
    pages = [
        name
        for name in targets
        if jobs > 1 and name.endswith(".html") and outputs[name].parallel and name not in settled
    ]
    parallel = set(pages)
    alone = [name for name in targets if not name.endswith(".html")]
    last = [name for name in targets if name.endswith(".html") and name not in parallel]

    def put(name: str) -> tuple[bool, Seen | None]:
        return _put(root, name, targets[name], outputs[name], seen, real, name in settled)

    def settle(name: str, changed: bool, record: Seen | None) -> None:
        (report.written if changed else report.unchanged).append(name)
        if record is not None:
            fresh[name] = record

    unchanged = report.unchanged
    done_all = False  # every file put in place, the stale ones removed, the manifest written
    try:
        for name in alone if jobs > 1 else list(targets):
            if name in settled:  # (what _put would say of it, without a call per file)
                unchanged.append(name)
                fresh[name] = seen[name]
                continue
            settle(name, *put(name))
        if jobs > 1 and pages:
            for folder in folders(root, pages):  # made here, so that no two workers race to make one
                _real_folder(root, folder)
                real.add(folder)
            done = jobs_mod.map_names(put, pages, jobs)
            for name in pages:
                settle(name, *done[name])
        for name in last if jobs > 1 else ():
            if name in settled:
                unchanged.append(name)
                fresh[name] = seen[name]
                continue
            settle(name, *put(name))
        for name in sorted(recorded - outputs.keys()):
            if _removable(root, name):
                try:
                    os.unlink(root / name)
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    raise _fault(root / name, exc) from exc
                report.removed.append(name)
        if report.written or report.removed:
            os.sync()  # the files on disk before the manifest (and then the ledger) say they are there
        manifest = listed if recorded <= produced else manifest_bytes(produced)
        write_atomic(root / MANIFEST, manifest, root)
        if cache is not None:
            _record(fresh, MANIFEST, root / MANIFEST, "manifest", hashlib.sha256(manifest).hexdigest())
        done_all = True
    finally:
        if cache is not None:  # (once: what a build killed half-way put in place is kept too)
            cache.keep_outputs(
                root, fresh if done_all else {**{n: s for n, s in seen.items() if n in outputs}, **fresh}
            )
    return report
