"""The cache folder's location rules (timeline/cache.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import cache


def test_cache_sits_beside_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENV, raising=False)
    assert cache.root(tmp_path / "data") == tmp_path.resolve() / ".timeline-cache"


def test_env_and_override_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "env"))
    assert cache.root(tmp_path / "data") == tmp_path / "env"
    assert cache.root(tmp_path / "data", tmp_path / "flag") == tmp_path / "flag"


def test_article_paths_are_keyed_by_url(tmp_path: Path) -> None:
    text, meta = cache.article_paths(tmp_path, "https://example.org/a")
    other, _ = cache.article_paths(tmp_path, "https://example.org/b")
    assert text.parent == tmp_path / "articles"
    assert text.suffix == ".txt"
    assert meta.suffix == ".json"
    assert text != other
