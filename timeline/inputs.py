"""What the build reads, and which of it changed: the hash of every input file, trusted from the
file's stat where stat cannot lie.

Hashing every input is what an unchanged timeline of 10,000 events spends its no-op on, so the
build cache (:class:`timeline.buildcache.BuildCache`) keeps, per input file, its size,
``mtime_ns``, inode, ``ctime_ns`` and device, the SHA-256 of its bytes, and when that hash was
taken. A file is hashed again unless all of the following hold — the rule, since a stat can lie:

- it is a regular file, not a symlink (a symlink can be pointed elsewhere, at a file with the
  same stat);
- its size, ``mtime_ns``, inode, ``ctime_ns`` and device are those recorded: a write changes
  ``mtime`` and ``ctime``, and ``ctime`` cannot be set back from user space (``touch -d`` and
  ``os.utime`` restore ``mtime`` only, and stamp ``ctime`` with the clock); a file replaced by
  rename (editors, ``git checkout``, ``rsync``) has another inode;
- its ``mtime`` and ``ctime`` are at least :data:`MARGIN_NS` older than the moment its hash was
  taken: a file written in the same clock tick as it was hashed ("racy", as git calls it: a file
  system keeps times to 1 or 2 seconds on some mounts, and a second write in that tick would
  leave every field the same) is hashed again until it is older than that.

What is trusted is only which bytes a file holds: every key is made of the hashes, never of the
stat, so a file whose stat changed but whose bytes did not (a ``git checkout`` touches mtimes, a
``touch``) hashes to the same key, and the build stays a no-op. Clocks that jump back by more
than the margin, and file systems that do not keep ``mtime``/``ctime`` at all, are outside the
rule; ``TIMELINE_REHASH=1`` hashes every file again.
"""

from __future__ import annotations

import array
import hashlib
import itertools
import os
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from timeline.buildcache import BuildCache

MARGIN_NS = 2_000_000_000
"""How much older than its hash a file's mtime and ctime must be before its stat is trusted."""
READ_LIMIT = 20_000_001
"""Inputs are keyed by at most this many bytes: normalise refuses any larger file (a data file
over 2 MB, an article text over 20 MB) whatever follows, so the rest cannot change the result."""
# Files of the data folder that are not inputs: the ledger is read (and keyed) on its own.
NOT_INPUTS = ("timeline.lock", ".timeline.lock.pending")

Stat = tuple[int, int, int, int, int]
"""(size, mtime_ns, inode, ctime_ns, device)."""


def read_at_most(handle: BinaryIO, size: int, limit: int) -> bytes:
    """``handle.read(limit)``, without making a buffer of ``limit`` bytes for a file of ``size``
    (its stat): at 20 MB a read, that allocation was most of the cost of reading a data file."""
    want = min(limit, max(size, 0) + 1)
    body = handle.read(want)
    if len(body) == want and want < limit:  # the file grew since its stat
        body += handle.read(limit - want)
    return body


def read_input(path: Path | str, limit: int | None = None) -> bytes:
    """The bytes of ``path`` (at most ``limit``), or a marker if it is not a regular file: a FIFO
    or a device behind a symlink is never read (it would block, or never end). Raises OSError."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return f"not a regular file {stat.S_IFMT(info.st_mode)}".encode()
        body = handle.read() if limit is None else read_at_most(handle, info.st_size, limit)
        return body + f"\0size {info.st_size}".encode() if limit is not None and len(body) >= limit else body


def files(folder: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(name relative to ``folder``, entry) of its files in no fixed order, links not followed."""
    stack = [("", folder)]
    while stack:
        prefix, current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((f"{prefix}{entry.name}/", entry.path))
            elif entry.is_file(follow_symlinks=False) or entry.is_symlink():
                yield f"{prefix}{entry.name}", entry


def _stat(entry: os.DirEntry[str]) -> Stat | None:
    """The stat a regular, non-link file is trusted by; None for anything else (always read)."""
    if entry.is_symlink():
        return None
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns, info.st_dev


def packed(rows: Iterable[tuple[int, ...]]) -> bytes:
    """Rows of integers as bytes, one to one (as 64-bit words; any that does not fit: as text)."""
    rows = list(rows)
    try:
        return array.array("q", itertools.chain.from_iterable(rows)).tobytes()
    except OverflowError:  # an inode or device number over 2**63 (some network or overlay file systems)
        return repr(rows).encode()


def _walk(folder: str, data: bool) -> tuple[list[str], list[str]]:
    """(names relative to ``folder``, paths) of its files (the ledger and temporary files left
    out of the ``data`` folder), in the order the folders list them, links not followed."""
    names, paths = [], []
    for name, entry in files(folder):
        if data and (name in NOT_INPUTS or name.endswith(".tmp")):
            continue
        names.append(name)
        paths.append(entry.path)
    return names, paths


def _stats(paths: list[str]) -> list[Stat | None]:
    """The stat each file is trusted by (None: not a regular file, or gone), one ``lstat`` each."""
    try:
        infos = list(map(os.lstat, paths))
    except OSError:  # one vanished meanwhile: one at a time
        return [path_stat(path) for path in paths]
    regular = stat.S_ISREG
    return [
        (i.st_size, i.st_mtime_ns, i.st_ino, i.st_ctime_ns, i.st_dev) if regular(i.st_mode) else None for i in infos
    ]


def file_hash(path: Path | str) -> tuple[int, str]:
    """(length, SHA-256) of what :func:`read_input` gives (or of a marker for an unreadable file)."""
    try:
        body = read_input(path, READ_LIMIT)
    except OSError as exc:
        body = f"unreadable {exc.errno}".encode()  # normalise will name the fault
    return len(body), hashlib.sha256(body).hexdigest()


Hashes = dict[tuple[str, str], tuple[int, str]]
"""(root, name) -> (length, SHA-256) of every input file."""
Known = dict[tuple[str, str], tuple[Stat, int, int, str]]
"""(root, name) -> (stat, when hashed, length, SHA-256), as the build cache records them."""


def _trusted(seen: Stat | None, was: tuple[Stat, int, int, str] | None) -> bool:
    """Whether a file's recorded hash holds for its stat ``seen`` (the rule above)."""
    return seen is not None and was is not None and was[0] == seen and max(seen[1], seen[3]) < was[1] - MARGIN_NS


def _rehash() -> bool:
    return os.environ.get("TIMELINE_REHASH", "") not in ("", "0")


class Scan:
    """One look at every input file — its stat, taken once, before the build reads anything — and
    the key of their bytes, for everything a build keys by its inputs (the whole run, the dataset,
    the validated events), so that a file edited while the build runs is never keyed as built.

    The stat of every file is taken here and only here. When the stats of all files (and of the
    ledger) are those of an earlier scan whose every hash the rule above trusted, the key is that
    scan's, and the per-file records are not even read (:attr:`snapshot`); otherwise only the
    files whose stat changed are hashed (:meth:`hashes`).
    """

    def __init__(self, roots: Iterable[Path], skip: Path | None = None, ledger: Path | None = None) -> None:
        self.roots = tuple(roots)
        self.started = time.time_ns()  # no later than any hash taken from here on
        self.entries: list[tuple[str, str, str, Stat | None]] = []
        self.ledger = ledger
        self.ledger_stat = path_stat(ledger) if ledger is not None else None
        self.pending = skip is not None and os.path.lexists(skip / NOT_INPUTS[1])
        snapshot = hashlib.sha256(repr((self.ledger_stat, self.pending)).encode())
        complete = ledger is None or self.ledger_stat is not None
        for root in self.roots:
            where = root.as_posix()
            names, paths = _walk(where, root == skip)
            stats = _stats(paths)
            self.entries += [(where, *entry) for entry in zip(names, paths, stats, strict=True)]
            # the digest of the stats in the order the folders list them (another order: another
            # digest, and the files are compared one by one), as cheaply as it can be made
            snapshot.update(f"\0{where}\0".encode() + "\0".join(names).encode())
            complete = complete and None not in stats
            if complete:
                snapshot.update(packed(stats))  # type: ignore[arg-type]
        self.snapshot = snapshot.hexdigest() if complete else None
        """A digest of every stat, or None if a file has none (a link: always read)."""
        self.found: Hashes | None = None
        self.ledger_sha: str | None = None

    def listing(self, folder: Path, suffixes: frozenset[str]) -> list[Path] | None:
        """What :func:`timeline.load.data_files` gives for ``folder`` (a folder of one of the
        roots), from this scan instead of a second walk: its files with one of ``suffixes``, in
        order of their paths; None when the scan cannot tell (a link or anything but a regular
        file under it, which the walk would follow: then walk)."""
        names = self.listed(folder, suffixes)
        return None if names is None else [Path(name) for name in names]

    def listed(self, folder: Path, suffixes: frozenset[str]) -> list[str] | None:
        """:meth:`listing` as path strings (a Path each costs more than the rest of the listing: a
        build that finds most events in its cache makes a Path only for the files it reads)."""
        full = folder.as_posix()
        for where in (r.as_posix() for r in self.roots):
            if full.startswith(f"{where}/"):
                break
        else:
            return None
        inner = full[len(where) + 1 :]
        prefix = f"{inner}/"
        found = []
        for root, name, path, info in self.entries:
            if root != where or not (name == inner or name.startswith(prefix)):
                continue
            if info is None or name == inner:
                return None
            if os.path.splitext(name)[1] in suffixes:
                found.append(path)
        return sorted(found)

    def hashes(self, store: BuildCache | None = None) -> tuple[Hashes, bool]:
        """The hash of every file, from ``store``'s records where the rule allows (the files
        whose stat changed are hashed, and recorded); and whether the rule now trusts every one."""
        known = store.input_files() if store is not None else {}
        rehash = _rehash()
        out: Hashes = {}
        fresh: Known = {}
        trusted = True
        for where, name, path, seen in self.entries:
            was = known.get((where, name))
            if not rehash and _trusted(seen, was):
                assert was is not None
                out[where, name] = was[2], was[3]
                continue
            length, sha = file_hash(path)
            out[where, name] = length, sha
            if seen is not None:
                fresh[where, name] = seen, self.started, length, sha
            trusted = trusted and _trusted(seen, fresh.get((where, name)))
        if self.ledger is not None:
            where, name = self.ledger.parent.as_posix(), self.ledger.name
            was = known.get((where, name))
            if not rehash and _trusted(self.ledger_stat, was):
                assert was is not None
                self.ledger_sha = was[3]
            else:
                self.ledger_sha = ledger_hash(self.ledger)
                if self.ledger_stat is not None:
                    fresh[where, name] = self.ledger_stat, self.started, 0, self.ledger_sha
                trusted = trusted and _trusted(self.ledger_stat, fresh.get((where, name)))
        if store is not None:
            ledger_key = (self.ledger.parent.as_posix(), self.ledger.name) if self.ledger is not None else None
            gone = [key for key in known if key not in out and key != ledger_key and key[0] in self.wheres]
            store.keep_inputs(fresh, gone)
        self.found = out
        return out, trusted and self.snapshot is not None

    @property
    def wheres(self) -> set[str]:
        return {root.as_posix() for root in self.roots}


def path_stat(path: Path | str) -> Stat | None:
    """The stat of the regular file at ``path`` (size, mtime_ns, inode, ctime_ns, device); None if there is none or it is a link."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns, info.st_dev


def ledger_hash(path: Path) -> str:
    """The SHA-256 of the ledger's bytes, all of them ("" if there is none, a marker if unreadable)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"unreadable {exc.errno}"
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):  # a folder, a FIFO: never read (read_ledger names the fault)
        os.close(fd)
        return f"not a regular file {stat.S_IFMT(mode)}"
    with os.fdopen(fd, "rb") as handle:
        try:
            return hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as exc:
            return f"unreadable {exc.errno}"


def hashes(roots: Iterable[Path], store: BuildCache | None = None, skip: Path | None = None) -> Hashes:
    """The hash of every file under ``roots`` (``skip``: the data folder, whose ledger and
    temporary files are not inputs), from ``store``'s stat table where the rule above allows."""
    return Scan(roots, skip).hashes(store)[0]


def key(version: str, roots: Iterable[Path], found: Hashes) -> str:
    """One key of every input's path and bytes: the same bytes give the same key, whatever the stat."""
    h = hashlib.sha256(version.encode())
    for root in roots:
        where = root.as_posix()
        for (place, name), (length, sha) in sorted(item for item in found.items() if item[0][0] == where):
            h.update(f"\0{place}\0{name}\0{length}\0".encode() + bytes.fromhex(sha))
    return h.hexdigest()
