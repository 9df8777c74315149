"""The rules of one language, read from ``timeline/extract/lang/<code>.yaml``.

A language file holds words (months, weekdays, ordinal words, the words that name a related
series, relative weeks) and cues: regular expressions with the examples they must find and the
texts they must not (tests/test_extract_lang.py runs every one). ``{ordinals}``, ``{counts}`` and ``{agency}``
in a pattern stand for the alternation of the ordinal words and the agency cue. A file may start
from a close language's (``base: <code>``, as Indonesian does from Malay): it then replaces that
file's words, cues and dates one by one and keeps the rest. Adding a language is adding a file; the
engine applies the rules of the article's language only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from re import Pattern
from typing import Any

from ruamel.yaml import YAML

from timeline.extract.gazetteer import fold as _fold
from timeline.extract.prefilter import Gated, gated
from timeline.languages import COMMON, languages, rules_file

CUES = (
    "cancelled", "postponed", "planned", "neutral", "held", "ref_before", "prep_cue", "prep_before",
    "prep_named", "other_after", "trip", "to_attend", "travel", "founded_name", "long_form", "founded_date", "chair_term", "delegation",
    "trip_scope", "sideline", "bilateral_strong", "bilateral_weak", "bilateral_object_end", "venue_before", "building_before",
    "city_country", "online", "list_gap", "respectively", "end_before", "anaphor", "numbered_anaphor", "ord_before", "ord_after",
    "agency", "dateline", "acronym", "unknown_meeting", "unknown_topic", "informal_with", "year_span_before",
    "year_past", "year_named", "year_document_after", "year_document_before", "date_opening_before",
    "date_opening_after", "subject_before", "verb_before_date",
    "list_ordinal",
)  # fmt: skip
# cues a language may leave out (a new language file need not have them): a missing one never matches
OPTIONAL_CUES = (
    "right_after",
    "chair_before",
    "between",
    "duration",
    "duration_before",
    "partner_join",
    "partner_before",
    "within_before",
    "area_after",
    "at_meeting",
    "bilateral_other_office",
    "bilateral_other_host",
    "bilateral_topic",
    "bilateral_person",
    "both_sides",
    "group_before",
    "exercise_word",
    "exercise_owner",
    "exercise_part_before",
    "three_sides",
    "informal_named",
    "founded_after",
    "informal_among",
    "informal_met",
    "name_filler",
    "joint_join",
    "joint_after",
    "joint_before",
    "joint_met",
    "joint_of",
    "year_clock_after",
    "year_named_after",
    "org_long_form",
    "subclause",
    "ref_after",
    "group_inside",
    "edition_year_before",
    "edition_year_after",
    "report_before",
    "report_after",
    "and_word",
    "date_closing_after",
    "held_clause",
    "attend_window",
    "bloc_met",
    "visit_verb",
    "anniversary_before",
    "year_bracket_after",
    "signed_at",
    "counterpart_word",
    "lasting",
)
_NEVER = re.compile("(?!)")


class RulesError(ValueError):
    """A language file that is missing or malformed (a packaging error, not the user's data)."""


@dataclass(frozen=True)
class Cue:
    name: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()
    needs: re.Pattern[str] | None = None  # every match contains a match of it (speed: a cheap look first)


@dataclass(frozen=True)
class Detect:
    """How `--lang auto` recognises the language: ``marks`` (letters or words) making up more than
    ``share`` of the text's letters; the ``fallback`` language when no file's marks do."""

    marks: re.Pattern[str] | None = None
    share: float = 0.0
    fallback: bool = False


@dataclass(frozen=True)
class Rules:
    lang: str
    ordinals: dict[str, int]
    subseries: dict[str, str]
    cues: dict[str, Cue] = field(default_factory=dict)
    title_ordinal: str = "{short} {n}"
    ordinal_suffixes: dict[str, str] = field(default_factory=dict)
    detect: Detect = field(default_factory=Detect)
    parties: dict[int, str] = field(default_factory=dict)  # 3: "trilateral": a meeting of that many countries
    # a meeting's name words in English ("đối thoại": "dialogue"), for the slug of a meeting series.yaml
    # lacks; ``head_first``: the language puts a name's head first ("Đối thoại Chiến lược" is "strategic dialogue")
    name_words: dict[str, str] = field(default_factory=dict)
    head_first: bool = False
    # number words that count ("three days"), where they are not ordinals too (Vietnamese "ba" is both)
    counts: dict[str, int] = field(default_factory=dict)
    # a bare noun of the ``anaphor`` cue that refers only to a series of its kind: the word (lower case)
    # and a part of the series key ("retreat": "retreat", "triển lãm": "expo")
    anaphor_kinds: dict[str, str] = field(default_factory=dict)
    # the head word of a name the gazetteer lacks that says its kind, and a part of that kind's series key
    # ("Indo Defence 2022 Expo & Forum": "expo", the one series whose key has it)
    name_kinds: dict[str, str] = field(default_factory=dict)
    # the name (as the gazetteer knows it) of the meeting the ``bloc_met`` cue describes by who meets
    # ("ASEAN defence ministers met in Vientiane": the ASEAN Defence Ministers' Meeting)
    bloc_meeting: str = ""
    # the name of the series the ``visit_verb`` cue tells of ("Defense Secretary Teodoro will visit Vietnam": a
    # defence visit)
    visit_meeting: str = ""
    # the name of the series of a meeting's anniversary (the ``anniversary_before`` cue: "the 10th anniversary of
    # the ADMM-Plus, which will be held on Thursday" is a commemoration, not the ADMM-Plus)
    anniversary_meeting: str = ""
    gates: dict[str, Gated] = field(default_factory=dict, compare=False, repr=False)

    def numbered(self, short: str, n: int) -> str:
        """ "12th ADMM-Plus", "ADMM+ lần thứ 12": a title with its number, as the language writes it."""
        digits = str(n)
        ending = max((e for e in self.ordinal_suffixes if digits.endswith(e)), key=len, default=None)
        suffix = self.ordinal_suffixes[ending] if ending is not None else ""
        return self.title_ordinal.format(short=short, n=n, suffix=suffix)

    def re(self, name: str) -> Gated:
        """The cue's pattern, answering at once for a text without its needles (:mod:`prefilter`)."""
        gate = self.gates.get(name)
        if gate is None:
            cue = self.cues[name]
            gate = self.gates[name] = gated(cue.pattern, cue.needs)
        return gate

    def before(self, name: str) -> Gated:
        """A cue that reads the text before a name (ending in ``$``), without the anchor: run once over
        a sentence, its match ends say where such a context ends (prefiltered as the cue is)."""
        key = f"{name}$"
        gate = self.gates.get(key)
        if gate is None:
            cue = self.cues[name]
            gate = self.gates[key] = gated(_unanchored(self.lang, name, cue.pattern), cue.needs)
        return gate

    def subseries_re(self) -> Pattern[str]:
        """ "(ADMM) Retreat", "ADSOM mở rộng": a related series' word right after a name."""
        found = self.gates.get(" subseries")
        if found is None:
            found = self.gates[" subseries"] = gated(_subseries(self.lang, tuple(self.subseries)))
        return found.compiled


@cache
def _unanchored(lang: str, name: str, pattern: re.Pattern[str]) -> re.Pattern[str]:
    del lang, name  # the cache key
    return re.compile(pattern.pattern.removesuffix("$"), pattern.flags)


@cache
def _subseries(lang: str, words: tuple[str, ...]) -> re.Pattern[str]:
    del lang
    alternation = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) or "(?!)"
    return re.compile(rf"\s*(?:\([^()]{{1,40}}\))?\s*(?P<w>{alternation})(?!\w)")


@cache
def read(lang: str) -> dict[str, Any]:
    """The parsed file ``lang/<lang>.yaml`` (read once per process), over its ``base:`` language's
    when it names one: its own words, cues and date fragments replace the base's one by one, its
    date rules replace the base's rule of the same name (the others are kept, in the base's order)."""
    return _read(lang, ())


def _read(lang: str, seen: tuple[str, ...]) -> dict[str, Any]:
    path = rules_file(lang)
    if not path.is_file():
        raise RulesError(f"no extraction rules for language {lang!r}; known: {', '.join(languages())}")
    data: Any = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise RulesError(f"lang/{lang}.yaml: not a mapping of sections (words, cues, dates)")
    base = data.get("base")
    if base is None:
        return data
    if base in (*seen, lang) or base == COMMON:
        raise RulesError(f"lang/{lang}.yaml: base: {base!r} is not a language to start from (a loop, or common)")
    under = _read(str(base), (*seen, lang))
    merged = {**under, **{k: v for k, v in data.items() if k not in {"words", "cues", "dates"}}}
    for part in ("words", "cues"):
        merged[part] = {**(under.get(part) or {}), **(data.get(part) or {})}
    dates_under, dates_own = under.get("dates") or {}, data.get("dates") or {}
    own_rules = {str(r.get("name")): r for r in dates_own.get("rules") or [] if isinstance(r, dict)}
    rules = [own_rules.pop(str(r.get("name")), r) for r in dates_under.get("rules") or [] if isinstance(r, dict)]
    merged["dates"] = {
        **dates_under,
        **{k: v for k, v in dates_own.items() if k not in {"fragments", "rules"}},
        "fragments": {**(dates_under.get("fragments") or {}), **(dates_own.get("fragments") or {})},
        "rules": [*rules, *own_rules.values()],
    }
    return merged


@cache
def load(lang: str) -> Rules:
    """The compiled rules of ``lang`` (read once per process)."""
    if lang == COMMON:
        raise RulesError(f"no extraction rules for language {lang!r}; known: {', '.join(languages())}")
    data = read(lang)
    words = data.get("words") or {}
    ordinals = {str(k): int(v) for k, v in (words.get("ordinals") or {}).items()}
    raw_cues = data.get("cues") or {}
    missing = [name for name in CUES if name not in raw_cues]
    if missing:
        raise RulesError(f"lang/{lang}.yaml: cues missing: {', '.join(missing)}")
    counts = {str(k): int(v) for k, v in (words.get("counts") or {}).items()}
    ordinal_alt = "|".join(re.escape(w) for w in sorted(ordinals, key=lambda w: (-len(w), w))) or "(?!)"
    count_alt = "|".join(re.escape(w) for w in sorted(counts, key=lambda w: (-len(w), w))) or "(?!)"
    agency = str(raw_cues["agency"]["pattern"])
    cues: dict[str, Cue] = {}
    for name, spec in raw_cues.items():
        source = (
            str(spec["pattern"])
            .replace("{ordinals}", ordinal_alt)
            .replace("{counts}", count_alt)
            .replace("{agency}", agency)
        )
        flags = 0 if spec.get("case") else re.IGNORECASE
        try:
            pattern = re.compile(source, flags | re.MULTILINE if name == "dateline" else flags)
            needs = re.compile(str(spec["needs"]), flags) if spec.get("needs") else None
        except re.error as exc:
            raise RulesError(f"lang/{lang}.yaml: cues.{name}: not a regular expression ({exc})") from None
        cues[str(name)] = Cue(
            str(name),
            pattern,
            tuple(str(e) for e in spec.get("examples") or ()),
            tuple(str(e) for e in spec.get("not") or ()),
            needs,
        )
    for name in OPTIONAL_CUES:
        cues.setdefault(name, Cue(name, _NEVER))
    return Rules(
        lang,
        ordinals,
        {str(k): str(v) for k, v in (words.get("subseries") or {}).items()},
        cues,
        str(words.get("title_ordinal") or "{short} {n}"),
        {str(k): str(v) for k, v in (words.get("ordinal_suffixes") or {}).items()},
        _detect(lang, data.get("detect") or {}),
        {int(k): str(v) for k, v in (words.get("parties") or {}).items()},
        {" ".join(_fold(str(k)).split()): str(v or "") for k, v in (words.get("name_words") or {}).items()},
        bool(words.get("head_first")),
        counts,
        {" ".join(str(k).lower().split()): str(v) for k, v in (words.get("anaphor_kinds") or {}).items()},
        {" ".join(_fold(str(k)).split()): str(v) for k, v in (words.get("name_kinds") or {}).items()},
        str(words.get("bloc_meeting") or ""),
        str(words.get("visit_meeting") or ""),
        str(words.get("anniversary_meeting") or ""),
    )


def _detect(lang: str, spec: dict[str, Any]) -> Detect:
    marks = spec.get("marks")
    try:
        pattern = re.compile(str(marks), re.IGNORECASE) if marks else None
    except re.error as exc:
        raise RulesError(f"lang/{lang}.yaml: detect.marks: not a regular expression ({exc})") from None
    return Detect(pattern, float(spec.get("share") or 0.0), bool(spec.get("fallback")))
