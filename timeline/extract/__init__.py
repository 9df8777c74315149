"""News article → candidate events (`timeline extract`), and merging them into ``data/``.

Stages, each a module (the engine reads an article with the rules of its language only):

reading      HTML → text; sentences with character offsets
rules        the language's words and cues, from lang/<code>.yaml (with the examples they must find)
gazetteer    series, places, countries and demonyms, from the data's gazetteers
mentions     the meetings a sentence names, known (series.yaml, its relations) or not (a proposed slug)
anaphora     "the retreat", "hội nghị": the meeting the article named last
dates        date phrases (grammar: the rules of lang/*.yaml) → :class:`~timeline.extract.when.Mention`
resolve      mentions → EDTF, the year from the published day, the article, or unknown (XXXX)
pairing      which date belongs to which meeting (bounded windows: linear time)
status       planned / held / postponed / cancelled from the sentence's cues
venue        the venue of a meeting; datelines (their date is the publication day)
bilaterals   bilateral meetings on the sidelines: one per counterpart, part_of the main meeting
consolidate  one article's candidates as a whole: ordinals, merging mentions of one event
events       the stages in order; weights: every scoring weight; candidate: the JSON shape
merge        `--write` / review: cite the article on an event it matches, or make it more precise
create       new event files and proposed series

The public API is :func:`extract` (and :class:`Extraction`, :class:`Candidate`, :class:`Gazetteer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from timeline.extract.events import Candidate, Options, extract_text
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.reading import read_text
from timeline.extract.rules import load as load_rules
from timeline.languages import languages

__all__ = ["Candidate", "Extraction", "Gazetteer", "detect_language", "extract"]


@dataclass(frozen=True)
class Extraction:
    """What one article yields: its text (markup stripped) and the candidate events in it."""

    name: str
    text: str
    lang: str
    published: date | None
    candidates: tuple[Candidate, ...]

    def as_dict(self) -> dict[str, object]:
        return {"file": self.name, "events": [c.as_dict() for c in self.candidates]}


def detect_language(text: str) -> str:
    """The language whose ``detect:`` marks (lang/<code>.yaml) are the largest share of the text's
    letters above that file's threshold; else the file marked ``fallback: true``."""
    letters = sum(1 for ch in text if ch.isalpha()) or 1
    best, best_share = None, 0.0
    fallback = None
    for lang in languages():
        how = load_rules(lang).detect
        if how.fallback and fallback is None:
            fallback = lang
        if how.marks is None:
            continue
        share = len(how.marks.findall(text)) / letters
        if share > how.share and share > best_share:
            best, best_share = lang, share
    return best or fallback or languages()[0]


def extract(
    raw: str, gazetteer: Gazetteer, *, name: str = "-", lang: str = "auto", published: date | None = None
) -> Extraction:
    """Read ``raw`` (plain text or HTML) and propose the dated events it reports."""
    text = read_text(raw)
    language = detect_language(text) if lang == "auto" else lang
    candidates = extract_text(text, gazetteer, Options(language, published))
    return Extraction(name, text, language, published, tuple(candidates))
