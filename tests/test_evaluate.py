"""`timeline eval`: the split choices come from the gold files; rows per split and per language."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main
from timeline.evaluate import gold_splits

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "data"

ARTICLE = """\
id: {id}
url: https://example.org/{id}
language: {lang}
published: '2024-11-21'
split: {split}
text: |
  {text}
events:
- series: admm
  ordinal: 18
  start: '2024-11-20'
  end:
  city:
  country:
  status: held
"""

EN = "The 18th ASEAN Defence Ministers' Meeting (ADMM) was held on November 20, 2024."
VI = "Hội nghị Bộ trưởng Quốc phòng các nước ASEAN (ADMM) lần thứ 18 diễn ra ngày 20/11/2024."


def _gold(folder: Path, *articles: tuple[str, str, str, str]) -> Path:
    folder.mkdir()
    for ident, lang, split, text in articles:
        (folder / f"{ident}.yaml").write_text(
            ARTICLE.format(id=ident, lang=lang, split=split, text=text), encoding="utf-8"
        )
    return folder


def _eval(gold: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["eval", str(gold), "--no-baseline", "--data", str(FIXTURE), *args])
    return result.exit_code, result.output


def _rows(out: str) -> dict[str, int]:
    """Each row's label (the first column) and its number of articles."""
    return {
        line[:24].strip(): int(line[24:].split()[0]) for line in out.splitlines() if "|" in line and line[:24].strip()
    }


def test_any_split_named_in_the_gold_files_is_a_choice(tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", ("a", "en", "fresh-split", EN), ("b", "vi", "other", VI))
    assert gold_splits(gold) == ["fresh-split", "other"]
    code, out = _eval(gold, "--split", "fresh-split")
    assert code == 0, out
    assert list(_rows(out)) == ["all", "lang en", "split fresh-split", "split fresh-split, en"]


def test_all_reports_every_split_and_every_language(tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", ("a", "en", "one", EN), ("b", "vi", "two", VI), ("c", "en", "two", EN))
    code, out = _eval(gold)
    assert code == 0, out
    assert _rows(out) == {
        "all": 3,
        "lang en": 2,
        "lang vi": 1,
        "split one": 1,
        "split one, en": 1,
        "split two": 2,
        "split two, en": 1,
        "split two, vi": 1,
    }


def test_a_split_and_a_language_of_the_same_name_keep_their_own_rows(tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", ("a", "en", "vi", EN), ("b", "vi", "one", VI), ("c", "vi", "one", VI))
    code, out = _eval(gold)
    assert code == 0, out
    rows = _rows(out)
    assert (rows["split vi"], rows["lang vi"], rows["lang en"]) == (1, 2, 1)


def test_a_split_no_gold_file_names_is_a_usage_error_listing_the_choices(tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", ("a", "en", "fresh-split", EN))
    code, out = _eval(gold, "--split", "heldout9")
    assert code == 2  # bad usage
    assert "'heldout9' is not a split of" in out
    assert "all, fresh-split" in out


def test_articles_in_a_language_without_rules_are_skipped_and_said(tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", ("a", "en", "one", EN), ("b", "xx", "one", EN))
    code, out = _eval(gold)
    assert code == 0, out
    assert "(skipped 1 gold articles in xx: no extraction rules for that language)" in out
    assert _rows(out) == {"all": 1, "lang en": 1, "split one": 1, "split one, en": 1}
    code, out = _eval(gold, "--split", "one")
    assert code == 0, out
    only = _gold(tmp_path / "only", ("c", "xx", "lone", EN))
    code, out = _eval(only)
    assert code == 1
    assert "in a language with extraction rules" in out


def test_misses_lists_what_each_article_got_wrong_and_why(tmp_path: Path) -> None:
    """--misses names the article and each (series, start) missed or extra, with its kind, and each
    matched candidate whose status is not the gold's."""
    wrong_day = EN.replace("November 20", "November 22")
    no_meeting = "Nothing happened on that day at all."
    tense = EN.replace("was held", "will be held")  # the gold says held: the text says otherwise
    gold = _gold(tmp_path / "gold", ("right", "en", "one", EN), ("day", "en", "one", wrong_day),
                 ("none", "en", "one", no_meeting), ("tense", "en", "one", tense))  # fmt: skip
    code, out = _eval(gold, "--misses")
    assert code == 0, out
    listed = out.split("Misses on (series, start) and status, per article:\n", 1)[1].splitlines()
    assert listed == [
        f"{(gold / 'day.yaml').as_posix()} (en, 2024-11-21, split one)",
        "  missed admm 2024-11-20: its series found, another date",
        "  extra  admm 2024-11-22: a wrong date of a series the gold has",
        f"{(gold / 'none.yaml').as_posix()} (en, 2024-11-21, split one)",
        "  missed admm 2024-11-20: no candidate of its series",
        f"{(gold / 'tense.yaml').as_posix()} (en, 2024-11-21, split one)",
        "  status admm 2024-11-20: gold held, extracted planned",
    ]
    code, out = _eval(_gold(tmp_path / "clean", ("right", "en", "one", EN)), "--misses")
    assert code == 0, out
    assert out.rstrip().endswith("No misses on (series, start) or status.")
    assert "Misses on" not in _eval(gold)[1]


def test_a_gold_file_that_is_not_valid_yaml_is_named_with_its_line_and_what_to_do(tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", ("a", "en", "one", EN))
    bad = gold / "b.yaml"
    bad.write_text("id: b\nlanguage: en\nnote: read as: a key\n", encoding="utf-8")
    code, out = _eval(gold)
    assert code == 1
    assert f"{bad.as_posix()}:3: not valid YAML: mapping values are not allowed here" in out
    assert "quote a value that holds ': '" in out
    assert "Traceback" not in out
