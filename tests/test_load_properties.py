"""Property tests of the loader: whatever the bytes, a value or a LoadError — never a crash."""

from __future__ import annotations

import shutil
import string
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.golden import FIXTURE, NOW
from timeline.build import plan
from timeline.errors import DataError
from timeline.load import MAX_DEPTH, LoadError, load

# The characters that steer YAML's grammar, some digits and letters, and a few hostile ones.
YAMLISH = st.lists(
    st.sampled_from([*":-[]{},&*!|>'\"#?%@`~. \t\n", "\r", "0", "1", "x", "e", "NO", "ệ", "\x00", "\ufeff", "\ud800"]),
    max_size=120,
).map("".join)
LINES = st.lists(
    st.sampled_from(
        [
            "a:",
            "  b: 1",
            "- x",
            "  - y",
            "k: [1, {c: d}]",
            "&a v",
            "*a",
            "? q",
            ": r",
            "'s",
            '"t\\',
            "|",
            "  lit",
            "0x" + "f" * 30,
            "---",
            "...",
            "%YAML 1.2",
            "!!int 5",
            "key: !custom v",
            "\t- tab",
        ]
    ),
    max_size=12,
).map("\n".join)


def plain_values(depth: int = 3) -> st.SearchStrategy[Any]:
    words = st.text(alphabet=string.ascii_letters + " ÀệĐ", min_size=1, max_size=12).filter(lambda s: s.strip() == s)
    leaf = st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12), words)
    return st.recursive(
        leaf,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(words, inner, max_size=4)),
        max_leaves=depth * 6,
    )


def load_text(tmp: Path, text: str, suffix: str = ".yaml") -> Any:
    path = tmp / f"case{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        record, problems = load(path, "case")
    except LoadError as exc:
        refused = exc.problem
    else:
        assert all(line >= 1 for line in record.lines.values())
        assert all(p.path == "case" for p in problems)
        return record.data
    assert refused.path == "case"
    assert refused.line >= 0
    assert "\n" not in refused.message, "one problem, one line"
    return None


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(YAMLISH, LINES))
def test_any_text_loads_or_is_refused(tmp_path: Path, text: str) -> None:
    load_text(tmp_path, text)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(YAMLISH, LINES))
def test_any_toml_loads_or_is_refused(tmp_path: Path, text: str) -> None:
    load_text(tmp_path, text.replace(":", "="), ".toml")


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=plain_values())
def test_values_survive_a_round_trip(tmp_path: Path, value: Any) -> None:
    """What PyYAML writes, the loader reads back as the same value (mappings at the top)."""
    document = {"v": value}
    assert load_text(tmp_path, yaml.safe_dump(document, allow_unicode=True)) == document


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(depth=st.integers(1, 400), flow=st.booleans())
def test_nesting_is_refused_past_the_cap_without_recursion(tmp_path: Path, depth: int, flow: bool) -> None:
    if flow:
        text = "a: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "".join(" " * i + "k:\n" for i in range(depth)) + " " * depth + "x: 1\n"
    data = load_text(tmp_path, text)
    assert (data is None) == (depth + 1 > MAX_DEPTH), "the top mapping is one level, each [ or k: one more"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(YAMLISH, LINES), where=st.sampled_from(["events/2025/x.yaml", "places.yaml", "timeline.yaml"]))
def test_a_whole_build_raises_only_data_errors(tmp_path: Path, text: str, where: str) -> None:
    """Any text in any data file: the in-memory build succeeds or lists problems (DataError)."""
    data = tmp_path / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(FIXTURE, data)
    (data / where).write_text(text, encoding="utf-8", errors="surrogatepass")
    problems = []
    try:
        plan(data, NOW)
    except DataError as exc:
        problems = exc.problems
        assert problems
    assert all("\n" not in p.message for p in problems)
