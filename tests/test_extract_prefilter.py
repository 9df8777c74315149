"""The prefilter of the extraction's regular expressions (timeline/extract/prefilter.py) changes no
answer: for every cue and date rule of every language, the gated pattern finds exactly the matches of
the pattern itself, on the sentences of the gold corpus, on windows of them, and on texts built to
sit at the needles' edges."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from timeline.extract import Gazetteer, extract
from timeline.extract import dates as D
from timeline.extract.prefilter import Gated, first_class, fold, gated, needles
from timeline.extract.reading import sentences
from timeline.extract.rules import load
from timeline.languages import languages
from timeline.normalise import normalise

ROOT = Path(__file__).resolve().parent.parent
BLIND = ("ms-", "id-")  # blind gold splits: never read here


def _texts() -> list[str]:
    yaml = YAML(typ="safe")
    out: list[str] = []
    for folder in ("gold", "articles"):
        for path in sorted((ROOT / "tests" / folder).glob("*.yaml")):
            if path.name.startswith(BLIND):
                continue
            doc = yaml.load(path.read_text(encoding="utf-8"))
            if isinstance(doc, dict) and isinstance(doc.get("text"), str):
                out.append(doc["text"])
    return out


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    """Sentences of the gold corpus and the windows before names that cues read ("ahead of the ")."""
    out: list[str] = []
    for text in _texts():
        for sent in sentences(text):
            out.append(sent.text)
            out.extend(sent.text[max(0, i - 60) : i] for i in range(0, len(sent.text), 29))
    return out


@pytest.fixture(scope="module")
def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every cue of every language and every date rule the engine runs (read from the engine's own
    gates after extracting the corpus, wherever the rules are defined)."""
    gaz = Gazetteer(normalise(ROOT / "data"))
    for text in _texts()[:40]:
        for lang in ("en", "vi"):
            extract(text, gaz, lang=lang)
    found = [(f"{lang}:{name}", cue.pattern) for lang in languages() for name, cue in load(lang).cues.items()]
    found += [
        (f"{lang}:before:{name}", load(lang).before(name).compiled)
        for lang in languages()
        for name in ("ord_before", "ref_before")
    ]
    found += [(f"date:{gate.pattern[:40]}", gate.compiled) for gate in D._GATES.values()]
    assert len(D._GATES) > 10  # the date rules and their "needs" went through the gates
    return found


def _spans(pattern: re.Pattern[str] | Gated, text: str) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    first = pattern.search(text)
    return [m.span() for m in pattern.finditer(text)], first.span() if first else None


def test_gated_patterns_find_what_the_patterns_find(
    patterns: list[tuple[str, re.Pattern[str]]], corpus: list[str]
) -> None:
    filtered = 0
    for name, pattern in patterns:
        gate = gated(pattern)
        for text in corpus:
            assert _spans(gate, text) == _spans(pattern, text), (name, text)
        filtered += gate.needles is not None
    assert filtered > len(patterns) // 2  # most patterns have needles: the filter does work


def test_gated_patterns_with_positions(patterns: list[tuple[str, re.Pattern[str]]], corpus: list[str]) -> None:
    """``search(text, pos, endpos)``, as cues read part of a sentence: the same answers."""
    rng = random.Random(7)  # noqa: S311 - seeded test texts, not secrets
    texts = [t for t in corpus[::5] if len(t) > 20]
    for name, pattern in patterns:
        gate = gated(pattern)
        for text in texts:
            pos = rng.randrange(len(text))
            end = rng.randrange(pos, len(text) + 1)
            found, want = gate.search(text, pos, end), pattern.search(text, pos, end)
            assert (found and found.span()) == (want and want.span()), (name, text, pos, end)
            found, want = gate.search(text, pos), pattern.search(text, pos)
            assert (found and found.span()) == (want and want.span()), (name, text, pos)
            assert gate.sub("#", text) == pattern.sub("#", text)
            assert gate.split(text) == pattern.split(text)
            assert gate.findall(text, pos) == pattern.findall(text, pos)
            assert [m.span() for m in gate.finditer(text, pos, end)] == [
                m.span() for m in pattern.finditer(text, pos, end)
            ]


def test_texts_at_the_edges_of_needles(patterns: list[tuple[str, re.Pattern[str]]]) -> None:
    """Needles cut, doubled, in other cases and between digits and brackets: still the same answers."""
    rng = random.Random(12)  # noqa: S311 - seeded test texts, not secrets
    for name, pattern in patterns:
        gate = gated(pattern)
        pieces = [*(gate.needles or ()), "5", "12", "2025", "/", "-", " ", "(", ")", ",", "of ", "the ", "ſ", "İ"]
        for _ in range(60):
            parts = [rng.choice(pieces) for _ in range(rng.randint(1, 8))]
            text = "".join(p.upper() if rng.random() < 0.2 else p[: rng.randint(1, len(p))] for p in parts)
            assert _spans(gate, text) == _spans(pattern, text), (name, text)


def test_needles_of_simple_patterns() -> None:
    assert needles(re.compile(r"\bbilateral\b|\bheld talks\b")) == (("bilateral", "held talks"), 0)
    assert needles(re.compile(r"(?:was|were) held", re.I)) == (("was held", "were held"), 0)
    # a prefix covers its longer forms; the lead grows by what a covered form has before it
    assert needles(re.compile(r"attended|ended")) == (("ended",), 3)
    assert needles(re.compile(r"\d+ tháng")) == ((" tháng",), None)  # no bound before it: only a filter
    assert needles(re.compile(r"\d+/\d+")) is None  # no literal of two characters or more
    assert needles(re.compile(r"(?:next)?\s*week")) == (("week",), None)
    assert needles(re.compile(r"(a)b\1")) is None  # back references are not read


def test_fold_is_what_ignoring_case_means_to_re() -> None:
    for text, literal in (("ſtate", "state"), ("İn", "in"), ("\u212aelvin", "kelvin"), ("ΣΑΣ", "σας"), ("HỘI", "hội")):
        assert re.fullmatch(literal, text, re.IGNORECASE)
        assert fold(text) == fold(literal), text
        assert gated(re.compile(literal, re.IGNORECASE)).search(f"x {text} y") is not None
    assert len(fold("İİ ab")) == len("İİ ab")


def test_fold_of_every_character_is_one_character() -> None:
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert len(fold(text)) == len(text)


def test_a_text_read_again_gets_the_same_answers() -> None:
    """The gate remembers the whole text it read last (the stages ask one cue of one sentence more
    than once): asked again, in another order, at other positions or of another text, it answers as
    the pattern does."""
    empty = re.compile(r"^\W{0,3}$")  # a fresh gate asked of "" first: "" matches
    assert gated(empty).search("") is not None
    assert [m.span() for m in gated(empty).finditer("")] == [(0, 0)]
    pattern = re.compile(r"held|convened", re.IGNORECASE)
    gate = gated(pattern)
    a = "The ADMM was held in Hanoi, and the ADSOM convened the day before it was held."
    b = "Nothing of the kind is in this sentence, which is long enough to be filtered."
    for text, pos in ((a, 0), (a, 0), (b, 0), (a, 20), (a, 0), (a[1:], 0), (b, 0), (b, 0)):
        for _ in range(2):
            assert [m.span() for m in gate.finditer(text, pos)] == [m.span() for m in pattern.finditer(text, pos)]
            found, want = gate.search(text, pos), pattern.search(text, pos)
            assert (found and found.span()) == (want and want.span())


def test_a_cue_s_needs_changes_no_answer(corpus: list[str]) -> None:
    """A cue's ``needs:`` (lang/*.yaml) is only looked for first: the cue finds what its pattern finds,
    on its examples and on the corpus (a ``needs:`` that some match lacks fails here)."""
    with_needs = [(lang, name, cue) for lang in languages() for name, cue in load(lang).cues.items() if cue.needs]
    assert with_needs  # vi informal_named has one
    for lang, name, cue in with_needs:
        gate = load(lang).re(name)
        for text in (*cue.examples, *cue.counter, *corpus):
            assert _spans(gate, text) == _spans(cue.pattern, text), (lang, name, text)
        for example in cue.examples:
            assert cue.needs.search(example), (lang, name, example)


def test_first_class_of_simple_patterns() -> None:
    """The characters a match can begin with: through optional parts, alternations and zero-width
    assertions; none when a match may be empty or begin with any character."""
    assert first_class(re.compile(r"(?:từ\s+)?(?<!\d)(?P<d>[0-3]?\d)/\d")) == r"[0-3\dt]"
    assert first_class(re.compile(r"\bheld|met", re.IGNORECASE)) == "[hm]"
    assert first_class(re.compile(r"(?i:seventh)?[A-Z]\w+")) == "[A-ZSsſ]"
    assert first_class(re.compile(r"(?:next)?\s*")) is None  # may be empty
    assert first_class(re.compile(r".held")) is None  # any character
    assert first_class(re.compile(r"[^a]b")) is None  # a negated set


def test_ascii_letters_ignoring_case_are_read_as_re_reads_them() -> None:
    """Ignoring case, an ASCII letter stands for the characters re matches it with, and no other."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for ch in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
        want = set(re.findall(f"(?i:{ch})", every))
        assert set(re.findall(first_class(re.compile(f"(?i:{ch})x")) or "", every)) == want, ch


def test_a_pattern_behind_its_first_characters_finds_the_same() -> None:
    for pattern in (
        re.compile(r"(?:sáng\s+)?(?:ngày\s+)?(?<![\d/])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)", re.IGNORECASE),
        re.compile(r"(?:(?i:first|second)\s+)?(?P<name>[A-Z]\w*(?:\s+[A-Z]\w*)*\s+Meeting)"),
    ):
        gate = gated(pattern)
        assert gate.pattern == pattern.pattern
        assert gate.groupindex == pattern.groupindex
        for text in ("Sáng ngày 5/3 và 12/11", "ſecond ASEAN Defence Meeting, FIRST Expert Meeting, 5/3", "x"):
            assert [m.groupdict() for m in gate.finditer(text)] == [m.groupdict() for m in pattern.finditer(text)]
