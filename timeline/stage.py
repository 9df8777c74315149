"""Changes to ``data/`` as one transaction: stage, validate the resulting folder, then commit.

Used by ``extract --write`` and ``review --accept``. Staged files are validated on a copy of
the data folder with the changes applied (``timeline check`` exactly), then each is written to
a temporary file beside its target and renamed into place; if anything fails before every
rename is done, the files already replaced are put back and new ones removed. A refused
transaction leaves ``data/`` byte-identical.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from timeline.errors import DataError, TimelineError
from timeline.model import Dataset
from timeline.normalise import normalise


class Stage:
    def __init__(self, root: Path, cache: Path | None = None) -> None:
        self.root = root
        self.cache = cache  # the local cache, where texts that may not be committed are kept
        self.files: dict[Path, bytes] = {}  # relative path -> new content

    def _rel(self, path: Path) -> Path:
        return path.relative_to(self.root) if path.is_absolute() or path.parts[:1] == self.root.parts[:1] else path

    def write(self, path: Path, text: str) -> None:
        self.files[self._rel(path)] = text.encode("utf-8")

    def exists(self, path: Path) -> bool:
        rel = self._rel(path)
        return rel in self.files or (self.root / rel).exists()

    def read_text(self, path: Path) -> str:
        rel = self._rel(path)
        if rel in self.files:
            return self.files[rel].decode("utf-8")
        return (self.root / rel).read_text(encoding="utf-8")

    def changed(self) -> list[str]:
        """The staged files whose bytes differ from what is on disk, relative to the data folder."""
        out = []
        for rel, data in sorted(self.files.items()):
            target = self.root / rel
            if not target.is_file() or target.read_bytes() != data:
                out.append(rel.as_posix())
        return out

    def validate(self, shown_root: str | None = None, *, build_at: datetime | None = None) -> Dataset:
        """The data folder as it would be after commit, validated; raises DataError.

        With ``build_at``, exactly as ``timeline check`` does: the whole build in memory, the
        ledger included, so that what is committed also builds."""
        shown = shown_root if shown_root is not None else self.root.as_posix()
        with tempfile.TemporaryDirectory(prefix="timeline-stage-") as tmp:
            copy = Path(tmp) / "data"
            shutil.copytree(self.root, copy, symlinks=True, ignore=shutil.ignore_patterns(".*.tmp"))
            for rel, data in self.files.items():
                target = copy / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            if build_at is None:
                return normalise(copy, shown, self.cache)
            from timeline.build import plan  # noqa: PLC0415 - the renderers, only for the final check

            return plan(copy, build_at, shown, cache=self.cache).dataset

    def commit(self) -> list[str]:
        """Write every changed file (temp file + rename); all or nothing. The files written."""
        changed = self.changed()
        backups: dict[Path, bytes | None] = {}
        temps: list[tuple[Path, Path]] = []
        made: list[Path] = []  # folders this commit created, removed again on failure
        try:
            for name in changed:
                target = self.root / name
                missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
                target.parent.mkdir(parents=True, exist_ok=True)
                made += missing
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(self.files[Path(name)])
                temps.append((Path(tmp), target))
            for tmp_path, target in temps:
                old = target.read_bytes() if target.is_file() else None
                os.replace(tmp_path, target)
                backups[target] = old
        except OSError as exc:
            for target, old in backups.items():
                if old is None:
                    target.unlink(missing_ok=True)
                else:
                    target.write_bytes(old)
            for leftover, _target in temps:
                leftover.unlink(missing_ok=True)
            for folder in sorted(set(made), key=lambda p: len(p.parts), reverse=True):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            where = str(getattr(exc, "filename", None) or self.root)
            raise TimelineError(
                f"{where}: {exc.strerror or exc}; nothing was written (every file is as it was)"
            ) from None
        return changed


__all__ = ["DataError", "Stage"]
