"""Sources that respect copyright: full texts only where full_text allows, quotes checked
against the local cache otherwise, and the published data's quotes checked against the gold corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from tests.conftest import REPO
from tests.gold_cache import fill, gold_articles
from timeline import cache
from timeline.cli import main
from timeline.errors import DataError
from timeline.normalise import normalise


def _load(path: Path) -> dict[str, object]:
    data: dict[str, object] = YAML(typ="safe").load(path.read_text("utf-8"))
    return data


SOURCE = "sources/fixture-article.yaml"
FULL_TEXT = "full_text:\n  publishers: [Fixture News]\n  licences: [CC0-1.0]\n"
URL = "https://news.example.org/articles/fixture?id=1&lang=vi"


def _config(data: Path, old: str, new: str) -> None:
    path = data / "timeline.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def _uncommit(data: Path) -> str:
    """Turn the fixture's article into a third-party source: no file, its text only cached."""
    text = (data / "sources/fixture-article.txt").read_text("utf-8")
    (data / "sources/fixture-article.txt").unlink()
    path = data / SOURCE
    path.write_text(path.read_text("utf-8").replace("file: fixture-article.txt\n", ""), "utf-8")
    return text


def _problems(data: Path, cache_dir: Path | None = None) -> list[str]:
    with pytest.raises(DataError) as exc:
        normalise(data, data.as_posix(), cache_dir)
    return [str(p) for p in exc.value.problems if not p.warning]


def _line(data: Path, file: str, marker: str) -> int:
    lines = (data / file).read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if marker in line)


def test_a_cleared_publisher_keeps_its_text(data_copy: Path) -> None:
    source = normalise(data_copy).sources["fixture-article"]
    assert source.file == "fixture-article.txt"
    assert source.text
    assert source.origin == "fixture-article.txt"


def test_a_text_the_config_does_not_clear_is_refused(data_copy: Path) -> None:
    _config(data_copy, "publishers: [Fixture News]", "publishers: [Other News]")
    line = _line(data_copy, SOURCE, "file:")
    [problem] = _problems(data_copy)
    assert problem.startswith(f"{data_copy.as_posix()}/{SOURCE}:{line}: file: 'fixture-article.txt': ")
    assert "publisher 'Fixture News'" in problem
    assert "full_text" in problem


@pytest.mark.parametrize(
    ("policy", "source_extra"),
    [
        ("full_text:\n  sources: [fixture-article]\n", ""),
        ("full_text:\n  licences: [CC-BY-4.0]\n", "licence: cc-by-4.0\n"),
        ("full_text:\n  publishers: [fixture news]\n", ""),
    ],
)
def test_full_text_clears_by_id_licence_or_publisher(data_copy: Path, policy: str, source_extra: str) -> None:
    _config(data_copy, FULL_TEXT, policy)
    path = data_copy / SOURCE
    path.write_text(path.read_text("utf-8") + source_extra, "utf-8")
    assert normalise(data_copy).sources["fixture-article"].text


def test_without_full_text_no_text_is_committed(data_copy: Path) -> None:
    _config(data_copy, FULL_TEXT, "")
    assert any(": file: 'fixture-article.txt': " in p for p in _problems(data_copy))


def test_full_text_unknown_key(data_copy: Path) -> None:
    _config(data_copy, "  publishers: [Fixture News]", "  publisher: [Fixture News]")
    line = _line(data_copy, "timeline.yaml", "publisher:")
    assert any(
        p.startswith(f"{data_copy.as_posix()}/timeline.yaml:{line}: full_text.publisher: ")
        for p in _problems(data_copy)
    )


def test_a_stray_text_is_refused(data_copy: Path) -> None:
    (data_copy / "sources/copied-article.txt").write_text("Someone else's article.", "utf-8")
    [problem] = _problems(data_copy)
    assert problem.startswith(
        f"{data_copy.as_posix()}/sources/copied-article.txt: is not the text (file:) of any source"
    )


def test_uncommitted_text_quotes_are_checked_against_the_cache(data_copy: Path, tmp_path: Path) -> None:
    text = _uncommit(data_copy)
    store = tmp_path / "cache"
    # No cached text: valid, but nothing to check the quotes against.
    assert normalise(data_copy, None, store).sources["fixture-article"].text == ""
    cached = cache.article_paths(store, URL)[0]
    cached.parent.mkdir(parents=True)
    cached.write_text(text, "utf-8")
    source = normalise(data_copy, None, store).sources["fixture-article"]
    assert (source.text, source.origin, source.file) == (text, cached.as_posix(), None)
    # A cached text that lacks a quote is reported at the quote, naming the cached file.
    cached.write_text(text.replace("ADMM+ lần thứ 12", "ADMM+ lần thứ 13"), "utf-8")
    event = "events/2025/2025-11-admm-plus-12.yaml"
    line = _line(data_copy, event, "quote:")
    problems = _problems(data_copy, store)
    assert f"{data_copy.as_posix()}/{event}:{line}: sources.0.quote: " in problems[0]
    assert f"does not occur in {cached.as_posix()}" in problems[0]


def test_a_source_needs_a_url_without_its_text(data_copy: Path) -> None:
    _uncommit(data_copy)
    path = data_copy / SOURCE
    path.write_text(path.read_text("utf-8").replace(f"url: {URL}\n", ""), "utf-8")
    assert any(
        p.startswith(f"{data_copy.as_posix()}/{SOURCE}:1: url: a source needs its url") for p in _problems(data_copy)
    )


def test_check_notes_unchecked_quotes_only_when_there_are_some(data_copy: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "cache"
    args = ["check", "--data", str(data_copy), "--cache", str(store)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert "note:" not in result.output
    text = _uncommit(data_copy)
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert "note: the quotes of 1 source (fixture-article) were not checked" in result.output
    cached = cache.article_paths(store, URL)[0]
    cached.parent.mkdir(parents=True)
    cached.write_text(text, "utf-8")
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert "note:" not in result.output


def test_extract_write_caches_a_text_it_may_not_commit(data_copy: Path, tmp_path: Path) -> None:
    article = tmp_path / "adsom.txt"
    article.write_text("Ngày 2/8, Hội nghị ADSOM+ đã diễn ra tại Jakarta, Indonesia.\n", encoding="utf-8")
    _config(data_copy, "publishers: [Fixture News]", "publishers: []\n  sources: [fixture-article]")
    url = "https://news.example.org/adsom"
    args = ["extract", str(article), "--published", "2023-08-02", "--url", url, "--write", "--data", str(data_copy)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (data_copy / "sources").glob("*.txt")) == ["fixture-article.txt"]
    cached = cache.article_paths(cache.root(data_copy), url)[0]
    assert cached.read_text("utf-8") == article.read_text("utf-8")
    new = [p for p in (data_copy / "sources").glob("*.yaml") if p.stem != "fixture-article"]
    assert [_load(p).get("file") for p in new] == [None]
    # Without a URL there is nowhere to keep that text: a clear error, nothing written.
    other = tmp_path / "adsom-2.txt"
    other.write_text("Ngày 3/8, Hội nghị ADSOM+ đã diễn ra tại Manila, Philippines.\n", encoding="utf-8")
    before = sorted(p.name for p in (data_copy / "sources").iterdir())
    result = CliRunner().invoke(main, ["extract", str(other), *args[2:4], "--write", "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "url: " in result.output
    assert "give --url" in result.output
    assert sorted(p.name for p in (data_copy / "sources").iterdir()) == before


def test_published_quotes_occur_in_the_gold_texts(tmp_path: Path) -> None:
    """Every quote of the published data whose article is in the gold corpus occurs in it (CI has
    no cache: the gold corpus's excerpts stand in for the fetched texts)."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    store = tmp_path / "cache"
    fill(store)
    ds = normalise(data, "data", store)  # raises on any quote not in its text
    gold = gold_articles()
    for source in ds.sources.values():
        if source.url in gold and source.file is None:
            assert source.text == gold[source.url], source.id


def test_gold_cache_fills_by_url_and_keeps_a_fetched_copy(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    article = "id: a\nurl: https://news.example.org/a\nlanguage: en\ntext: The ADMM met.\nevents: []\n"
    (gold / "a.yaml").write_text(article, "utf-8")
    (gold / "b.yaml").write_text("id: b\nurl: null\nlanguage: en\ntext: No URL.\nevents: []\n", "utf-8")
    store = tmp_path / "cache"
    assert fill(store, gold) == 1
    path = cache.article_paths(store, "https://news.example.org/a")[0]
    assert path.read_text("utf-8") == "The ADMM met."
    path.write_text("The fetched, fuller text. The ADMM met.", "utf-8")
    assert fill(store, gold) == 0
    assert path.read_text("utf-8").startswith("The fetched")
